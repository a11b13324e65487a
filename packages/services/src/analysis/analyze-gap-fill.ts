import { rankGapFillers, type GapFillCandidate } from '#analytics/abc/gap-fill.ts';
import type { WheelSector } from '#analytics/abc/wheel.ts';
import { DomainError } from '#core/domain-error.ts';
import type { Clock, Repositories } from '#core/ports.ts';
import {
  computeCommunities,
  graphOptions,
  parseCommunityParameters,
  ZCommunityParameters,
  type CommunityParameters,
} from './analyze-communities.ts';
import {
  sharedCommunities,
  unknownCommunityMessage,
  type CommunitySource,
  type SharedCommunities,
} from './current-communities.ts';
import { cachedBetweenness } from './analyze-brokers.ts';
import { communityNames } from './community-names.ts';
import { generatedDataNote, type GeneratedDataNote } from './generated-data-note.ts';
import { keptActorGraph, keptStrength } from './kept-graphs.ts';
import { loadSeeds, type SeededNetwork } from './load-network.ts';

export interface GapFillOutput {
  community: {
    id: string;
    /** The community's name made from its members (see community-names.ts). */
    name: string;
    nameEn: string;
    size: number;
    prefectures: string[];
    gaps: { kind: string; sectors: string[]; ja: string; en: string }[];
  };
  /** Which partition the community id refers to (run id, date, resolution). */
  communitySource: CommunitySource;
  /** The sector filled: the one asked for, else the community's first missing sector. */
  sector: WheelSector | null;
  candidates: GapFillCandidate[];
  /** How the introducers' betweenness was computed (exact, or sampled with its error bound). */
  introducers: { betweenness: 'exact' | 'sampled'; samples: number; errorBound: number };
  /** Set when most of the data come from the demo generator: results are planted, not found. */
  generatedData: GeneratedDataNote | null;
}

/** True when the request names partition parameters of its own (else the shared partition is used). */
function namesPartition(request: CommunityParameters): boolean {
  return Object.keys(ZCommunityParameters.shape).some(
    (key) => request[key as keyof CommunityParameters] !== undefined,
  );
}

/**
 * Ranks actors from any prefecture to fill a community's gap. Without partition parameters the
 * community is the one every other view shows (the latest stored run, else the default partition);
 * with them, the deterministic partition `analyze communities` gives for those parameters.
 */
export async function analyzeGapFill(
  repos: Repositories,
  clock: Clock,
  request: {
    community: string;
    sector?: WheelSector;
    keywords?: string[];
    limit?: number;
  } & CommunityParameters,
  /**
   * The network with its seeds and the shared communities already loaded (see network-cache.ts);
   * else the compact network (`repos.network.readCompact()`) and the seeds are read here.
   */
  loaded?: { network: SeededNetwork; shared: SharedCommunities },
): Promise<GapFillOutput> {
  const network: SeededNetwork =
    loaded?.network ??
    (await Promise.all([repos.network.readCompact(), loadSeeds(repos)]).then(
      ([compact, seeds]) => ({ ...compact, seeds }),
    ));
  const { community: id, sector: asked, keywords, limit, ...partitionRequest } = request;
  let community: Omit<GapFillOutput['community'], 'name' | 'nameEn'> & { members: string[] };
  let partition: readonly { id: string; members: readonly string[] }[];
  let parameters: ReturnType<typeof parseCommunityParameters>;
  let communitySource: CommunitySource;
  if (namesPartition(partitionRequest)) {
    parameters = parseCommunityParameters(partitionRequest);
    const report = computeCommunities(network, parameters, clock);
    const found = report.communities.find((c) => c.id === id);
    if (!found) {
      throw new DomainError(
        'not_found',
        `no community ${id} at resolution ${parameters.resolution} and seed ${parameters.seed} (there are ${report.communityCount}: c1..c${report.communityCount})`,
      );
    }
    community = { ...found, gaps: found.wheel.gaps };
    partition = report.communities;
    communitySource = {
      source: 'computed',
      runId: null,
      computedAt: clock.now().toISOString(),
      resolution: parameters.resolution,
      seed: parameters.seed,
      parameters: { ...parameters, asOf: graphOptions(parameters, clock).asOf },
    };
  } else {
    const shared = loaded?.shared ?? (await sharedCommunities(repos, clock, network));
    const found = shared.result.communities.find((c) => c.id === id);
    if (!found) throw new DomainError('not_found', unknownCommunityMessage(id, shared));
    community = found;
    partition = shared.result.communities;
    communitySource = shared.source;
    // The stored run's own parameters (its date included), so the graph is the one it partitioned.
    const stored = ZCommunityParameters.safeParse(shared.source.parameters);
    parameters = stored.success ? stored.data : parseCommunityParameters({});
  }
  const missing = community.gaps.find((g) => g.kind === 'missing_sector')?.sectors[0];
  const sector = (asked ?? missing) as WheelSector | undefined;
  const options = graphOptions(parameters, clock);
  // The graph, its strengths and (5% of the score) the brokers' own estimate of its betweenness:
  // kept once per network, so each community and sector asked after the first is quick.
  const { graph, graphKey } = keptActorGraph(network, options);
  const brokerage = cachedBetweenness(network.relations, graph, graphKey);
  const candidates = rankGapFillers(graph, network.seeds, {
    betweenness: brokerage.values,
    strength: keptStrength(graph),
    members: community.members,
    ...(sector ? { sector } : {}),
    ...(keywords ? { keywords } : {}),
    asOfYear: Number(options.asOf.slice(0, 4)),
    limit: limit ?? 20,
  });
  const named = communityNames(network, partition).get(community.id);
  return {
    community: {
      id: community.id,
      name: named?.name ?? community.id,
      nameEn: named?.nameEn ?? community.id,
      size: community.size,
      prefectures: community.prefectures,
      gaps: community.gaps,
    },
    communitySource,
    sector: sector ?? null,
    candidates,
    generatedData: generatedDataNote(network),
    introducers: {
      betweenness: brokerage.method,
      samples: brokerage.samples,
      errorBound: brokerage.errorBound,
    },
  };
}
