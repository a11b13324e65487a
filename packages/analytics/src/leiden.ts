/**
 * Community detection by modularity: the Leiden algorithm (Traag, Waltman &
 * van Eck 2019, "From Louvain to Leiden: guaranteeing well-connected
 * communities", Sci. Rep. 9:5233) and, sharing its code, Louvain (Blondel et
 * al. 2008). These communities are the Actors-Based Communities (ABC) the
 * platform compares with administrative areas.
 *
 * Quality optimised (the same as igraph's `community_leiden(objective_function=
 * 'modularity')`):  Q = 1/(2m) Σ_ij (A_ij − γ k_i k_j / (2m)) δ(c_i, c_j).
 *
 * One iteration = repeat { fast local moving (queue of nodes to revisit);
 * refinement inside each community (only well-connected singletons merge into
 * well-connected sub-communities, chosen at random ∝ exp(ΔQ/β)); aggregation of
 * the refined partition, the unrefined one becoming the starting partition of
 * the aggregate graph } until every community is a single aggregate node.
 * Refinement guarantees each community is connected.
 *
 * Hot loops use only typed arrays allocated once per run (sized to the
 * original node count); no per-node objects or Maps.
 */
import type { CsrGraph } from './csr-graph.ts';
import { compactLabelsInPlace } from './labels.ts';
import { modularity } from './modularity.ts';
import { createRng, shuffleInPlace, type Rng } from './random.ts';
import { DomainError } from '#core/domain-error.ts';

export interface LeidenOptions {
  /** γ: higher gives more, smaller communities. Default 1. */
  readonly resolution?: number;
  /** β: randomness of the refinement merge choice (igraph's `beta`). Default 0.01. */
  readonly randomness?: number;
  /**
   * Number of iterations at most; a negative value iterates until an iteration changes
   * nothing. Iteration also stops early once stable. Default -1.
   */
  readonly iterations?: number;
  /**
   * Stop once an iteration raises modularity (at the resolution used) by less than this,
   * absolute; the last iteration is kept. Unset: iterate until stable (or `iterations`).
   */
  readonly minimumGain?: number;
  /**
   * With `minimumGain`: also stop once the gains still to come, extrapolated from the last two
   * (a geometric series with their ratio), add up to less than `minimumGain`. The first
   * iteration's gain (from singletons) is never used: it says nothing of how later gains fall.
   * Saves the iteration that would only confirm a gain under the threshold (issue 16: at 100 k
   * actors the fourth of four, +0.00013).
   */
  readonly extrapolateGains?: boolean;
  /** Source of randomness (node orders, refinement choices). Default `createRng(1)`. */
  readonly rng?: Rng;
  /** Starting partition (any non-negative integer labels); default singletons. */
  readonly initialMembership?: ArrayLike<number>;
}

export type LouvainOptions = Omit<LeidenOptions, 'randomness'>;

export interface CommunityResult {
  /** Community of each node, 0..communityCount-1, numbered by first appearance. */
  readonly membership: Int32Array;
  readonly communityCount: number;
  /** Modularity of `membership` at the resolution used (NaN for a graph without edges). */
  readonly modularity: number;
  /** Iterations actually run. */
  readonly iterations: number;
  /** Why iteration stopped: nothing moved, the gain fell under `minimumGain`, or `iterations` ran. */
  readonly stoppedBy: 'converged' | 'negligible_gain' | 'max_iterations';
  /** Modularity after each iteration (only measured when `minimumGain` is set; else empty). */
  readonly modularityByIteration: readonly number[];
}

/** Leiden community detection optimising modularity with resolution γ. */
export function leiden(graph: CsrGraph, options: LeidenOptions = {}): CommunityResult {
  return detectCommunities(graph, options, true);
}

/** Louvain: the same local moving and aggregation, without refinement (communities may be disconnected). */
export function louvain(graph: CsrGraph, options: LouvainOptions = {}): CommunityResult {
  return detectCommunities(graph, options, false);
}

/** Scratch buffers, allocated once per run and reused by every level. */
interface Workspace {
  readonly commWeight: Float64Array;
  readonly commSize: Int32Array;
  readonly neighWeight: Float64Array;
  readonly touched: Int32Array;
  readonly queue: Int32Array;
  readonly inQueue: Uint8Array;
  readonly emptyStack: Int32Array;
  readonly refMembership: Int32Array;
  readonly refWeight: Float64Array;
  readonly refExternal: Float64Array;
  readonly nonSingleton: Uint8Array;
  readonly candidates: Int32Array;
  readonly cumulative: Float64Array;
  readonly order: Int32Array;
  readonly renumber: Int32Array;
}

interface Params {
  /** γ / (2m): the penalty factor per unit of strength product. */
  readonly penalty: number;
  readonly beta: number;
  readonly rng: Rng;
}

function detectCommunities(
  graph: CsrGraph,
  options: LeidenOptions,
  refine: boolean,
): CommunityResult {
  const resolution = options.resolution ?? 1;
  const beta = options.randomness ?? 0.01;
  const iterations = options.iterations ?? -1;
  const minimumGain = options.minimumGain;
  if (minimumGain !== undefined && !(minimumGain >= 0)) {
    throw new DomainError('validation_failed', 'minimumGain must be ≥ 0', { minimumGain });
  }
  if (!(resolution >= 0) || !(beta > 0) || !Number.isInteger(iterations)) {
    throw new DomainError(
      'validation_failed',
      'resolution must be ≥ 0, randomness > 0, iterations an integer',
      {
        resolution,
        randomness: beta,
        iterations,
      },
    );
  }
  const rng = options.rng ?? createRng(1);
  const n = graph.nodeCount;
  const membership = new Int32Array(n);
  const initial = options.initialMembership;
  if (initial === undefined) {
    for (let v = 0; v < n; v++) membership[v] = v;
  } else {
    if (initial.length !== n) {
      throw new DomainError(
        'validation_failed',
        'initialMembership length differs from the node count',
        {
          length: initial.length,
          nodeCount: n,
        },
      );
    }
    let max = -1;
    for (let v = 0; v < n; v++) {
      const c = initial[v] as number;
      if (!Number.isInteger(c) || c < 0) {
        throw new DomainError(
          'validation_failed',
          'initialMembership labels must be non-negative integers',
          {
            node: v,
            label: c,
          },
        );
      }
      if (c > max) max = c;
    }
    const scratch = new Int32Array(max + 1);
    for (let v = 0; v < n; v++) membership[v] = initial[v] as number;
    compactLabelsInPlace(membership, n, scratch, max + 1);
  }

  const ws = createWorkspace(n);
  const params: Params = {
    penalty: graph.totalWeight > 0 ? resolution / (2 * graph.totalWeight) : 0,
    beta,
    rng,
  };
  let run = 0;
  let stoppedBy: CommunityResult['stoppedBy'] = 'converged';
  const modularityByIteration: number[] = [];
  let measured = Number.NaN;
  let previousGain = Number.NaN;
  if (graph.totalWeight > 0) {
    let quality = minimumGain === undefined ? 0 : modularity(graph, membership, { resolution });
    for (;;) {
      if (iterations >= 0 && run >= iterations) {
        stoppedBy = 'max_iterations';
        break;
      }
      run++;
      const changed = runIteration(graph, membership, refine, params, ws);
      measured = Number.NaN;
      if (minimumGain !== undefined) {
        const next = modularity(graph, membership, { resolution });
        measured = next;
        modularityByIteration.push(next);
        const gain = next - quality;
        quality = next;
        const gainsLeft =
          options.extrapolateGains === true && run > 2
            ? extrapolatedGainsLeft(previousGain, gain)
            : Infinity;
        previousGain = gain;
        if (changed && (gain < minimumGain || gainsLeft < minimumGain)) {
          stoppedBy = 'negligible_gain';
          break;
        }
      }
      if (!changed) break;
    }
  }
  const communityCount = compactLabelsInPlace(membership, n, ws.renumber, n);
  return {
    membership,
    communityCount,
    // The last iteration's measure when there is one (renumbering labels keeps the value).
    modularity: Number.isNaN(measured) ? modularity(graph, membership, { resolution }) : measured,
    iterations: run,
    stoppedBy,
    modularityByIteration,
  };
}

/**
 * The sum of the gains after `gain` if each is `gain / previous` times the one before; infinite
 * when there is no earlier gain or the gains do not shrink.
 */
export function extrapolatedGainsLeft(previous: number, gain: number): number {
  if (!(previous > 0) || !(gain >= 0)) return Infinity;
  const ratio = gain / previous;
  return ratio < 1 ? (gain * ratio) / (1 - ratio) : Infinity;
}

function createWorkspace(n: number): Workspace {
  return {
    commWeight: new Float64Array(n),
    commSize: new Int32Array(n),
    neighWeight: new Float64Array(n),
    touched: new Int32Array(n),
    queue: new Int32Array(n),
    inQueue: new Uint8Array(n),
    emptyStack: new Int32Array(n),
    refMembership: new Int32Array(n),
    refWeight: new Float64Array(n),
    refExternal: new Float64Array(n),
    nonSingleton: new Uint8Array(n),
    candidates: new Int32Array(n),
    cumulative: new Float64Array(n),
    order: new Int32Array(n),
    renumber: new Int32Array(n),
  };
}

/**
 * One Leiden (or Louvain) iteration starting from `membership` on the original
 * graph; updates it in place. Returns whether any node moved at any level.
 */
function runIteration(
  original: CsrGraph,
  membership: Int32Array,
  refine: boolean,
  params: Params,
  ws: Workspace,
): boolean {
  const n = original.nodeCount;
  let graph = original;
  // Membership of the current (aggregate) level's nodes; level 0 works on the caller's array.
  let levelMembership = membership;
  // Aggregate node of each original node; null while at level 0 (identity).
  let aggregateOf: Int32Array | null = null;
  let changed = false;
  for (;;) {
    const nodes = graph.nodeCount;
    if (moveNodesFast(graph, levelMembership, params, ws)) changed = true;
    const communities = compactLabelsInPlace(levelMembership, nodes, ws.renumber, nodes);
    if (communities >= nodes) break;

    let grouping = levelMembership;
    let groups = communities;
    if (refine) {
      const refined = refinePartition(graph, levelMembership, communities, params, ws);
      if (refined < nodes) {
        grouping = ws.refMembership;
        groups = refined;
      }
    }
    // Starting partition of the aggregate graph: the unrefined community of each group.
    const nextMembership = new Int32Array(groups);
    for (let v = 0; v < nodes; v++)
      nextMembership[grouping[v] as number] = levelMembership[v] as number;
    if (aggregateOf === null) {
      aggregateOf = new Int32Array(n);
      for (let v = 0; v < n; v++) aggregateOf[v] = grouping[v] as number;
    } else {
      for (let v = 0; v < n; v++) aggregateOf[v] = grouping[aggregateOf[v] as number] as number;
    }
    graph = aggregateGraph(graph, grouping, groups, ws);
    levelMembership = nextMembership;
  }
  if (aggregateOf !== null) {
    for (let v = 0; v < n; v++) membership[v] = levelMembership[aggregateOf[v] as number] as number;
  }
  return changed;
}

/**
 * Fast local moving: visit nodes from a queue (random initial order); move each
 * to the neighbouring (or an empty) community with the largest modularity gain;
 * re-queue neighbours that are outside the node's new community.
 * Labels in `membership` must be < graph.nodeCount. Returns whether a node moved.
 */
function moveNodesFast(
  graph: CsrGraph,
  membership: Int32Array,
  params: Params,
  ws: Workspace,
): boolean {
  const n = graph.nodeCount;
  const { offsets, targets, weights, strength } = graph;
  const { commWeight, commSize, neighWeight, touched, queue, inQueue, emptyStack } = ws;
  const penalty = params.penalty;
  commWeight.fill(0, 0, n);
  commSize.fill(0, 0, n);
  for (let v = 0; v < n; v++) {
    const c = membership[v] as number;
    commWeight[c] = (commWeight[c] as number) + (strength[v] as number);
    commSize[c] = (commSize[c] as number) + 1;
  }
  let emptyCount = 0;
  for (let c = n - 1; c >= 0; c--) if (commSize[c] === 0) emptyStack[emptyCount++] = c;
  let maxDegree = 0;
  for (let v = 0; v < n; v++) {
    const d = (offsets[v + 1] as number) - (offsets[v] as number);
    if (d > maxDegree) maxDegree = d;
  }
  const rowCommunity = new Int32Array(maxDegree);

  for (let v = 0; v < n; v++) queue[v] = v;
  shuffleInPlace(params.rng, queue.subarray(0, n));
  inQueue.fill(1, 0, n);
  let head = 0;
  let pending = n;
  let moved = false;

  while (pending > 0) {
    const v = queue[head] as number;
    head = head + 1 === n ? 0 : head + 1;
    pending--;
    inQueue[v] = 0;

    const current = membership[v] as number;
    const kv = strength[v] as number;
    const start = offsets[v] as number;
    const end = offsets[v + 1] as number;
    // Gather the neighbours' communities first: independent loads the CPU can overlap.
    const degree = end - start;
    for (let i = 0; i < degree; i++)
      rowCommunity[i] = membership[targets[start + i] as number] as number;
    let touchedCount = 0;
    for (let i = 0; i < degree; i++) {
      const c = rowCommunity[i] as number;
      const w = neighWeight[c] as number;
      if (w === 0) touched[touchedCount++] = c;
      neighWeight[c] = w + (weights[start + i] as number);
    }
    // Take v out of its community.
    const currentWeight = (commWeight[current] as number) - kv;
    commWeight[current] = currentWeight;
    const currentSize = (commSize[current] as number) - 1;
    commSize[current] = currentSize;

    let best = current;
    let bestGain = (neighWeight[current] as number) - kv * currentWeight * penalty;
    const kvPenalty = kv * penalty;
    for (let i = 0; i < touchedCount; i++) {
      const c = touched[i] as number;
      const gain = (neighWeight[c] as number) - kvPenalty * (commWeight[c] as number);
      if (gain > bestGain) {
        bestGain = gain;
        best = c;
      }
      neighWeight[c] = 0;
    }
    neighWeight[current] = 0;
    // An empty community gains 0; only relevant when v is not alone already.
    if (bestGain < 0 && currentSize > 0 && emptyCount > 0) {
      best = emptyStack[--emptyCount] as number;
    }

    commWeight[best] = (commWeight[best] as number) + kv;
    commSize[best] = (commSize[best] as number) + 1;
    if (best !== current) {
      moved = true;
      membership[v] = best;
      if (currentSize === 0) emptyStack[emptyCount++] = current;
      for (let i = 0; i < degree; i++) {
        const u = targets[start + i] as number;
        if (inQueue[u] === 0 && rowCommunity[i] !== best) {
          inQueue[u] = 1;
          const slot = head + pending;
          queue[slot >= n ? slot - n : slot] = u;
          pending++;
        }
      }
    }
  }
  return moved;
}

/**
 * Refinement: inside each community, start from singletons and merge each
 * well-connected singleton (random order) into a well-connected refined
 * sub-community of the same community, chosen with probability ∝ exp(ΔQ/β)
 * among non-negative gains. Writes `ws.refMembership`; returns its count.
 */
function refinePartition(
  graph: CsrGraph,
  membership: Int32Array,
  communities: number,
  params: Params,
  ws: Workspace,
): number {
  const n = graph.nodeCount;
  const { offsets, targets, weights, strength } = graph;
  const { commWeight, refMembership, refWeight, refExternal, nonSingleton, touched } = ws;
  // Weight of v's ties to each refined community it touches (zeroed again after each node).
  const tieTo = ws.neighWeight;
  const { candidates, cumulative, order } = ws;
  const { penalty, beta, rng } = params;

  commWeight.fill(0, 0, communities);
  for (let v = 0; v < n; v++) {
    const c = membership[v] as number;
    commWeight[c] = (commWeight[c] as number) + (strength[v] as number);
    refMembership[v] = v;
    refWeight[v] = strength[v] as number;
    nonSingleton[v] = 0;
    let external = 0;
    const end = offsets[v + 1] as number;
    for (let a = offsets[v] as number; a < end; a++) {
      if (membership[targets[a] as number] === c) external += weights[a] as number;
    }
    refExternal[v] = external;
  }
  for (let v = 0; v < n; v++) order[v] = v;
  shuffleInPlace(rng, order.subarray(0, n));

  for (let i = 0; i < n; i++) {
    const v = order[i] as number;
    const own = refMembership[v] as number;
    if (nonSingleton[own] === 1) continue;
    const c = membership[v] as number;
    const kv = strength[v] as number;
    const totalC = commWeight[c] as number;
    if ((refExternal[v] as number) < kv * (totalC - kv) * penalty) continue;

    const start = offsets[v] as number;
    const end = offsets[v + 1] as number;
    let touchedCount = 0;
    for (let a = start; a < end; a++) {
      const u = targets[a] as number;
      if (membership[u] !== c) continue;
      const r = refMembership[u] as number;
      const w = tieTo[r] as number;
      if (w === 0) touched[touchedCount++] = r;
      tieTo[r] = w + (weights[a] as number);
    }
    // v alone: staying put gains exactly 0.
    refWeight[own] = 0;
    let candidateCount = 0;
    candidates[candidateCount] = own;
    cumulative[candidateCount++] = 0;
    let maxGain = 0;
    const kvPenalty = kv * penalty;
    for (let t = 0; t < touchedCount; t++) {
      const r = touched[t] as number;
      const wr = refWeight[r] as number;
      if ((refExternal[r] as number) >= wr * (totalC - wr) * penalty) {
        const gain = (tieTo[r] as number) - kvPenalty * wr;
        if (gain >= 0) {
          candidates[candidateCount] = r;
          cumulative[candidateCount++] = gain;
          if (gain > maxGain) maxGain = gain;
        }
      }
    }
    let chosen = own;
    if (candidateCount > 1) {
      let total = 0;
      for (let k = 0; k < candidateCount; k++) {
        total += Math.exp(((cumulative[k] as number) - maxGain) / beta);
        cumulative[k] = total;
      }
      const pick = rng() * total;
      let k = 0;
      while (k < candidateCount - 1 && (cumulative[k] as number) <= pick) k++;
      chosen = candidates[k] as number;
    }
    refWeight[chosen] = (refWeight[chosen] as number) + kv;
    if (chosen !== own) {
      // v's ties inside c (its own external weight, v being alone) now leave `chosen` but for
      // those to `chosen` itself, which were counted in its external weight and become internal.
      refExternal[chosen] =
        (refExternal[chosen] as number) +
        (refExternal[v] as number) -
        2 * (tieTo[chosen] as number);
      refMembership[v] = chosen;
      nonSingleton[chosen] = 1;
    }
    for (let t = 0; t < touchedCount; t++) tieTo[touched[t] as number] = 0;
  }
  return compactLabelsInPlace(refMembership, n, ws.renumber, n);
}

/** Collapse each group of nodes to one node; internal weight becomes a self-loop. */
function aggregateGraph(
  graph: CsrGraph,
  grouping: Int32Array,
  groups: number,
  ws: Workspace,
): CsrGraph {
  const n = graph.nodeCount;
  const { offsets, targets, weights, strength, selfLoops } = graph;
  const { neighWeight, touched } = ws;
  const groupStart = new Int32Array(groups + 1);
  for (let v = 0; v < n; v++) {
    const g = (grouping[v] as number) + 1;
    groupStart[g] = (groupStart[g] as number) + 1;
  }
  for (let g = 0; g < groups; g++)
    groupStart[g + 1] = (groupStart[g + 1] as number) + (groupStart[g] as number);
  const members = new Int32Array(n);
  const fill = groupStart.slice(0, groups);
  for (let v = 0; v < n; v++) {
    const g = grouping[v] as number;
    const at = fill[g] as number;
    members[at] = v;
    fill[g] = at + 1;
  }

  const newOffsets = new Int32Array(groups + 1);
  const newTargets = new Int32Array(targets.length);
  const newWeights = new Float64Array(targets.length);
  const newSelfLoops = new Float64Array(groups);
  const newStrength = new Float64Array(groups);
  let write = 0;
  for (let g = 0; g < groups; g++) {
    newOffsets[g] = write;
    let internalArcs = 0;
    let loops = 0;
    let s = 0;
    let touchedCount = 0;
    const memberEnd = groupStart[g + 1] as number;
    for (let i = groupStart[g] as number; i < memberEnd; i++) {
      const v = members[i] as number;
      loops += selfLoops[v] as number;
      s += strength[v] as number;
      const end = offsets[v + 1] as number;
      for (let a = offsets[v] as number; a < end; a++) {
        const h = grouping[targets[a] as number] as number;
        const w = weights[a] as number;
        if (h === g) {
          internalArcs += w;
        } else {
          const acc = neighWeight[h] as number;
          if (acc === 0) touched[touchedCount++] = h;
          neighWeight[h] = acc + w;
        }
      }
    }
    for (let t = 0; t < touchedCount; t++) {
      const h = touched[t] as number;
      newTargets[write] = h;
      newWeights[write] = neighWeight[h] as number;
      neighWeight[h] = 0;
      write++;
    }
    newSelfLoops[g] = loops + internalArcs / 2;
    newStrength[g] = s;
  }
  newOffsets[groups] = write;
  return {
    nodeCount: groups,
    offsets: newOffsets,
    targets: newTargets.slice(0, write),
    weights: newWeights.slice(0, write),
    selfLoops: newSelfLoops,
    strength: newStrength,
    totalWeight: graph.totalWeight,
  };
}
