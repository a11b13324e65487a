import type { Seed } from '#core/entities/seed.ts';
import type { NetworkActor } from '#core/network-columns.ts';
import { distanceKm, findPrefecture, prefectureGroupOf } from '#core/geo.ts';
import { RANKING_TOLERANCE, pageRank } from '../centrality.ts';
import type { ActorGraph } from './actor-graph.ts';
import { bureauJurisdiction } from './jurisdiction.ts';
import { percentileOf } from './percentile.ts';
import { WHEEL_LABELS, wheelSectorOf, type WheelSector } from './wheel.ts';

export interface GapFillOptions {
  /** The members of the community to complete (actor ids). */
  members: readonly string[];
  /** The wheel sector to fill; candidates of any sector when omitted. */
  sector?: WheelSector;
  /** Extra capability wanted, as keywords (e.g. 希少糖, 量産). */
  keywords?: readonly string[];
  asOfYear: number;
  limit?: number;
  /** Weights of the signals; they sum to 1. Default GAP_FILL_WEIGHTS. */
  weights?: GapFillWeights;
  /**
   * Normalised betweenness per graph node (see brokers.ts): how well the actor who can introduce a
   * candidate bridges communities. Without it the introducer is named but not weighed.
   */
  betweenness?: ArrayLike<number>;
  /**
   * Each node's PageRank percentile (`strengthPercentiles`), when the caller keeps it for the
   * graph: computed here otherwise.
   */
  strength?: ArrayLike<number>;
}

export interface GapFillWeights {
  /** Shared terms with the community's profile (and the wanted keywords). */
  expertise: number;
  /** The candidate's field among the community's fields. */
  field: number;
  /** Network reach: a direct tie, a friend of a friend… */
  proximity: number;
  /** The introducer's betweenness (a broker who can make the introduction). */
  introducer: number;
  /** Capacity: network strength (PageRank percentile). */
  strength: number;
  /** Nearness to the community (1 / (1 + km / 200)); small: the best partner may be far. */
  nearness: number;
}

export const GAP_FILL_WEIGHTS: Readonly<GapFillWeights> = {
  expertise: 0.35,
  field: 0.1,
  proximity: 0.2,
  introducer: 0.05,
  strength: 0.15,
  nearness: 0.15,
};

export interface GapFillCandidate {
  id: string;
  name: string;
  prefectureCode: string;
  sector: WheelSector | undefined;
  score: number;
  expertise: number;
  proximity: number;
  strength: number;
  /** Share of community members in the candidate's field (0 when it has none). */
  fieldFit: number;
  /** 1 / (1 + km / 200) from the community's centre. */
  nearness: number;
  /** Kilometres from the community's centre (members' coordinates, else their prefectures'). */
  distanceKm: number | null;
  /** The actor next to the candidate on the shortest path from the community: who can introduce us. */
  introducer: { id: string; name: string; betweenness: number | null } | null;
  /** Pieces of evidence behind the score (shared terms, ties, field); breaks ties in the ranking. */
  evidenceCount: number;
  /** Terms shared with the community's profile. */
  sharedTerms: string[];
  /** Shortest path from the community, by actor name (empty when unconnected). */
  path: string[];
  reasons: { ja: string; en: string }[];
}

/** Where an actor is: its coordinates, else its prefecture's (its capital). */
function locationOf(actor: NetworkActor): { lat: number; lon: number } | null {
  if (actor.lat !== undefined && actor.lon !== undefined) return { lat: actor.lat, lon: actor.lon };
  const prefecture = actor.prefectureCode ? findPrefecture(actor.prefectureCode) : undefined;
  return prefecture ? { lat: prefecture.lat, lon: prefecture.lon } : null;
}

/** An actor's terms, NFKC-normalised and lower-cased through `normalise` (memoised per ranking). */
function profileTerms(
  actor: NetworkActor,
  seedsByOwner: ReadonlyMap<string, readonly Seed[]>,
  normalise: (term: string) => string,
): string[] {
  const terms = [...(actor.keywords ?? [])];
  if (actor.field) terms.push(actor.field);
  for (const seed of seedsByOwner.get(actor.id) ?? []) {
    terms.push(...seed.keywords);
    if (seed.field) terms.push(seed.field);
  }
  return terms.map(normalise);
}

/** A memo of `term.normalize('NFKC').toLowerCase()`: a national network repeats a few fields. */
function createNormaliser(): (term: string) => string {
  const known = new Map<string, string>();
  return (term) => {
    let normal = known.get(term);
    if (normal === undefined) {
      normal = term.normalize('NFKC').toLowerCase();
      known.set(term, normal);
    }
    return normal;
  };
}

/**
 * Each node's PageRank percentile in the graph (0 the weakest, 1 the strongest): the candidates'
 * capacity. Depends on the graph only, so a caller ranking for several communities keeps it.
 */
export function strengthPercentiles(graph: ActorGraph<NetworkActor>['graph']): Float64Array {
  const rank = pageRank(graph, { tolerance: RANKING_TOLERANCE });
  const sorted = Float64Array.from(rank).sort();
  const percentiles = new Float64Array(rank.length);
  for (let node = 0; node < rank.length; node++)
    percentiles[node] = percentileOf(sorted, rank[node] ?? 0);
  return percentiles;
}

/**
 * Ranks actors from anywhere (戦略的不平等: the best element, not the nearest) to fill a community's
 * gap: expertise overlap with the community's terms (and the wanted keywords), the candidate's
 * field among the community's, network reach (a direct tie, a friend of a friend…) and who can
 * introduce it (the introducer's betweenness), capacity (PageRank percentile) and nearness (a small
 * weight). A ministry's regional bureau is a candidate only for a community in its region. Equal
 * scores are broken by the amount of evidence. Each candidate with its reasons.
 */
export function rankGapFillers(
  actorGraph: ActorGraph<NetworkActor>,
  seeds: readonly Seed[],
  options: GapFillOptions,
): GapFillCandidate[] {
  const { graph, actors, indexOf } = actorGraph;
  const weights = options.weights ?? GAP_FILL_WEIGHTS;
  const normalise = createNormaliser();
  const seedsByOwner = new Map<string, Seed[]>();
  for (const seed of seeds) {
    if (seed.ownerId === undefined) continue; // owner not registered yet
    const list = seedsByOwner.get(seed.ownerId) ?? [];
    list.push(seed);
    seedsByOwner.set(seed.ownerId, list);
  }
  const memberSet = new Set(options.members);
  const memberActors = options.members.flatMap((id) => {
    const index = indexOf.get(id);
    const a = index === undefined ? undefined : actors[index];
    return a ? [a] : [];
  });
  const communityPrefectures = new Set(memberActors.map((a) => prefectureGroupOf(a)));
  const fieldCounts = new Map<string, number>();
  for (const a of memberActors)
    if (a.field) fieldCounts.set(a.field, (fieldCounts.get(a.field) ?? 0) + 1);
  const points = memberActors.flatMap((a) => {
    const p = locationOf(a);
    return p ? [p] : [];
  });
  const centre =
    points.length === 0
      ? null
      : {
          lat: points.reduce((s, p) => s + p.lat, 0) / points.length,
          lon: points.reduce((s, p) => s + p.lon, 0) / points.length,
        };
  // The community's profile: how many members carry each term, plus the wanted keywords counted strongly.
  const profile = new Map<string, number>();
  for (const id of options.members) {
    const index = indexOf.get(id);
    const actor = index === undefined ? undefined : actors[index];
    if (!actor) continue;
    for (const term of new Set(profileTerms(actor, seedsByOwner, normalise)))
      profile.set(term, (profile.get(term) ?? 0) + 1);
  }
  const wanted = (options.keywords ?? []).map(normalise);
  const topCount = Math.max(1, ...profile.values());
  for (const term of wanted) profile.set(term, Math.max(profile.get(term) ?? 0, topCount));
  const profileNorm = Math.sqrt([...profile.values()].reduce((s, v) => s + v * v, 0)) || 1;

  // Breadth-first distances from the whole community (multi-source), remembering parents for paths.
  const distance = new Int32Array(graph.nodeCount).fill(-1);
  const parent = new Int32Array(graph.nodeCount).fill(-1);
  const queue: number[] = [];
  for (const id of options.members) {
    const index = indexOf.get(id);
    if (index === undefined) continue;
    distance[index] = 0;
    queue.push(index);
  }
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head] ?? 0;
    if ((distance[u] ?? 0) >= 3) continue;
    for (let arc = graph.offsets[u] ?? 0; arc < (graph.offsets[u + 1] ?? 0); arc++) {
      const v = graph.targets[arc] ?? 0;
      if (distance[v] !== -1) continue;
      distance[v] = (distance[u] ?? 0) + 1;
      parent[v] = u;
      queue.push(v);
    }
  }
  const strengthOf = options.strength ?? strengthPercentiles(graph);

  /** The numbers behind a candidate's score; null when it may not fill this gap. */
  const assess = (node: number) => {
    const actor = actors[node];
    if (!actor || memberSet.has(actor.id)) return null;
    const sector = wheelSectorOf(actor, options.asOfYear);
    if (options.sector && sector !== options.sector) return null;
    // a regional bureau of a ministry serves its own region only
    const jurisdiction = bureauJurisdiction(actor.name);
    if (jurisdiction && !jurisdiction.some((code) => communityPrefectures.has(code))) return null;
    const terms = new Set(profileTerms(actor, seedsByOwner, normalise));
    const shared = [...terms].filter((t) => profile.has(t));
    const dot = shared.reduce((s, t) => s + (profile.get(t) ?? 0), 0);
    const expertise = terms.size > 0 ? dot / (profileNorm * Math.sqrt(terms.size)) : 0;
    const hops = distance[node] ?? -1;
    const proximity = hops <= 0 ? 0 : 1 / 2 ** (hops - 1);
    const strength = strengthOf[node] ?? 0;
    const fieldFit =
      actor.field && memberActors.length > 0
        ? (fieldCounts.get(actor.field) ?? 0) / memberActors.length
        : 0;
    const location = locationOf(actor);
    const km = centre && location ? distanceKm(centre, location) : null;
    const nearness = km === null ? 0 : 1 / (1 + km / 200);
    const before = hops > 0 ? (parent[node] ?? -1) : -1;
    const introducerBetweenness =
      before >= 0 && options.betweenness ? (options.betweenness[before] ?? 0) : null;
    const introducerScore =
      introducerBetweenness === null ? 0 : Math.min(1, introducerBetweenness * 10);
    const score =
      weights.expertise * Math.min(1, expertise) +
      weights.field * fieldFit +
      weights.proximity * proximity +
      weights.introducer * introducerScore +
      weights.strength * strength +
      weights.nearness * nearness;
    const evidenceCount = shared.length + (hops > 0 ? 1 : 0) + (fieldFit > 0 ? 1 : 0);
    return {
      ...{ actor, sector, shared, expertise, hops, proximity, strength, fieldFit, km },
      ...{ nearness, before, introducerBetweenness, score, evidenceCount },
    };
  };

  /** The candidate with its path and reasons in words (made for the ranked few only). */
  const describe = (node: number, a: NonNullable<ReturnType<typeof assess>>): GapFillCandidate => {
    const { actor, sector, shared, hops, strength, fieldFit, km, score } = a;
    const { introducerBetweenness } = a;
    const introducerActor = a.before >= 0 ? actors[a.before] : undefined;
    const path: string[] = [];
    for (let v = node; v !== -1 && path.length < 5; v = parent[v] ?? -1)
      path.unshift(actors[v]?.name ?? '');
    const reasons: { ja: string; en: string }[] = [];
    if (shared.length > 0) {
      const list = shared.slice(0, 5).join('、');
      reasons.push({
        ja: `共通の専門: ${list}`,
        en: `shared expertise: ${shared.slice(0, 5).join(', ')}`,
      });
    }
    if (hops === 1)
      reasons.push({
        ja: `既にコミュニティの${path[0]}と直接つながっています`,
        en: `already tied to ${path[0]} in the community`,
      });
    if (hops >= 2) {
      reasons.push({
        ja: `${path.join(' → ')} の経路でつながります（${hops} ステップ）`,
        en: `reachable through ${path.join(' → ')} (${hops} steps)`,
      });
    }
    if (introducerActor && hops >= 2)
      reasons.push({
        ja: `${introducerActor.name}が紹介できます${introducerBetweenness !== null ? `（媒介中心性 ${introducerBetweenness.toFixed(3)}）` : ''}`,
        en: `${introducerActor.name} can introduce us${introducerBetweenness !== null ? ` (betweenness ${introducerBetweenness.toFixed(3)})` : ''}`,
      });
    if (fieldFit > 0 && actor.field)
      reasons.push({
        ja: `分野「${actor.field}」はコミュニティの${Math.round(fieldFit * 100)}%と同じ`,
        en: `field ${actor.field}, shared by ${Math.round(fieldFit * 100)}% of the community`,
      });
    if (km !== null)
      reasons.push({
        ja: `コミュニティの中心から約${Math.round(km)}km`,
        en: `about ${Math.round(km)} km from the community's centre`,
      });
    if (strength >= 0.9) {
      reasons.push({
        ja: `ネットワーク上の影響力 上位${Math.max(1, Math.round((1 - strength) * 100))}%`,
        en: `network influence in the top ${Math.max(1, Math.round((1 - strength) * 100))}%`,
      });
    }
    if (sector)
      reasons.push({
        ja: `${WHEEL_LABELS[sector].ja}として欠けている役割を担えます`,
        en: `can take the missing role of ${WHEEL_LABELS[sector].en}`,
      });
    return {
      id: actor.id,
      name: actor.name,
      prefectureCode: prefectureGroupOf(actor),
      sector,
      score,
      expertise: Math.min(1, a.expertise),
      proximity: a.proximity,
      strength,
      fieldFit,
      nearness: a.nearness,
      distanceKm: km,
      introducer: introducerActor
        ? {
            id: introducerActor.id,
            name: introducerActor.name,
            betweenness: introducerBetweenness,
          }
        : null,
      evidenceCount: a.evidenceCount,
      sharedTerms: shared,
      path: hops > 0 ? path : [],
      reasons,
    };
  };

  // Equal scores (to 1e-9) are broken by the amount of evidence, then by id. Every actor is
  // scored, but only those scoring at least the limit-th best score are described and sorted: at
  // national scale that is a few dozen of a million.
  const tied = (x: number) => Math.round(x * 1e9);
  const limit = options.limit ?? 20;
  const scores = new Float64Array(actors.length).fill(Number.NEGATIVE_INFINITY);
  for (let node = 0; node < actors.length; node++) {
    const a = assess(node);
    if (a) scores[node] = tied(a.score);
  }
  const ranked = Float64Array.from(scores).sort().reverse();
  const threshold = ranked[Math.min(limit, ranked.length) - 1] ?? Number.NEGATIVE_INFINITY;
  const candidates: GapFillCandidate[] = [];
  for (let node = 0; node < actors.length; node++) {
    if ((scores[node] ?? Number.NEGATIVE_INFINITY) < threshold) continue;
    const a = assess(node);
    if (a) candidates.push(describe(node, a));
  }
  return candidates
    .sort(
      (a, b) =>
        tied(b.score) - tied(a.score) ||
        b.evidenceCount - a.evidenceCount ||
        a.id.localeCompare(b.id),
    )
    .slice(0, limit);
}
