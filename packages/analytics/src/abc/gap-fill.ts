import type { Actor } from '#core/entities/actor.ts';
import type { Seed } from '#core/entities/seed.ts';
import { pageRank } from '../centrality.ts';
import type { ActorGraph } from './actor-graph.ts';
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
  /** Weights of expertise, network proximity and strength. Default 0.5 / 0.3 / 0.2. */
  weights?: { expertise: number; proximity: number; strength: number };
}

export interface GapFillCandidate {
  id: string;
  name: string;
  prefectureCode: string;
  sector: WheelSector | undefined;
  score: number;
  expertise: number;
  proximity: number;
  strength: number;
  /** Terms shared with the community's profile. */
  sharedTerms: string[];
  /** Shortest path from the community, by actor name (empty when unconnected). */
  path: string[];
  reasons: { ja: string; en: string }[];
}

function profileTerms(actor: Actor, seedsByOwner: ReadonlyMap<string, readonly Seed[]>): string[] {
  const terms = [...actor.keywords];
  if (actor.field) terms.push(actor.field);
  for (const seed of seedsByOwner.get(actor.id) ?? []) {
    terms.push(...seed.keywords);
    if (seed.field) terms.push(seed.field);
  }
  return terms.map((t) => t.normalize('NFKC').toLowerCase());
}

/**
 * Ranks actors from anywhere (戦略的不平等: the best element, not the nearest) to fill a community's
 * gap: expertise overlap with the community's terms (and the wanted keywords), network proximity
 * (a direct tie, a friend of a friend…), and strength (PageRank percentile). Each with its reasons.
 */
export function rankGapFillers(
  actorGraph: ActorGraph,
  seeds: readonly Seed[],
  options: GapFillOptions,
): GapFillCandidate[] {
  const { graph, actors, indexOf } = actorGraph;
  const weights = options.weights ?? { expertise: 0.5, proximity: 0.3, strength: 0.2 };
  const seedsByOwner = new Map<string, Seed[]>();
  for (const seed of seeds) {
    const list = seedsByOwner.get(seed.ownerId) ?? [];
    list.push(seed);
    seedsByOwner.set(seed.ownerId, list);
  }
  const memberSet = new Set(options.members);
  // The community's profile: how many members carry each term, plus the wanted keywords counted strongly.
  const profile = new Map<string, number>();
  for (const id of options.members) {
    const index = indexOf.get(id);
    const actor = index === undefined ? undefined : actors[index];
    if (!actor) continue;
    for (const term of new Set(profileTerms(actor, seedsByOwner)))
      profile.set(term, (profile.get(term) ?? 0) + 1);
  }
  const wanted = (options.keywords ?? []).map((k) => k.normalize('NFKC').toLowerCase());
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
  const rank = pageRank(graph);
  const sortedRank = Array.from(rank).sort((a, b) => a - b);
  const percentile = (value: number) => {
    let lo = 0;
    let hi = sortedRank.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sortedRank[mid] ?? 0) < value) lo = mid + 1;
      else hi = mid;
    }
    return sortedRank.length > 1 ? lo / (sortedRank.length - 1) : 1;
  };

  const candidates: GapFillCandidate[] = [];
  for (let node = 0; node < actors.length; node++) {
    const actor = actors[node];
    if (!actor || memberSet.has(actor.id)) continue;
    const sector = wheelSectorOf(actor, options.asOfYear);
    if (options.sector && sector !== options.sector) continue;
    const terms = new Set(profileTerms(actor, seedsByOwner));
    const shared = [...terms].filter((t) => profile.has(t));
    const dot = shared.reduce((s, t) => s + (profile.get(t) ?? 0), 0);
    const expertise = terms.size > 0 ? dot / (profileNorm * Math.sqrt(terms.size)) : 0;
    const hops = distance[node] ?? -1;
    const proximity = hops <= 0 ? 0 : 1 / 2 ** (hops - 1);
    const strength = percentile(rank[node] ?? 0);
    const score =
      weights.expertise * Math.min(1, expertise) +
      weights.proximity * proximity +
      weights.strength * strength;
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
    candidates.push({
      id: actor.id,
      name: actor.name,
      prefectureCode: actor.prefectureCode,
      sector,
      score,
      expertise: Math.min(1, expertise),
      proximity,
      strength,
      sharedTerms: shared,
      path: hops > 0 ? path : [],
      reasons,
    });
  }
  return candidates
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, options.limit ?? 20);
}
