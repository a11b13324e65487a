import { describe, expect, it } from 'vitest';
import { buildCsrGraph } from './csr-graph.ts';
import { modularity } from './modularity.ts';
import { twoCliquesWithBridge } from './generators.ts';
import { loadKarate } from './fixtures/karate.ts';

describe('modularity', () => {
  const triangles = twoCliquesWithBridge(3);
  const graph = buildCsrGraph(triangles.nodeCount, triangles);

  it('matches the hand-computed value for two triangles and a bridge', () => {
    // m = 7; each side: L = 3, K = 7 → Q = 2 (3/7 − (7/14)²) = 6/7 − 1/2.
    expect(modularity(graph, triangles.membership)).toBeCloseTo(6 / 7 - 0.5, 12);
    expect(modularity(graph, ['a', 'a', 'a', 'b', 'b', 'b'])).toBeCloseTo(6 / 7 - 0.5, 12);
  });

  it('applies the resolution to the null-model term', () => {
    expect(modularity(graph, triangles.membership, { resolution: 2 })).toBeCloseTo(6 / 7 - 1, 12);
    expect(modularity(graph, [0, 0, 0, 0, 0, 0])).toBeCloseTo(0, 12);
    expect(modularity(graph, [0, 1, 2, 3, 4, 5])).toBeCloseTo(-(4 * 4 + 9 + 9) / (14 * 14), 12);
  });

  it('counts a self-loop once in L and twice in K', () => {
    // Edges: 0-0 (w 1), 0-1 (w 1): m = 2, K0 = 3, K1 = 1.
    const g = buildCsrGraph(2, { sources: [0, 0], targets: [0, 1] });
    expect(modularity(g, [0, 1])).toBeCloseTo(1 / 2 - (9 + 1) / 16, 12);
  });

  it('gives the known value of the karate club faction split', () => {
    // python-igraph 0.10.2 Graph.modularity on this fixture and split: 0.3582347140.
    const { graph: karate, factions } = loadKarate();
    expect(modularity(karate, factions)).toBeCloseTo(0.358235, 5);
  });

  it('is NaN without edges and rejects a wrong-length labeling', () => {
    expect(modularity(buildCsrGraph(2, { sources: [], targets: [] }), [0, 1])).toBeNaN();
    expect(() => modularity(graph, [0, 1])).toThrow(/length/);
  });
});
