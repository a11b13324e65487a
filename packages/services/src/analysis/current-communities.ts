/**
 * The ABC communities that every view of one database shares (the web app's community list, the
 * portfolio of a community, the region report): the latest stored `analyze communities` run, with
 * the parameters it was run with, when there is one; else a fresh computation with the default
 * parameters (not saved). So a community id such as "c3" names the same members everywhere.
 */
import { randomUUID } from 'node:crypto';
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

/** Where the default partition is kept, for every worker and process on the database. */
const DEFAULT_PARTITION_KEY = 'communities:default';
/** A claim to compute it (see `computedOnce`) older than this is taken over: its holder stopped. */
const CLAIM_LEASE_MS = 5 * 60_000;
/** How often a worker waiting for another's partition looks for it. */
const WAIT_POLL_MS = 100;
/** How a claim by a worker computing ahead of being asked is named (see `computedOnce`). */
const PATIENT = 'patient';

/**
 * What the default partition is kept under: the data versions of actors and relations (all it is
 * computed from) and the latest stored run, as read by the caller before it loaded the network.
 */
export function defaultCommunitiesFingerprint(
  versions: Readonly<Record<string, number>>,
  latestRunId: string | null,
): string {
  return JSON.stringify({
    actors: versions['actors'] ?? 0,
    relations: versions['relations'] ?? 0,
    run: latestRunId,
  });
}

function computedNow(network: AnyNetwork, clock: Clock): SharedCommunities {
  const result = toCommunitiesOutput(computeCommunities(network, {}, clock), null);
  return {
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
}

const pause = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/**
 * Keeps `computed` unless another worker kept its partition for the same data meanwhile, and
 * returns the one kept, so every worker shows the same computation.
 */
async function keepFirst(
  repos: Repositories,
  fingerprint: string,
  computed: SharedCommunities,
): Promise<SharedCommunities> {
  const results = repos.analysisResults;
  const kept = await results.read(DEFAULT_PARTITION_KEY, fingerprint).catch(() => undefined);
  if (kept !== undefined) return JSON.parse(kept) as SharedCommunities;
  // Not kept (the database busy): computed again next time.
  await results
    .write(DEFAULT_PARTITION_KEY, fingerprint, JSON.stringify(computed), computed.source.computedAt)
    .catch(() => undefined);
  return computed;
}

/**
 * The default partition computed once for the data `fingerprint` names, whoever asks first: the
 * analysis workers and the web views' worker each need it when they start on new data. The first
 * claims the computation in the database (`analysisResults.claim`), computes and keeps it; the
 * others wait for the kept partition and read it, or take the claim over when its holder gave it
 * up or stopped. One exception: a worker that computes ahead of being asked (`patient`, the
 * warm-up, at lowered priority) does not hold up one that answers a person: that one computes in
 * its own time rather than wait behind the lowered priority. A database too busy to claim is no
 * reason to fail: the partition is then computed here.
 */
async function computedOnce(
  repos: Repositories,
  clock: Clock,
  network: AnyNetwork,
  keep: { fingerprint: string; patient?: boolean },
): Promise<SharedCommunities> {
  const { fingerprint } = keep;
  const results = repos.analysisResults;
  const claimKey = `${DEFAULT_PARTITION_KEY}:computing`;
  const holder = `${keep.patient ? PATIENT : 'prompt'} ${randomUUID()}`;
  for (;;) {
    const kept = await results.read(DEFAULT_PARTITION_KEY, fingerprint).catch(() => undefined);
    if (kept !== undefined) return JSON.parse(kept) as SharedCommunities;
    const at = Date.now();
    const claimed = await results
      .claim(
        claimKey,
        fingerprint,
        holder,
        new Date(at).toISOString(),
        new Date(at - CLAIM_LEASE_MS).toISOString(),
      )
      .catch(() => true);
    if (claimed) {
      try {
        return await keepFirst(repos, fingerprint, computedNow(network, clock));
      } finally {
        await results.release(claimKey, holder).catch(() => undefined);
      }
    }
    if (!keep.patient) {
      const claimant = await results.read(claimKey, fingerprint).catch(() => undefined);
      if (claimant?.startsWith(`${PATIENT} `))
        return keepFirst(repos, fingerprint, computedNow(network, clock));
    }
    await pause(WAIT_POLL_MS);
  }
}

/**
 * The communities of the database: the latest stored run, else the default partition of `network`
 * (the network already loaded by the caller, in either form).
 */
export async function sharedCommunities(
  repos: Repositories,
  clock: Clock,
  network: AnyNetwork,
  /**
   * Keep the computed partition in the database (`analysis_results`) for the data `fingerprint`
   * names (`defaultCommunitiesFingerprint` of the versions read by the caller before it loaded
   * `network`), so the other workers, or the server started again on the same data, read it back
   * instead of computing it again; one computes it while the others wait. `patient`: the caller
   * computes ahead of being asked (the warm-up), and never holds up a caller that is not.
   */
  keep?: { fingerprint: string; patient?: boolean },
): Promise<SharedCommunities> {
  const stored = await latestStoredRun(repos);
  if (stored) return stored;
  if (keep) return computedOnce(repos, clock, network, keep);
  return computedNow(network, clock);
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
