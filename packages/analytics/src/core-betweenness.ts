/**
 * Betweenness over a graph with its trees taken out (`leaf-pruning.ts`): exact, or with the core's
 * part estimated from random shortest paths (`path-sampling.ts`).
 * Same meaning as `betweenness` in `centrality.ts` (hop distances, each unordered pair once,
 * normalised by (n−1)(n−2)/2 when asked), on the original node ids.
 */
import type { CsrGraph } from './csr-graph.ts';
import { pruneLeaves, type PrunedGraph } from './leaf-pruning.ts';
import { countSampledPaths } from './path-sampling.ts';
import type { Rng } from './random.ts';

/**
 * Brandes over the core with node weights ω (Baglioni et al. 2012): from source s the dependency
 * of v is δ(v) = Σ_{w: v precedes w} σ_v/σ_w · (ω(w) + δ(w)), and v gains `factors[i]`·δ(v) from
 * source `sources[i]`. Typed arrays allocated once.
 */
function accumulateCore(
  pruned: PrunedGraph,
  sources: Int32Array,
  factors: Float64Array,
  out: Float64Array,
): void {
  const { coreCount, offsets, targets, weight } = pruned;
  const sigma = new Float64Array(coreCount);
  const distance = new Int32Array(coreCount).fill(-1);
  const delta = new Float64Array(coreCount);
  const visitOrder = new Int32Array(coreCount);
  for (let i = 0; i < sources.length; i++) {
    const s = sources[i] as number;
    const factor = factors[i] as number;
    let head = 0;
    let tail = 0;
    visitOrder[tail++] = s;
    distance[s] = 0;
    sigma[s] = 1;
    while (head < tail) {
      const v = visitOrder[head++] as number;
      const dv = distance[v] as number;
      const sv = sigma[v] as number;
      const end = offsets[v + 1] as number;
      for (let a = offsets[v] as number; a < end; a++) {
        const w = targets[a] as number;
        const dw = distance[w] as number;
        if (dw === -1) {
          distance[w] = dv + 1;
          visitOrder[tail++] = w;
          sigma[w] = sv;
        } else if (dw === dv + 1) sigma[w] = (sigma[w] as number) + sv;
      }
    }
    for (let k = tail - 1; k > 0; k--) {
      const w = visitOrder[k] as number;
      const dw = distance[w] as number;
      const coefficient = ((weight[w] as number) + (delta[w] as number)) / (sigma[w] as number);
      const end = offsets[w + 1] as number;
      for (let a = offsets[w] as number; a < end; a++) {
        const v = targets[a] as number;
        if (distance[v] === dw - 1)
          delta[v] = (delta[v] as number) + (sigma[v] as number) * coefficient;
      }
      out[w] = (out[w] as number) + factor * (delta[w] as number);
    }
    for (let k = 0; k < tail; k++) {
      const v = visitOrder[k] as number;
      sigma[v] = 0;
      delta[v] = 0;
      distance[v] = -1;
    }
  }
}

/** How many core nodes have another core node in their component (paths cross the core there). */
export function activeCoreNodes(pruned: PrunedGraph): number {
  return activeSources(pruned).length;
}

/** Core nodes whose component has another core node (from the others no path crosses the core). */
function activeSources(pruned: PrunedGraph): Int32Array {
  const active: number[] = [];
  for (let c = 0; c < pruned.coreCount; c++)
    if ((pruned.componentCoreSize[pruned.componentOf[c] as number] as number) > 1) active.push(c);
  return Int32Array.from(active);
}

/** Per original node: the exact tree part plus the core part (`core`, by core node). */
export function combineWithTrees(
  pruned: PrunedGraph,
  core: Float64Array,
  normalized: boolean,
): Float64Array {
  const n = pruned.nodeCount;
  const result = new Float64Array(n);
  for (let v = 0; v < n; v++) result[v] = pruned.treePart[v] as number;
  for (let c = 0; c < pruned.coreCount; c++) {
    const v = pruned.originalOf[c] as number;
    result[v] = (result[v] as number) + (core[c] as number);
  }
  if (normalized) {
    const scale = n > 2 ? 2 / ((n - 1) * (n - 2)) : 0;
    for (let v = 0; v < n; v++) result[v] = (result[v] as number) * scale;
  }
  return result;
}

/** Exact betweenness, the trees counted from their sizes and Brandes run over the core only. */
export function prunedBetweenness(
  graph: CsrGraph,
  options: { normalized?: boolean; pruned?: PrunedGraph } = {},
): Float64Array {
  const pruned = options.pruned ?? pruneLeaves(graph);
  const sources = activeSources(pruned);
  const core = new Float64Array(pruned.coreCount);
  // ω(s) pairs start at s; each unordered pair of core nodes is seen from both ends
  const factors = Float64Array.from(sources, (s) => 0.5 * (pruned.weight[s] as number));
  accumulateCore(pruned, sources, factors, core);
  return combineWithTrees(pruned, core, options.normalized === true);
}

/**
 * Betweenness with the core part estimated from `samples` random shortest paths
 * (`path-sampling.ts`): a core node inside a share p of the sampled paths gets p·n(n−1)/2 pairs.
 * The trees' part is exact.
 */
export function pathSampledBetweenness(
  graph: CsrGraph,
  options: { samples: number; rng: Rng; normalized?: boolean; pruned?: PrunedGraph },
): Float64Array {
  const pruned = options.pruned ?? pruneLeaves(graph);
  const n = pruned.nodeCount;
  const core = countSampledPaths(pruned, options.samples, options.rng);
  const perPath = options.samples > 0 ? (n * (n - 1)) / 2 / options.samples : 0;
  for (let c = 0; c < core.length; c++) core[c] = (core[c] as number) * perPath;
  return combineWithTrees(pruned, core, options.normalized === true);
}
