import { describe, expect, it } from 'vitest';
import { buildCsrGraph, type CsrGraph } from './csr-graph.ts';
import { plantedPartition, twoCliquesWithBridge } from './generators.ts';
import { LEIDEN_MAX_ITERATIONS, LEIDEN_MINIMUM_GAIN } from './abc/communities.ts';
import { extrapolatedGainsLeft, leiden, louvain, type CommunityResult } from './leiden.ts';
import { modularity } from './modularity.ts';
import { normalizedMutualInformation } from './partition-compare.ts';
import { createRng } from './random.ts';
import { loadKarate } from './fixtures/karate.ts';

/** BFS restricted to each community: every community must be one connected piece. */
function allCommunitiesConnected(graph: CsrGraph, result: CommunityResult): boolean {
  const { membership, communityCount } = result;
  const seen = new Uint8Array(graph.nodeCount);
  const started = new Uint8Array(communityCount);
  for (let s = 0; s < graph.nodeCount; s++) {
    const c = membership[s] as number;
    if (seen[s] === 1) continue;
    if (started[c] === 1) return false; // a second piece of a community already visited
    started[c] = 1;
    const stack = [s];
    seen[s] = 1;
    while (stack.length > 0) {
      const v = stack.pop() as number;
      for (let a = graph.offsets[v] as number; a < (graph.offsets[v + 1] as number); a++) {
        const u = graph.targets[a] as number;
        if (seen[u] === 0 && membership[u] === c) {
          seen[u] = 1;
          stack.push(u);
        }
      }
    }
  }
  return true;
}

describe('allCommunitiesConnected (test helper)', () => {
  it('detects a community split into two pieces', () => {
    const generated = twoCliquesWithBridge(3);
    const graph = buildCsrGraph(generated.nodeCount, generated);
    const split = {
      membership: Int32Array.from([0, 1, 0, 1, 1, 1]),
      communityCount: 2,
      modularity: 0,
      iterations: 0,
      stoppedBy: 'converged' as const,
      modularityByIteration: [],
    };
    expect(allCommunitiesConnected(graph, split)).toBe(false);
    const fine = {
      membership: generated.membership,
      communityCount: 2,
      modularity: 0,
      iterations: 0,
      stoppedBy: 'converged' as const,
      modularityByIteration: [],
    };
    expect(allCommunitiesConnected(graph, fine)).toBe(true);
  });
});

describe('leiden on the karate club', () => {
  const { graph, factions } = loadKarate();

  it('reaches the known optimum modularity 0.4198 with 4 communities at γ = 1', () => {
    for (const seed of [1, 2, 3]) {
      const result = leiden(graph, { rng: createRng(seed) });
      expect(result.modularity).toBeGreaterThanOrEqual(0.41);
      expect(result.modularity).toBeCloseTo(0.41979, 4);
      expect(result.communityCount).toBe(4);
      expect(result.modularity).toBeCloseTo(modularity(graph, result.membership), 12);
      expect(allCommunitiesConnected(graph, result)).toBe(true);
    }
  });

  it('agrees with the Mr. Hi / Officer split', () => {
    const four = leiden(graph, { rng: createRng(1) });
    expect(normalizedMutualInformation(factions, four.membership)).toBeGreaterThan(0.55);
    // Each of the 4 communities folded into its majority faction: at most 2 members misplaced.
    const votes = new Map<number, number>();
    four.membership.forEach((c, v) =>
      votes.set(c, (votes.get(c) ?? 0) + (factions[v] === 'Mr. Hi' ? 1 : -1)),
    );
    const folded = Array.from(four.membership, (c) =>
      (votes.get(c) ?? 0) >= 0 ? 'Mr. Hi' : 'Officer',
    );
    expect(folded.filter((f, v) => f !== factions[v]).length).toBeLessThanOrEqual(2);
    expect(normalizedMutualInformation(factions, folded)).toBeGreaterThan(0.8);
    // A lower resolution gives two communities close to the factions.
    const two = leiden(graph, { resolution: 0.5, rng: createRng(1) });
    expect(two.communityCount).toBe(2);
    expect(normalizedMutualInformation(factions, two.membership)).toBeGreaterThan(0.6);
  });

  it('is deterministic under a seed', () => {
    const first = leiden(graph, { rng: createRng(42) });
    const second = leiden(graph, { rng: createRng(42) });
    expect(Array.from(second.membership)).toEqual(Array.from(first.membership));
  });

  it('louvain shares the machinery and also reaches ≥ 0.41', () => {
    expect(louvain(graph, { rng: createRng(1) }).modularity).toBeGreaterThanOrEqual(0.41);
  });
});

describe('leiden on synthetic graphs', () => {
  it('splits two cliques joined by a bridge into exactly the two cliques', () => {
    const generated = twoCliquesWithBridge(6);
    const graph = buildCsrGraph(generated.nodeCount, generated);
    const result = leiden(graph, { rng: createRng(3) });
    expect(Array.from(result.membership)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
  });

  it('recovers a planted partition (NMI > 0.95), communities connected', () => {
    const generated = plantedPartition({
      nodeCount: 2000,
      communityCount: 20,
      averageDegree: 16,
      mixing: 0.3,
      rng: createRng(11),
    });
    const graph = buildCsrGraph(generated.nodeCount, generated);
    const result = leiden(graph, { rng: createRng(5) });
    expect(normalizedMutualInformation(generated.membership, result.membership)).toBeGreaterThan(
      0.95,
    );
    expect(result.modularity).toBeGreaterThanOrEqual(
      modularity(graph, generated.membership) - 0.005,
    );
    expect(allCommunitiesConnected(graph, result)).toBe(true);
  });

  it('keeps communities connected at high resolution on a sparse noisy graph', () => {
    const generated = plantedPartition({
      nodeCount: 3000,
      communityCount: 30,
      averageDegree: 4,
      mixing: 0.5,
      rng: createRng(2),
    });
    const graph = buildCsrGraph(generated.nodeCount, generated);
    for (const resolution of [0.5, 1, 2]) {
      const result = leiden(graph, { resolution, rng: createRng(9), iterations: 2 });
      expect(allCommunitiesConnected(graph, result)).toBe(true);
    }
  });

  it('starts from an initial membership and runs the requested number of iterations', () => {
    const generated = twoCliquesWithBridge(4);
    const graph = buildCsrGraph(generated.nodeCount, generated);
    const result = leiden(graph, {
      initialMembership: generated.membership,
      iterations: 1,
      rng: createRng(1),
    });
    expect(result.iterations).toBe(1);
    expect(Array.from(result.membership)).toEqual(Array.from(generated.membership));
  });
});

describe('leiden edge cases', () => {
  it('handles an empty graph and isolated nodes', () => {
    const empty = leiden(buildCsrGraph(0, { sources: [], targets: [] }));
    expect(empty.communityCount).toBe(0);
    expect(empty.membership.length).toBe(0);
    const isolated = leiden(buildCsrGraph(3, { sources: [], targets: [] }));
    expect(Array.from(isolated.membership)).toEqual([0, 1, 2]);
    expect(isolated.modularity).toBeNaN();
  });

  it('keeps isolated nodes alone beside a connected part', () => {
    const graph = buildCsrGraph(5, { sources: [0, 1, 2], targets: [1, 2, 0] });
    const result = leiden(graph, { rng: createRng(1) });
    expect(Array.from(result.membership)).toEqual([0, 0, 0, 1, 2]);
  });

  it('survives self-loops, duplicate edges and zero weights', () => {
    const graph = buildCsrGraph(6, {
      sources: [0, 0, 1, 1, 2, 3, 3, 4, 5, 2, 0],
      targets: [0, 1, 0, 2, 0, 4, 5, 5, 5, 3, 3],
      weights: [1, 1, 1, 1, 1, 1, 1, 1, 2, 0, 0],
    });
    const result = leiden(graph, { rng: createRng(1) });
    expect(Array.from(result.membership)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(result.modularity).toBeCloseTo(modularity(graph, [0, 0, 0, 1, 1, 1]), 12);
  });

  it('rejects invalid options', () => {
    const graph = buildCsrGraph(2, { sources: [0], targets: [1] });
    expect(() => leiden(graph, { resolution: -1 })).toThrow(/resolution/);
    expect(() => leiden(graph, { initialMembership: [0] })).toThrow(/length/);
  });
});

describe('leiden stopping rule (issue 16)', () => {
  const planted = plantedPartition({
    nodeCount: 3000,
    communityCount: 30,
    averageDegree: 12,
    mixing: 0.35,
    rng: createRng(5),
  });
  const graph = buildCsrGraph(planted.nodeCount, planted);

  it('stops once an iteration gains less than the threshold, reporting why, at nearly the converged quality', () => {
    const converged = leiden(graph, { rng: createRng(1) });
    expect(converged.stoppedBy).toBe('converged');
    expect(converged.iterations).toBeGreaterThan(2);
    const early = leiden(graph, { rng: createRng(1), minimumGain: 1e-4 });
    expect(early.stoppedBy).toBe('negligible_gain');
    expect(early.iterations).toBeLessThan(converged.iterations);
    expect(early.iterations).toBeGreaterThanOrEqual(2);
    // The last iteration is the one that gained less than the threshold.
    expect(early.modularityByIteration).toHaveLength(early.iterations);
    const [before, last] = early.modularityByIteration.slice(-2);
    expect((last ?? 0) - (before ?? 0)).toBeLessThan(1e-4);
    expect(early.modularity).toBeCloseTo(early.modularityByIteration.at(-1) ?? 0, 12);
    expect(early.modularity).toBeGreaterThan(converged.modularity - 0.005);
  });

  it("at the communities command's threshold, stays within 0.001 of the converged modularity on planted networks", () => {
    for (const [seed, mixing] of [
      [11, 0.3],
      [12, 0.45],
      [13, 0.2],
    ] as const) {
      const generated = plantedPartition({
        nodeCount: 4000,
        communityCount: 20,
        averageDegree: 16,
        mixing,
        rng: createRng(seed),
      });
      const g = buildCsrGraph(generated.nodeCount, generated);
      const converged = leiden(g, { rng: createRng(seed) });
      const settings = { minimumGain: LEIDEN_MINIMUM_GAIN, iterations: LEIDEN_MAX_ITERATIONS };
      const stopped = leiden(g, { rng: createRng(seed), ...settings });
      expect(stopped.iterations).toBeLessThanOrEqual(converged.iterations);
      expect(stopped.modularity).toBeGreaterThan(converged.modularity - 0.001);
      // As the command runs it: the gains left extrapolated from the last two.
      const extrapolated = leiden(g, { rng: createRng(seed), ...settings, extrapolateGains: true });
      expect(extrapolated.iterations).toBeLessThanOrEqual(stopped.iterations);
      expect(extrapolated.modularity).toBeGreaterThan(converged.modularity - 0.001);
    }
    // Half a unit of the third decimal the command prints.
    expect(LEIDEN_MINIMUM_GAIN).toBe(5e-4);
  });

  it('extrapolates the gains left as a geometric series of the last two gains', () => {
    expect(extrapolatedGainsLeft(0.005, 0.001)).toBeCloseTo((0.001 * 0.2) / 0.8, 15);
    // Without an earlier gain, or when the gains do not shrink, nothing is extrapolated.
    expect(extrapolatedGainsLeft(Number.NaN, 0.01)).toBe(Infinity);
    expect(extrapolatedGainsLeft(0.01, 0.02)).toBe(Infinity);
    expect(extrapolatedGainsLeft(0, 0)).toBe(Infinity);
  });

  it('with extrapolation, skips the iteration that would only confirm a negligible gain, never on the first gain alone', () => {
    const generated = plantedPartition({
      nodeCount: 20_000,
      communityCount: 20,
      averageDegree: 20,
      mixing: 0.3,
      rng: createRng(1),
    });
    const g = buildCsrGraph(generated.nodeCount, generated);
    const settings = { minimumGain: LEIDEN_MINIMUM_GAIN, iterations: LEIDEN_MAX_ITERATIONS };
    const plain = leiden(g, { rng: createRng(1), ...settings });
    const early = leiden(g, { rng: createRng(1), ...settings, extrapolateGains: true });
    expect(early.stoppedBy).toBe('negligible_gain');
    expect(early.iterations).toBeLessThan(plain.iterations);
    expect(early.iterations).toBeGreaterThanOrEqual(3);
    const gains = early.modularityByIteration.map((q, i, all) => q - (all[i - 1] ?? q));
    // The last iteration still gained more than the threshold: the stop came from the extrapolation.
    expect(gains.at(-1) ?? 0).toBeGreaterThanOrEqual(LEIDEN_MINIMUM_GAIN);
    expect(early.modularity).toBeGreaterThan(plain.modularity - 0.001);
  });

  it('stops at the maximum number of iterations when gains stay large, and says so', () => {
    const capped = leiden(graph, { rng: createRng(1), minimumGain: 1e-4, iterations: 1 });
    expect(capped.iterations).toBe(1);
    expect(capped.stoppedBy).toBe('max_iterations');
  });

  it('on two cliques, stops when an iteration changes nothing', () => {
    const cliques = twoCliquesWithBridge(6);
    const result = leiden(buildCsrGraph(cliques.nodeCount, cliques), { minimumGain: 1e-4 });
    expect(result.stoppedBy).toBe('converged');
    expect(result.communityCount).toBe(2);
  });
});
