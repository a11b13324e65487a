/**
 * Learning from coordinators' judgements (選定・不採用, issue 13 point 3) which expansion links
 * to trust: a judged seed was carried by the links whose added terms it holds (銅 → 重金属,
 * 竹やぶ → 竹林); a link whose expansions were chosen keeps its weight, one whose expansions
 * were rejected again and again loses it, learned per need field and overall.
 *
 * factor = (prior + chosen) / (prior + chosen + rejected), in (0, 1]: 1 with no judgement,
 * 0.5 after two rejections and none chosen (prior 2). The field's own counts are used when the
 * field has at least `minFieldJudgements` on the link, else the counts over all fields. Only
 * seeds carried by links alone count (they were judged on their links).
 * Pure: the service reads the judgements, the bench simulates them.
 */
import type { Bm25fIndex } from './bm25f.ts';
import type { QueryTerm, TermSource } from './expansion.ts';

/** Sources whose terms come through a link from the need's own words. */
const LINKED: ReadonlySet<TermSource> = new Set(['dictionary', 'gloss', 'cooccurrence']);

export interface LinkJudgement {
  /** The expanded query the judged seed was found with (or is found with now). */
  readonly query: readonly QueryTerm[];
  readonly seedId: string;
  readonly decision: 'chosen' | 'rejected';
  readonly needField?: string;
}

/** A link: the need's word and the term it added. */
const linkKey = (via: string, term: string): string => `${via}\u0000${term}`;
const fieldKey = (field: string, link: string): string => `${field}\u0001${link}`;

/** The links of `query` that carried `seedId`: added terms the seed holds, with their via. */
export function linksCarrying(
  index: Bm25fIndex,
  query: readonly QueryTerm[],
  seedId: string,
): string[] {
  const out: string[] = [];
  for (const term of query) {
    if (!LINKED.has(term.source) || index.scoreTerm(seedId, term.term) === undefined) continue;
    for (const via of term.via) out.push(linkKey(via, term.term));
  }
  return out;
}

export interface LinkWeights {
  /** Links with at least one judgement. */
  readonly size: number;
  /** The factor of the link from `via` to `term` for a need of `needField`. */
  factor(via: string, term: string, needField?: string): number;
}

export interface LinkLearningOptions {
  /** Pseudo-counts of a chosen link (default 2). */
  readonly prior?: number;
  /** Judgements of a link within a field before the field's own counts are used (default 2). */
  readonly minFieldJudgements?: number;
  /**
   * 'absolute': (prior + chosen) / (prior + chosen + rejected), at most 1. 'relative': the
   * link's smoothed chosen rate over the chosen rate of all judged links, in [0.25, 2]: most
   * candidates a coordinator sees are rejected, so a link is judged against that baseline.
   */
  readonly scale?: 'absolute' | 'relative';
  /**
   * Count only judgements of seeds that hold none of the need's own words (carried by links
   * alone): a seed that also shares the need's words was judged on more than its links.
   * Default true: counting every judged seed lowered held-out nDCG@10 (decision 014).
   */
  readonly linkCarriedOnly?: boolean;
}

export function learnLinkWeights(
  index: Bm25fIndex,
  judgements: readonly LinkJudgement[],
  options: LinkLearningOptions = {},
): LinkWeights {
  const prior = options.prior ?? 2;
  const minField = options.minFieldJudgements ?? 2;
  const counts = new Map<string, { chosen: number; rejected: number }>();
  const count = (key: string, decision: LinkJudgement['decision']): void => {
    const entry = counts.get(key) ?? { chosen: 0, rejected: 0 };
    entry[decision] += 1;
    counts.set(key, entry);
  };
  const counted = judgements.filter(
    (j) =>
      options.linkCarriedOnly === false ||
      !j.query.some(
        (t) =>
          (t.source === 'query' || t.source === 'synonym') &&
          index.scoreTerm(j.seedId, t.term) !== undefined,
      ),
  );
  for (const judgement of counted) {
    for (const link of new Set(linksCarrying(index, judgement.query, judgement.seedId))) {
      count(link, judgement.decision);
      if (judgement.needField !== undefined)
        count(fieldKey(judgement.needField, link), judgement.decision);
    }
  }
  let chosenAll = 0;
  let judgedAll = 0;
  for (const judgement of counted) {
    if (linksCarrying(index, judgement.query, judgement.seedId).length === 0) continue;
    judgedAll += 1;
    if (judgement.decision === 'chosen') chosenAll += 1;
  }
  const base = (chosenAll + 1) / (judgedAll + 2);
  const ratio = (c: { chosen: number; rejected: number }): number =>
    options.scale === 'relative'
      ? Math.min(
          2,
          Math.max(0.25, (c.chosen + prior * base) / (c.chosen + c.rejected + prior) / base),
        )
      : (prior + c.chosen) / (prior + c.chosen + c.rejected);
  return {
    size: [...counts.keys()].filter((k) => !k.includes('\u0001')).length,
    factor(via, term, needField) {
      const link = linkKey(via, term);
      if (needField !== undefined) {
        const inField = counts.get(fieldKey(needField, link));
        if (inField !== undefined && inField.chosen + inField.rejected >= minField)
          return ratio(inField);
      }
      const overall = counts.get(link);
      return overall === undefined ? 1 : ratio(overall);
    },
  };
}

/**
 * The query with each linked term's weight times its link's factor (the best of its links
 * when several of the need's words led to it); the need's own words are left as they are.
 */
export function reweightLinks(
  query: readonly QueryTerm[],
  weights: LinkWeights,
  needField?: string,
): QueryTerm[] {
  if (weights.size === 0) return [...query];
  return query.map((term) => {
    if (!LINKED.has(term.source) || term.via.length === 0) return term;
    const factor = Math.max(...term.via.map((via) => weights.factor(via, term.term, needField)));
    return factor === 1 ? term : { ...term, weight: term.weight * factor };
  });
}
