/**
 * Why a connector left a record out, in the reader's language: the answer gives it in English and
 * in Japanese (`reasonJa`), with its code. A file's rejected rows are said by their codes
 * (`#core/import-reasons.ts`).
 */
export function skippedReasonIn(
  language: 'ja' | 'en',
  skipped: { reason: string; reasonJa?: string },
): string {
  return language === 'ja' && skipped.reasonJa ? skipped.reasonJa : skipped.reason;
}
