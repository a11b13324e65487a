/**
 * Japanese text normalisation for matching: width and case folding (NFKC), long-vowel mark
 * variants, katakana spelling variants, hiragana/katakana folding and organisation-name keys.
 *
 * Two levels:
 * - `normalizeText` / `normalizeWithOffsets` work on running text before tokenising and keep a
 *   map back to the original offsets (for highlighting).
 * - `foldTerm` works on one index term after tokenising (spelling variants that would break
 *   the tokeniser or shift offsets if applied to running text).
 */

/** A normalised string with, for each of its UTF-16 units, the span it came from in the input. */
export interface NormalizedText {
  readonly text: string;
  /** origStart[i] = offset in the original of the cluster that produced normalised unit i. */
  readonly origStart: Int32Array;
  /** origEnd[i] = end offset (exclusive) in the original of that cluster. */
  readonly origEnd: Int32Array;
}

const HALFWIDTH_VOICED = 0xff9e;
const HALFWIDTH_SEMI_VOICED = 0xff9f;

/** Characters that act as a long vowel mark (長音符) when they follow katakana. */
const LONG_VOWEL_VARIANTS = new Set([
  '-', // U+002D (also NFKC of full-width U+FF0D)
  '\u2010',
  '\u2011',
  '\u2012',
  '\u2013',
  '\u2014',
  '\u2015',
  '\u2212',
  '~',
  '\u301c',
  '\u30fc',
]);

function isKatakanaCode(code: number): boolean {
  return (code >= 0x30a1 && code <= 0x30fa) || code === 0x30fc;
}

/** Code points NFKC leaves alone (fast path): printable ASCII, kana, common kanji. */
function isNfkcStable(code: number): boolean {
  return (
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0x3041 && code <= 0x3096) ||
    (code >= 0x30a1 && code <= 0x30fe) ||
    (code >= 0x4e00 && code <= 0x9fff)
  );
}

function isCombining(code: number): boolean {
  return (
    code === HALFWIDTH_VOICED ||
    code === HALFWIDTH_SEMI_VOICED ||
    code === 0x3099 ||
    code === 0x309a ||
    (code >= 0x0300 && code <= 0x036f) ||
    (code >= 0xfe00 && code <= 0xfe0f)
  );
}

/**
 * Code units that normalise to themselves whatever follows them, unless a combining mark
 * does: kana, common kanji, 、。「」 and printable ASCII other than upper case letters and the
 * long-vowel-mark stand-ins - and ~. Runs of them are copied as they are (the fast path).
 */
function isUnitStable(code: number): boolean {
  if (code >= 0x4e00) return code <= 0x9fff;
  if (code >= 0x3000) {
    return (
      (code >= 0x3041 && code <= 0x3096) ||
      (code >= 0x30a1 && code <= 0x30fe) ||
      code === 0x3001 ||
      code === 0x3002 ||
      code === 0x300c ||
      code === 0x300d
    );
  }
  return (
    code >= 0x20 &&
    code <= 0x7e &&
    !(code >= 0x41 && code <= 0x5a) &&
    code !== 0x2d &&
    code !== 0x7e
  );
}

/**
 * Offsets are collected in scratch arrays shared by every call (normalisation is synchronous)
 * and copied into one array per result: allocating typed arrays per text cost more than the
 * normalisation.
 */
let startsScratch = new Int32Array(4096);
let endsScratch = new Int32Array(4096);
const NO_OFFSETS = new Int32Array(0);

function normalize(input: string, withOffsets: boolean): NormalizedText {
  const n = input.length;
  let starts = startsScratch;
  let ends = endsScratch;
  let length = 0;
  const room = (more: number): void => {
    if (length + more <= starts.length) return;
    const size = Math.max(starts.length * 2, length + more);
    const s = new Int32Array(size);
    s.set(starts);
    starts = s;
    startsScratch = s;
    const e = new Int32Array(size);
    e.set(ends);
    ends = e;
    endsScratch = e;
  };
  if (withOffsets) room(n + 8);
  const parts: string[] = [];
  let run = -1;
  /** Last code unit of the last non-empty normalised cluster (-1 before any). */
  let previous = -1;
  let i = 0;
  while (i < n) {
    const code = input.charCodeAt(i);
    if (isUnitStable(code) && (i + 1 >= n || !isCombining(input.charCodeAt(i + 1)))) {
      if (run < 0) run = i;
      if (withOffsets) {
        room(1);
        starts[length] = i;
        ends[length] = i + 1;
        length += 1;
      }
      previous = code;
      i += 1;
      continue;
    }
    if (run >= 0) {
      parts.push(input.slice(run, i));
      run = -1;
    }
    const start = i;
    const first = input.codePointAt(i) ?? 0;
    i += first > 0xffff ? 2 : 1;
    while (i < n && isCombining(input.charCodeAt(i))) i += 1;
    const cluster = input.slice(start, i);
    let normalized = isNfkcStable(first) && i === start + 1 ? cluster : cluster.normalize('NFKC');
    normalized = normalized.toLowerCase();
    if (LONG_VOWEL_VARIANTS.has(normalized) && previous >= 0 && isKatakanaCode(previous)) {
      normalized = '\u30fc';
    }
    if (withOffsets) {
      room(normalized.length);
      for (let k = 0; k < normalized.length; k += 1) {
        starts[length] = start;
        ends[length] = i;
        length += 1;
      }
    }
    parts.push(normalized);
    if (normalized.length > 0) previous = normalized.charCodeAt(normalized.length - 1);
  }
  if (run >= 0) parts.push(input.slice(run));
  const text = parts.length === 1 ? (parts[0] ?? '') : parts.join('');
  if (!withOffsets) return { text, origStart: NO_OFFSETS, origEnd: NO_OFFSETS };
  const offsets = new Int32Array(2 * length);
  offsets.set(starts.subarray(0, length));
  offsets.set(ends.subarray(0, length), length);
  return { text, origStart: offsets.subarray(0, length), origEnd: offsets.subarray(length) };
}

/**
 * NFKC + lower case + long-vowel-mark unification, keeping a map to original offsets.
 * Half-width katakana with separate (semi-)voiced marks (ｶﾞ) compose to one character (ガ).
 */
export function normalizeWithOffsets(input: string): NormalizedText {
  return normalize(input, true);
}

/** NFKC, lower case and long-vowel-mark unification of running text. */
export function normalizeText(input: string): string {
  return normalize(input, false).text;
}

/** Maps a span [start, end) of a normalised text back to a span of the original text. */
export function toOriginalSpan(
  normalized: NormalizedText,
  start: number,
  end: number,
): { start: number; end: number } {
  const last = Math.max(start, end - 1);
  const s = normalized.origStart[start] ?? normalized.origEnd[normalized.origEnd.length - 1] ?? 0;
  const e = normalized.origEnd[last] ?? s;
  return { start: s, end: Math.max(s, e) };
}

/** Hiragana to katakana (ぁ-ゖ, ゝゞ); other characters unchanged. */
export function hiraganaToKatakana(input: string): string {
  let out = '';
  for (let i = 0; i < input.length; i += 1) {
    const code = input.charCodeAt(i);
    if ((code >= 0x3041 && code <= 0x3096) || code === 0x309d || code === 0x309e) {
      out += String.fromCharCode(code + 0x60);
    } else {
      out += input[i];
    }
  }
  return out;
}

/** Katakana to hiragana (ァ-ヶ, ヽヾ); other characters unchanged. */
export function katakanaToHiragana(input: string): string {
  let out = '';
  for (let i = 0; i < input.length; i += 1) {
    const code = input.charCodeAt(i);
    if ((code >= 0x30a1 && code <= 0x30f6) || code === 0x30fd || code === 0x30fe) {
      out += String.fromCharCode(code - 0x60);
    } else {
      out += input[i];
    }
  }
  return out;
}

const KANA_ONLY = /^[\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc\u30fd\u30fe]+$/;
const KATAKANA_ONLY = /^[\u30a1-\u30fa\u30fc\u30fd\u30fe]+$/;

/** True when the string is made only of hiragana/katakana (and the long vowel mark). */
export function isKanaOnly(input: string): boolean {
  return KANA_ONLY.test(input);
}

/** Spelling variants of loanwords in katakana (ヴァ→バ, ウィ→ウイ, ヵ→カ, ...). */
const KATAKANA_VARIANTS: Readonly<Record<string, string>> = {
  ヴァ: 'バ',
  ヴィ: 'ビ',
  ヴェ: 'ベ',
  ヴォ: 'ボ',
  ヴュ: 'ビュ',
  ヴ: 'ブ',
  ウィ: 'ウイ',
  ウェ: 'ウエ',
  ウォ: 'ウオ',
  ヵ: 'カ',
  ヶ: 'ケ',
  ヮ: 'ワ',
  ヰ: 'イ',
  ヱ: 'エ',
};
const KATAKANA_VARIANT_PATTERN = /ヴ[ァィェォュ]?|ウ[ィェォ]|[ヵヶヮヰヱ]|ー{2,}/g;
const HAS_KATAKANA = /[\u30a1-\u30fc]/;

/**
 * Folds katakana spelling variants: ヴァイオリン→バイオリン, ウィルス→ウイルス, 霞ヶ関→霞ケ関,
 * and drops a final long vowel mark of katakana words of 4+ characters
 * (コンピューター→コンピュータ, following the JIS Z 8301 style many corpora mix with).
 */
export function foldKatakanaVariants(input: string): string {
  if (!HAS_KATAKANA.test(input)) return input;
  const out = input.replace(KATAKANA_VARIANT_PATTERN, (match) => KATAKANA_VARIANTS[match] ?? 'ー');
  if (out.length >= 4 && out.endsWith('ー') && KATAKANA_ONLY.test(out)) return out.slice(0, -1);
  return out;
}

/**
 * Folds one index term so spelling variants meet: kana-only terms to katakana
 * (りんご = リンゴ), katakana variants, lower case. Input is expected to be NFKC already.
 */
export function foldTerm(term: string): string {
  let out = term.toLowerCase();
  if (isKanaOnly(out)) out = hiraganaToKatakana(out);
  return foldKatakanaVariants(out);
}

/** Folds a reading (kana) for comparison: katakana, variant folding, no long vowel marks. */
export function foldReading(reading: string): string {
  return foldKatakanaVariants(hiraganaToKatakana(normalizeText(reading))).replace(/ー/g, '');
}

/** Light English stemming: plural forms only (devices → device, studies → study). */
export function stemEnglish(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && !/[ae]ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(?:ss|x|ch|sh|z)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/**
 * Legal-form words (法人格) removed for organisation-name matching. Longer forms first so that
 * 地方独立行政法人 is removed before 独立行政法人. Matched after NFKC + lower case, so
 * ㈱ → (株) and full-width （株） → (株) are covered by the bracketed forms.
 */
const LEGAL_FORMS: readonly string[] = [
  '特定非営利活動法人',
  '地方独立行政法人',
  '国立研究開発法人',
  '独立行政法人',
  '国立大学法人',
  '公立大学法人',
  '一般社団法人',
  '公益社団法人',
  '一般財団法人',
  '公益財団法人',
  '社会福祉法人',
  '有限責任事業組合',
  '事業協同組合',
  '協同組合',
  '学校法人',
  '医療法人',
  '宗教法人',
  '株式会社',
  '有限会社',
  '合同会社',
  '合資会社',
  '合名会社',
  'npo法人',
  '(株)',
  '(有)',
  '(同)',
  '(合)',
  '(資)',
  '(名)',
  '(一社)',
  '(公社)',
  '(一財)',
  '(公財)',
  '(独)',
  '(国研)',
  '(特非)',
  '(医)',
  '(学)',
  '(社福)',
];

/** Latin-script legal suffixes, removed as whole words at the end or start of the name. */
const LATIN_LEGAL_FORMS =
  /(?:^|[\s,.])(?:co\.?,?\s*ltd\.?|k\.\s?k\.|kk|inc\.?|corp\.?|corporation|ltd\.?|limited|llc|g\.k\.|co\.)(?=$|[\s,.])/g;

/**
 * Key for matching organisation names across their written forms: 「株式会社 ムスビ」,
 * 「（株）ﾑｽﾋﾞ」, 「㈱ムスビ」 and 「ムスビ K.K.」 all give 「ムスビ」. NFKC, lower case,
 * legal forms removed, spaces, middle dots and punctuation dropped, katakana variants folded.
 */
export function normalizeOrganisationName(name: string): string {
  let out = normalizeText(name).replace(/\u3000/g, ' ');
  for (const form of LEGAL_FORMS) out = out.split(form).join(' ');
  out = ` ${out} `.replace(LATIN_LEGAL_FORMS, ' ');
  out = out.replace(/[\s\p{P}\p{S}・]+/gu, '');
  return foldKatakanaVariants(out);
}
