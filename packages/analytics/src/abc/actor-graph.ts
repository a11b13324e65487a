import type { Actor } from '#core/entities/actor.ts';
import type { Relation } from '#core/entities/relation.ts';
import type { RelationType, Sector } from '#core/vocabulary.ts';
import { buildCsrGraph, type CsrGraph } from '../csr-graph.ts';

/**
 * How much one tie of each type says about two actors working together. Deep, costly ties (joint
 * research, licences, investment, spin-outs) count more than memberships and MOUs.
 */
export const DEFAULT_TYPE_WEIGHTS: Readonly<Record<RelationType, number>> = {
  joint_research: 3,
  license: 3,
  investment: 3,
  spinout: 3,
  contract_research: 2.5,
  co_authorship: 2,
  supply: 2,
  sales: 2,
  loan: 1.5,
  grant: 1.5,
  employment: 1.5,
  mentoring: 1.5,
  affiliation: 1,
  membership: 1,
  mou: 1,
  participation: 1,
};

export interface ActorGraphOptions {
  /** Reference date for recency, YYYY-MM-DD. */
  asOf: string;
  typeWeights?: Partial<Record<RelationType, number>>;
  /** A tie that ended this many years ago counts half; ongoing ties count fully. Default 5. */
  halfLifeYears?: number;
  /** Keep ties active at some point in [from, to] (YYYY-MM-DD). */
  from?: string;
  to?: string;
  relationTypes?: readonly RelationType[];
  sectors?: readonly Sector[];
}

/** The actor network as an undirected weighted graph; node i is actors[i]. */
export interface ActorGraph {
  graph: CsrGraph;
  actors: readonly Actor[];
  indexOf: ReadonlyMap<string, number>;
}

function yearsBetween(earlier: string, later: string): number {
  return (Date.parse(later) - Date.parse(earlier)) / (365.25 * 24 * 3600 * 1000);
}

/** Weight of one relation: its own weight × the type weight × recency decay. */
export function relationStrength(relation: Relation, options: ActorGraphOptions): number {
  const typeWeight = options.typeWeights?.[relation.type] ?? DEFAULT_TYPE_WEIGHTS[relation.type];
  const halfLife = options.halfLifeYears ?? 5;
  const age =
    relation.endDate && relation.endDate < options.asOf
      ? yearsBetween(relation.endDate, options.asOf)
      : 0;
  return relation.weight * typeWeight * 0.5 ** (age / halfLife);
}

function activeIn(relation: Relation, from?: string, to?: string): boolean {
  if (to && relation.startDate && relation.startDate > to) return false;
  if (from && relation.endDate && relation.endDate < from) return false;
  return true;
}

/** Builds the weighted actor graph from stored relations, filtered by period, type and sector. */
export function buildActorGraph(
  actors: readonly Actor[],
  relations: readonly Relation[],
  options: ActorGraphOptions,
): ActorGraph {
  const sectors = options.sectors ? new Set(options.sectors) : undefined;
  const types = options.relationTypes ? new Set(options.relationTypes) : undefined;
  const kept = sectors ? actors.filter((a) => sectors.has(a.sector)) : [...actors];
  const indexOf = new Map(kept.map((a, i) => [a.id, i]));
  const sources: number[] = [];
  const targets: number[] = [];
  const weights: number[] = [];
  for (const relation of relations) {
    if (types && !types.has(relation.type)) continue;
    if (!activeIn(relation, options.from, options.to)) continue;
    const u = indexOf.get(relation.sourceId);
    const v = indexOf.get(relation.targetId);
    if (u === undefined || v === undefined) continue;
    const weight = relationStrength(relation, options);
    if (weight <= 0) continue;
    sources.push(u);
    targets.push(v);
    weights.push(weight);
  }
  return {
    graph: buildCsrGraph(kept.length, { sources, targets, weights }),
    actors: kept,
    indexOf,
  };
}
