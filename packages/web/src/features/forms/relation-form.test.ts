import { describe, expect, it } from 'vitest';
import { ZRelation } from '#core/entities/relation.ts';
import { validateWith } from './field-errors.ts';
import { recordOf } from './form-values.ts';
import { RELATION_FIELDS, relationErrorField, relationOf } from './relation-form.ts';

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
});
