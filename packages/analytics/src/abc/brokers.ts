/**
 * Brokers (仲介者): who bridges the communities of an ecosystem, the "influencers" who can introduce
 * one community to another. Shortest-path betweenness (exact, or sampled with a stated error bound
 * on large graphs), Burt's constraint and effective size (structural holes), and the communities
 * among each actor's ties.
 */
import { constraint } from '../centrality.ts';
import {
  activeCoreNodes,
  combineWithTrees,
  pathSampledBetweenness,
  prunedBetweenness,
} from '../core-betweenness.ts';
import type { CsrGraph } from '../csr-graph.ts';
import { pruneLeaves } from '../leaf-pruning.ts';
import { pathSampleError, pathSampleSize, vertexDiameterBound } from '../path-sampling.ts';
import { createRng } from '../random.ts';
import type { ActorGraph } from './actor-graph.ts';
import { prefectureGroupOf } from '#core/geo.ts';
import type { NetworkActor } from '#core/network-columns.ts';

export interface Broker {
  actorId: string;
  name: string;
  prefectureCode: string;
  /** The actor's own community, when it has one. */
  community: string | null;
  /** Normalised shortest-path betweenness, 0..1 (share of pairs of other actors it lies between). */
  betweenness: number;
  /** Burt's constraint (low = spans structural holes); null for an actor without ties. */
  constraint: number | null;
  /** Burt's effective size: non-redundant contacts (Borgatti's formula on the tie graph). */
  effectiveSize: number;
  degree: number;
  /**
   * The communities among the actor and its ties, when there are two or more (it bridges them);
   * empty when all its ties are in one community.
   */
  communitiesBridged: string[];
}

export interface BetweennessEstimate {
  /** Normalised betweenness per node. */
  values: Float64Array;
  method: 'exact' | 'sampled';
  /** Shortest paths sampled (the number of nodes when exact). */
  samples: number;
  /**
   * With probability `confidence`, every node's estimate is within ± this of its exact value
   * (the ε-approximation of Riondato & Kornaropoulos); 0 when exact.
   */
  errorBound: number;
  confidence: number;
}

export interface BetweennessBudget {
  /**
   * Exact betweenness when the core left after taking out the trees (`leaf-pruning.ts`) has up to
   * this many nodes that paths cross (Brandes over the core, O(core·m)). Default 2,000.
   */
  exactMaxNodes?: number;
  /**
   * Shortest paths sampled on larger graphs (Riondato & Kornaropoulos 2016). Default: as many as
   * `maxError` needs.
   */
  samples?: number;
  /** The error bound the default sample is drawn for, on normalised values. Default 0.02. */
  maxError?: number;
  /** Seed of the sample. Default 1. */
  seed?: number;
  /** Confidence of the error bound. Default 0.95. */
  confidence?: number;
}

/** The error bound the brokers' default sample is drawn for (normalised values). */
export const DEFAULT_BETWEENNESS_ERROR = 0.02;

/**
 * Normalised betweenness. Trees hanging off the graph are counted exactly from their sizes; over
 * the core that is left, exact (Brandes) up to `exactMaxNodes` nodes that paths cross, else
 * estimated from random shortest paths (`path-sampling.ts`). With r paths every node's estimate is
 * within ε = √(c·(⌊log₂(VD−2)⌋ + 1 + ln(1/α)) / r) of its exact value on the n(n−1) scale, all at
 * once with probability 1 − α (VD: a bound of the most nodes on a shortest path, c = 0.5); the
 * normalised values, over (n−1)(n−2) ordered pairs, are within ε·n/(n−2).
 */
export function betweennessWithBound(
  graph: CsrGraph,
  budget: BetweennessBudget = {},
): BetweennessEstimate {
  const n = graph.nodeCount;
  const exactMaxNodes = budget.exactMaxNodes ?? 2000;
  const confidence = budget.confidence ?? 0.95;
  const pruned = pruneLeaves(graph);
  const exact = (values: Float64Array): BetweennessEstimate => ({
    values,
    method: 'exact',
    samples: n,
    errorBound: 0,
    confidence: 1,
  });
  if (activeCoreNodes(pruned) <= exactMaxNodes)
    return exact(prunedBetweenness(graph, { normalized: true, pruned }));
  const vertexDiameter = vertexDiameterBound(pruned);
  // no shortest path has a node inside: the core adds nothing
  if (vertexDiameter < 3)
    return exact(combineWithTrees(pruned, new Float64Array(pruned.coreCount), true));
  const alpha = 1 - confidence;
  const toNormalised = n / (n - 2);
  const samples =
    budget.samples ??
    pathSampleSize(
      vertexDiameter,
      (budget.maxError ?? DEFAULT_BETWEENNESS_ERROR) / toNormalised,
      alpha,
    );
  const values = pathSampledBetweenness(graph, {
    normalized: true,
    samples,
    rng: createRng(budget.seed ?? 1),
    pruned,
  });
  const errorBound = pathSampleError(vertexDiameter, samples, alpha) * toNormalised;
  return { values, method: 'sampled', samples, errorBound, confidence };
}

/** Effective size (Borgatti 1997, weights ignored): degree − 2·(ties among contacts)/degree. */
function effectiveSizes(graph: CsrGraph): Float64Array {
  const n = graph.nodeCount;
  const { offsets, targets } = graph;
  const out = new Float64Array(n);
  const mark = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const start = offsets[i] ?? 0;
    const end = offsets[i + 1] ?? 0;
    const k = end - start;
    if (k === 0) continue;
    for (let a = start; a < end; a++) mark[targets[a] ?? 0] = i;
    let ties = 0;
    for (let a = start; a < end; a++) {
      const j = targets[a] ?? 0;
      for (let b = offsets[j] ?? 0; b < (offsets[j + 1] ?? 0); b++) {
        const q = targets[b] ?? 0;
        if (q !== i && mark[q] === i) ties += 1;
      }
    }
    // each tie among contacts is seen from both ends
    out[i] = k - ties / k;
  }
  return out;
}

export interface BrokerOptions extends BetweennessBudget {
  /** Only the actors that tie this community to another. */
  community?: string;
  /** How many brokers to return. Default 50. */
  limit?: number;
  /** Betweenness already computed for this graph (else computed with the budget above). */
  estimate?: BetweennessEstimate;
}

export interface BrokerResult {
  brokers: Broker[];
  method: {
    betweenness: BetweennessEstimate['method'];
    samples: number;
    errorBound: number;
    confidence: number;
    nodes: number;
    edges: number;
  };
}

/**
 * Community ids in numeric order (c2 before c10). One collator for every comparison:
 * `localeCompare` with options makes a new one per call (at 100 k actors 9 s of 12).
 */
const COMMUNITY_ORDER = new Intl.Collator('en', { numeric: true });

/**
 * Brokers of the actor graph, highest betweenness first (then lowest constraint, then id).
 * `communityOf` maps actor ids to community ids (actors without one bridge nothing).
 */
export function findBrokers(
  actorGraph: ActorGraph<NetworkActor>,
  communityOf: ReadonlyMap<string, string>,
  options: BrokerOptions = {},
): BrokerResult {
  const { graph, actors } = actorGraph;
  const estimate = options.estimate ?? betweennessWithBound(graph, options);
  const burt = constraint(graph);
  const effective = effectiveSizes(graph);
  const brokers: Broker[] = [];
  for (let v = 0; v < actors.length; v++) {
    const actor = actors[v];
    if (!actor) continue;
    const own = communityOf.get(actor.id) ?? null;
    const seen = new Set<string>(own === null ? [] : [own]);
    for (let a = graph.offsets[v] ?? 0; a < (graph.offsets[v + 1] ?? 0); a++) {
      const other = actors[graph.targets[a] ?? 0];
      const community = other ? communityOf.get(other.id) : undefined;
      if (community !== undefined) seen.add(community);
    }
    const bridged = seen.size >= 2 ? [...seen].sort(COMMUNITY_ORDER.compare) : [];
    if (options.community !== undefined && !bridged.includes(options.community)) continue;
    const c = burt[v] ?? Number.NaN;
    brokers.push({
      actorId: actor.id,
      name: actor.name,
      prefectureCode: prefectureGroupOf(actor),
      community: own,
      betweenness: estimate.values[v] ?? 0,
      constraint: Number.isNaN(c) ? null : c,
      effectiveSize: effective[v] ?? 0,
      degree: (graph.offsets[v + 1] ?? 0) - (graph.offsets[v] ?? 0),
      communitiesBridged: bridged,
    });
  }
  brokers.sort(
    (a, b) =>
      b.betweenness - a.betweenness ||
      (a.constraint ?? Infinity) - (b.constraint ?? Infinity) ||
      a.actorId.localeCompare(b.actorId),
  );
  return {
    brokers: brokers.slice(0, options.limit ?? 50),
    method: {
      betweenness: estimate.method,
      samples: estimate.samples,
      errorBound: estimate.errorBound,
      confidence: estimate.confidence,
      nodes: graph.nodeCount,
      edges: graph.targets.length / 2,
    },
  };
}
