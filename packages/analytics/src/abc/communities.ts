import type { NetworkActor } from '#core/network-columns.ts';
import { RANKING_TOLERANCE, pageRank } from '../centrality.ts';
import { leiden } from '../leiden.ts';
import { adjustedMutualInformation } from '../partition-compare.ts';
import { createRng } from '../random.ts';
import type { ActorGraph } from './actor-graph.ts';
import {
  KEY_SECTOR_PAIRS,
  WHEEL_LABELS,
  WHEEL_SECTORS,
  wheelSectorOf,
  type WheelSector,
} from './wheel.ts';
import { placeKeyOf, prefectureGroupOf } from '#core/geo.ts';

export interface CommunityOptions {
  /** Leiden resolution γ: above 1 finds smaller communities, below 1 larger. Default 1. */
  resolution?: number;
  seed?: number;
  /** Communities smaller than this are not reported (their members stay unassigned). Default 3. */
  minSize?: number;
  /** Year used to tell new companies from established ones. */
  asOfYear: number;
  /** Influencers listed per wheel sector. Default 3. */
  influencersPerSector?: number;
}

export interface Influencer {
  id: string;
  name: string;
  /** PageRank × community size: 1 is an average member. */
  score: number;
}

export interface WheelGap {
  kind: 'missing_sector' | 'weak_link';
  sectors: WheelSector[];
  ja: string;
  en: string;
}

export interface WheelReport {
  /** Influencer ids per present sector (the JSON contract's `wheel`). */
  influencers: Partial<Record<WheelSector, Influencer[]>>;
  /** Members per sector. */
  counts: Record<WheelSector, number>;
  /** Tie weight between sectors inside the community, keyed "a|b" with a ≤ b in wheel order. */
  ties: Record<string, number>;
  gaps: WheelGap[];
}

export type CommunityScale = 'local' | 'prefecture' | 'multi_prefecture';

export interface CommunityReport {
  id: string;
  size: number;
  members: string[];
  /** Prefectures holding at least 5% of the members, most members first. */
  prefectures: string[];
  prefectureCounts: Record<string, number>;
  municipalityCount: number;
  /** Share of the community's internal tie weight that crosses a prefecture border (広域連携 index). */
  crossPrefectureShare: number;
  scale: CommunityScale;
  coreActors: Influencer[];
  wheel: WheelReport;
}

/**
 * Leiden stops when an iteration raises modularity by less than this (absolute), or after
 * LEIDEN_MAX_ITERATIONS: later iterations cost as much as the first ones for gains in the fourth
 * decimal (issue 16: 13 iterations to convergence gave +0.00014 over 2 at 1M actors). Half a unit
 * of the third decimal the command prints (decision 017); the iteration that gains less is kept.
 */
export const LEIDEN_MINIMUM_GAIN = 5e-4;
export const LEIDEN_MAX_ITERATIONS = 50;

export interface PartitionReport {
  resolution: number;
  seed: number;
  modularity: number;
  /** Leiden iterations run, and why it stopped (see LEIDEN_MINIMUM_GAIN). */
  iterations: number;
  stoppedBy: 'converged' | 'negligible_gain' | 'max_iterations';
  /** Adjusted mutual information between communities and prefectures over connected actors. */
  ami: number;
  communityCount: number;
  sizes: number[];
  unassigned: number;
  communities: CommunityReport[];
  /** Community id of each actor id (reported communities only). */
  membership: Record<string, string>;
}

function pairKey(a: WheelSector, b: WheelSector): string {
  return WHEEL_SECTORS.indexOf(a) <= WHEEL_SECTORS.indexOf(b) ? `${a}|${b}` : `${b}|${a}`;
}

function scaleOf(prefectures: string[], municipalityShare: number): CommunityScale {
  if (prefectures.length > 1) return 'multi_prefecture';
  return municipalityShare >= 0.6 ? 'local' : 'prefecture';
}

/** Wheel analysis of one community: who is present, who leads each sector, how sectors are tied, gaps. */
export function analyseWheel(
  members: readonly number[],
  actorGraph: ActorGraph<NetworkActor>,
  rank: Float64Array,
  options: Pick<CommunityOptions, 'asOfYear' | 'influencersPerSector'>,
  /** Membership test shared by all communities of a partition (else a set of `members`). */
  inCommunity: (node: number) => boolean = membershipOf(members),
): WheelReport {
  const { graph, actors } = actorGraph;
  const sectorOf = new Map<number, WheelSector | undefined>();
  const counts = Object.fromEntries(WHEEL_SECTORS.map((s) => [s, 0])) as Record<
    WheelSector,
    number
  >;
  const bySector = new Map<WheelSector, number[]>();
  for (const node of members) {
    const actor = actors[node];
    if (!actor) continue;
    const sector = wheelSectorOf(actor, options.asOfYear);
    sectorOf.set(node, sector);
    if (!sector) continue;
    counts[sector] += 1;
    const list = bySector.get(sector) ?? [];
    list.push(node);
    bySector.set(sector, list);
  }
  const size = members.length;
  const influencers: Partial<Record<WheelSector, Influencer[]>> = {};
  for (const [sector, nodes] of bySector) {
    influencers[sector] = nodes
      .sort((a, b) => (rank[b] ?? 0) - (rank[a] ?? 0))
      .slice(0, options.influencersPerSector ?? 3)
      .map((node) => ({
        id: actors[node]?.id ?? '',
        name: actors[node]?.name ?? '',
        score: (rank[node] ?? 0) * size,
      }));
  }
  const ties: Record<string, number> = {};
  for (const u of members) {
    const su = sectorOf.get(u);
    if (!su) continue;
    for (let arc = graph.offsets[u] ?? 0; arc < (graph.offsets[u + 1] ?? 0); arc++) {
      const v = graph.targets[arc] ?? 0;
      if (v <= u || !inCommunity(v)) continue;
      const sv = sectorOf.get(v);
      if (!sv) continue;
      const key = pairKey(su, sv);
      ties[key] = (ties[key] ?? 0) + (graph.weights[arc] ?? 0);
    }
  }
  const gaps: WheelGap[] = [];
  for (const sector of WHEEL_SECTORS) {
    if (counts[sector] > 0) continue;
    const label = WHEEL_LABELS[sector];
    gaps.push({
      kind: 'missing_sector',
      sectors: [sector],
      ja: `${label.ja}がコミュニティにいません`,
      en: `no ${label.en} in the community`,
    });
  }
  for (const [a, b] of KEY_SECTOR_PAIRS) {
    if (counts[a] === 0 || counts[b] === 0) continue;
    if ((ties[pairKey(a, b)] ?? 0) > 0) continue;
    gaps.push({
      kind: 'weak_link',
      sectors: [a, b],
      ja: `${WHEEL_LABELS[a].ja}と${WHEEL_LABELS[b].ja}はともにいますが、互いに結びついていません`,
      en: `${WHEEL_LABELS[a].en} and ${WHEEL_LABELS[b].en} are both present but not tied to each other`,
    });
  }
  return { influencers, counts, ties, gaps };
}

function membershipOf(members: readonly number[]): (node: number) => boolean {
  const set = new Set(members);
  return (node) => set.has(node);
}

/** What describing every community of one partition shares: each node's community and place. */
interface PartitionContext {
  /** Index of each node's reported community, -1 for none. */
  communityOf: Int32Array;
  /** Each node's place key (`placeKeyOf`), computed once. */
  placeOf: readonly string[];
}

function describeCommunity(
  id: string,
  index: number,
  members: number[],
  actorGraph: ActorGraph<NetworkActor>,
  rank: Float64Array,
  options: CommunityOptions,
  context: PartitionContext,
): CommunityReport {
  const { communityOf, placeOf } = context;
  const inCommunity = (node: number): boolean => communityOf[node] === index;
  const { graph, actors } = actorGraph;
  const prefectureCounts: Record<string, number> = {};
  const municipalityCounts = new Map<string, number>();
  for (const node of members) {
    const actor = actors[node] as NetworkActor;
    const group = prefectureGroupOf(actor);
    prefectureCounts[group] = (prefectureCounts[group] ?? 0) + 1;
    if (actor.municipalityCode)
      municipalityCounts.set(
        actor.municipalityCode,
        (municipalityCounts.get(actor.municipalityCode) ?? 0) + 1,
      );
  }
  const prefectures = Object.entries(prefectureCounts)
    .filter(([, n]) => n / members.length >= 0.05)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([code]) => code);
  let internal = 0;
  let crossing = 0;
  for (const u of members) {
    const placeU = placeOf[u];
    const end = graph.offsets[u + 1] ?? 0;
    for (let arc = graph.offsets[u] ?? 0; arc < end; arc++) {
      const v = graph.targets[arc] ?? 0;
      if (v <= u || !inCommunity(v)) continue;
      const w = graph.weights[arc] ?? 0;
      internal += w;
      if (placeU !== placeOf[v]) crossing += w;
    }
  }
  const topMunicipality = Math.max(0, ...municipalityCounts.values());
  const coreActors = [...members]
    .sort((a, b) => (rank[b] ?? 0) - (rank[a] ?? 0))
    .slice(0, 5)
    .map((node) => ({
      id: actors[node]?.id ?? '',
      name: actors[node]?.name ?? '',
      score: (rank[node] ?? 0) * members.length,
    }));
  return {
    id,
    size: members.length,
    members: members.map((node) => actors[node]?.id ?? '').sort(),
    prefectures,
    prefectureCounts,
    municipalityCount: municipalityCounts.size,
    crossPrefectureShare: internal > 0 ? crossing / internal : 0,
    scale: scaleOf(prefectures, topMunicipality / members.length),
    coreActors,
    wheel: analyseWheel(members, actorGraph, rank, options, inCommunity),
  };
}

/**
 * Finds the Actors-Based Communities (ABC) with Leiden and describes each against administrative
 * areas and the Technopolis Wheel. Deterministic for a given seed.
 */
export function analyseCommunities(
  actorGraph: ActorGraph<NetworkActor>,
  options: CommunityOptions,
): PartitionReport {
  const resolution = options.resolution ?? 1;
  const seed = options.seed ?? 1;
  const minSize = options.minSize ?? 3;
  const { graph, actors } = actorGraph;
  const result = leiden(graph, {
    resolution,
    rng: createRng(seed),
    minimumGain: LEIDEN_MINIMUM_GAIN,
    extrapolateGains: true,
    iterations: LEIDEN_MAX_ITERATIONS,
  });
  const rank = pageRank(graph, { tolerance: RANKING_TOLERANCE });
  const groups = new Map<number, number[]>();
  for (let node = 0; node < graph.nodeCount; node++) {
    const label = result.membership[node] ?? 0;
    const list = groups.get(label) ?? [];
    list.push(node);
    groups.set(label, list);
  }
  const ordered = [...groups.values()]
    .filter((g) => g.length >= minSize)
    .sort((a, b) => b.length - a.length);
  const communityOf = new Int32Array(graph.nodeCount).fill(-1);
  ordered.forEach((members, i) => {
    for (const node of members) communityOf[node] = i;
  });
  const placeOf = actors.map((actor) => placeKeyOf(actor));
  const communities = ordered.map((members, i) =>
    describeCommunity(`c${i + 1}`, i, members, actorGraph, rank, options, {
      communityOf,
      placeOf,
    }),
  );
  const membership: Record<string, string> = {};
  for (const community of communities)
    for (const id of community.members) membership[id] = community.id;

  const connected: number[] = [];
  for (let node = 0; node < graph.nodeCount; node++)
    if ((graph.strength[node] ?? 0) > 0) connected.push(node);
  const ami =
    connected.length > 1
      ? adjustedMutualInformation(
          connected.map((n) => result.membership[n] ?? 0),
          connected.map((n) => Number(actors[n]?.prefectureCode ?? 0)),
        )
      : 0;
  return {
    resolution,
    seed,
    modularity: Number.isNaN(result.modularity) ? 0 : result.modularity,
    iterations: result.iterations,
    stoppedBy: result.stoppedBy,
    ami,
    communityCount: communities.length,
    sizes: communities.map((c) => c.size),
    unassigned: graph.nodeCount - communities.reduce((sum, c) => sum + c.size, 0),
    communities,
    membership,
  };
}
