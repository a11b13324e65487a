import { describe, expect, it } from 'vitest';
import { plantedPartition, twoCliquesWithBridge } from './generators.ts';
import { createRng } from './random.ts';

describe('plantedPartition', () => {
  const options = { nodeCount: 1000, communityCount: 10, averageDegree: 10, mixing: 0.2 };

  it('has the requested size, equal blocks and mixing, no self-loops', () => {
    const g = plantedPartition({ ...options, rng: createRng(1) });
    expect(g.sources.length).toBe(5000);
    const sizes = new Array<number>(10).fill(0);
    for (const c of g.membership) sizes[c] = (sizes[c] as number) + 1;
    expect(sizes).toEqual(new Array<number>(10).fill(100));
    let between = 0;
    for (let e = 0; e < g.sources.length; e++) {
      const u = g.sources[e] as number;
      const v = g.targets[e] as number;
      expect(u).not.toBe(v);
      if (g.membership[u] !== g.membership[v]) between++;
    }
    expect(between / 5000).toBeGreaterThan(0.17);
    expect(between / 5000).toBeLessThan(0.23);
  });

  it('is reproducible under a seed', () => {
    const a = plantedPartition({ ...options, rng: createRng(5) });
    const b = plantedPartition({ ...options, rng: createRng(5) });
    expect(Array.from(b.targets)).toEqual(Array.from(a.targets));
    expect(Array.from(b.membership)).toEqual(Array.from(a.membership));
  });

  it('rejects impossible parameters', () => {
    expect(() => plantedPartition({ ...options, mixing: 2, rng: createRng(1) })).toThrow(/mixing/);
    expect(() => plantedPartition({ ...options, communityCount: 0, rng: createRng(1) })).toThrow();
  });
});

describe('twoCliquesWithBridge', () => {
  it('has two full cliques and one bridge', () => {
    const g = twoCliquesWithBridge(4);
    expect(g.nodeCount).toBe(8);
    expect(g.sources.length).toBe(13);
    expect(Array.from(g.membership)).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    const bridges = Array.from(g.sources.keys()).filter(
      (e) => g.membership[g.sources[e] as number] !== g.membership[g.targets[e] as number],
    );
    expect(bridges.map((e) => [g.sources[e], g.targets[e]])).toEqual([[3, 4]]);
  });
});
