/**
 * Undirected weighted graph in compressed sparse row (CSR) form: the compact
 * shape every algorithm in this package works on.
 *
 * Conventions (the same as igraph and networkx for modularity):
 * - node ids are 0..nodeCount-1;
 * - each undirected edge {u, v} (u ≠ v) is stored twice, as arcs u→v and v→u;
 * - self-loops are kept apart in `selfLoops` (weight counted once) and add
 *   twice their weight to the node's strength;
 * - parallel edges are merged, their weights summed;
 * - edges of weight 0 are dropped (they change no degree, modularity or walk);
 * - `totalWeight` (m) is the sum of all edge weights, self-loops included, so
 *   the sum of strengths is 2m.
 */
import { DomainError } from '#core/domain-error.ts';

export interface CsrGraph {
  readonly nodeCount: number;
  /** Row starts: the arcs of node v are `offsets[v] .. offsets[v + 1] - 1`. */
  readonly offsets: Int32Array;
  /** Arc heads, no self-loops, no duplicates within a row (rows are not sorted). */
  readonly targets: Int32Array;
  /** Arc weights, parallel to `targets`. */
  readonly weights: Float64Array;
  /** Self-loop weight per node (0 when none). */
  readonly selfLoops: Float64Array;
  /** Weighted degree per node: sum of incident arc weights + 2 × self-loop. */
  readonly strength: Float64Array;
  /** m: total edge weight, each undirected edge and self-loop counted once. */
  readonly totalWeight: number;
}

/** Edges as parallel arrays; weights default to 1. */
export interface EdgeList {
  readonly sources: ArrayLike<number>;
  readonly targets: ArrayLike<number>;
  readonly weights?: ArrayLike<number>;
}

/** Build a CSR graph from an undirected edge list over nodes 0..nodeCount-1. */
export function buildCsrGraph(nodeCount: number, edges: EdgeList): CsrGraph {
  if (!Number.isInteger(nodeCount) || nodeCount < 0) {
    throw new DomainError('validation_failed', 'nodeCount must be a non-negative integer', {
      nodeCount,
    });
  }
  const { sources, targets, weights } = edges;
  const edgeCount = sources.length;
  if (targets.length !== edgeCount || (weights !== undefined && weights.length !== edgeCount)) {
    throw new DomainError('validation_failed', 'sources, targets and weights differ in length', {
      sources: sources.length,
      targets: targets.length,
      weights: weights?.length,
    });
  }

  const selfLoops = new Float64Array(nodeCount);
  const degree = new Int32Array(nodeCount + 1);
  for (let e = 0; e < edgeCount; e++) {
    const u = sources[e] as number;
    const v = targets[e] as number;
    const w = weights === undefined ? 1 : (weights[e] as number);
    if (
      !(u >= 0 && u < nodeCount && v >= 0 && v < nodeCount) ||
      u !== Math.floor(u) ||
      v !== Math.floor(v)
    ) {
      throw new DomainError(
        'validation_failed',
        `edge ${e} has an endpoint outside 0..${nodeCount - 1}`,
        {
          edge: e,
          source: u,
          target: v,
        },
      );
    }
    if (!(w >= 0) || w === Infinity) {
      throw new DomainError('validation_failed', `edge ${e} has a negative or non-finite weight`, {
        edge: e,
        weight: w,
      });
    }
    if (w === 0) continue;
    if (u === v) {
      selfLoops[u] = (selfLoops[u] as number) + w;
    } else {
      degree[u + 1] = (degree[u + 1] as number) + 1;
      degree[v + 1] = (degree[v + 1] as number) + 1;
    }
  }
  for (let v = 0; v < nodeCount; v++)
    degree[v + 1] = (degree[v + 1] as number) + (degree[v] as number);
  const arcCount = degree[nodeCount] as number;
  const rawTargets = new Int32Array(arcCount);
  const rawWeights = new Float64Array(arcCount);
  const cursor = degree.slice(0, nodeCount);
  for (let e = 0; e < edgeCount; e++) {
    const u = sources[e] as number;
    const v = targets[e] as number;
    const w = weights === undefined ? 1 : (weights[e] as number);
    if (w === 0 || u === v) continue;
    const pu = cursor[u] as number;
    rawTargets[pu] = v;
    rawWeights[pu] = w;
    cursor[u] = pu + 1;
    const pv = cursor[v] as number;
    rawTargets[pv] = u;
    rawWeights[pv] = w;
    cursor[v] = pv + 1;
  }
  return compactRows(nodeCount, degree, rawTargets, rawWeights, selfLoops);
}

/**
 * Merge parallel arcs within each row (summing weights) and compact in place.
 * `seen[v]` remembers where v already sits in the current row; O(arcs + nodes).
 */
function compactRows(
  nodeCount: number,
  offsets: Int32Array,
  targets: Int32Array,
  weights: Float64Array,
  selfLoops: Float64Array,
): CsrGraph {
  const seen = new Int32Array(nodeCount).fill(-1);
  const strength = new Float64Array(nodeCount);
  let write = 0;
  let start = 0;
  let twiceTotal = 0;
  for (let u = 0; u < nodeCount; u++) {
    const end = offsets[u + 1] as number;
    const rowStart = write;
    let s = 2 * (selfLoops[u] as number);
    for (let a = start; a < end; a++) {
      const v = targets[a] as number;
      const w = weights[a] as number;
      s += w;
      const at = seen[v] as number;
      if (at >= rowStart) {
        weights[at] = (weights[at] as number) + w;
      } else {
        seen[v] = write;
        targets[write] = v;
        weights[write] = w;
        write++;
      }
    }
    strength[u] = s;
    twiceTotal += s;
    start = end;
    offsets[u] = rowStart;
  }
  if (nodeCount > 0) offsets[nodeCount] = write;
  else offsets[0] = 0;
  return {
    nodeCount,
    offsets: offsets.subarray(0, nodeCount + 1),
    targets: write === targets.length ? targets : targets.slice(0, write),
    weights: write === weights.length ? weights : weights.slice(0, write),
    selfLoops,
    strength,
    totalWeight: twiceTotal / 2,
  };
}

/**
 * Sorts each row's arcs by target (weights follow), in place: the graph becomes canonical, the same
 * whatever order its edges came in, so an algorithm that walks rows in order (Leiden) finds the
 * same partition from edges read in any order. Insertion sort per row: rows are short.
 */
export function sortCsrRows(graph: CsrGraph): CsrGraph {
  const { offsets, targets, weights } = graph;
  for (let v = 0; v < graph.nodeCount; v++) {
    const start = offsets[v] as number;
    const end = offsets[v + 1] as number;
    for (let a = start + 1; a < end; a++) {
      const t = targets[a] as number;
      if ((targets[a - 1] as number) <= t) continue;
      const w = weights[a] as number;
      let b = a - 1;
      while (b >= start && (targets[b] as number) > t) {
        targets[b + 1] = targets[b] as number;
        weights[b + 1] = weights[b] as number;
        b--;
      }
      targets[b + 1] = t;
      weights[b + 1] = w;
    }
  }
  return graph;
}

/** Number of distinct neighbours (self excluded) of node v. */
export function neighbourCount(graph: CsrGraph, v: number): number {
  return (graph.offsets[v + 1] as number) - (graph.offsets[v] as number);
}

/** Total weight of the edge(s) between u and v (self-loop weight when u = v); O(deg u). */
export function edgeWeight(graph: CsrGraph, u: number, v: number): number {
  if (u === v) return graph.selfLoops[u] as number;
  const end = graph.offsets[u + 1] as number;
  for (let a = graph.offsets[u] as number; a < end; a++) {
    if (graph.targets[a] === v) return graph.weights[a] as number;
  }
  return 0;
}

/** A graph whose nodes carry string ids (actor ids, ROR ids...). */
export interface LabelledGraph {
  readonly graph: CsrGraph;
  /** ids[i] is the string id of node i. */
  readonly ids: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
}

export interface GraphBuilder {
  /** Add a node (no-op when present); returns its index. */
  addNode(id: string): number;
  /** Add an undirected edge, creating its endpoints as needed; weight defaults to 1. */
  addEdge(source: string, target: string, weight?: number): void;
  build(): LabelledGraph;
}

/** Collects string-id edges and builds a CSR graph; indices follow first appearance. */
export function createGraphBuilder(): GraphBuilder {
  const indexOf = new Map<string, number>();
  const ids: string[] = [];
  const sources: number[] = [];
  const targets: number[] = [];
  const weights: number[] = [];
  const addNode = (id: string): number => {
    const known = indexOf.get(id);
    if (known !== undefined) return known;
    const index = ids.length;
    indexOf.set(id, index);
    ids.push(id);
    return index;
  };
  return {
    addNode,
    addEdge(source, target, weight = 1) {
      sources.push(addNode(source));
      targets.push(addNode(target));
      weights.push(weight);
    },
    build() {
      const graph = buildCsrGraph(ids.length, { sources, targets, weights });
      return { graph, ids: [...ids], indexOf: new Map(indexOf) };
    },
  };
}
