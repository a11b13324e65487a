/**
 * Anonymous digest of a need (匿名ダイジェスト): what a seed owner needs to decide whether to
 * express interest, without what identifies the requester. Removes the names given (the owner,
 * its partners), anything written with a legal form (株式会社○○, ○○(株)), prefecture and
 * municipality names, numbers (years since founding, headcounts, budgets), e-mail addresses,
 * URLs and phone numbers. Pure.
 */
import { MUNICIPALITIES, PREFECTURES } from '#core/geo.ts';
import { normalizeText } from './normalize.ts';

export const REDACTED_NAME = '［非公開］';
export const REDACTED_PLACE = '［地域］';
export const REDACTED_NUMBER = '○';

export interface DigestSource {
  readonly title: string;
  readonly description?: string;
  readonly keywords: readonly string[];
}

export interface AnonymousText {
  readonly title: string;
  readonly summary: string;
  readonly keywords: string[];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function alternation(words: Iterable<string>): RegExp | undefined {
  const list = [...new Set(words)].filter((w) => w.length >= 2).sort((a, b) => b.length - a.length);
  return list.length === 0 ? undefined : new RegExp(list.map(escape).join('|'), 'gu');
}

/** Municipality stems that are also ordinary words in technical text (清水 = clean water). */
const COMMON_WORD_STEMS = new Set(['中央', '清水', '平和', '朝日', '大和', '本町', '新町', '長野']);

/** Names and stems (高松市 → 高松, so 高松工場 is caught); ward stems are too generic. */
const PLACE_PATTERN = alternation([
  ...PREFECTURES.flatMap((p) => [p.name, p.shortName.length >= 2 ? p.shortName : p.name]),
  ...MUNICIPALITIES.flatMap((m) => {
    const stem = m.name.replace(/[市町村]$/u, '');
    return stem !== m.name && stem.length >= 2 && !COMMON_WORD_STEMS.has(stem)
      ? [m.name, stem]
      : [m.name];
  }),
]);

const LEGAL =
  '株式会社|有限会社|合同会社|合資会社|合名会社|一般社団法人|一般財団法人|公益財団法人|医療法人|社会福祉法人|学校法人|NPO法人|特定非営利活動法人';
/** Company names: kanji, katakana, Latin, digits (hiragana ends a name: it is usually a particle). */
const NAME_CHARS = '[\\p{Script=Han}\\p{Script=Katakana}A-Za-z0-9ー・&＆]';
const LEGAL_BEFORE = new RegExp(
  `(?:${LEGAL}|\\(株\\)|\\(有\\)|（株）|（有）|㈱|㈲)\\s*${NAME_CHARS}{1,20}`,
  'gu',
);
const LEGAL_AFTER = new RegExp(
  `${NAME_CHARS}{1,20}?(?:${LEGAL}|\\(株\\)|\\(有\\)|（株）|（有）|㈱|㈲)`,
  'gu',
);
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const URL_PATTERN = /https?:\/\/\S+|www\.\S+/g;
const PHONE = /0\d{1,4}-\d{1,4}-\d{3,4}/g;
const NUMBER = /[0-9０-９][0-9０-９,，.．]*/g;

/** Names to hide, in the forms they are written (with and without legal forms, NFKC). */
export function nameVariants(names: readonly string[]): string[] {
  const out = new Set<string>();
  for (const name of names) {
    const trimmed = name.trim();
    if (trimmed === '') continue;
    out.add(trimmed);
    out.add(normalizeText(trimmed));
    const bare = normalizeText(trimmed)
      .replace(new RegExp(`${LEGAL}|\\(株\\)|\\(有\\)|㈱|㈲`, 'gu'), '')
      .trim();
    if (bare.length >= 2) out.add(bare);
  }
  return [...out];
}

/** Redacts identifying details from free text. */
export function redactText(text: string, names: readonly string[]): string {
  let out = normalizeText(text);
  out = out
    .replace(EMAIL, REDACTED_NAME)
    .replace(URL_PATTERN, REDACTED_NAME)
    .replace(PHONE, REDACTED_NAME);
  const namePattern = alternation(nameVariants(names));
  if (namePattern !== undefined) out = out.replace(namePattern, REDACTED_NAME);
  out = out.replace(LEGAL_AFTER, REDACTED_NAME).replace(LEGAL_BEFORE, REDACTED_NAME);
  if (PLACE_PATTERN !== undefined) out = out.replace(PLACE_PATTERN, REDACTED_PLACE);
  out = out.replace(NUMBER, REDACTED_NUMBER);
  return out.replace(/(［非公開］)+/g, REDACTED_NAME).replace(/(［地域］)+/g, REDACTED_PLACE);
}

/** The digest's text parts; keywords that had to be redacted are dropped rather than shown. */
export function anonymiseNeedText(
  need: DigestSource,
  names: readonly string[],
  options: { summaryLength?: number } = {},
): AnonymousText {
  const limit = options.summaryLength ?? 240;
  const summary = redactText(need.description ?? '', names);
  return {
    title: redactText(need.title, names),
    summary: summary.length > limit ? `${summary.slice(0, limit)}…` : summary,
    keywords: need.keywords.filter((k) => redactText(k, names) === normalizeText(k)),
  };
}
