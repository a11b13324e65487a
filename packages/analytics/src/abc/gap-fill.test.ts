import { describe, expect, it } from 'vitest';
import type { Actor } from '#core/entities/actor.ts';
import type { Relation } from '#core/entities/relation.ts';
import { createRng, randomInt } from '../random.ts';
import { buildActorGraph } from './actor-graph.ts';
import { actor } from './fixtures.ts';
import { rankGapFillers, strengthPercentiles } from './gap-fill.ts';

const SECTORS = [
  'university',
  'company',
  'municipality',
  'financial',
  'national_government',
] as const;
const FIELDS = ['材料', '医薬品', '食品', undefined] as const;
const KEYWORDS = ['めっき', '発酵', '画像処理', 'ＡＩ', 'センサ'];

/**
 * A network whose candidates tie often: few fields, few keywords, prefectures without
 * coordinates, so many actors score alike and the limit falls inside a run of equal scores.
 */
function tiedNetwork(seed: number) {
  const rng = createRng(seed);
  const actors: Actor[] = [];
  for (let i = 0; i < 300; i++) {
    const field = FIELDS[randomInt(rng, FIELDS.length)];
    actors.push(
      actor(`a${String(i).padStart(3, '0')}`, {
        sector: SECTORS[randomInt(rng, SECTORS.length)] ?? 'company',
        prefectureCode: String(13 + randomInt(rng, 3)),
        ...(field ? { field } : {}),
        keywords: KEYWORDS.filter(() => rng() < 0.2),
      }),
    );
  }
  // unconnected twins: equal in every signal, so they tie and only their evidence and id order them
  for (let i = 0; i < 60; i++)
    actors.push(
      actor(`z${String(59 - i).padStart(2, '0')}`, {
        sector: i % 4 < 2 ? 'university' : 'company',
        keywords: i % 2 ? ['めっき'] : [],
      }),
    );
  const relations: Relation[] = [];
  for (let r = 0; r < 500; r++) {
    const u = randomInt(rng, 300);
    const v = randomInt(rng, 300);
    if (u === v) continue;
    relations.push({
      sourceId: actors[u]?.id ?? '',
      targetId: actors[v]?.id ?? '',
      type: 'joint_research',
      weight: 1,
    });
  }
  return { graph: buildActorGraph(actors, relations, { asOf: '2025-04-01' }), actors };
}

describe('gap filling at any limit', () => {
  it('gives the first N of the whole ranking, ties at the limit included', () => {
    for (const seed of [1, 2, 3]) {
      const { graph, actors } = tiedNetwork(seed);
      const members = actors.slice(0, 20).map((a) => a.id);
      for (const sector of [undefined, 'university'] as const) {
        const base = { members, asOfYear: 2025, ...(sector ? { sector } : {}) };
        const whole = rankGapFillers(graph, [], { ...base, limit: actors.length });
        // the network ties: some limits cut through a run of equal scores
        const scores = whole.map((c) => c.score.toFixed(9));
        expect(new Set(scores).size).toBeLessThan(scores.length);
        for (const limit of [1, 2, 5, 10, 20, 50, 100, 200, 250])
          expect(rankGapFillers(graph, [], { ...base, limit })).toEqual(whole.slice(0, limit));
      }
    }
  });

  it('ranks alike with the strength percentiles given or computed', () => {
    const { graph, actors } = tiedNetwork(7);
    const options = { members: actors.slice(0, 20).map((a) => a.id), asOfYear: 2025, limit: 30 };
    const strength = strengthPercentiles(graph.graph);
    expect(Math.min(...strength)).toBe(0);
    expect(Math.max(...strength)).toBe(1);
    expect(rankGapFillers(graph, [], { ...options, strength })).toEqual(
      rankGapFillers(graph, [], options),
    );
  });
});
