import { buildActorGraph } from '#analytics/abc/actor-graph.ts';
import { rankGapFillers, type GapFillCandidate } from '#analytics/abc/gap-fill.ts';
import type { WheelSector } from '#analytics/abc/wheel.ts';
import { DomainError } from '#core/domain-error.ts';
import type { Clock, Repositories } from '#core/ports.ts';
import {
  computeCommunities,
  graphOptions,
  parseCommunityParameters,
  type CommunityParameters,
} from './analyze-communities.ts';
import { loadNetwork } from './load-network.ts';

export interface GapFillOutput {
  community: {
    id: string;
    size: number;
    prefectures: string[];
    gaps: { kind: string; sectors: string[]; ja: string; en: string }[];
  };
  /** The sector filled: the one asked for, else the community's first missing sector. */
  sector: WheelSector | null;
  candidates: GapFillCandidate[];
}

/**
 * Ranks actors from any prefecture to fill a community's gap. The community comes from the same
 * deterministic partition `analyze communities` gives for these parameters.
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
): Promise<GapFillOutput> {
  const network = await loadNetwork(repos, { seeds: true });
  const parameters = parseCommunityParameters(request);
  const report = computeCommunities(network, parameters, clock);
  const community = report.communities.find((c) => c.id === request.community);
  if (!community) {
    throw new DomainError(
      'not_found',
      `no community ${request.community} at resolution ${parameters.resolution} and seed ${parameters.seed} (there are ${report.communityCount}: c1..c${report.communityCount})`,
    );
  }
  const missing = community.wheel.gaps.find((g) => g.kind === 'missing_sector')?.sectors[0];
  const sector = request.sector ?? missing;
  const graph = buildActorGraph(network.actors, network.relations, graphOptions(parameters, clock));
  const candidates = rankGapFillers(graph, network.seeds, {
    members: community.members,
    ...(sector ? { sector } : {}),
    ...(request.keywords ? { keywords: request.keywords } : {}),
    asOfYear: Number(graphOptions(parameters, clock).asOf.slice(0, 4)),
    limit: request.limit ?? 20,
  });
  return {
    community: {
      id: community.id,
      size: community.size,
      prefectures: community.prefectures,
      gaps: community.wheel.gaps,
    },
    sector: sector ?? null,
    candidates,
  };
}
