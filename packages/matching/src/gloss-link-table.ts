/**
 * The gloss links an index needs, kept apart from EDICT (≈ 19 MB, 6–9 s and ≈ 200–290 MiB to
 * parse): built once when the index is built, from the parsed dictionary and the index's
 * vocabulary, stored beside the index snapshot and loaded with it. Holds
 * - every headword's links to words of the vocabulary (the same links, weights and order as
 *   `glossLinks` with `keep` = "in the vocabulary"): a need may use a word no seed uses
 *   (竹やぶ) whose gloss neighbour a seed does use (竹林);
 * - every English word's translations into words of the vocabulary (`translationsOf`);
 * - every headword's English glosses that are words of the vocabulary (`englishOf`): seeds
 *   with English titles or keywords for needs written in Japanese.
 * Words added to the index after the build have no links until the next build; links to words
 * no longer in the index are dropped at query time by `keep`.
 */
import { isBigramTerm } from './analyze.ts';
import {
  englishOf,
  glossLinks,
  translationsOf,
  type GlossDictionary,
  type GlossLinker,
  type LinkedTerm,
} from './gloss-links.ts';
import { MERGED_MAX_LINKS, mergeLinks, type SynonymLinks } from './synonym-groups.ts';

export interface GlossLinkTableOptions {
  /** Links below this weight are not kept (default 0.5, the service's setting). */
  readonly minWeight?: number;
  /** Links kept per word (default 5). */
  readonly maxLinks?: number;
  /** Glosses shared by more headwords are too vague to link by (default 40). */
  readonly maxWordsPerGloss?: number;
  /** Translations kept per English word (default 3). */
  readonly maxTranslations?: number;
  /**
   * SudachiDict synonym links (`synonym-groups.ts`) merged into each word's links, a word
   * reached both ways keeping the surer weight, 8 links at most per word.
   */
  readonly synonyms?: SynonymLinks;
  /**
   * The domain dictionary's synonyms (folded surface → preferred form, `CompiledDictionary`
   * `.canonical`): the index holds a synonym as its preferred form, so a dictionary word the
   * index never holds (廃水, indexed as 排水) links as that form.
   */
  readonly preferred?: ReadonlyMap<string, string>;
}

type LinkMap = ReadonlyMap<string, readonly LinkedTerm[]>;

export interface GlossLinkTable extends GlossLinker {
  /** Headword → its links to vocabulary words, surest first. */
  readonly links: LinkMap;
  /** English word → its translations into vocabulary words, surest first. */
  readonly translations: LinkMap;
  /** Headword → its English glosses that are vocabulary words. */
  readonly english: LinkMap;
}

function tableOf(links: LinkMap, translations: LinkMap, english: LinkMap): GlossLinkTable {
  const kept = (list: readonly LinkedTerm[] | undefined, keep: (t: string) => boolean) =>
    list === undefined ? [] : list.filter((link) => keep(link.term));
  return {
    links,
    translations,
    english,
    linksOf: (word, keep) => kept(links.get(word), keep),
    translationsOf: (englishWord, keep) => kept(translations.get(englishWord), keep),
    englishOf: (word, keep) => kept(english.get(word), keep),
  };
}

/** Sizes for measurements: words with links, English words with translations, links held. */
export function glossLinkTableSize(table: GlossLinkTable): {
  linkedWords: number;
  translatedWords: number;
  links: number;
} {
  let links = 0;
  for (const list of table.links.values()) links += list.length;
  for (const list of table.translations.values()) links += list.length;
  for (const list of table.english.values()) links += list.length;
  return {
    linkedWords: table.links.size,
    translatedWords: table.translations.size + table.english.size,
    links,
  };
}

/** The links between the dictionary and `vocabulary` (an index's terms). */
export function buildGlossLinkTable(
  dictionary: GlossDictionary,
  vocabulary: Iterable<string>,
  options: GlossLinkTableOptions = {},
): GlossLinkTable {
  const maxWordsPerGloss = options.maxWordsPerGloss ?? 40;
  const linkOptions = {
    minWeight: options.minWeight ?? 0.5,
    maxLinks: options.maxLinks ?? 5,
    maxWordsPerGloss,
  };
  const terms = new Set<string>();
  for (const term of vocabulary) if (!isBigramTerm(term)) terms.add(term);
  const indexedAs = (word: string): string => options.preferred?.get(word) ?? word;
  const keep = (term: string): boolean => terms.has(indexedAs(term));
  const asIndexed = (list: readonly LinkedTerm[], from: string): LinkedTerm[] =>
    asIndexedLinks(list, indexedAs, indexedAs(from));
  // A word can only link to a vocabulary word through a gloss they share.
  const candidates = new Set<string>();
  const heldAs = new Set(terms);
  for (const [surface, preferred] of options.preferred ?? []) {
    if (terms.has(preferred)) heldAs.add(surface);
  }
  for (const term of heldAs) {
    for (const gloss of dictionary.glossesOf.get(term) ?? []) {
      const words = dictionary.wordsOf.get(gloss) ?? [];
      if (words.length > maxWordsPerGloss) continue;
      for (const word of words) candidates.add(word);
    }
  }
  const synonyms = options.synonyms;
  if (synonyms !== undefined) for (const word of synonyms.keys()) candidates.add(word);
  const links = new Map<string, readonly LinkedTerm[]>();
  for (const word of candidates) {
    const glossFound = asIndexed(glossLinks(dictionary, word, { ...linkOptions, keep }), word);
    const found =
      synonyms === undefined
        ? glossFound
        : mergeLinks(
            glossFound,
            asIndexed(
              (synonyms.get(word) ?? []).filter((link) => link.term !== word && keep(link.term)),
              word,
            ),
            MERGED_MAX_LINKS,
          );
    if (found.length > 0) links.set(word, found);
  }
  const translations = new Map<string, readonly LinkedTerm[]>();
  for (const englishWord of dictionary.english.keys()) {
    const found = translationsOf(dictionary, englishWord, {
      keep,
      maxLinks: options.maxTranslations ?? 3,
    });
    if (found.length > 0) translations.set(englishWord, asIndexed(found, ''));
  }
  // Headwords glossed by an English word of the vocabulary.
  const english = new Map<string, readonly LinkedTerm[]>();
  const glossed = new Set<string>();
  for (const term of terms)
    for (const word of dictionary.english.get(term) ?? []) glossed.add(word);
  for (const word of glossed) {
    const found = englishOf(dictionary, word, { keep, maxLinks: options.maxTranslations ?? 3 });
    if (found.length > 0) english.set(word, found.map(bare));
  }
  return tableOf(links, translations, english);
}

const bare = (link: LinkedTerm): LinkedTerm => ({ term: link.term, weight: link.weight });

/** Links as the index holds their words: one per indexed word (the surest), none to `self`. */
function asIndexedLinks(
  list: readonly LinkedTerm[],
  indexedAs: (word: string) => string,
  self: string,
): LinkedTerm[] {
  const surest = new Map<string, number>();
  for (const link of list) {
    const term = indexedAs(link.term);
    if (term !== self) surest.set(term, Math.max(surest.get(term) ?? 0, link.weight));
  }
  const out = [...surest].map(([term, weight]) => ({ term, weight }));
  return out.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1));
}

const MAGIC = 0x324c474d; // "MGL2"

/**
 * Binary form: magic, the distinct words (UTF-8, one per line), then three sections (links,
 * translations, English glosses), each `entries, (word id, n, n × (word id, weight f64))`.
 */
export function encodeGlossLinkTable(table: GlossLinkTable): Uint8Array {
  const { links, translations, english } = table;
  const ids = new Map<string, number>();
  const idOf = (word: string): number => {
    let id = ids.get(word);
    if (id === undefined) {
      id = ids.size;
      ids.set(word, id);
    }
    return id;
  };
  const sections = [links, translations, english].map((map) => {
    let bytes = 4;
    for (const [word, list] of map) {
      idOf(word);
      for (const link of list) idOf(link.term);
      bytes += 4 + 1 + list.length * 12;
    }
    return { map, bytes };
  });
  const words = new TextEncoder().encode([...ids.keys()].join('\n'));
  const total = 8 + words.length + sections.reduce((sum, s) => sum + s.bytes, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, words.length, true);
  out.set(words, 8);
  let at = 8 + words.length;
  for (const { map } of sections) {
    view.setUint32(at, map.size, true);
    at += 4;
    for (const [word, list] of map) {
      view.setUint32(at, idOf(word), true);
      view.setUint8(at + 4, Math.min(255, list.length));
      at += 5;
      for (const link of list.slice(0, 255)) {
        view.setUint32(at, idOf(link.term), true);
        view.setFloat64(at + 4, link.weight, true);
        at += 12;
      }
    }
  }
  return out;
}

/** Reads what `encodeGlossLinkTable` wrote; a damaged table is an error (the caller rebuilds). */
export function decodeGlossLinkTable(bytes: Uint8Array): GlossLinkTable {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 8 || view.getUint32(0, true) !== MAGIC) {
    throw new RangeError('not a gloss link table');
  }
  const wordBytes = view.getUint32(4, true);
  const words = new TextDecoder().decode(bytes.subarray(8, 8 + wordBytes)).split('\n');
  const wordAt = (id: number): string => {
    const word = words[id];
    if (word === undefined) throw new RangeError(`gloss link table: no word ${id}`);
    return word;
  };
  let at = 8 + wordBytes;
  const section = (): Map<string, readonly LinkedTerm[]> => {
    const map = new Map<string, readonly LinkedTerm[]>();
    const entries = view.getUint32(at, true);
    at += 4;
    for (let e = 0; e < entries; e += 1) {
      const word = wordAt(view.getUint32(at, true));
      const n = view.getUint8(at + 4);
      at += 5;
      const list: LinkedTerm[] = [];
      for (let i = 0; i < n; i += 1) {
        list.push({
          term: wordAt(view.getUint32(at, true)),
          weight: view.getFloat64(at + 4, true),
        });
        at += 12;
      }
      map.set(word, list);
    }
    return map;
  };
  const links = section();
  const translations = section();
  const english = section();
  if (at !== bytes.byteLength) throw new RangeError('gloss link table: trailing bytes');
  return tableOf(links, translations, english);
}
