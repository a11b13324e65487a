import { describe, expect, it } from 'vitest';
import { relationColumnsOf } from '#analytics/abc/actor-graph.ts';
import type { Actor } from '#core/entities/actor.ts';
import type { Relation } from '#core/entities/relation.ts';
import { generatedDataNote } from './generated-data-note.ts';

const actor = (id: string, source?: string): Actor => ({
  id,
  kind: 'organization',
  sector: 'company',
  name: id,
  prefectureCode: '13',
  flags: [],
  keywords: [],
  ...(source ? { source } : {}),
});
const relation = (source?: string): Relation => ({
  sourceId: 'a',
  targetId: 'b',
  type: 'supply',
  weight: 1,
  ...(source ? { source } : {}),
});

describe('generatedDataNote', () => {
  it('says the data are generated when most records come from the demo generator', () => {
    const note = generatedDataNote({
      actors: [actor('a', 'ROR (CC0)'), actor('b', 'demo')],
      relations: [relation('demo'), relation('demo (synthetic)')],
    });
    expect(note).toMatchObject({ generated: true, share: 0.75 });
    expect(note?.ja).toContain('デモ生成器');
    expect(note?.en).toContain('not findings');
  });

  it('says nothing on the user’s own data', () => {
    expect(
      generatedDataNote({ actors: [actor('a'), actor('b', 'demo')], relations: [relation()] }),
    ).toBeNull();
    expect(generatedDataNote({ actors: [], relations: [] })).toBeNull();
  });
});

describe('generatedDataNote over the compact network', () => {
  it('counts the relations flagged as generated, as it counts the records', () => {
    const actors = [actor('a', 'ROR (CC0)'), actor('b', 'demo')];
    const relations = [relation('demo'), relation('demo (synthetic)'), relation('KAKEN')];
    const columns = relationColumnsOf(actors, relations);
    expect(Array.from(columns.generated)).toEqual([1, 1, 0]);
    const fromColumns = generatedDataNote({ actors, relations: columns });
    expect(fromColumns).toMatchObject({ generated: true, share: 0.6 });
    expect(fromColumns).toEqual(generatedDataNote({ actors, relations }));
    expect(
      generatedDataNote({ actors, relations: relationColumnsOf(actors, [relation()]) }),
    ).toBeNull();
  });
});
