/**
 * Word links from SudachiDict's synonym dictionary (同義語辞書; npm `sudachi-synonyms-dictionary`,
 * Apache-2.0, Works Applications): each group holds words of one meaning; inside a group, the
 * items with the same vocabulary number are one word written differently (異表記, 略語,
 * 対訳: 曖昧 / あいまい, ＡＩ / 人工知能 / artificial intelligence), the others are synonyms
 * (曖昧 / 不明確 / あやふや). A spelling variant links with weight 1, a synonym with
 * `synonymWeight`. Items that may not trigger expansion (展開制御 1) are reached but link to
 * nothing; items kept only as a deletion record (展開制御 2) are left out.
 *
 * Pure: the caller reads the package's JSON (packages/matching-node) and passes the groups.
 */
import { foldDictionaryTerm } from './dictionary.ts';
import type { GlossLinker, LinkedTerm } from './gloss-links.ts';

export interface SynonymItem {
  /** 0 always expands, 1 is reached but does not trigger, 2 never used. */
  readonly expandControl: number;
  /** Same number in a group = the same word in another form; undefined = its own word. */
  readonly vocabularyNumber: number | undefined;
  readonly midashi: string;
}

export interface SynonymGroup {
  readonly id: string;
  readonly items: readonly SynonymItem[];
}

export interface SynonymLinkOptions {
  /** Weight of a link between two words of a group (default 0.5); spelling variants link at 1. */
  readonly synonymWeight?: number;
  /** Groups larger than this are too loose to link by (default 12 items). */
  readonly maxGroupSize?: number;
}

/** Folded word → linked folded words with their weights, best first (a word in several groups keeps the best). */
export type SynonymLinks = ReadonlyMap<string, readonly LinkedTerm[]>;

export function synonymLinks(
  groups: readonly SynonymGroup[],
  options: SynonymLinkOptions = {},
): SynonymLinks {
  const synonymWeight = options.synonymWeight ?? 0.5;
  const maxGroupSize = options.maxGroupSize ?? 12;
  const links = new Map<string, Map<string, number>>();
  for (const group of groups) {
    const items = group.items
      .filter((item) => item.expandControl !== 2)
      .map((item) => ({ ...item, term: foldDictionaryTerm(item.midashi) }))
      .filter((item) => item.term.length > 0);
    if (items.length < 2 || items.length > maxGroupSize) continue;
    for (const from of items) {
      if (from.expandControl === 1) continue;
      for (const to of items) {
        if (to.term === from.term) continue;
        const sameWord =
          from.vocabularyNumber !== undefined && from.vocabularyNumber === to.vocabularyNumber;
        const weight = sameWord ? 1 : synonymWeight;
        let targets = links.get(from.term);
        if (targets === undefined) links.set(from.term, (targets = new Map()));
        targets.set(to.term, Math.max(targets.get(to.term) ?? 0, weight));
      }
    }
  }
  const out = new Map<string, LinkedTerm[]>();
  for (const [term, targets] of links) {
    out.set(
      term,
      [...targets.entries()]
        .map(([target, weight]) => ({ term: target, weight }))
        .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1)),
    );
  }
  return out;
}

/** Links of one word from two sources: a word reached by both keeps the surer weight; best first, at most `maxLinks`. */
export function mergeLinks(
  a: readonly LinkedTerm[],
  b: readonly LinkedTerm[],
  maxLinks: number,
): LinkedTerm[] {
  const merged = new Map<string, number>();
  for (const link of [...a, ...b])
    merged.set(link.term, Math.max(merged.get(link.term) ?? 0, link.weight));
  return [...merged.entries()]
    .map(([term, weight]) => ({ term, weight }))
    .sort((x, y) => y.weight - x.weight || (x.term < y.term ? -1 : 1))
    .slice(0, maxLinks);
}

/** Links per word when gloss and synonym links are merged (gloss links alone keep 5). */
export const MERGED_MAX_LINKS = 8;

/**
 * Gloss links and synonym links together: a word's links from both, a word reached by both
 * keeping the surer weight, at most `maxLinks` (default 8). Translations are the gloss
 * linker's alone.
 */
export function withSynonymLinks(
  glosses: GlossLinker | undefined,
  synonyms: SynonymLinks,
  options: { readonly maxLinks?: number } = {},
): GlossLinker {
  const maxLinks = options.maxLinks ?? MERGED_MAX_LINKS;
  return {
    linksOf: (word, keep) =>
      mergeLinks(
        glosses?.linksOf(word, keep) ?? [],
        (synonyms.get(word) ?? []).filter((link) => link.term !== word && keep(link.term)),
        maxLinks,
      ),
    translationsOf: (englishWord, keep) => glosses?.translationsOf(englishWord, keep) ?? [],
    englishOf: (word, keep) => glosses?.englishOf(word, keep) ?? [],
  };
}
