/**
 * A rejected row's reason in the reader's language. The import speaks both in one text where it
 * can ("… ／ …は必須です"): the side of the page's language is shown. The core schemas' own
 * messages are said as the forms say them, a few English-only reasons of the import again in
 * Japanese; any other is shown as the import gave it.
 */
import type ja from '../../i18n/ja.json';
import { keyOfCoreMessage } from './field-errors.ts';

type MessageKey = keyof typeof ja;

export interface ReasonText {
  key?: MessageKey;
  values?: Record<string, string>;
  text: string;
}

const SEPARATOR = ' ／ ';

export function reasonIn(language: 'ja' | 'en', reason: string): ReasonText {
  const at = reason.indexOf(SEPARATOR);
  if (at >= 0)
    return { text: language === 'ja' ? reason.slice(at + SEPARATOR.length) : reason.slice(0, at) };
  const known = keyOfCoreMessage(reason);
  if (known !== null) return { key: known, text: reason };
  if (language === 'en') return { text: reason };
  const unknown = /^unknown ([a-z-]+) "(.*)"$/.exec(reason);
  if (unknown)
    return {
      key: 'forms2.import.reason.unknown',
      values: { value: unknown[2] ?? '' },
      text: reason,
    };
  const duplicate = /^duplicate of row (\d+)/.exec(reason);
  if (duplicate)
    return {
      key: 'forms2.import.reason.duplicate',
      values: { row: duplicate[1] ?? '' },
      text: reason,
    };
  if (/must not be negative/.test(reason))
    return { key: 'forms2.import.reason.negative', text: reason };
  const option = /^Invalid option: expected one of (.+)$/.exec(reason);
  if (option)
    return {
      key: 'connectorDetect.reason.invalidOption',
      values: { options: (option[1] ?? '').split('|').join('、') },
      text: reason,
    };
  return { text: reason };
}

/**
 * Why a connector left a record out, in the reader's language: the answer gives it in English and
 * in Japanese (`reasonJa`), with its code.
 */
export function skippedReasonIn(
  language: 'ja' | 'en',
  skipped: { reason: string; reasonJa?: string },
): string {
  return language === 'ja' && skipped.reasonJa ? skipped.reasonJa : skipped.reason;
}
