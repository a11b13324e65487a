/**
 * Brokers of the ecosystem over the communities every view shows (the latest stored run, else the
 * default partition): who lies between communities, who spans structural holes, which communities
 * each one ties together.
 */
import type { ActorGraph } from '#analytics/abc/actor-graph.ts';
import {
  betweennessWithBound,
  findBrokers,
  type BetweennessBudget,
  type BetweennessEstimate,
  type BrokerResult,
} from '#analytics/abc/brokers.ts';
import { DomainError } from '#core/domain-error.ts';
import type { NetworkActor } from '#core/network-columns.ts';
import type { Clock, Repositories } from '#core/ports.ts';
import {
  graphOptions,
  parseCommunityParameters,
  ZCommunityParameters,
} from './analyze-communities.ts';
import {
  sharedCommunities,
  unknownCommunityMessage,
  type CommunitySource,
  type SharedCommunities,
} from './current-communities.ts';
import { communityNameRecord, communityNames } from './community-names.ts';
import { generatedDataNote, type GeneratedDataNote } from './generated-data-note.ts';
import { keptActorGraph } from './kept-graphs.ts';
import type { AnyNetwork } from './load-network.ts';

export interface BrokersOutput extends BrokerResult {
  /** The community asked for, or null for all. */
  community: string | null;
  /** The name of each community, by id (「静岡大学・浜松ホトニクス圏（光・量子）」). */
  communityNames: Record<string, { name: string; nameEn: string }>;
  communitySource: CommunitySource;
  /** Set when most of the data come from the demo generator: results are planted, not found. */
  generatedData: GeneratedDataNote | null;
}

/**
 * The actor graph the shared communities were found on, each actor's community, and the graph's
 * options as text (`graphKey`: the key gap filling uses too, so both share one betweenness).
 */
export function sharedGraph(
  network: AnyNetwork,
  shared: SharedCommunities,
  clock: Clock,
): { graph: ActorGraph<NetworkActor>; communityOf: Map<string, string>; graphKey: string } {
  const stored = ZCommunityParameters.safeParse(shared.source.parameters);
  const parameters = stored.success ? stored.data : parseCommunityParameters({});
  const { graph, graphKey } = keptActorGraph(network, graphOptions(parameters, clock));
  const communityOf = new Map<string, string>();
  for (const c of shared.result.communities) for (const id of c.members) communityOf.set(id, c.id);
  return { graph, communityOf, graphKey };
}

/**
 * Betweenness of a loaded network's graph (`key`: the graph's options as text), kept while that
 * network's relations (`relations`: the columns or the record list, one object per loaded network)
 * live (the server's network cache keeps one per data state): the brokers and gap filling, once
 * per wheel sector, ask for the same one.
 */
const estimates = new WeakMap<object, Map<string, BetweennessEstimate>>();

export function cachedBetweenness(
  relations: object,
  graph: ActorGraph<NetworkActor>,
  key: string,
  budget: BetweennessBudget = {},
): BetweennessEstimate {
  const forNetwork = estimates.get(relations) ?? new Map<string, BetweennessEstimate>();
  estimates.set(relations, forNetwork);
  const fullKey = `${key}|${budget.samples ?? ''}|${budget.maxError ?? ''}|${budget.exactMaxNodes ?? ''}`;
  const known = forNetwork.get(fullKey);
  if (known) return known;
  const estimate = betweennessWithBound(graph.graph, budget);
  forNetwork.set(fullKey, estimate);
  return estimate;
}

/**
 * The brokers over the shared communities. The network is the compact one
 * (`repos.network.readCompact()`: no record objects read); `loaded`: the network and communities
 * already loaded for the same data (the analysis store's, see network-cache.ts), in either form.
 */
export async function analyzeBrokers(
  repos: Repositories,
  clock: Clock,
  request: { community?: string; limit?: number; samples?: number } = {},
  loaded?: { network: AnyNetwork; shared: SharedCommunities },
): Promise<BrokersOutput> {
  const network = loaded?.network ?? (await repos.network.readCompact());
  const shared = loaded?.shared ?? (await sharedCommunities(repos, clock, network));
  if (
    request.community !== undefined &&
    !shared.result.communities.some((c) => c.id === request.community)
  )
    throw new DomainError('not_found', unknownCommunityMessage(request.community, shared));
  const { graph, communityOf, graphKey } = sharedGraph(network, shared, clock);
  const budget = request.samples !== undefined ? { samples: request.samples } : {};
  const result = findBrokers(graph, communityOf, {
    ...(request.community !== undefined ? { community: request.community } : {}),
    ...(request.limit !== undefined ? { limit: request.limit } : {}),
    estimate: cachedBetweenness(network.relations, graph, graphKey, budget),
  });
  return {
    ...result,
    community: request.community ?? null,
    communityNames: communityNameRecord(communityNames(network, shared.result.communities)),
    communitySource: shared.source,
    generatedData: generatedDataNote(network),
  };
}
