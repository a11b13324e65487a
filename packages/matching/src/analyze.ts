/**
 * Text → index terms. Normalises (NFKC, width, case, long vowel marks), tokenises through the
 * `Tokenizer` port, keeps content words (nouns, verbs' and adjectives' base forms), joins
 * compound nouns (複合名詞) while keeping their parts, falls back to character bigrams for unknown
 * words and long compounds, lower-cases and lightly stems English words in mixed text, and maps
 * synonyms to the preferred form of the domain dictionary. Offsets point into the original text.
 */
import type { CompiledDictionary } from './dictionary.ts';
import { emptyDictionary } from './dictionary.ts';
import {
  foldTerm as foldTermUncached,
  normalizeText,
  normalizeWithOffsets,
  stemEnglish,
  toOriginalSpan,
  type NormalizedText,
} from './normalize.ts';
import type { Token, Tokenizer } from './tokenizer.ts';

/** How a term was produced. */
export type TermKind = 'word' | 'compound' | 'dictionary' | 'bigram' | 'english';

export interface AnalyzedTerm {
  /** The index term (folded; preferred form when a synonym was mapped). */
  readonly term: string;
  readonly kind: TermKind;
  /** Span in the original text, UTF-16 offsets, end exclusive. */
  readonly start: number;
  readonly end: number;
  /** The original text of the span. */
  readonly surface: string;
  /** The folded form found in the text when the dictionary mapped it to a preferred form. */
  readonly synonymOf?: string;
  /**
   * A noun written with kanji: its reading in katakana (杉 → スギ), folded as terms are. Seeds
   * often name plants, animals and materials in katakana where a need writes kanji.
   */
  readonly reading?: string;
}

export interface Analyzer {
  analyze(text: string): AnalyzedTerm[];
  /** Just the terms, in order (for indexing). */
  terms(text: string): string[];
}

export interface AnalyzerOptions {
  readonly tokenizer: Tokenizer;
  readonly dictionary?: CompiledDictionary;
  /** Unknown words (未知語) of at least this many characters also give bigrams (default 3). */
  readonly unknownBigramMinLength?: number;
  /** Compounds of at least this many characters also give bigrams (default 6). */
  readonly compoundBigramMinLength?: number;
  /** Texts already normalised (`normalizeWithOffsets`), e.g. by a batch analyser. */
  readonly normalized?: ReadonlyMap<string, NormalizedText>;
}

const HAN = /\p{Script=Han}/u;

/** Prefix that keeps character-bigram terms apart from word terms in the vocabulary. */
export const BIGRAM_PREFIX = '#';

export function isBigramTerm(term: string): boolean {
  return term.startsWith(BIGRAM_PREFIX);
}

/** The term as shown to a user (bigram marker removed). */
export function displayTerm(term: string): string {
  return isBigramTerm(term) ? term.slice(BIGRAM_PREFIX.length) : term;
}

const STOP_NOUNS = new Set([
  'こと',
  'もの',
  'ため',
  'よう',
  'ところ',
  'とき',
  '等',
  'など',
  '他',
  'ほか',
  '方',
  '際',
  '場合',
  '上',
  '中',
  '内',
  '後',
  '前',
  '以上',
  '以下',
  'これ',
  'それ',
  '今回',
  '本',
  '当',
  '各',
]);

const STOP_VERBS = new Set([
  'する',
  'ある',
  'いる',
  'なる',
  'できる',
  'れる',
  'られる',
  'おる',
  'くる',
  'いく',
  'もらう',
  'せる',
  'みる',
  'よる',
  '行う',
  'いう',
  '思う',
  '図る',
  '含む',
  '用いる',
  '持つ',
  '出る',
]);

const ENGLISH_STOP_WORDS = new Set([
  'a',
  'an',
  'the',
  'of',
  'and',
  'or',
  'for',
  'to',
  'in',
  'on',
  'at',
  'by',
  'with',
  'from',
  'as',
  'is',
  'are',
  'be',
  'was',
  'were',
  'this',
  'that',
  'these',
  'those',
  'using',
  'via',
  'into',
  'its',
  'it',
  'we',
  'our',
  // how a need is asked rather than what it asks for (want → 貧 "poverty" in EDICT)
  'want',
  'need',
  'would',
  'like',
  'can',
  'could',
  'should',
  'will',
  'have',
  'has',
  'do',
  'not',
  'no',
  'but',
  'so',
  'more',
  'than',
  'while',
  'behind',
  'about',
  'their',
  'they',
  'us',
  'you',
  'your',
  'my',
  'i',
  'what',
  'how',
  'which',
  'who',
  'when',
  'where',
  'there',
  'also',
  'very',
  'too',
]);

type TokenClass = 'noun' | 'prefix' | 'suffix' | 'content' | 'break';

const ASCII_ONLY = /^[ -~\t\n\r]+$/;
const SINGLE_HIRAGANA = /^[\u3041-\u309f]$/;
const ENGLISH_WORD = /[a-z0-9]+/g;
const HAS_LETTER = /[a-z]/;

function classify(token: Token): TokenClass {
  if (ASCII_ONLY.test(token.surface)) return 'break';
  const detail = token.partOfSpeechDetail[0] ?? '';
  switch (token.partOfSpeech) {
    case '名詞':
      if (detail === '非自立' || detail === '代名詞' || detail === '数' || detail === '特殊')
        return 'break';
      if (detail === '接尾') return 'suffix';
      if (SINGLE_HIRAGANA.test(token.surface) || STOP_NOUNS.has(token.surface)) return 'break';
      return 'noun';
    case '接頭詞':
      return 'prefix';
    case '動詞':
    case '形容詞':
      if (detail !== '自立' || STOP_VERBS.has(token.baseForm)) return 'break';
      return 'content';
    default:
      return 'break';
  }
}

/** Spans are keyed `start × SPAN_KEY_LIMIT + end` (a small integer) below this offset. */
const SPAN_KEY_LIMIT = 32_768;
const ORDER_LIMIT = 2 ** 20;
let orderKeys = new Float64Array(1024);

/**
 * `terms` stably sorted by `starts` (what sorting their indexes by (start, index) gives), with
 * one numeric key per term and the typed array's own sort instead of a comparator.
 */
function inStartOrder(terms: readonly string[], starts: readonly number[]): string[] {
  const n = terms.length;
  let sorted = true;
  for (let i = 1; i < n && sorted; i += 1) sorted = (starts[i - 1] ?? 0) <= (starts[i] ?? 0);
  if (sorted) return terms.slice();
  if (n >= ORDER_LIMIT) {
    const order = terms.map((_, i) => i);
    order.sort((x, y) => (starts[x] ?? 0) - (starts[y] ?? 0) || x - y);
    return order.map((i) => terms[i] ?? '');
  }
  // One scratch array for every call: allocating a typed array per text cost more than the sort.
  if (orderKeys.length < n) orderKeys = new Float64Array(Math.max(n, orderKeys.length * 2));
  const keys = orderKeys.subarray(0, n);
  for (let i = 0; i < n; i += 1) keys[i] = (starts[i] ?? 0) * ORDER_LIMIT + i;
  keys.sort();
  const out = new Array<string>(n);
  for (let i = 0; i < n; i += 1) out[i] = terms[(keys[i] ?? 0) % ORDER_LIMIT] ?? '';
  return out;
}

/**
 * True when `foldTerm` returns the term unchanged because it has nothing to fold: only kanji
 * (and 々〆〇) and hiragana, with at least one kanji (so it is not kana-only, has no katakana
 * and no letters to lower-case).
 */
export function isFoldInvariant(term: string): boolean {
  let kanji = false;
  for (let i = 0; i < term.length; i += 1) {
    const c = term.charCodeAt(i);
    if (
      (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0x3400 && c <= 0x4dbf) ||
      (c >= 0x3005 && c <= 0x3007)
    )
      kanji = true;
    else if (!(c >= 0x3041 && c <= 0x3096)) return false;
  }
  return kanji;
}

const KATAKANA_ONLY = /^[\u30a0-\u30ff]+$/u;

/** A katakana prefix token before a katakana noun: one loanword the tokenizer split. */
function isKatakanaSplit(prefix: string, noun: string): boolean {
  return KATAKANA_ONLY.test(prefix) && KATAKANA_ONLY.test(noun);
}

function bigrams(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < text.length; i += 1) out.push(text.slice(i, i + 2));
  return out;
}

/**
 * Adjacent English words of a text (only spaces or hyphens between, no stop word), stemmed as
 * the analyser stems them: "wild boar", "rice field". EDICT glosses many words with two English
 * words (猪 "wild boar", 晩霜 "late frost") that neither word translates alone.
 */
export function englishWordPairs(text: string): string[] {
  const source = normalizeText(text);
  const pairs = new Set<string>();
  let previous: { term: string; end: number } | undefined;
  for (const match of source.matchAll(ENGLISH_WORD)) {
    const word = match[0];
    if (!HAS_LETTER.test(word) || ENGLISH_STOP_WORDS.has(word)) {
      previous = undefined;
      continue;
    }
    const term = stemEnglish(word);
    if (previous !== undefined && /^[\s-]+$/.test(source.slice(previous.end, match.index)))
      pairs.add(`${previous.term} ${term}`);
    previous = { term, end: match.index + word.length };
  }
  return [...pairs];
}

/** Builds an analyser over a tokenizer and an optional compiled domain dictionary. */
export function createAnalyzer(options: AnalyzerOptions): Analyzer {
  const { tokenizer } = options;
  const dictionary = options.dictionary ?? emptyDictionary();
  const unknownMin = options.unknownBigramMinLength ?? 3;
  const compoundMin = options.compoundBigramMinLength ?? 6;

  // Folding is pure and the same words come back in every document: remembered (bounded).
  // Most terms are kanji (with okurigana), which folding leaves alone: no look-up for them.
  const foldCache = new Map<string, string>();
  const foldTerm = (term: string): string => {
    if (isFoldInvariant(term)) return term;
    let out = foldCache.get(term);
    if (out === undefined) {
      out = foldTermUncached(term);
      if (foldCache.size >= 100_000) foldCache.clear();
      foldCache.set(term, out);
    }
    return out;
  };

  /**
   * The analysis; with `spans` false only the terms are collected (indexing), in the same
   * order, without building spans and surfaces.
   */
  const run = (text: string, spans: boolean): { full: AnalyzedTerm[]; terms: string[] } => {
    const normalized = options.normalized?.get(text) ?? normalizeWithOffsets(text);
    const source = normalized.text;
    const out: { term: AnalyzedTerm; order: number }[] = [];
    const plain: string[] = [];
    const plainStart: number[] = [];
    // Terms already emitted per span (start, end): most spans hold one term, so a number key
    // and the term itself, no key string per emit.
    const seenSpans = new Map<number, string | string[]>();
    const seenLong = new Set<string>();
    const firstTime = (term: string, start: number, end: number): boolean => {
      if (end >= SPAN_KEY_LIMIT) {
        const key = `${term}\u0000${start}\u0000${end}`;
        if (seenLong.has(key)) return false;
        seenLong.add(key);
        return true;
      }
      const key = start * SPAN_KEY_LIMIT + end;
      const had = seenSpans.get(key);
      if (had === undefined) {
        seenSpans.set(key, term);
        return true;
      }
      if (typeof had === 'string') {
        if (had === term) return false;
        seenSpans.set(key, [had, term]);
        return true;
      }
      if (had.includes(term)) return false;
      had.push(term);
      return true;
    };
    const lastEnd = normalized.origEnd[normalized.origEnd.length - 1] ?? 0;

    const emit = (
      folded: string,
      kind: TermKind,
      start: number,
      end: number,
      reading?: string,
    ): void => {
      if (folded === '') return;
      const marked = kind === 'bigram' ? `${BIGRAM_PREFIX}${folded}` : folded;
      if (!firstTime(marked, start, end)) return;
      if (!spans) {
        const preferred = kind === 'bigram' ? undefined : dictionary.canonical.get(folded);
        plain.push(preferred !== undefined && preferred !== folded ? preferred : marked);
        // The start toOriginalSpan gives.
        plainStart.push(normalized.origStart[start] ?? lastEnd);
        return;
      }
      const span = toOriginalSpan(normalized, start, end);
      const preferred = kind === 'bigram' ? undefined : dictionary.canonical.get(folded);
      const term: AnalyzedTerm =
        preferred !== undefined && preferred !== folded
          ? {
              term: preferred,
              kind,
              start: span.start,
              end: span.end,
              surface: text.slice(span.start, span.end),
              synonymOf: folded,
            }
          : {
              term: kind === 'bigram' ? `${BIGRAM_PREFIX}${folded}` : folded,
              kind,
              start: span.start,
              end: span.end,
              surface: text.slice(span.start, span.end),
              ...(reading !== undefined && reading !== folded ? { reading } : {}),
            };
      out.push({ term, order: out.length });
    };
    const emitBigrams = (surface: string, start: number): void => {
      bigrams(surface).forEach((pair, index) => {
        emit(foldTerm(pair), 'bigram', start + index, start + index + 2);
      });
    };

    // English (and other Latin-script) words in mixed text; Japanese tokens skip ASCII.
    for (const match of source.matchAll(ENGLISH_WORD)) {
      const word = match[0];
      if (!HAS_LETTER.test(word) || ENGLISH_STOP_WORDS.has(word)) continue;
      const start = match.index;
      emit(stemEnglish(word), 'english', start, start + word.length);
    }

    const tokens = tokenizer.tokenize(source);
    const classes = tokens.map(classify);

    // Compound nouns: [prefix]* noun (noun | suffix | prefix noun)*, flushed at any break.
    let group: { token: Token; cls: TokenClass }[] = [];
    const flush = (): void => {
      while (group.length > 0 && group[0]?.cls !== 'noun' && group[0]?.cls !== 'prefix')
        group.shift();
      while (group.length > 0 && group[group.length - 1]?.cls === 'prefix') group.pop();
      const first = group[0];
      const last = group[group.length - 1];
      if (first === undefined || last === undefined || !group.some((g) => g.cls === 'noun')) {
        group = [];
        return;
      }
      for (const [at, { token, cls }] of group.entries()) {
        if (cls !== 'noun') continue;
        const end = token.start + token.surface.length;
        // A katakana word the dictionary splits after a katakana "prefix" (ド+ローン for ドローン)
        // is one word: the part would match loans (ローン) and count the word twice.
        const before = group[at - 1];
        if (before?.cls === 'prefix' && isKatakanaSplit(before.token.surface, token.surface)) {
          emit(foldTerm(source.slice(before.token.start, end)), 'word', before.token.start, end);
          continue;
        }
        const reading =
          spans && token.reading !== '' && HAN.test(token.surface)
            ? foldTerm(token.reading)
            : undefined;
        emit(foldTerm(token.surface), 'word', token.start, end, reading);
        if (!token.known && token.surface.length >= unknownMin) {
          emitBigrams(token.surface, token.start);
        }
      }
      if (group.length >= 2) {
        const start = first.token.start;
        const end = last.token.start + last.token.surface.length;
        const surface = source.slice(start, end);
        emit(foldTerm(surface), 'compound', start, end);
        if (surface.length >= compoundMin) emitBigrams(surface, start);
      }
      group = [];
    };
    tokens.forEach((token, index) => {
      const cls = classes[index] ?? 'break';
      if (cls === 'noun' || cls === 'prefix' || cls === 'suffix') {
        const previous = group[group.length - 1];
        const contiguous =
          previous === undefined ||
          previous.token.start + previous.token.surface.length === token.start;
        if (!contiguous) flush();
        group.push({ token, cls });
        return;
      }
      flush();
      if (cls === 'content') {
        emit(foldTerm(token.baseForm), 'word', token.start, token.start + token.surface.length);
      }
    });
    flush();

    // Dictionary terms the tokenizer split (希少+糖 → 希少糖) or hid inside an unknown word.
    // A span grows only while it is still a prefix of some dictionary surface.
    if (dictionary.maxSurfaceLength > 0) {
      const { canonical, prefixes } = dictionary;
      const isPrefix = (raw: string, folded: string): boolean =>
        prefixes.has(folded) || prefixes.has(raw);
      tokens.forEach((token, i) => {
        // English words are looked up by the English path (after stemming).
        if (ASCII_ONLY.test(token.surface)) return;
        let joined = '';
        for (let j = i; j < tokens.length; j += 1) {
          const next = tokens[j];
          if (next === undefined || ASCII_ONLY.test(next.surface)) break;
          joined += next.surface;
          const folded = foldTerm(joined);
          if (j > i && canonical.has(folded)) {
            emit(folded, 'dictionary', token.start, token.start + joined.length);
          }
          if (!isPrefix(joined, folded)) break;
        }
        if (!token.known && token.surface.length > 3) {
          const s = token.surface;
          for (let a = 0; a < s.length; a += 1) {
            for (let b = a + 1; b <= s.length; b += 1) {
              const raw = s.slice(a, b);
              const folded = foldTerm(raw);
              if (b - a >= 3 && !(a === 0 && b === s.length) && canonical.has(folded)) {
                emit(folded, 'dictionary', token.start + a, token.start + b);
              }
              if (!isPrefix(raw, folded)) break;
            }
          }
        }
      });
    }

    if (!spans) {
      return { full: [], terms: inStartOrder(plain, plainStart) };
    }
    out.sort((x, y) => x.term.start - y.term.start || x.order - y.order);
    return { full: out.map((entry) => entry.term), terms: [] };
  };

  return {
    analyze: (text: string) => run(text, true).full,
    terms: (text: string) => run(text, false).terms,
  };
}

/** Analyses each field of a document for indexing. */
export function analyzeFields(
  analyzer: Analyzer,
  fields: Readonly<Record<string, string>>,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, text] of Object.entries(fields)) out[name] = analyzer.terms(text);
  return out;
}
