import { describe, expect, it } from 'vitest';
import type { Actor } from '#core/entities/actor.ts';
import type { Relation } from '#core/entities/relation.ts';
import { RELATION_TYPES, SECTORS } from '#core/vocabulary.ts';
import { buildCsrGraph, sortCsrRows, type CsrGraph } from '../csr-graph.ts';
import { createRng } from '../random.ts';
import {
  buildActorGraph,
  DEFAULT_TYPE_WEIGHTS,
  relationStrength,
  type ActorGraphOptions,
} from './actor-graph.ts';

/** The graph as built before relations became columns (objects, ISO strings, Date.parse): the oracle. */
function referenceGraph(
  actors: readonly Actor[],
  relations: readonly Relation[],
  options: ActorGraphOptions,
): CsrGraph {
  const years = (a: string, b: string) =>
    (Date.parse(b) - Date.parse(a)) / (365.25 * 24 * 3600 * 1000);
  const kept = options.sectors ? actors.filter((a) => options.sectors?.includes(a.sector)) : actors;
  const indexOf = new Map(kept.map((a, i) => [a.id, i]));
  const sources: number[] = [];
  const targets: number[] = [];
  const weights: number[] = [];
  for (const r of relations) {
    if (options.relationTypes && !options.relationTypes.includes(r.type)) continue;
    if (options.to && r.startDate && r.startDate > options.to) continue;
    if (options.from && r.endDate && r.endDate < options.from) continue;
    const u = indexOf.get(r.sourceId);
    const v = indexOf.get(r.targetId);
    if (u === undefined || v === undefined) continue;
    const typeWeight = options.typeWeights?.[r.type] ?? DEFAULT_TYPE_WEIGHTS[r.type];
    const age = r.endDate && r.endDate < options.asOf ? years(r.endDate, options.asOf) : 0;
    const w = r.weight * typeWeight * 0.5 ** (age / (options.halfLifeYears ?? 5));
    if (w <= 0) continue;
    sources.push(u);
    targets.push(v);
    weights.push(w);
  }
  return sortCsrRows(buildCsrGraph(kept.length, { sources, targets, weights }));
}

function network(seed: number): { actors: Actor[]; relations: Relation[] } {
  const rng = createRng(seed);
  const actors: Actor[] = Array.from({ length: 40 }, (_, i) => ({
    id: `a${i}`,
    kind: 'organization',
    sector: SECTORS[i % SECTORS.length] ?? 'company',
    name: `主体${i}`,
    prefectureCode: '13',
    flags: [],
    keywords: [],
  }));
  const relations: Relation[] = Array.from({ length: 200 }, (_, r) => {
    const year = 1995 + Math.floor(rng() * 30);
    return {
      sourceId: `a${Math.floor(rng() * 40)}`,
      targetId: `a${Math.floor(rng() * 40)}`,
      type: RELATION_TYPES[r % RELATION_TYPES.length] ?? 'mou',
      weight: r % 11 === 0 ? 0 : Math.round(rng() * 40) / 10,
      ...(r % 4 === 0 ? {} : { startDate: `${year}-02-28` }),
      ...(r % 3 === 0 ? { endDate: `${year + (r % 7)}-0${1 + (r % 9)}-15` } : {}),
    };
  });
  relations.push({ sourceId: 'a1', targetId: 'missing', type: 'mou', weight: 1 });
  return { actors, relations };
}

describe('the actor graph from relation columns (issue 16)', () => {
  it.each([
    { asOf: '2025-04-01' },
    { asOf: '2024-02-29', halfLifeYears: 1.5, from: '2005-01-01', to: '2012-12-31' },
    {
      asOf: '2025-04-01',
      relationTypes: ['joint_research', 'supply', 'mou'],
      sectors: ['company', 'university', 'financial', 'municipality'],
      typeWeights: { mou: 4 },
    },
  ] satisfies ActorGraphOptions[])('equals the graph built from objects: %o', (options) => {
    const { actors, relations } = network(3);
    const built = buildActorGraph(actors, relations, options);
    const reference = referenceGraph(actors, relations, options);
    expect(built.graph.nodeCount).toBe(reference.nodeCount);
    expect(Array.from(built.graph.offsets)).toEqual(Array.from(reference.offsets));
    expect(Array.from(built.graph.targets)).toEqual(Array.from(reference.targets));
    const weights = Array.from(built.graph.weights);
    Array.from(reference.weights).forEach((w, i) => expect(weights[i]).toBeCloseTo(w, 12));
    expect(reference.totalWeight).toBeGreaterThan(0);
  });

  it('does not depend on the order of the relations', () => {
    const { actors, relations } = network(4);
    const options = { asOf: '2025-04-01' };
    const forward = buildActorGraph(actors, relations, options).graph;
    const backward = buildActorGraph(actors, [...relations].reverse(), options).graph;
    expect(Array.from(backward.targets)).toEqual(Array.from(forward.targets));
    const weights = Array.from(forward.weights);
    Array.from(backward.weights).forEach((w, i) => expect(w).toBeCloseTo(weights[i] ?? NaN, 12));
  });

  it('halves an ended tie after the half-life, counts an ongoing one fully', () => {
    const tie = { sourceId: 'a', targetId: 'b', type: 'mou', weight: 2 } as const;
    expect(relationStrength(tie, { asOf: '2025-01-01' })).toBe(2);
    expect(
      relationStrength({ ...tie, endDate: '2020-01-01' }, { asOf: '2025-01-01', halfLifeYears: 5 }),
    ).toBeCloseTo(1, 2);
  });
});
