/**
 * Modularity with a resolution parameter (Newman & Girvan 2004; Reichardt &
 * Bornholdt 2006), the quality Leiden and Louvain optimise:
 *
 *   Q = Σ_c [ L_c / m − γ (K_c / 2m)² ]
 *
 * L_c: weight of edges inside community c (self-loops once), K_c: sum of the
 * strengths of its nodes, m: total edge weight. Matches igraph's and
 * networkx's `modularity` (self-loop counted twice in the strength).
 */
import type { CsrGraph } from './csr-graph.ts';
import { compactLabels } from './labels.ts';
import { DomainError } from '#core/domain-error.ts';

export interface ModularityOptions {
  /** γ, default 1. */
  readonly resolution?: number;
}

/** Modularity of a labeling (any labels, one per node). NaN when the graph has no edges. */
export function modularity(
  graph: CsrGraph,
  membership: ArrayLike<number | string>,
  options: ModularityOptions = {},
): number {
  const resolution = options.resolution ?? 1;
  const n = graph.nodeCount;
  if (membership.length !== n) {
    throw new DomainError('validation_failed', 'membership length differs from the node count', {
      length: membership.length,
      nodeCount: n,
    });
  }
  const m = graph.totalWeight;
  if (m === 0) return Number.NaN;
  const labels = membership instanceof Int32Array ? boundedLabels(membership) : null;
  const { labels: community, count } = labels ?? compactLabels(membership);
  const internal = new Float64Array(count);
  const total = new Float64Array(count);
  const { offsets, targets, weights, selfLoops, strength } = graph;
  for (let v = 0; v < n; v++) {
    const c = community[v] as number;
    let inside = 2 * (selfLoops[v] as number);
    const end = offsets[v + 1] as number;
    for (let a = offsets[v] as number; a < end; a++) {
      if (community[targets[a] as number] === c) inside += weights[a] as number;
    }
    internal[c] = (internal[c] as number) + inside;
    total[c] = (total[c] as number) + (strength[v] as number);
  }
  let q = 0;
  for (let c = 0; c < count; c++) {
    const share = (total[c] as number) / (2 * m);
    q += (internal[c] as number) / (2 * m) - resolution * share * share;
  }
  return q;
}

/** Use integer labels as they are when they are small and non-negative (no Map needed). */
function boundedLabels(membership: Int32Array): { labels: Int32Array; count: number } | null {
  let max = -1;
  for (let i = 0; i < membership.length; i++) {
    const c = membership[i] as number;
    if (c < 0) return null;
    if (c > max) max = c;
  }
  if (max > 4 * membership.length + 16) return null;
  return { labels: membership, count: max + 1 };
}
