import { describe, expect, it } from 'vitest';
import { ZRelation } from '#core/entities/relation.ts';
import { validateWith } from './field-errors.ts';
import { recordOf } from './form-values.ts';
import { relationKey } from '#core/entities/relation.ts';
import {
  changesIdentity,
  RELATION_EDIT_FIELDS,
  RELATION_FIELDS,
  relationEditFields,
  relationErrorField,
  relationKeyOfRow,
  relationOf,
  reversedRelation,
} from './relation-form.ts';

describe('the relation form', () => {
  it('puts this actor at the start or the end of the tie, as chosen', () => {
    const form = { type: 'mou', otherId: 'uni-u', direction: 'out', startDate: '2025-04-01' };
    expect(relationOf('co-a', form)).toEqual({
      type: 'mou',
      startDate: '2025-04-01',
      sourceId: 'co-a',
      targetId: 'uni-u',
    });
    expect(relationOf('co-a', { ...form, direction: 'in' })).toMatchObject({
      sourceId: 'uni-u',
      targetId: 'co-a',
    });
  });

  it('shows a missing other actor and a reversed period beside their own fields', () => {
    const values = {
      type: 'joint_research',
      otherId: '',
      direction: 'in',
      startDate: '2025-04-01',
      endDate: '2024-03-31',
      weight: '',
      note: '',
    };
    const record = relationOf('co-a', recordOf(RELATION_FIELDS, values));
    const errors = validateWith(ZRelation, record) ?? {};
    const at = relationErrorField('co-a');
    const fields = Object.keys(errors).map((field) => at(field, record));
    expect(fields.sort()).toEqual(['endDate', 'otherId']);
  });

  it('edits type, the other actor, dates, strength and note, never this actor or the direction', () => {
    expect(RELATION_EDIT_FIELDS.map((spec) => spec.name)).toEqual([
      'type',
      'startDate',
      'endDate',
      'weight',
      'note',
    ]);
    expect(relationEditFields(true).map((spec) => [spec.name, spec.kind])).toEqual([
      ['type', 'select'],
      ['targetId', 'actor'],
      ['startDate', 'date'],
      ['endDate', 'date'],
      ['weight', 'number'],
      ['note', 'textarea'],
    ]);
    expect(relationEditFields(false)[1]?.name).toBe('sourceId');
  });

  it('knows when an edit makes another relation (a new type or start date) and when not', () => {
    const before = { sourceId: 'co-a', targetId: 'uni-u', type: 'mou', startDate: '2025-04-01' };
    expect(changesIdentity(before, { ...before, note: '更新', endDate: '2026-03-31' })).toBe(false);
    expect(changesIdentity(before, { ...before, type: 'joint_research' })).toBe(true);
    expect(changesIdentity(before, { ...before, startDate: undefined })).toBe(true);
    expect(changesIdentity(before, { ...before, targetId: 'co-b' })).toBe(true);
  });

  it('finds the key of a profile row from either side of the tie', () => {
    const tie = {
      sourceId: 'co-a',
      targetId: 'uni-u',
      type: 'mou' as const,
      startDate: '2025-04-01',
    };
    const row = {
      otherId: 'uni-u',
      direction: 'out' as const,
      type: 'mou',
      startDate: '2025-04-01',
    };
    expect(relationKeyOfRow('co-a', row)).toBe(relationKey(tie));
    expect(
      relationKeyOfRow('uni-u', { ...row, otherId: 'co-a', direction: 'in', startDate: null }),
    ).toBe(relationKey({ ...tie, startDate: undefined }));
    expect(relationKeyOfRow('co-a', { ...row, type: 'friendship' })).toBeNull();
  });

  it('reverses a relation: source and target swapped, all else kept, under its new key', () => {
    const tie = {
      sourceId: 'co-a',
      targetId: 'uni-u',
      type: 'joint_research',
      startDate: '2025-04-01',
      weight: 2,
      note: '共同研究',
    };
    const reversed = reversedRelation(tie);
    expect(reversed?.record).toEqual({ ...tie, sourceId: 'uni-u', targetId: 'co-a' });
    expect(reversed?.key).toBe('uni-u>co-a:joint_research@2025-04-01');
    // A change of identity: it goes through the one-request rekey, not a PATCH.
    expect(changesIdentity(tie, reversed?.record ?? tie)).toBe(true);
    expect(reversedRelation({ ...tie, startDate: undefined })?.key).toBe(
      'uni-u>co-a:joint_research@',
    );
    // A tie of an actor with itself has no other direction; what is not a relation has none.
    expect(reversedRelation({ ...tie, targetId: 'co-a' })).toBeNull();
    expect(reversedRelation({ ...tie, type: 'no-such-type' })).toBeNull();
    expect(reversedRelation({ type: 'mou' })).toBeNull();
  });
});
