import { describe, expect, it } from 'vitest';
import {
  buildCsrGraph,
  createGraphBuilder,
  edgeWeight,
  neighbourCount,
  type CsrGraph,
} from './csr-graph.ts';
import { DomainError } from '#core/domain-error.ts';

function neighbours(graph: CsrGraph, v: number): [number, number][] {
  const out: [number, number][] = [];
  for (let a = graph.offsets[v] as number; a < (graph.offsets[v + 1] as number); a++) {
    out.push([graph.targets[a] as number, graph.weights[a] as number]);
  }
  return out.sort((x, y) => x[0] - y[0]);
}

describe('buildCsrGraph', () => {
  it('stores each undirected edge in both rows with its weight', () => {
    const g = buildCsrGraph(3, { sources: [0, 1], targets: [1, 2], weights: [2, 0.5] });
    expect(Array.from(g.offsets)).toEqual([0, 1, 3, 4]);
    expect(neighbours(g, 0)).toEqual([[1, 2]]);
    expect(neighbours(g, 1)).toEqual([
      [0, 2],
      [2, 0.5],
    ]);
    expect(neighbours(g, 2)).toEqual([[1, 0.5]]);
    expect(Array.from(g.strength)).toEqual([2, 2.5, 0.5]);
    expect(g.totalWeight).toBe(2.5);
  });

  it('sums duplicate edges given in either direction', () => {
    const g = buildCsrGraph(2, { sources: [0, 1, 0], targets: [1, 0, 1], weights: [1, 2, 3] });
    expect(neighbours(g, 0)).toEqual([[1, 6]]);
    expect(neighbours(g, 1)).toEqual([[0, 6]]);
    expect(g.totalWeight).toBe(6);
    expect(edgeWeight(g, 1, 0)).toBe(6);
  });

  it('keeps self-loops apart: once in m, twice in the strength', () => {
    const g = buildCsrGraph(2, { sources: [0, 0, 0], targets: [0, 0, 1], weights: [1, 2, 1] });
    expect(Array.from(g.selfLoops)).toEqual([3, 0]);
    expect(neighbourCount(g, 0)).toBe(1);
    expect(Array.from(g.strength)).toEqual([7, 1]);
    expect(g.totalWeight).toBe(4);
    expect(edgeWeight(g, 0, 0)).toBe(3);
  });

  it('drops zero-weight edges and keeps isolated nodes', () => {
    const g = buildCsrGraph(4, { sources: [0, 1], targets: [1, 2], weights: [0, 1] });
    expect(neighbourCount(g, 0)).toBe(0);
    expect(neighbourCount(g, 3)).toBe(0);
    expect(Array.from(g.strength)).toEqual([0, 1, 1, 0]);
    expect(g.targets.length).toBe(2);
  });

  it('builds empty graphs', () => {
    const none = buildCsrGraph(0, { sources: [], targets: [] });
    expect(none.nodeCount).toBe(0);
    expect(Array.from(none.offsets)).toEqual([0]);
    const isolated = buildCsrGraph(3, { sources: new Int32Array(0), targets: new Int32Array(0) });
    expect(isolated.totalWeight).toBe(0);
    expect(Array.from(isolated.offsets)).toEqual([0, 0, 0, 0]);
  });

  it('rejects endpoints out of range and negative weights with a DomainError', () => {
    expect(() => buildCsrGraph(2, { sources: [0], targets: [2] })).toThrow(DomainError);
    expect(() => buildCsrGraph(2, { sources: [0], targets: [1], weights: [-1] })).toThrow(
      /negative/,
    );
    expect(() => buildCsrGraph(2, { sources: [0, 1], targets: [1] })).toThrow(/length/);
  });
});

describe('createGraphBuilder', () => {
  it('maps string ids to indices in order of first appearance', () => {
    const builder = createGraphBuilder();
    builder.addNode('kyushu-u');
    builder.addEdge('fukuoka-pref', 'kyushu-u', 2);
    builder.addEdge('kyushu-u', 'sme-1');
    builder.addEdge('sme-1', 'kyushu-u');
    const { graph, ids, indexOf } = builder.build();
    expect(ids).toEqual(['kyushu-u', 'fukuoka-pref', 'sme-1']);
    expect(indexOf.get('sme-1')).toBe(2);
    expect(edgeWeight(graph, 0, 1)).toBe(2);
    expect(edgeWeight(graph, 0, 2)).toBe(2);
    expect(graph.totalWeight).toBe(4);
  });
});
