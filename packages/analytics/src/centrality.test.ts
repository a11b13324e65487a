import { describe, expect, it } from 'vitest';
import {
  RANKING_TOLERANCE,
  betweenness,
  constraint,
  degree,
  pageRank,
  weightedDegree,
} from './centrality.ts';
import { buildCsrGraph, type CsrGraph } from './csr-graph.ts';
import { plantedPartition } from './generators.ts';
import { createRng } from './random.ts';
import { loadKarate } from './fixtures/karate.ts';

const path5 = buildCsrGraph(5, { sources: [0, 1, 2, 3], targets: [1, 2, 3, 4] });
const star4 = buildCsrGraph(5, { sources: [0, 0, 0, 0], targets: [1, 2, 3, 4] });

describe('degree and strength', () => {
  it('counts neighbours and sums weights (self-loop twice)', () => {
    const g = buildCsrGraph(3, {
      sources: [0, 0, 1, 2],
      targets: [1, 1, 2, 2],
      weights: [1, 2, 0.5, 4],
    });
    expect(Array.from(degree(g))).toEqual([1, 2, 1]);
    expect(Array.from(weightedDegree(g))).toEqual([3, 3.5, 8.5]);
  });
});

describe('pageRank', () => {
  it('matches the closed form on a 3-node path: 19/74, 36/74, 19/74', () => {
    const g = buildCsrGraph(3, { sources: [0, 1], targets: [1, 2] });
    const pr = pageRank(g);
    expect(pr[0]).toBeCloseTo(19 / 74, 9);
    expect(pr[1]).toBeCloseTo(36 / 74, 9);
    expect(pr[2]).toBeCloseTo(19 / 74, 9);
  });

  it('follows weights: two nodes of a weighted path', () => {
    // 0 —1— 1 —3— 2: from 1 the walker goes to 2 with probability 3/4.
    const g = buildCsrGraph(3, { sources: [0, 1], targets: [1, 2], weights: [1, 3] });
    const pr = Array.from(pageRank(g));
    // Solve x = 0.05 + 0.85 P^T x by hand: x0 = .05 + .85 x1/4, x2 = .05 + .85 (3 x1/4), x1 = .05 + .85 (x0 + x2).
    const x1 = (0.05 + 0.85 * 0.1) / (1 - 0.85 * 0.85);
    expect(pr[1]).toBeCloseTo(x1, 9);
    expect(pr[0]).toBeCloseTo(0.05 + (0.85 * x1) / 4, 9);
    expect(pr[2]).toBeCloseTo(0.05 + (0.85 * 3 * x1) / 4, 9);
  });

  it('sums to 1, with isolated (dangling) nodes too, and matches igraph on karate', () => {
    const withIsolated = buildCsrGraph(4, { sources: [0, 1], targets: [1, 2] });
    expect(pageRank(withIsolated).reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    const pr = pageRank(loadKarate().graph);
    expect(pr.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    // python-igraph 0.10.2 Graph.pagerank() on the same fixture.
    expect(pr[0]).toBeCloseTo(0.09699729, 7);
    expect(pr[1]).toBeCloseTo(0.05287692, 7);
    expect(pr[4]).toBeCloseTo(0.02197795, 7);
  });

  it("at the analyses' tolerance, every node's rank is within 1e-5 of its converged value, relative, and the order of the top ones holds", () => {
    const planted = plantedPartition({
      nodeCount: 20_000,
      communityCount: 20,
      averageDegree: 16,
      mixing: 0.3,
      rng: createRng(3),
    });
    const g = buildCsrGraph(planted.nodeCount, planted);
    const converged = pageRank(g, { tolerance: 1e-14 });
    const ranked = pageRank(g, { tolerance: RANKING_TOLERANCE });
    let worst = 0;
    for (let v = 0; v < g.nodeCount; v++)
      worst = Math.max(
        worst,
        Math.abs((ranked[v] ?? 0) - (converged[v] ?? 0)) / (converged[v] ?? 1),
      );
    expect(worst).toBeLessThan(1e-5);
    expect(worst).toBeGreaterThan(0);
    const top = (rank: Float64Array) =>
      Array.from(rank.keys())
        .sort((a, b) => (rank[b] ?? 0) - (rank[a] ?? 0))
        .slice(0, 50);
    expect(top(ranked)).toEqual(top(converged));
  });

  it('returns an empty vector for an empty graph', () => {
    expect(pageRank(buildCsrGraph(0, { sources: [], targets: [] })).length).toBe(0);
  });
});

describe('betweenness', () => {
  it('is exact on a path: 0, 3, 4, 3, 0', () => {
    expect(Array.from(betweenness(path5))).toEqual([0, 3, 4, 3, 0]);
    const normalized = Array.from(betweenness(path5, { normalized: true }));
    expect(normalized[2]).toBeCloseTo(4 / 6, 12);
  });

  it('is exact on a star: centre k(k−1)/2, leaves 0', () => {
    expect(Array.from(betweenness(star4))).toEqual([6, 0, 0, 0, 0]);
  });

  it('splits over equal shortest paths (a 4-cycle gives 0.5 each)', () => {
    const cycle = buildCsrGraph(4, { sources: [0, 1, 2, 3], targets: [1, 2, 3, 0] });
    expect(Array.from(betweenness(cycle))).toEqual([0.5, 0.5, 0.5, 0.5]);
  });

  it('matches igraph on karate', () => {
    const b = betweenness(loadKarate().graph);
    expect(b[0]).toBeCloseTo(231.071429, 5);
    expect(b[2]).toBeCloseTo(75.850794, 5);
    expect(b[4]).toBeCloseTo(0.333333, 5);
  });

  it('gives, to the last bit, what Brandes as first written gives', () => {
    // Two planted graphs side by side (two components), and a grid's many equal shortest paths.
    const planted = plantedPartition({
      nodeCount: 300,
      communityCount: 5,
      averageDegree: 6,
      mixing: 0.3,
      rng: createRng(11),
    });
    const twice = buildCsrGraph(600, {
      sources: [...Array.from(planted.sources), ...Array.from(planted.sources, (v) => v + 300)],
      targets: [...Array.from(planted.targets), ...Array.from(planted.targets, (v) => v + 300)],
    });
    const sources: number[] = [];
    const targets: number[] = [];
    for (let r = 0; r < 6; r++)
      for (let c = 0; c < 6; c++) {
        const here = r * 6 + c;
        for (const there of [c < 5 ? here + 1 : -1, r < 5 ? here + 6 : -1])
          if (there >= 0) {
            sources.push(here);
            targets.push(there);
          }
      }
    const grid = buildCsrGraph(36, { sources, targets });
    for (const graph of [twice, grid, loadKarate().graph])
      expect(Array.from(betweenness(graph))).toEqual(Array.from(brandesScanningBack(graph)));
  });

  it('approximates with sampled pivots, reproducibly under a seed', () => {
    const generated = plantedPartition({
      nodeCount: 600,
      communityCount: 6,
      averageDegree: 8,
      mixing: 0.2,
      rng: createRng(4),
    });
    const graph = buildCsrGraph(generated.nodeCount, generated);
    const exact = betweenness(graph);
    const sampled = betweenness(graph, { samples: 300, rng: createRng(8) });
    expect(Array.from(betweenness(graph, { samples: 300, rng: createRng(8) }))).toEqual(
      Array.from(sampled),
    );
    const totalExact = exact.reduce((s, x) => s + x, 0);
    const totalSampled = sampled.reduce((s, x) => s + x, 0);
    expect(Math.abs(totalSampled - totalExact) / totalExact).toBeLessThan(0.05);
    // The top node by the estimate is among the exact top ten.
    const rankExact = Array.from(exact.keys()).sort(
      (x, y) => (exact[y] as number) - (exact[x] as number),
    );
    const topSampled = Array.from(sampled.keys()).sort(
      (x, y) => (sampled[y] as number) - (sampled[x] as number),
    )[0];
    expect(rankExact.slice(0, 10)).toContain(topSampled);
    expect(() => betweenness(graph, { samples: 10 })).toThrow(/rng/);
  });
});

describe('constraint (Burt)', () => {
  it('star: centre 1/k, leaves 1', () => {
    const c = Array.from(constraint(star4));
    expect(c[0]).toBeCloseTo(1 / 4, 12);
    expect(c.slice(1)).toEqual([1, 1, 1, 1]);
  });

  it('matches a hand computation: star 0–{1,2,3} plus edge 1–2', () => {
    // c0 = (1/3 + 1/3·1/2)² × 2 + (1/3)² = 11/18; c1 = (1/2 + 1/2·1/2)² + (1/2 + 1/2·1/3)² = 145/144.
    const g = buildCsrGraph(4, { sources: [0, 0, 0, 1], targets: [1, 2, 3, 2] });
    const c = Array.from(constraint(g));
    expect(c[0]).toBeCloseTo(11 / 18, 12);
    expect(c[1]).toBeCloseTo(145 / 144, 12);
    expect(c[2]).toBeCloseTo(145 / 144, 12);
    expect(c[3]).toBeCloseTo(1, 12);
  });

  it('uses weights in the proportions and matches igraph on karate; isolated nodes get NaN', () => {
    // Weighted star 0–1 (w 3), 0–2 (w 1): p01 = 3/4, p02 = 1/4 → c0 = 9/16 + 1/16.
    const weighted = buildCsrGraph(4, { sources: [0, 0], targets: [1, 2], weights: [3, 1] });
    const c = constraint(weighted);
    expect(c[0]).toBeCloseTo(10 / 16, 12);
    expect(c[3]).toBeNaN();
    const karate = constraint(loadKarate().graph);
    expect(karate[0]).toBeCloseTo(0.155423, 6);
    expect(karate[3]).toBeCloseTo(0.39666, 5);
  });
});

/** Brandes (2001) as first written: the dependencies scan every neighbour for one a hop closer. */
function brandesScanningBack(graph: CsrGraph): Float64Array {
  const n = graph.nodeCount;
  const { offsets, targets } = graph;
  const result = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    const sigma = new Float64Array(n);
    const distance = new Int32Array(n).fill(-1);
    const delta = new Float64Array(n);
    const order: number[] = [s];
    distance[s] = 0;
    sigma[s] = 1;
    for (let head = 0; head < order.length; head++) {
      const v = order[head] as number;
      for (let a = offsets[v] as number; a < (offsets[v + 1] as number); a++) {
        const w = targets[a] as number;
        if (distance[w] === -1) {
          distance[w] = (distance[v] as number) + 1;
          order.push(w);
        }
        if (distance[w] === (distance[v] as number) + 1)
          sigma[w] = (sigma[w] as number) + (sigma[v] as number);
      }
    }
    for (let i = order.length - 1; i > 0; i--) {
      const w = order[i] as number;
      const coefficient = (1 + (delta[w] as number)) / (sigma[w] as number);
      for (let a = offsets[w] as number; a < (offsets[w + 1] as number); a++) {
        const v = targets[a] as number;
        if (distance[v] === (distance[w] as number) - 1)
          delta[v] = (delta[v] as number) + (sigma[v] as number) * coefficient;
      }
      result[w] = (result[w] as number) + (delta[w] as number);
    }
  }
  for (let v = 0; v < n; v++) result[v] = (result[v] as number) * 0.5;
  return result;
}
