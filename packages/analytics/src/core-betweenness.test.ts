import { describe, expect, it } from 'vitest';
import { betweennessWithBound } from './abc/brokers.ts';
import { betweenness } from './centrality.ts';
import { pathSampledBetweenness, prunedBetweenness } from './core-betweenness.ts';
import { buildCsrGraph, type CsrGraph } from './csr-graph.ts';
import { loadKarate } from './fixtures/karate.ts';
import { plantedPartition } from './generators.ts';
import { pruneLeaves, type PrunedGraph } from './leaf-pruning.ts';
import { pathSampleError, pathSampleSize, vertexDiameterBound } from './path-sampling.ts';
import { createRng, randomInt, type Rng } from './random.ts';

/** Edges as two lists, added to by the helpers below. */
interface Edges {
  sources: number[];
  targets: number[];
}

function tie(edges: Edges, u: number, v: number): void {
  edges.sources.push(u);
  edges.targets.push(v);
}

/**
 * A planted graph of `core` nodes with trees hung off it (leaves, chains, small branching trees),
 * then, as further components: a tree, a path, a star, a cycle with a tail, two isolated nodes.
 */
function graphWithTrees(rng: Rng, core = 200): { graph: CsrGraph; edges: Edges } {
  const planted = plantedPartition({
    nodeCount: core,
    communityCount: 4,
    averageDegree: 5,
    mixing: 0.2,
    rng,
  });
  const edges: Edges = {
    sources: Array.from(planted.sources),
    targets: Array.from(planted.targets),
  };
  let next = core;
  // trees hanging off the planted part: each new node ties to a planted node or an earlier tree node
  for (let i = 0; i < core; i++) {
    const anchor = i === 0 || rng() < 0.6 ? randomInt(rng, core) : core + randomInt(rng, i);
    tie(edges, anchor, next);
    next += 1;
  }
  // a tree component: a root, three branches of different depth
  const root = next++;
  for (const depth of [1, 2, 4]) {
    let at = root;
    for (let d = 0; d < depth; d++) {
      tie(edges, at, next);
      at = next++;
    }
  }
  // a path of five
  for (let i = 0; i < 4; i++) tie(edges, next + i, next + i + 1);
  next += 5;
  // a star of four leaves
  for (let i = 1; i <= 4; i++) tie(edges, next, next + i);
  next += 5;
  // a 5-cycle with a tail of two
  for (let i = 0; i < 5; i++) tie(edges, next + i, next + ((i + 1) % 5));
  tie(edges, next, next + 5);
  tie(edges, next + 5, next + 6);
  next += 7;
  next += 2; // isolated
  return { graph: buildCsrGraph(next, edges), edges };
}

function expectSameValues(actual: Float64Array, expected: Float64Array): void {
  expect(actual.length).toBe(expected.length);
  for (let v = 0; v < expected.length; v++) {
    const e = expected[v] as number;
    expect(Math.abs((actual[v] as number) - e), `node ${v}`).toBeLessThanOrEqual(
      1e-9 * Math.max(1, e),
    );
  }
}

describe('pruneLeaves', () => {
  it('keeps the 2-core and one node per tree component, each standing for its trees', () => {
    const { graph } = graphWithTrees(createRng(3));
    const pruned = pruneLeaves(graph);
    // every original node hangs from exactly one core node
    const total = pruned.weight.reduce((s, w) => s + w, 0);
    expect(total).toBe(graph.nodeCount);
    const counted = new Float64Array(pruned.coreCount);
    for (const root of pruned.rootOf) counted[root] = (counted[root] as number) + 1;
    expect(Array.from(counted)).toEqual(Array.from(pruned.weight));
    // no core node of a component with a cycle keeps a single tie
    for (let c = 0; c < pruned.coreCount; c++) {
      const ties = (pruned.offsets[c + 1] as number) - (pruned.offsets[c] as number);
      expect(ties === 0 || ties >= 2, `core node ${c}`).toBe(true);
    }
    // breadth-first order: each core node but the first of its component ties to an earlier one
    for (let c = 0; c < pruned.coreCount; c++) {
      const component = pruned.componentOf[c] as number;
      if (c > 0 && pruned.componentOf[c - 1] === component) {
        const earlier = Array.from(
          pruned.targets.subarray(pruned.offsets[c] as number, pruned.offsets[c + 1] as number),
        ).some((d) => d < c);
        expect(earlier, `core node ${c}`).toBe(true);
      }
    }
  });

  it('takes a whole tree down to one node and counts its pairs from the sizes alone', () => {
    // 0–1–2–3–4 and 2–5: node 2 separates {0,1}, {3,4}, {5}: 2·2 + 2·1 + 2·1 = 8
    const tree = buildCsrGraph(6, { sources: [0, 1, 2, 3, 2], targets: [1, 2, 3, 4, 5] });
    const pruned = pruneLeaves(tree);
    expect(pruned.coreCount).toBe(1);
    expect(Array.from(pruned.treePart)).toEqual(Array.from(betweenness(tree)));
    expect(Array.from(pruned.treePart)).toEqual([0, 4, 8, 4, 0, 0]);
  });
});

describe('prunedBetweenness', () => {
  it('equals plain Brandes on graphs with trees, several components and isolated nodes', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { graph } = graphWithTrees(createRng(seed));
      expectSameValues(prunedBetweenness(graph), betweenness(graph));
      expectSameValues(
        prunedBetweenness(graph, { normalized: true }),
        betweenness(graph, { normalized: true }),
      );
    }
  });

  it('equals plain Brandes on karate, a grid, a cycle and sparse random graphs (mostly trees)', () => {
    const cycle = buildCsrGraph(6, { sources: [0, 1, 2, 3, 4, 5], targets: [1, 2, 3, 4, 5, 0] });
    const graphs = [loadKarate().graph, cycle, buildCsrGraph(0, { sources: [], targets: [] })];
    const rng = createRng(9);
    for (let g = 0; g < 30; g++) {
      const n = 20 + randomInt(rng, 60);
      const m = Math.round(n * (0.6 + rng()));
      const edges: Edges = { sources: [], targets: [] };
      for (let e = 0; e < m; e++) tie(edges, randomInt(rng, n), randomInt(rng, n));
      graphs.push(buildCsrGraph(n, edges));
    }
    for (const graph of graphs) expectSameValues(prunedBetweenness(graph), betweenness(graph));
  });

  it('counts hops, not weights: weighted ties give the unweighted values', () => {
    const { edges, graph } = graphWithTrees(createRng(6));
    const weighted = buildCsrGraph(graph.nodeCount, {
      ...edges,
      weights: edges.sources.map((_, i) => 1 + (i % 7)),
    });
    expectSameValues(prunedBetweenness(weighted), betweenness(graph));
  });
});

describe('betweenness from sampled shortest paths', () => {
  it('bounds the vertex diameter from above', () => {
    const rng = createRng(12);
    for (let g = 0; g < 10; g++) {
      const { graph } = graphWithTrees(rng, 40);
      const pruned = pruneLeaves(graph);
      expect(vertexDiameterBound(pruned)).toBeGreaterThanOrEqual(coreVertexDiameter(pruned));
    }
    const cycle = buildCsrGraph(6, { sources: [0, 1, 2, 3, 4, 5], targets: [1, 2, 3, 4, 5, 0] });
    expect(coreVertexDiameter(pruneLeaves(cycle))).toBe(4);
    expect(vertexDiameterBound(pruneLeaves(cycle))).toBe(6);
  });

  it('draws reproducibly under a seed, with the trees exact', () => {
    const { graph } = graphWithTrees(createRng(7));
    const once = pathSampledBetweenness(graph, { samples: 500, rng: createRng(2) });
    const again = pathSampledBetweenness(graph, { samples: 500, rng: createRng(2) });
    expect(Array.from(again)).toEqual(Array.from(once));
    const exact = betweenness(graph);
    const pruned = pruneLeaves(graph);
    for (let v = 0; v < graph.nodeCount; v++)
      if (pruned.originalOf[pruned.rootOf[v] as number] !== v)
        expect(once[v]).toBeCloseTo(exact[v] as number, 9);
  });

  it('is unbiased: over many paths the estimate comes near the exact value, equal paths shared', () => {
    const { graph } = graphWithTrees(createRng(8), 120);
    const exact = betweenness(graph);
    const mean = new Float64Array(graph.nodeCount);
    const rounds = 50;
    for (let r = 0; r < rounds; r++) {
      const values = pathSampledBetweenness(graph, { samples: 1000, rng: createRng(100 + r) });
      for (let v = 0; v < mean.length; v++) mean[v] = (mean[v] as number) + (values[v] as number);
    }
    const top = Array.from(exact.keys()).sort(
      (x, y) => (exact[y] as number) - (exact[x] as number),
    );
    for (const v of top.slice(0, 8)) {
      const e = exact[v] as number;
      expect(Math.abs((mean[v] as number) / rounds - e) / e, `node ${v}`).toBeLessThan(0.05);
    }
    const grid = gridGraph(7);
    const gridExact = betweenness(grid);
    const gridMean = pathSampledBetweenness(grid, { samples: 200_000, rng: createRng(5) });
    for (let v = 0; v < grid.nodeCount; v++)
      expect(
        Math.abs((gridMean[v] as number) - (gridExact[v] as number)),
        `node ${v}`,
      ).toBeLessThan(0.05 * Math.max(...gridExact));
  });

  it('stays within the error bound it states, for every node at once', () => {
    const { graph } = graphWithTrees(createRng(10), 400);
    const exact = betweenness(graph, { normalized: true });
    for (const seed of [1, 2, 3, 4]) {
      const estimate = betweennessWithBound(graph, { exactMaxNodes: 0, maxError: 0.05, seed });
      expect(estimate.method).toBe('sampled');
      expect(estimate.errorBound).toBeGreaterThan(0);
      expect(estimate.errorBound).toBeLessThanOrEqual(0.05);
      let worst = 0;
      for (let v = 0; v < graph.nodeCount; v++)
        worst = Math.max(worst, Math.abs((estimate.values[v] ?? 0) - (exact[v] ?? 0)));
      expect(worst).toBeLessThanOrEqual(estimate.errorBound);
      // the sample size follows the vertex diameter, not the number of nodes
      const pruned = pruneLeaves(graph);
      const vd = vertexDiameterBound(pruned);
      const n = graph.nodeCount;
      expect(estimate.samples).toBe(pathSampleSize(vd, 0.05 / (n / (n - 2)), 0.05));
      expect(estimate.errorBound).toBeCloseTo(
        pathSampleError(vd, estimate.samples, 0.05) * (n / (n - 2)),
        12,
      );
    }
    // Exact once the core's crossed nodes fit the budget.
    const small = betweennessWithBound(graph, { exactMaxNodes: 10_000 });
    expect(small).toMatchObject({ method: 'exact', errorBound: 0 });
    expectSameValues(small.values, exact);
  });
});

function gridGraph(side: number): CsrGraph {
  const edges: Edges = { sources: [], targets: [] };
  for (let r = 0; r < side; r++)
    for (let c = 0; c < side; c++) {
      const here = r * side + c;
      if (c < side - 1) tie(edges, here, here + 1);
      if (r < side - 1) tie(edges, here, here + side);
    }
  return buildCsrGraph(side * side, edges);
}

/** The most nodes on a shortest path of the core, from a search at every core node. */
function coreVertexDiameter(pruned: PrunedGraph): number {
  let most = pruned.coreCount > 0 ? 1 : 0;
  for (let s = 0; s < pruned.coreCount; s++) {
    const distance = new Int32Array(pruned.coreCount).fill(-1);
    const queue = [s];
    distance[s] = 0;
    for (let head = 0; head < queue.length; head++) {
      const v = queue[head] as number;
      most = Math.max(most, (distance[v] as number) + 1);
      for (let a = pruned.offsets[v] as number; a < (pruned.offsets[v + 1] as number); a++) {
        const w = pruned.targets[a] as number;
        if (distance[w] === -1) {
          distance[w] = (distance[v] as number) + 1;
          queue.push(w);
        }
      }
    }
  }
  return most;
}
