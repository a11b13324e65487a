/**
 * Steps of a match that need no state of the service: the query cleaned, an index searched with
 * expansion, the shown seeds explained (one read), actors named from what was read.
 */
import { DomainError } from '#core/domain-error.ts';
import { ZSeed, type Seed } from '#core/entities/seed.ts';
import type { Analyzer } from '#matching/analyze.ts';
import type { Bm25fIndex } from '#matching/bm25f.ts';
import { searchWithExpansion, type QueryTerm } from '#matching/expansion.ts';
import { explainHit, type HitExplanation } from '#matching/explain.ts';
import type { GlossLinker } from '#matching/gloss-links.ts';
import type { LinkWeights } from '#matching/link-judgements.ts';
import { seedFields } from './matching-index.ts';
import { MAX_QUERY_CHARS } from './matching-service-types.ts';
import type { MatchingStore } from './matching-store.ts';
import type { TextPipeline } from './text-pipeline.ts';

/** The query text without markup, cut at MAX_QUERY_CHARS (and whether it was cut). */
export function prepareQuery(raw: string): { text: string; truncated: boolean } {
  // HTML tags are markup, not content.
  const cleaned = raw.replace(/<[^>]{0,200}>/g, ' ').trim();
  if (cleaned === '') throw new DomainError('validation_failed', 'the query text is empty');
  return cleaned.length > MAX_QUERY_CHARS
    ? { text: cleaned.slice(0, MAX_QUERY_CHARS), truncated: true }
    : { text: cleaned, truncated: false };
}

/** Search with this dictionary: the top `k` documents of an index, expanded or not. */
export const indexSearch =
  (dictionary: TextPipeline['dictionary']) =>
  (
    index: Bm25fIndex,
    analyzer: Analyzer,
    query: string,
    k: number,
    expand: boolean,
    glosses: GlossLinker | undefined,
    linkWeights?: { weights: LinkWeights; needField?: string },
  ): { query: readonly QueryTerm[]; hits: readonly { id: string; score: number }[] } =>
    searchWithExpansion(index, analyzer, query, {
      k,
      dictionary,
      ...(expand && glosses !== undefined ? { glosses } : {}),
      ...(expand && linkWeights !== undefined ? { linkWeights } : {}),
      // Co-occurrence expansion is off: without it nDCG@10 rose on both halves of the
      // evaluation set (decision 016); dictionary, links and feedback expand.
      cooccurrence: false,
      feedback: expand ? { documents: 8 } : false,
    });

/** The shown seeds read in one batch and each explained against the query. */
export async function explainSeedHits(
  context: { repos: MatchingStore; text: TextPipeline; index: Bm25fIndex },
  analyzerQuery: readonly QueryTerm[],
  ids: readonly string[],
): Promise<Map<string, { seed: Seed; explanation: HitExplanation }>> {
  const seeds: Seed[] = [];
  // One read: from a worker thread each read is a round trip to the database's thread.
  const stored = await context.repos.entity('seeds').getMany(ids);
  for (const id of ids) {
    const row = stored.get(id);
    const parsed = row === undefined ? undefined : ZSeed.safeParse(row.record);
    if (parsed?.success) seeds.push(parsed.data);
  }
  const analyzer = await context.text.analyzer.prepare(
    seeds.flatMap((s) => Object.values(seedFields(s))),
  );
  const out = new Map<string, { seed: Seed; explanation: HitExplanation }>();
  for (const seed of seeds) {
    out.set(seed.id, {
      seed,
      explanation: explainHit({
        index: context.index,
        analyzer,
        query: analyzerQuery,
        document: { id: seed.id, fields: seedFields(seed) },
      }),
    });
  }
  return out;
}

/** A name lookup over actors already read (the id when the actor is not among them). */
export function namesIn(...maps: ReadonlyMap<string, { name: string }>[]): (id: string) => string {
  return (id) => {
    for (const map of maps) {
      const name = map.get(id)?.name;
      if (name !== undefined) return name;
    }
    return id;
  };
}
