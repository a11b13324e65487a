import type { Actor } from '#core/entities/actor.ts';
import type { Relation } from '#core/entities/relation.ts';
import {
  dayNumberOf,
  isGeneratedSource,
  NO_DAY,
  type NetworkActor,
  type RelationColumns,
} from '#core/network-columns.ts';
import { RELATION_TYPES, type RelationType, type Sector } from '#core/vocabulary.ts';
import { buildCsrGraph, sortCsrRows, type CsrGraph } from '../csr-graph.ts';

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
export interface ActorGraph<A extends NetworkActor = Actor> {
  graph: CsrGraph;
  actors: readonly A[];
  indexOf: ReadonlyMap<string, number>;
}

const DAYS_PER_YEAR = 365.25;

/** Weight of one relation: its own weight × the type weight × recency decay. */
export function relationStrength(relation: Relation, options: ActorGraphOptions): number {
  const typeWeight = options.typeWeights?.[relation.type] ?? DEFAULT_TYPE_WEIGHTS[relation.type];
  const endDay = dayNumberOf(relation.endDate);
  return strengthOf(relation.weight, typeWeight, endDay, dayNumberOf(options.asOf), options);
}

function strengthOf(
  weight: number,
  typeWeight: number,
  endDay: number,
  asOfDay: number,
  options: ActorGraphOptions,
): number {
  const halfLife = options.halfLifeYears ?? 5;
  const age = endDay !== NO_DAY && endDay < asOfDay ? (asOfDay - endDay) / DAYS_PER_YEAR : 0;
  return weight * typeWeight * 0.5 ** (age / halfLife);
}

/** The relations as columns over `actors` (positions); relations with an unknown endpoint are left out. */
export function relationColumnsOf(
  actors: readonly NetworkActor[],
  relations: readonly Relation[],
): RelationColumns {
  const indexOf = new Map(actors.map((a, i) => [a.id, i]));
  const typeIndex = new Map(RELATION_TYPES.map((t, i) => [t, i]));
  const n = relations.length;
  const source = new Int32Array(n);
  const target = new Int32Array(n);
  const type = new Uint8Array(n);
  const weight = new Float64Array(n);
  const startDay = new Int32Array(n);
  const endDay = new Int32Array(n);
  const generated = new Uint8Array(n);
  let count = 0;
  for (const relation of relations) {
    const u = indexOf.get(relation.sourceId);
    const v = indexOf.get(relation.targetId);
    if (u === undefined || v === undefined) continue;
    source[count] = u;
    target[count] = v;
    type[count] = typeIndex.get(relation.type) ?? 0;
    weight[count] = relation.weight;
    startDay[count] = dayNumberOf(relation.startDate);
    endDay[count] = dayNumberOf(relation.endDate);
    generated[count] = isGeneratedSource(relation.source) ? 1 : 0;
    count++;
  }
  return { count, source, target, type, weight, startDay, endDay, generated };
}

/** Builds the weighted actor graph from stored relations, filtered by period, type and sector. */
export function buildActorGraph<A extends NetworkActor>(
  actors: readonly A[],
  relations: readonly Relation[],
  options: ActorGraphOptions,
): ActorGraph<A> {
  return buildActorGraphFromColumns(actors, relationColumnsOf(actors, relations), options);
}

/**
 * The same graph from relation columns (positions in `actors`): the path of large networks, read
 * from storage without an object per relation. Rows are sorted by target, so the graph (and the
 * partition found on it) does not depend on the order the relations were read in.
 */
export function buildActorGraphFromColumns<A extends NetworkActor>(
  actors: readonly A[],
  relations: RelationColumns,
  options: ActorGraphOptions,
): ActorGraph<A> {
  const sectors = options.sectors ? new Set(options.sectors) : undefined;
  const allowedType = new Uint8Array(RELATION_TYPES.length);
  const typeWeight = new Float64Array(RELATION_TYPES.length);
  RELATION_TYPES.forEach((t, i) => {
    allowedType[i] = !options.relationTypes || options.relationTypes.includes(t) ? 1 : 0;
    typeWeight[i] = options.typeWeights?.[t] ?? DEFAULT_TYPE_WEIGHTS[t];
  });
  // Position of each actor among the kept ones (-1: left out by the sector filter).
  const position = new Int32Array(actors.length);
  const kept: A[] = [];
  actors.forEach((actor, i) => {
    if (sectors && !sectors.has(actor.sector)) position[i] = -1;
    else position[i] = kept.push(actor) - 1;
  });
  const indexOf = new Map(kept.map((a, i) => [a.id, i]));
  const fromDay = options.from ? dayNumberOf(options.from) : NO_DAY;
  const toDay = options.to ? dayNumberOf(options.to) : NO_DAY;
  const asOfDay = dayNumberOf(options.asOf);
  const sources = new Int32Array(relations.count);
  const targets = new Int32Array(relations.count);
  const weights = new Float64Array(relations.count);
  let edges = 0;
  for (let r = 0; r < relations.count; r++) {
    const t = relations.type[r] as number;
    if (allowedType[t] === 0) continue;
    const start = relations.startDay[r] as number;
    const end = relations.endDay[r] as number;
    if (toDay !== NO_DAY && start !== NO_DAY && start > toDay) continue;
    if (fromDay !== NO_DAY && end !== NO_DAY && end < fromDay) continue;
    const u = position[relations.source[r] as number] as number;
    const v = position[relations.target[r] as number] as number;
    if (u < 0 || v < 0) continue;
    const weight = strengthOf(
      relations.weight[r] as number,
      typeWeight[t] as number,
      end,
      asOfDay,
      options,
    );
    if (!(weight > 0)) continue;
    sources[edges] = u;
    targets[edges] = v;
    weights[edges] = weight;
    edges++;
  }
  return {
    graph: sortCsrRows(
      buildCsrGraph(kept.length, {
        sources: sources.subarray(0, edges),
        targets: targets.subarray(0, edges),
        weights: weights.subarray(0, edges),
      }),
    ),
    actors: kept,
    indexOf,
  };
}
