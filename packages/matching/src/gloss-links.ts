/**
 * Japanese words related through their English glosses in EDICT (the Debian package `edict`,
 * © EDRDG, CC BY-SA): 竹やぶ and 竹林 both mean "bamboo grove", 魚 and 魚類 both "fish".
 * Two words sharing glosses are linked with a weight saying how sure the link is: the share of
 * each word's meaning (its glosses, rare glosses weighing more) that the other covers, the
 * geometric mean of both sides. A word with 24 senses (切る) links weakly to each of them.
 *
 * Pure: the caller reads the file (packages/matching-node/src/edict-file.ts) and passes the text.
 * Query expansion reads links through `GlossLinker`: straight from the parsed dictionary here
 * (library, bench), or from the compact table the service builds with its index
 * (`gloss-link-table.ts`) so that no process parses EDICT to answer a query.
 */
import { foldDictionaryTerm } from './dictionary.ts';
import { stemEnglish } from './normalize.ts';

export interface GlossDictionary {
  /** Folded headword → its normalised glosses. */
  readonly glossesOf: ReadonlyMap<string, readonly string[]>;
  /** Normalised gloss → folded headwords. */
  readonly wordsOf: ReadonlyMap<string, readonly string[]>;
  /**
   * English glosses of one or two words (each stemmed as the analyser stems English: "wild
   * boar", "rice field") → folded headwords.
   */
  readonly english: ReadonlyMap<string, readonly string[]>;
}

/** A gloss of two English words ("late frost"), translated as a pair (`englishWordPairs`). */
const TWO_WORDS = /^[a-z][a-z-]* [a-z][a-z-]*$/;

/** "(n,vs) (1) to be spoiled (e.g. food)" → "spoiled". */
export function normalizeGloss(raw: string): string {
  return raw
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .toLowerCase()
    .replace(/^\s*(?:to be |to |a |an |the )/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Parses EDICT lines: `KANJI [KANA] /gloss/gloss/.../` or `KANA /gloss/.../`. Both the
 * written form and the reading become headwords; the `(P)` marker and `EntL` ids are dropped.
 */
export function parseEdict(text: string): GlossDictionary {
  // Arrays (deduplicated once at the end) rather than sets: ≈ 850 k glosses on 250 k headwords.
  const glossesOf = new Map<string, string[]>();
  const wordsOf = new Map<string, string[]>();
  const english = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, value: string): void => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [value]);
    else if (list[list.length - 1] !== value) list.push(value);
  };
  const gloss = new Map<string, string>();
  const normalized = (raw: string): string => {
    let out = gloss.get(raw);
    if (out === undefined) {
      out = normalizeGloss(raw);
      gloss.set(raw, out);
    }
    return out;
  };
  for (const line of text.split('\n')) {
    const slash = line.indexOf('/');
    if (slash < 0) continue;
    const head = line.slice(0, slash).trim();
    const match = /^(\S+)(?:\s+\[([^\]]+)\])?$/.exec(head);
    if (match?.[1] === undefined) continue;
    const written = match[1];
    if (written.startsWith('？')) continue;
    const word = foldDictionaryTerm(written);
    if (word === '') continue;
    const glosses = line
      .slice(slash + 1)
      .split('/')
      .filter((g) => !g.startsWith('EntL'))
      .map(normalized)
      .filter((g) => g !== '' && g !== 'p');
    for (const g of glosses) {
      add(glossesOf, word, g);
      add(wordsOf, g, word);
      if (/^[a-z][a-z-]*$/.test(g)) add(english, stemEnglish(g), word);
      else if (TWO_WORDS.test(g)) add(english, g.split(' ').map(stemEnglish).join(' '), word);
    }
  }
  const frozen = (map: Map<string, string[]>): Map<string, readonly string[]> => {
    for (const [key, list] of map) if (list.length > 1) map.set(key, [...new Set(list)]);
    return map;
  };
  return { glossesOf: frozen(glossesOf), wordsOf: frozen(wordsOf), english: frozen(english) };
}

/** A word reached through a link, with how sure the link is, in (0, 1]. */
export interface LinkedTerm {
  readonly term: string;
  readonly weight: number;
}

export interface GlossLink extends LinkedTerm {
  /** The shared glosses. */
  readonly glosses: readonly string[];
}

export interface GlossLinkOptions {
  /** Glosses shared by more headwords than this are too vague to link by (default 40). */
  readonly maxWordsPerGloss?: number;
  /** Links below this weight are dropped (default 0.3). */
  readonly minWeight?: number;
  /** Links kept per word, best first (default 5). */
  readonly maxLinks?: number;
  /** Only these words are linked to (e.g. terms the index holds); default all. */
  readonly keep?: (term: string) => boolean;
}

/** Words linked to `word` through shared glosses, best first. */
export function glossLinks(
  dictionary: GlossDictionary,
  word: string,
  options: GlossLinkOptions = {},
): GlossLink[] {
  const maxWords = options.maxWordsPerGloss ?? 40;
  const minWeight = options.minWeight ?? 0.3;
  const maxLinks = options.maxLinks ?? 5;
  const own = dictionary.glossesOf.get(word);
  if (own === undefined) return [];
  const rarity = (gloss: string): number =>
    1 / Math.log2(1 + (dictionary.wordsOf.get(gloss)?.length ?? 1));
  const massOf = (glosses: readonly string[]): number =>
    glosses.reduce((sum, g) => sum + rarity(g), 0);
  const ownMass = massOf(own);
  const shared = new Map<string, string[]>();
  for (const gloss of own) {
    const words = dictionary.wordsOf.get(gloss) ?? [];
    if (words.length > maxWords) continue;
    for (const other of words) {
      if (other === word || (options.keep !== undefined && !options.keep(other))) continue;
      const list = shared.get(other);
      if (list === undefined) shared.set(other, [gloss]);
      else list.push(gloss);
    }
  }
  const links: GlossLink[] = [];
  for (const [other, glosses] of shared) {
    const otherMass = massOf(dictionary.glossesOf.get(other) ?? []);
    const common = massOf(glosses);
    if (ownMass <= 0 || otherMass <= 0) continue;
    const weight = Math.sqrt(Math.min(1, common / ownMass) * Math.min(1, common / otherMass));
    if (weight >= minWeight) links.push({ term: other, weight, glosses });
  }
  links.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1));
  return links.slice(0, maxLinks);
}

/**
 * Japanese words for an English query word (as the analyser leaves it: lower case, plural
 * removed), surest first: a word with few glosses translates more surely than one with many.
 */
export function translationsOf(
  dictionary: GlossDictionary,
  englishWord: string,
  options: { readonly maxLinks?: number; readonly keep?: (term: string) => boolean } = {},
): GlossLink[] {
  const words = dictionary.english.get(englishWord) ?? [];
  const links: GlossLink[] = [];
  for (const word of words) {
    if (options.keep !== undefined && !options.keep(word)) continue;
    const senses = dictionary.glossesOf.get(word)?.length ?? 1;
    links.push({ term: word, weight: 1 / Math.sqrt(senses), glosses: [englishWord] });
  }
  links.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1));
  return links.slice(0, options.maxLinks ?? 3);
}

/**
 * English words (as the analyser leaves them: lower case, plural removed) that a Japanese word
 * glosses as, surest first: a need in Japanese reaches a seed with an English title or
 * keywords. Single-word glosses only; a word with few glosses translates more surely.
 */
export function englishOf(
  dictionary: GlossDictionary,
  word: string,
  options: { readonly maxLinks?: number; readonly keep?: (term: string) => boolean } = {},
): GlossLink[] {
  const glosses = dictionary.glossesOf.get(word) ?? [];
  const weight = 1 / Math.sqrt(Math.max(1, glosses.length));
  const seen = new Set<string>();
  const links: GlossLink[] = [];
  for (const gloss of glosses) {
    if (!/^[a-z][a-z-]*$/.test(gloss)) continue;
    const term = stemEnglish(gloss);
    if (seen.has(term) || (options.keep !== undefined && !options.keep(term))) continue;
    seen.add(term);
    links.push({ term, weight, glosses: [gloss] });
  }
  links.sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  return links.slice(0, options.maxLinks ?? 3);
}

/** Where query expansion finds gloss links (`expandWithGlosses`). */
export interface GlossLinker {
  /** Words linked to a Japanese word, surest first; only words `keep` accepts. */
  linksOf(word: string, keep: (term: string) => boolean): readonly LinkedTerm[];
  /** Japanese words an English word (as the analyser leaves it) translates to, surest first. */
  translationsOf(englishWord: string, keep: (term: string) => boolean): readonly LinkedTerm[];
  /** English words a Japanese word glosses as (`englishOf`). */
  englishOf(word: string, keep: (term: string) => boolean): readonly LinkedTerm[];
}

/** Links looked up in the parsed dictionary at each query (library and bench). */
export function dictionaryGlossLinker(
  dictionary: GlossDictionary,
  options: Omit<GlossLinkOptions, 'keep'> = {},
): GlossLinker {
  const linkOptions = { minWeight: 0.5, ...options };
  return {
    linksOf: (word, keep) => glossLinks(dictionary, word, { ...linkOptions, keep }),
    translationsOf: (englishWord, keep) => translationsOf(dictionary, englishWord, { keep }),
    englishOf: (word, keep) => englishOf(dictionary, word, { keep }),
  };
}
