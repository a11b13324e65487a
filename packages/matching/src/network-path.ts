/**
 * Network proximity: the shortest trusted path between two actors over their relations
 * (e.g. need owner —loan— regional bank —joint_research— professor: "your bank already works
 * with this professor"). Breadth-first search from one side, bounded in hops; pure.
 */
import type { RelationType } from '#core/vocabulary.ts';

/**
 * Relation types that carry trust. Membership and participation are left out: a chamber of
 * commerce or a programme links everyone to everyone in two hops and says little.
 */
export const TRUSTED_RELATION_TYPES: readonly RelationType[] = [
  'joint_research',
  'contract_research',
  'license',
  'investment',
  'loan',
  'grant',
  'supply',
  'sales',
  'employment',
  'affiliation',
  'mou',
  'spinout',
  'mentoring',
  'co_authorship',
];

export interface GraphRelation {
  readonly sourceId: string;
  readonly targetId: string;
  readonly type: RelationType;
  readonly endDate?: string;
}

export interface TrustEdge {
  readonly to: string;
  readonly type: RelationType;
  /** True when the relation is stored from `to` to this actor. */
  readonly reversed: boolean;
}

export interface TrustGraph {
  neighbours(actorId: string): readonly TrustEdge[];
  readonly edgeCount: number;
}

export interface TrustGraphOptions {
  readonly types?: readonly RelationType[];
  /** Relations ended before this date (YYYY-MM-DD) are left out. */
  readonly asOf?: string;
}

/** Adjacency lists over the trusted, current relations (read both ways). */
export function buildTrustGraph(
  relations: Iterable<GraphRelation>,
  options: TrustGraphOptions = {},
): TrustGraph {
  const types = new Set(options.types ?? TRUSTED_RELATION_TYPES);
  const adjacency = new Map<string, TrustEdge[]>();
  let edgeCount = 0;
  const add = (from: string, edge: TrustEdge): void => {
    const list = adjacency.get(from);
    if (list === undefined) adjacency.set(from, [edge]);
    else list.push(edge);
  };
  for (const r of relations) {
    if (!types.has(r.type) || r.sourceId === r.targetId) continue;
    if (options.asOf !== undefined && r.endDate !== undefined && r.endDate < options.asOf) continue;
    add(r.sourceId, { to: r.targetId, type: r.type, reversed: false });
    add(r.targetId, { to: r.sourceId, type: r.type, reversed: true });
    edgeCount += 1;
  }
  return { neighbours: (id) => adjacency.get(id) ?? [], edgeCount };
}

export interface PathStep {
  readonly from: string;
  readonly to: string;
  readonly type: RelationType;
  readonly reversed: boolean;
}

export interface ReachMap {
  readonly origin: string;
  /** Hops to each reached actor. */
  hops(actorId: string): number | undefined;
  /** Steps from the origin to the actor (empty for the origin, undefined when not reached). */
  path(actorId: string): PathStep[] | undefined;
}

/**
 * Everything within `maxHops` of `origin` (default 3), stopping after `maxVisited` actors so a
 * hub cannot make one query slow. Neighbours are visited in stored order, so results are stable.
 */
export function reachFrom(
  graph: TrustGraph,
  origin: string,
  options: { maxHops?: number; maxVisited?: number } = {},
): ReachMap {
  const maxHops = options.maxHops ?? 3;
  const maxVisited = options.maxVisited ?? 50_000;
  const parent = new Map<string, { prev: string; edge: TrustEdge } | null>([[origin, null]]);
  const depth = new Map<string, number>([[origin, 0]]);
  let frontier = [origin];
  for (let hop = 1; hop <= maxHops && frontier.length > 0; hop += 1) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const edge of graph.neighbours(id)) {
        if (depth.has(edge.to)) continue;
        depth.set(edge.to, hop);
        parent.set(edge.to, { prev: id, edge });
        next.push(edge.to);
        if (depth.size >= maxVisited) break;
      }
      if (depth.size >= maxVisited) break;
    }
    frontier = next;
  }
  return {
    origin,
    hops: (id) => depth.get(id),
    path(id) {
      if (!parent.has(id)) return undefined;
      const steps: PathStep[] = [];
      let at = id;
      for (let link = parent.get(at); link; link = parent.get(at)) {
        steps.push({ from: link.prev, to: at, type: link.edge.type, reversed: link.edge.reversed });
        at = link.prev;
      }
      return steps.reverse();
    },
  };
}
