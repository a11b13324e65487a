/**
 * Trees hanging off a graph, taken out for betweenness (Baglioni et al. 2012, "Fast exact
 * computation of betweenness centrality in social networks"): nodes of degree one are removed
 * again and again, each folded into the node it hung from. What is left — the 2-core, plus one
 * node per component that was a tree — is the core, relabelled in breadth-first order so that the
 * breadth-first passes over it read memory close together.
 *
 * A removed node is a cut vertex between its own subtrees and the rest of its component, so its
 * betweenness is exact from sizes alone: Σ_{i<j} p_i p_j over the parts its removal leaves. A core
 * node r standing for ω(r) nodes (itself and the trees hanging from it) gets the same sum over its
 * hanging subtrees and the rest, plus the pairs whose ends hang from two other core nodes s, t:
 * ω(s)·ω(t)·σ_st(r)/σ_st, which a Brandes pass over the core with node weights gives
 * (`core-betweenness.ts`). Hop distances only: weights are ignored, as in `centrality.ts`.
 */
import type { CsrGraph } from './csr-graph.ts';

/** The core of a graph once its trees are taken out, and what each core node stands for. */
export interface PrunedGraph {
  /** Nodes of the original graph. */
  readonly nodeCount: number;
  /** Nodes of the core. */
  readonly coreCount: number;
  /** The core's rows, in breadth-first order: the neighbours of core node c are `targets[offsets[c]..offsets[c+1]-1]`. */
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  /** The original node of each core node. */
  readonly originalOf: Int32Array;
  /** The core node each original node hangs from (its own index when it is in the core). */
  readonly rootOf: Int32Array;
  /** ω: the original nodes each core node stands for (itself and its hanging trees). */
  readonly weight: Float64Array;
  /** The core's connected component of each core node (0, 1, … in core order). */
  readonly componentOf: Int32Array;
  /** Core nodes per component. */
  readonly componentCoreSize: Int32Array;
  /**
   * Unordered pairs through each original node that a path over the core does not account for:
   * a removed node's whole betweenness, a core node's pairs with an end in its own trees.
   */
  readonly treePart: Float64Array;
}

/** Removes degree-one nodes until none is left, and relabels the core breadth first. */
export function pruneLeaves(graph: CsrGraph): PrunedGraph {
  const n = graph.nodeCount;
  const { offsets, targets } = graph;
  const degree = new Int32Array(n);
  for (let v = 0; v < n; v++) degree[v] = (offsets[v + 1] as number) - (offsets[v] as number);
  const removed = new Uint8Array(n);
  const parent = new Int32Array(n).fill(-1);
  const size = new Float64Array(n).fill(1); // the node and what hangs below it
  const childSquares = new Float64Array(n); // Σ over hanging subtrees of their size squared
  const removalOrder = new Int32Array(n);
  let removedCount = 0;
  const queue = new Int32Array(n);
  let tail = 0;
  for (let v = 0; v < n; v++) if (degree[v] === 1) queue[tail++] = v;
  for (let head = 0; head < tail; head++) {
    const u = queue[head] as number;
    if (degree[u] !== 1) continue; // its last neighbour was removed into it: it stays as a root
    let p = -1;
    const end = offsets[u + 1] as number;
    for (let a = offsets[u] as number; a < end; a++) {
      const w = targets[a] as number;
      if (removed[w] === 0) {
        p = w;
        break;
      }
    }
    removed[u] = 1;
    removalOrder[removedCount++] = u;
    parent[u] = p;
    degree[u] = 0;
    const s = size[u] as number;
    size[p] = (size[p] as number) + s;
    childSquares[p] = (childSquares[p] as number) + s * s;
    degree[p] = (degree[p] as number) - 1;
    if (degree[p] === 1) queue[tail++] = p;
  }

  // The core in breadth-first order, one component after the other.
  const coreCount = n - removedCount;
  const coreOf = new Int32Array(n).fill(-1);
  const originalOf = new Int32Array(coreCount);
  const componentOf = new Int32Array(coreCount);
  const componentSizes: number[] = [];
  let next = 0;
  for (let start = 0; start < n; start++) {
    if (removed[start] === 1 || coreOf[start] !== -1) continue;
    const component = componentSizes.length;
    const first = next;
    coreOf[start] = next;
    originalOf[next++] = start;
    for (let head = first; head < next; head++) {
      const v = originalOf[head] as number;
      componentOf[head] = component;
      const end = offsets[v + 1] as number;
      for (let a = offsets[v] as number; a < end; a++) {
        const w = targets[a] as number;
        if (removed[w] === 0 && coreOf[w] === -1) {
          coreOf[w] = next;
          originalOf[next++] = w;
        }
      }
    }
    componentSizes.push(next - first);
  }
  const coreOffsets = new Int32Array(coreCount + 1);
  for (let c = 0; c < coreCount; c++)
    coreOffsets[c + 1] = (coreOffsets[c] as number) + (degree[originalOf[c] as number] as number);
  const coreTargets = new Int32Array(coreOffsets[coreCount] as number);
  const weight = new Float64Array(coreCount);
  for (let c = 0; c < coreCount; c++) {
    const v = originalOf[c] as number;
    weight[c] = size[v] as number;
    let at = coreOffsets[c] as number;
    const end = offsets[v + 1] as number;
    for (let a = offsets[v] as number; a < end; a++) {
      const w = targets[a] as number;
      if (removed[w] === 0) coreTargets[at++] = coreOf[w] as number;
    }
  }

  // Each original node's root, and the size of its component (Σ ω over the component's core).
  const rootOf = new Int32Array(n);
  for (let v = 0; v < n; v++) rootOf[v] = coreOf[v] as number;
  for (let i = removedCount - 1; i >= 0; i--) {
    // a parent is removed after its children, so read backwards it already knows its root
    const u = removalOrder[i] as number;
    rootOf[u] = rootOf[parent[u] as number] as number;
  }
  const componentWeight = new Float64Array(componentSizes.length);
  for (let c = 0; c < coreCount; c++) {
    const k = componentOf[c] as number;
    componentWeight[k] = (componentWeight[k] as number) + (weight[c] as number);
  }
  const treePart = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    const total = componentWeight[componentOf[rootOf[v] as number] as number] as number;
    const rest = total - (size[v] as number);
    treePart[v] = ((total - 1) * (total - 1) - (childSquares[v] as number) - rest * rest) / 2;
  }
  return {
    nodeCount: n,
    coreCount,
    offsets: coreOffsets,
    targets: coreTargets,
    originalOf,
    rootOf,
    weight,
    componentOf,
    componentCoreSize: Int32Array.from(componentSizes),
    treePart,
  };
}
