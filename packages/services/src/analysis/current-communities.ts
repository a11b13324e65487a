/**
 * The ABC communities that every view of one database shares (the web app's community list, the
 * portfolio of a community, the region report): the latest stored `analyze communities` run, with
 * the parameters it was run with, when there is one; else a fresh computation with the default
 * parameters (not saved). So a community id such as "c3" names the same members everywhere.
 */
import { z } from 'zod';
import type { Clock, Repositories } from '#core/ports.ts';
import { computeCommunities, toCommunitiesOutput } from './analyze-communities.ts';
import type { AnyNetwork } from './load-network.ts';

/** The parts of a stored `analyze communities` result the views use, validated as they are read. */
const ZStoredCommunities = z.object({
  runId: z.string().nullable(),
  resolution: z.number(),
  seed: z.number().default(1),
  modularity: z.number(),
  ami: z.number(),
  communityCount: z.number(),
  unassigned: z.number(),
  communities: z.array(
    z.object({
      id: z.string(),
      size: z.number(),
      members: z.array(z.string()),
      prefectures: z.array(z.string()),
      prefectureCounts: z.record(z.string(), z.number()),
      crossPrefectureShare: z.number(),
      scale: z.string(),
      coreActors: z.array(z.object({ id: z.string(), name: z.string(), score: z.number() })),
      wheelCounts: z.record(z.string(), z.number()),
      gaps: z.array(
        z.object({
          kind: z.string(),
          sectors: z.array(z.string()),
          ja: z.string(),
          en: z.string(),
        }),
      ),
    }),
  ),
});
export type SharedCommunitiesResult = z.infer<typeof ZStoredCommunities>;
export type SharedCommunity = SharedCommunitiesResult['communities'][number];

/** Where the communities come from: which run, of when, at which resolution. */
export interface CommunitySource {
  /** `stored`: the latest saved run; `computed`: computed now with the default parameters. */
  source: 'stored' | 'computed';
  /** The stored run's id; null when computed. */
  runId: string | null;
  /** When the run was stored, or when the communities were computed (ISO 8601). */
  computedAt: string;
  resolution: number;
  seed: number;
  /** The parameters of the run (of the computation: the defaults). */
  parameters: Record<string, unknown>;
}

export interface SharedCommunities {
  source: CommunitySource;
  result: SharedCommunitiesResult;
}

/** The latest stored communities run that can be read, if any. */
async function latestStoredRun(repos: Repositories): Promise<SharedCommunities | undefined> {
  const [latest] = await repos.analysisRuns.list('communities', 1);
  if (!latest) return undefined;
  const run = await repos.analysisRuns.get(latest.id);
  const parsed = ZStoredCommunities.safeParse(run?.result);
  if (!parsed.success) return undefined;
  return {
    source: {
      source: 'stored',
      runId: latest.id,
      computedAt: latest.createdAt,
      resolution: parsed.data.resolution,
      seed: parsed.data.seed,
      parameters: latest.parameters,
    },
    result: { ...parsed.data, runId: latest.id },
  };
}

/**
 * The communities of the database: the latest stored run, else the default partition of `network`
 * (the network already loaded by the caller).
 */
export async function sharedCommunities(
  repos: Repositories,
  clock: Clock,
  network: AnyNetwork,
  /**
   * Keep the computed partition in the database (`analysis_results`) under `key`, valid for the
   * data `fingerprint` names — read by the caller before it loaded `network` — so another worker,
   * or the server started again on the same data, reads it back instead of computing it again.
   */
  keep?: { key: string; fingerprint: string },
): Promise<SharedCommunities> {
  const stored = await latestStoredRun(repos);
  if (stored) return stored;
  const keyAs = keep
    ? { key: `communities:default:${keep.key}`, fingerprint: keep.fingerprint }
    : undefined;
  if (keyAs) {
    const kept = await repos.analysisResults
      .read(keyAs.key, keyAs.fingerprint)
      .catch(() => undefined);
    if (kept !== undefined) return JSON.parse(kept) as SharedCommunities;
  }
  const result = toCommunitiesOutput(computeCommunities(network, {}, clock), null);
  const computed: SharedCommunities = {
    source: {
      source: 'computed',
      runId: null,
      computedAt: clock.now().toISOString(),
      resolution: result.resolution,
      seed: result.seed,
      parameters: { resolution: result.resolution, seed: result.seed },
    },
    result,
  };
  if (keyAs)
    // Not kept (the database busy): computed again next time.
    await repos.analysisResults
      .write(keyAs.key, keyAs.fingerprint, JSON.stringify(computed), computed.source.computedAt)
      .catch(() => undefined);
  return computed;
}

/** The message of a community id that is not in the shared partition. */
export function unknownCommunityMessage(id: string, shared: SharedCommunities): string {
  const { source, result } = shared;
  const from =
    source.source === 'stored'
      ? `the stored run ${source.runId} (resolution ${source.resolution})`
      : `the default partition (resolution ${source.resolution})`;
  return `no community ${id} in ${from}; there are ${result.communityCount}: c1..c${result.communityCount}`;
}
