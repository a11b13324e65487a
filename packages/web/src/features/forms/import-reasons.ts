import { ApiError } from '../../api/client.ts';

/**
 * Why a connector left a record out, in the reader's language: the answer gives it in English and
 * in Japanese (`reasonJa`), with its code. A file's rejected rows are said by their codes
 * (`#core/import-reasons.ts`); an upload refused before any check by the page's own words.
 */
export function skippedReasonIn(
  language: 'ja' | 'en',
  skipped: { reason: string; reasonJa?: string },
): string {
  return language === 'ja' && skipped.reasonJa ? skipped.reasonJa : skipped.reason;
}

/** Why an upload was not checked at all, in the page's words (the server's limits on uploads). */
export type UploadProblemKey =
  | 'forms2.import.fileEmpty'
  | 'forms2.import.fileTooLarge'
  | 'forms2.import.fileFormat'
  | 'forms2.import.busy';

/** The server's limit on an upload (contract: at most 20 MiB). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

const OWN_FORMATS = /\.(csv|txt|xlsx|json|ndjson|jsonl)$/i;

/** Why a chosen file cannot be checked, known before sending it; null when it may be sent. */
export function fileProblem(
  file: { name: string; size: number },
  ownColumns: boolean,
): UploadProblemKey | null {
  if (file.size === 0) return 'forms2.import.fileEmpty';
  if (file.size > MAX_UPLOAD_BYTES) return 'forms2.import.fileTooLarge';
  if (ownColumns && !OWN_FORMATS.test(file.name)) return 'forms2.import.fileFormat';
  return null;
}

/** The server's refusal of an upload, by its status (its own detail is in English). */
export function answerProblem(error: unknown): UploadProblemKey | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 413) return 'forms2.import.fileTooLarge';
  if (error.status === 415) return 'forms2.import.fileFormat';
  if (error.status === 429) return 'forms2.import.busy';
  return null;
}
