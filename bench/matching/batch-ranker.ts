/**
 * Ranking as `musubi match batch` answers a line: the service's expanded search (300
 * candidates for region "any"), fused with the structured signals on the absolute text scale
 * (no subject: a free text has no field, prefecture or owner; every seed available), the top
 * `limit` kept, and no results at all when the answer is "no good match". Scoring this list is
 * what an acceptance test scoring the batch output measures, while `musubiRanker` scores the
 * bare text ranking.
 */
import type { Analyzer } from '#matching/analyze.ts';
import type { Bm25fIndex } from '#matching/bm25f.ts';
import type { CompiledDictionary } from '#matching/dictionary.ts';
import { searchWithExpansion } from '#matching/expansion.ts';
import type { GlossLinker } from '#matching/gloss-links.ts';
import { fuseSeedHits } from '#matching/match-fusion.ts';
import {
  assessHit,
  DEFAULT_CONFIDENCE_THRESHOLDS,
  isNoGoodMatch,
  textScale,
  type HitEvidence,
} from '#matching/match-confidence.ts';
import { DEFAULT_SIGNAL_WEIGHTS } from '#matching/signals.ts';

const RANK = { high: 0, medium: 1, low: 2 } as const;

export interface BatchAnswer {
  readonly ids: string[];
  readonly noGoodMatch: boolean;
}

/** One batch line's answer: seed ids best first (empty for "no good match"). */
export function batchAnswer(
  index: Bm25fIndex,
  analyzer: Analyzer,
  dictionary: CompiledDictionary,
  glosses: GlossLinker | undefined,
  text: string,
  limit = 20,
  thresholds = DEFAULT_CONFIDENCE_THRESHOLDS,
): BatchAnswer {
  const { query, hits } = searchWithExpansion(index, analyzer, text, {
    k: 300,
    dictionary,
    ...(glosses !== undefined ? { glosses } : {}),
    cooccurrence: false,
    feedback: { documents: 8 },
  });
  const scale = textScale(index, query, thresholds.coreWords);
  const scored = fuseSeedHits({
    hits,
    textScale: scale,
    subject: { sdgs: [] },
    region: 'any',
    weights: DEFAULT_SIGNAL_WEIGHTS,
    seedOf: (id) => ({ id, kind: 'research_result', ownerId: '', sdgs: [], available: true }),
    actorOf: () => undefined,
    feedbackOf: () => ({ value: 0, reasons: [] }),
    hopsTo: () => undefined,
  });
  const top = scored.slice(0, limit);
  const textScore = new Map(hits.map((h) => [h.id, h.score]));
  const evidence: HitEvidence[] = top.map((s) =>
    assessHit(index, query, { id: s.id, score: textScore.get(s.id) ?? 0 }, scale, thresholds),
  );
  const strongest = [...evidence].sort(
    (a, b) => RANK[a.confidence] - RANK[b.confidence] || b.specificity - a.specificity,
  )[0];
  return isNoGoodMatch(strongest)
    ? { ids: [], noGoodMatch: true }
    : { ids: top.map((s) => s.id), noGoodMatch: false };
}
