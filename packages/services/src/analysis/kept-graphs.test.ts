import { describe, expect, it } from 'vitest';
import { relationColumnsOf } from '#analytics/abc/actor-graph.ts';
import { buildActor, buildRelation } from '#test/factories.ts';
import { keptActorGraph, keptStrength } from './kept-graphs.ts';

const actors = [buildActor({ id: 'a' }), buildActor({ id: 'b' }), buildActor({ id: 'c' })];
const network = () => ({
  actors,
  relations: relationColumnsOf(actors, [
    buildRelation({ sourceId: 'a', targetId: 'b' }),
    buildRelation({ sourceId: 'b', targetId: 'c' }),
  ]),
});

describe('graphs kept per loaded network', () => {
  it('builds a network’s graph once per option set, and anew for new data', () => {
    const loaded = network();
    const options = { asOf: '2025-04-01' };
    const first = keptActorGraph(loaded, options);
    expect(first.graph.graph.nodeCount).toBe(3);
    expect(keptActorGraph(loaded, { asOf: '2025-04-01' }).graph).toBe(first.graph);
    expect(first.graphKey).toBe(JSON.stringify(options));
    expect(keptActorGraph(network(), options).graph).not.toBe(first.graph);
    expect(keptStrength(first.graph)).toBe(keptStrength(first.graph));
  });

  it('keeps two option sets per network, the oldest going first', () => {
    const loaded = network();
    const day1 = keptActorGraph(loaded, { asOf: '2025-04-01' }).graph;
    const day2 = keptActorGraph(loaded, { asOf: '2025-04-02' }).graph;
    keptActorGraph(loaded, { asOf: '2025-04-03' });
    expect(keptActorGraph(loaded, { asOf: '2025-04-02' }).graph).toBe(day2);
    expect(keptActorGraph(loaded, { asOf: '2025-04-01' }).graph).not.toBe(day1);
  });
});
