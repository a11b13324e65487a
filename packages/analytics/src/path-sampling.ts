/**
 * Betweenness estimated from random shortest paths (Riondato & Kornaropoulos 2016, "Fast
 * approximation of betweenness centrality through sampling"), over the core a graph keeps once its
 * trees are taken out (`leaf-pruning.ts`; the trees' part is exact). A sample is a pair of distinct
 * nodes (x, y) drawn uniformly; when they hang from different core nodes s ≠ t of one component, one
 * shortest s–t path is drawn uniformly among all of them and each core node inside it (not s, not t)
 * gains one. The count over r samples, divided by r, estimates the core part of a node's
 * betweenness over n(n−1) ordered pairs; with r ≥ (c/ε²)(⌊log₂(VD−2)⌋ + 1 + ln(1/δ)) samples
 * (VD: the most nodes on a shortest path, c = 0.5) every node is within ε at once with probability
 * 1 − δ: the bound depends on the graph's diameter, not on its size. Each path comes from a
 * breadth-first search grown from both ends, the side with fewer ties to expand first (as in
 * KADABRA, Borassi & Natale 2016), which meets after a small part of the graph.
 */
import type { PrunedGraph } from './leaf-pruning.ts';
import { randomInt, type Rng } from './random.ts';

/** The universal constant of the ε-approximation sample size (Löffler & Phillips 2009). */
const SAMPLE_CONSTANT = 0.5;

/**
 * An upper bound of the vertex diameter of the core (the most nodes on one shortest path): from
 * one node of each component, the two longest distances d1 ≥ d2 bound every other distance by
 * d1 + d2, so VD ≤ d1 + d2 + 1.
 */
export function vertexDiameterBound(pruned: PrunedGraph): number {
  const { coreCount, offsets, targets, componentOf } = pruned;
  const distance = new Int32Array(coreCount).fill(-1);
  const queue = new Int32Array(coreCount);
  let bound = coreCount > 0 ? 1 : 0;
  for (let start = 0; start < coreCount; start++) {
    if (start > 0 && componentOf[start - 1] === componentOf[start]) continue; // not its first node
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    distance[start] = 0;
    let first = 0;
    let second = 0;
    while (head < tail) {
      const v = queue[head++] as number;
      const dv = distance[v] as number;
      if (dv > first) {
        second = first;
        first = dv;
      } else if (dv > second && v !== start) second = dv;
      const end = offsets[v + 1] as number;
      for (let a = offsets[v] as number; a < end; a++) {
        const w = targets[a] as number;
        if (distance[w] === -1) {
          distance[w] = dv + 1;
          queue[tail++] = w;
        }
      }
    }
    bound = Math.max(bound, first + second + 1);
  }
  return bound;
}

/** Shortest paths to sample for every node within `epsilon` (on the n(n−1) scale) w.p. 1 − δ. */
export function pathSampleSize(vertexDiameter: number, epsilon: number, delta: number): number {
  return Math.ceil(
    (SAMPLE_CONSTANT / (epsilon * epsilon)) * (vcDimension(vertexDiameter) - Math.log(delta)),
  );
}

/** The error reached with `samples` paths (the inverse of `pathSampleSize`). */
export function pathSampleError(vertexDiameter: number, samples: number, delta: number): number {
  return Math.sqrt((SAMPLE_CONSTANT * (vcDimension(vertexDiameter) - Math.log(delta))) / samples);
}

/** ⌊log₂(VD − 2)⌋ + 1: the VC dimension of the paths through each node (no interior below 3). */
function vcDimension(vertexDiameter: number): number {
  return vertexDiameter < 3 ? 0 : Math.floor(Math.log2(vertexDiameter - 2)) + 1;
}

/** One end's breadth-first search: distances, shortest-path counts, and the nodes reached by level. */
interface Search {
  readonly distance: Int32Array;
  readonly sigma: Float64Array;
  readonly queue: Int32Array;
  /** The current frontier is `queue[start..end-1]`, at distance `level`. */
  start: number;
  end: number;
  level: number;
  /** Ties out of the frontier: what growing it one level costs. */
  ties: number;
}

function newSearch(size: number): Search {
  return {
    distance: new Int32Array(size).fill(-1),
    sigma: new Float64Array(size),
    queue: new Int32Array(size),
    start: 0,
    end: 0,
    level: 0,
    ties: 0,
  };
}

/**
 * Counts, per core node, the sampled paths it lies inside (`samples` pairs). Typed arrays
 * allocated once; each search resets only what it touched.
 */
export function countSampledPaths(pruned: PrunedGraph, samples: number, rng: Rng): Float64Array {
  const { coreCount, offsets, targets, rootOf, componentOf, nodeCount } = pruned;
  const inside = new Float64Array(coreCount);
  if (nodeCount < 2) return inside;
  const fromS = newSearch(coreCount);
  const fromT = newSearch(coreCount);
  const meeting = new Int32Array(coreCount);
  const degreeOf = (v: number): number => (offsets[v + 1] as number) - (offsets[v] as number);
  const begin = (search: Search, source: number): void => {
    search.distance[source] = 0;
    search.sigma[source] = 1;
    search.queue[0] = source;
    search.start = 0;
    search.end = 1;
    search.level = 0;
    search.ties = degreeOf(source);
  };
  /** Grows the search by one whole level; false when nothing new was reached. */
  const grow = (search: Search): boolean => {
    const { distance, sigma, queue } = search;
    const next = search.level + 1;
    let tail = search.end;
    let ties = 0;
    for (let i = search.start; i < search.end; i++) {
      const v = queue[i] as number;
      const sv = sigma[v] as number;
      const end = offsets[v + 1] as number;
      for (let a = offsets[v] as number; a < end; a++) {
        const w = targets[a] as number;
        const dw = distance[w] as number;
        if (dw === -1) {
          distance[w] = next;
          sigma[w] = sv;
          queue[tail++] = w;
          ties += degreeOf(w);
        } else if (dw === next) sigma[w] = (sigma[w] as number) + sv;
      }
    }
    search.start = search.end;
    search.end = tail;
    search.level = next;
    search.ties = ties;
    return search.start < tail;
  };
  /** From x, one hop back towards the search's source, each predecessor by its share of σ. */
  const stepBack = (search: Search, x: number): number => {
    const { distance, sigma } = search;
    const wanted = (distance[x] as number) - 1;
    let left = rng() * (sigma[x] as number);
    let chosen = -1;
    const end = offsets[x + 1] as number;
    for (let a = offsets[x] as number; a < end; a++) {
      const p = targets[a] as number;
      if (distance[p] !== wanted) continue;
      chosen = p;
      left -= sigma[p] as number;
      if (left < 0) break;
    }
    return chosen;
  };
  const reset = (search: Search): void => {
    for (let i = 0; i < search.end; i++) {
      const v = search.queue[i] as number;
      search.distance[v] = -1;
      search.sigma[v] = 0;
    }
  };

  for (let k = 0; k < samples; k++) {
    const x = randomInt(rng, nodeCount);
    let y = randomInt(rng, nodeCount - 1);
    if (y >= x) y += 1;
    const s = rootOf[x] as number;
    const t = rootOf[y] as number;
    if (s === t || componentOf[s] !== componentOf[t]) continue;
    begin(fromS, s);
    begin(fromT, t);
    let met = 0;
    while (met === 0) {
      // grow the end whose frontier has fewer ties
      const grown = fromS.ties <= fromT.ties ? fromS : fromT;
      const other = grown === fromS ? fromT : fromS;
      if (!grow(grown)) break; // cannot happen within one component
      // Nothing was reached from both ends before, so the nodes of this level that the other end
      // reached lie on its frontier, and every shortest path crosses exactly one of them.
      for (let i = grown.start; i < grown.end; i++) {
        const w = grown.queue[i] as number;
        if (other.distance[w] !== -1) meeting[met++] = w;
      }
    }
    if (met > 0) {
      let paths = 0;
      for (let i = 0; i < met; i++) {
        const w = meeting[i] as number;
        paths += (fromS.sigma[w] as number) * (fromT.sigma[w] as number);
      }
      let left = rng() * paths;
      let middle = meeting[met - 1] as number;
      for (let i = 0; i < met; i++) {
        const w = meeting[i] as number;
        left -= (fromS.sigma[w] as number) * (fromT.sigma[w] as number);
        if (left < 0) {
          middle = w;
          break;
        }
      }
      if (middle !== s && middle !== t) inside[middle] = (inside[middle] as number) + 1;
      for (const search of [fromS, fromT]) {
        for (let v = middle; (search.distance[v] as number) > 0;) {
          v = stepBack(search, v);
          if (v < 0) break;
          if (v !== s && v !== t) inside[v] = (inside[v] as number) + 1;
        }
      }
    }
    reset(fromS);
    reset(fromT);
  }
  return inside;
}
