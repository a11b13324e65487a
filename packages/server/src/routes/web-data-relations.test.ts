import { describe, expect, it } from 'vitest';
import { relationColumnsOf } from '#analytics/abc/actor-graph.ts';
import { relationKey, type Relation } from '#core/entities/relation.ts';
import { NO_DAY, dayNumberOf } from '#core/network-columns.ts';
import { RELATION_TYPES } from '#core/vocabulary.ts';
import { buildActor, buildRelation } from '#test/factories.ts';
import {
  dateOfDay,
  indexRelations,
  relationsInIdentityOrder,
  yearOfDay,
} from './web-data-relations.ts';

describe('day numbers written back as dates', () => {
  it.each(['2019-04-01', '2020-02-29', '1969-12-31', '1970-01-01', '1899-07-15', '2099-12-31'])(
    '%s',
    (date) => {
      expect(dateOfDay(dayNumberOf(date))).toBe(date);
      expect(yearOfDay(dayNumberOf(date))).toBe(Number(date.slice(0, 4)));
    },
  );
  it('gives nothing (year 0) for a relation without a date', () => {
    expect(dateOfDay(NO_DAY)).toBeUndefined();
    expect(yearOfDay(NO_DAY)).toBe(0);
  });
});

describe('relations in the order of their ids', () => {
  // Ids whose text order is not their order as numbers, nor the order of the rows.
  const actors = ['a1', 'a10', 'a2', 'b', 'gone'].map((id) => buildActor({ id }));
  const stored: Relation[] = [
    buildRelation({ sourceId: 'a2', targetId: 'a1', type: 'license', startDate: '2020-01-01' }),
    buildRelation({ sourceId: 'a1', targetId: 'a2' }),
    buildRelation({ sourceId: 'a1', targetId: 'a10', weight: 2.5, endDate: '2024-03-31' }),
    buildRelation({ sourceId: 'a1', targetId: 'a2', startDate: '2018-05-01' }),
    buildRelation({ sourceId: 'a1', targetId: 'a2', type: 'co_authorship' }),
    buildRelation({ sourceId: 'b', targetId: 'gone' }),
    buildRelation({ sourceId: 'a10', targetId: 'b', startDate: '2017-01-01', source: 'demo' }),
  ];
  const columns = relationColumnsOf(actors, stored);
  // 'gone' is left out; the others keep their places.
  const positionOf = Int32Array.from([0, 1, 2, 3, -1]);
  const ids = actors.map((a) => a.id);
  const ordered = relationsInIdentityOrder(ids, columns, positionOf);

  it('sorts them as their stored ids sort, leaving out the ties of an actor left out', () => {
    const expected = stored
      .filter((r) => r.targetId !== 'gone')
      .map((r) => relationKey(r))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const got = Array.from({ length: ordered.count }, (_, k) =>
      relationKey({
        sourceId: ids[ordered.source[k] ?? 0] ?? '',
        targetId: ids[ordered.target[k] ?? 0] ?? '',
        type: RELATION_TYPES[ordered.type[k] ?? 0] ?? 'participation',
        startDate: dateOfDay(ordered.startDay[k] ?? NO_DAY),
      }),
    );
    expect(got).toEqual(expected);
    // '0' sorts before '>': a10's ties come before a1's
    expect(got.slice(0, 2)).toEqual(['a10>b:joint_research@2017-01-01', 'a1>a10:joint_research@']);
  });

  it('keeps each relation’s weight, dates and demo flag with it', () => {
    const k = 1; // a1>a10
    expect(ordered.weight[k]).toBe(2.5);
    expect(dateOfDay(ordered.endDay[k] ?? NO_DAY)).toBe('2024-03-31');
    const demo = Array.from(ordered.generated).indexOf(1);
    expect(ids[ordered.source[demo] ?? 0]).toBe('a10');
    expect(dateOfDay(ordered.startDay[demo] ?? NO_DAY)).toBe('2017-01-01');
  });

  it('moves the ends to the kept actors’ positions', () => {
    const moved = relationsInIdentityOrder(ids, columns, Int32Array.from([3, 2, 1, 0, -1]));
    expect(moved.count).toBe(6);
    // a10>b first: a10 is now at 2, b at 0; then a1>a10: a1 at 3
    expect([moved.source[0], moved.target[0]]).toEqual([2, 0]);
    expect([moved.source[1], moved.target[1]]).toEqual([3, 2]);
  });
});

describe('relations between actors whose ids hold the separators of a relation id', () => {
  it('sorts them by the whole ids’ text', () => {
    const actors = ['a', 'a>b', 'a:c', 'a0', 'b'].map((id) => buildActor({ id }));
    const stored: Relation[] = [
      buildRelation({ sourceId: 'a', targetId: 'b' }),
      buildRelation({ sourceId: 'a>b', targetId: 'a' }),
      buildRelation({ sourceId: 'a', targetId: 'a:c' }),
      buildRelation({ sourceId: 'a0', targetId: 'a' }),
      buildRelation({ sourceId: 'a', targetId: 'a', startDate: '2001-01-01' }),
      buildRelation({ sourceId: 'a:c', targetId: 'b', type: 'license' }),
    ];
    const ids = actors.map((a) => a.id);
    const ordered = relationsInIdentityOrder(
      ids,
      relationColumnsOf(actors, stored),
      Int32Array.from(ids, (_, i) => i),
    );
    const got = Array.from({ length: ordered.count }, (_, k) =>
      relationKey({
        sourceId: ids[ordered.source[k] ?? 0] ?? '',
        targetId: ids[ordered.target[k] ?? 0] ?? '',
        type: RELATION_TYPES[ordered.type[k] ?? 0] ?? 'participation',
        startDate: dateOfDay(ordered.startDay[k] ?? NO_DAY),
      }),
    );
    expect(got).toEqual(stored.map((r) => relationKey(r)).sort());
  });
});

describe('each actor’s relations and distinct neighbours', () => {
  it('counts parallel ties once and a tie to itself once', () => {
    const actors = ['x', 'y', 'z'].map((id) => buildActor({ id }));
    const columns = relationColumnsOf(actors, [
      buildRelation({ sourceId: 'x', targetId: 'y' }),
      buildRelation({ sourceId: 'y', targetId: 'x', type: 'license' }),
      buildRelation({ sourceId: 'x', targetId: 'x' }),
      buildRelation({ sourceId: 'z', targetId: 'y' }),
    ]);
    const { relationOffsets, relationsOf, degree } = indexRelations(3, columns);
    expect(Array.from(degree)).toEqual([2, 2, 1]);
    expect(Array.from(relationOffsets)).toEqual([0, 3, 6, 7]);
    expect(Array.from(relationsOf)).toEqual([0, 1, 2, 0, 1, 3, 3]);
  });
});
