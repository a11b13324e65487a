import { describe, expect, it } from 'vitest';
import { createRng } from '#analytics/random.ts';
import { generateActors } from '#demo/generate-actors.ts';
import { createRandom } from '#demo/random.ts';
import { buildLabelledSet, evaluateResolution } from './evaluate-resolution.ts';

describe('entity resolution on a labelled set from the demo', () => {
  it('merges without asking only when right, and finds most variants', () => {
    const world = generateActors(createRandom(7), 0.05);
    const actors = world.actors.map((a) => ({
      id: a.id,
      kind: a.kind,
      name: a.name,
      prefectureCode: a.prefectureCode,
    }));
    // Real registries hold one actor per name and place: the demo's duplicates are not labelled data.
    const seen = new Set<string>();
    const unique = actors.filter((a) => {
      const key = `${a.kind}:${a.name}:${a.prefectureCode}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const { indexed, queries } = buildLabelledSet(unique, createRng(11));
    const figures = evaluateResolution(indexed, queries);
    expect(figures.queries).toBeGreaterThan(500);
    expect(figures.sure.precision).toBeGreaterThan(0.97);
    expect(figures.candidate.recall).toBeGreaterThan(0.6);
    expect(figures.byVariant['other-place']?.sure).toBe(0);
  });
});
