import { describe, expect, it } from 'vitest';
import type { Relation } from '#core/entities/relation.ts';
import { buildActorGraph } from './actor-graph.ts';
import { betweennessWithBound, findBrokers } from './brokers.ts';
import { actor } from './fixtures.ts';

const tie = (sourceId: string, targetId: string): Relation => ({
  sourceId,
  targetId,
  type: 'joint_research',
  weight: 1,
});
const clique = (ids: readonly string[]): Relation[] =>
  ids.flatMap((a, i) => ids.slice(i + 1).map((b) => tie(a, b)));

// Two communities of five joined only through `bridge`, which belongs to neither's core.
const left = ['l0', 'l1', 'l2', 'l3', 'l4'];
const right = ['r0', 'r1', 'r2', 'r3', 'r4'];
const actors = [...left, ...right, 'bridge'].map((id) => actor(id, {}));
const relations = [...clique(left), ...clique(right), tie('l0', 'bridge'), tie('bridge', 'r0')];
const communityOf = new Map<string, string>([
  ...left.map((id) => [id, 'c1'] as const),
  ...right.map((id) => [id, 'c2'] as const),
  ['bridge', 'c1'],
]);
const graph = buildActorGraph(actors, relations, { asOf: '2025-01-01' });

describe('findBrokers', () => {
  it('ranks the bridge between two communities first, with the lowest constraint', () => {
    const result = findBrokers(graph, communityOf);
    expect(result.brokers[0]).toMatchObject({
      actorId: 'bridge',
      communitiesBridged: ['c1', 'c2'],
    });
    // 25 pairs l×r pass through it, of (11−1)(11−2)/2 = 45 pairs of other nodes
    expect(result.brokers[0]?.betweenness).toBeCloseTo(25 / 45, 10);
    const constraints = result.brokers.map((b) => b.constraint ?? 1);
    expect(result.brokers[0]?.constraint).toBe(Math.min(...constraints));
    // the two ends of the bridge come next; members inside a clique bridge nothing
    expect(
      result.brokers
        .slice(1, 3)
        .map((b) => b.actorId)
        .sort(),
    ).toEqual(['l0', 'r0']);
    expect(result.brokers.find((b) => b.actorId === 'l3')).toMatchObject({
      betweenness: 0,
      communitiesBridged: [],
    });
    expect(result.method).toMatchObject({ betweenness: 'exact', errorBound: 0, nodes: 11 });
  });

  it('for one community, lists the actors tying it to others', () => {
    const result = findBrokers(graph, communityOf, { community: 'c2' });
    expect(result.brokers.map((b) => b.actorId)).toEqual(['bridge', 'r0']);
  });

  it('samples on large graphs and states the error bound it holds to', () => {
    const exact = betweennessWithBound(graph.graph, { exactMaxNodes: 1000 });
    const sampled = betweennessWithBound(graph.graph, { exactMaxNodes: 5, samples: 6, seed: 3 });
    expect(sampled.method).toBe('sampled');
    expect(sampled.samples).toBe(6);
    expect(sampled.errorBound).toBeGreaterThan(0);
    for (let v = 0; v < 11; v++)
      expect(Math.abs((sampled.values[v] ?? 0) - (exact.values[v] ?? 0))).toBeLessThanOrEqual(
        sampled.errorBound,
      );
  });
});
