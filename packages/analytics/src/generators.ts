/**
 * Synthetic graphs with known communities, for tests and benchmarks.
 */
import { randomPermutation, type Rng } from './random.ts';
import { DomainError } from '#core/domain-error.ts';

/** An undirected edge list over nodes 0..nodeCount-1 with its planted communities. */
export interface GeneratedGraph {
  readonly nodeCount: number;
  readonly sources: Int32Array;
  readonly targets: Int32Array;
  /** Planted community of each node, 0..communityCount-1. */
  readonly membership: Int32Array;
}

export interface PlantedPartitionOptions {
  readonly nodeCount: number;
  /** Number of blocks; nodes are spread over them in near-equal sizes, in random order. */
  readonly communityCount: number;
  /** Mean degree; the graph gets round(nodeCount × averageDegree / 2) edges. */
  readonly averageDegree: number;
  /** μ ∈ [0, 1]: the share of edges that join two different blocks. */
  readonly mixing: number;
  readonly rng: Rng;
}

/**
 * Planted partition (a stochastic block model with equal blocks and a fixed
 * edge count): each edge picks a uniform node u, then with probability 1 − μ a
 * uniform other node of u's block, else a uniform node of another block. O(m);
 * 10M edges take about a second. Parallel edges are possible (rare) and are
 * summed by `buildCsrGraph`; self-loops are never generated.
 */
export function plantedPartition(options: PlantedPartitionOptions): GeneratedGraph {
  const { nodeCount: n, communityCount: k, averageDegree, mixing, rng } = options;
  if (!Number.isInteger(n) || n < 2 || !Number.isInteger(k) || k < 1 || k > n) {
    throw new DomainError(
      'validation_failed',
      'need nodeCount ≥ 2 and 1 ≤ communityCount ≤ nodeCount',
      {
        nodeCount: n,
        communityCount: k,
      },
    );
  }
  if (!(averageDegree >= 0) || !(mixing >= 0 && mixing <= 1)) {
    throw new DomainError('validation_failed', 'need averageDegree ≥ 0 and mixing in [0, 1]', {
      averageDegree,
      mixing,
    });
  }
  // Nodes listed block by block: block b holds byBlock[blockStart[b] .. blockStart[b+1]-1].
  const byBlock = randomPermutation(rng, n);
  const blockStart = new Int32Array(k + 1);
  for (let b = 0; b <= k; b++) blockStart[b] = Math.floor((b * n) / k);
  const membership = new Int32Array(n);
  for (let b = 0; b < k; b++) {
    for (let i = blockStart[b] as number; i < (blockStart[b + 1] as number); i++)
      membership[byBlock[i] as number] = b;
  }

  const edgeCount = Math.round((n * averageDegree) / 2);
  const sources = new Int32Array(edgeCount);
  const targets = new Int32Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) {
    const u = Math.floor(rng() * n);
    const b = membership[u] as number;
    const lo = blockStart[b] as number;
    const size = (blockStart[b + 1] as number) - lo;
    let v: number;
    if (rng() >= mixing && size > 1) {
      do v = byBlock[lo + Math.floor(rng() * size)] as number;
      while (v === u);
    } else if (k > 1) {
      // Uniform over nodes outside u's block: index into the list with u's block cut out.
      const i = Math.floor(rng() * (n - size));
      v = byBlock[i < lo ? i : i + size] as number;
    } else {
      do v = Math.floor(rng() * n);
      while (v === u);
    }
    sources[e] = u;
    targets[e] = v;
  }
  return { nodeCount: n, sources, targets, membership };
}

/**
 * Two cliques of `cliqueSize` nodes (0..s-1 and s..2s-1) joined by one bridge
 * edge between node s-1 and node s.
 */
export function twoCliquesWithBridge(cliqueSize: number): GeneratedGraph {
  if (!Number.isInteger(cliqueSize) || cliqueSize < 2) {
    throw new DomainError('validation_failed', 'cliqueSize must be an integer ≥ 2', { cliqueSize });
  }
  const s = cliqueSize;
  const edgeCount = s * (s - 1) + 1;
  const sources = new Int32Array(edgeCount);
  const targets = new Int32Array(edgeCount);
  let e = 0;
  for (let offset = 0; offset <= s; offset += s) {
    for (let i = 0; i < s; i++) {
      for (let j = i + 1; j < s; j++) {
        sources[e] = offset + i;
        targets[e] = offset + j;
        e++;
      }
    }
  }
  sources[e] = s - 1;
  targets[e] = s;
  const membership = new Int32Array(2 * s);
  membership.fill(1, s);
  return { nodeCount: 2 * s, sources, targets, membership };
}
