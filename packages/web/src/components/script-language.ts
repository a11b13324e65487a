const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * `ja` for a proper noun written in Japanese (an organisation's or a programme's name), so that
 * the English view marks it as Japanese text (`lang`) for screen readers and the language checks.
 */
export function scriptLanguage(text: string): 'ja' | undefined {
  return JAPANESE.test(text) ? 'ja' : undefined;
}
