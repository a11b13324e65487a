import { describe, expect, it } from 'vitest';
import type { AccountView } from '../../api/workflow-types.ts';
import { ENTITY_FORMS } from './entity-forms.ts';
import { mayWrite } from './may-write.ts';
import { fixedOwner, offeredFields } from './owned-records.ts';

const official: AccountView = {
  id: 'a1',
  email: 'pref@example.jp',
  displayName: '静岡県 担当',
  role: 'member',
  organisationId: 'pref-22',
  disabled: false,
  createdAt: '2026-12-01T00:00:00Z',
  organisation: { id: 'pref-22', name: '静岡県', sector: 'prefecture', prefectureCode: '22' },
};
const coordinator: AccountView = { ...official, role: 'coordinator', organisationId: null };

describe('the programme form’s owner', () => {
  const form = ENTITY_FORMS.programmes;
  const names = (account: AccountView) =>
    offeredFields(form.fields, form.ownerField, account).map((spec) => spec.name);

  it('is offered to coordinators and administrators, who may set any', () => {
    expect(names(coordinator)).toContain('ownerId');
    expect(names({ ...coordinator, role: 'admin' })).toContain('ownerId');
    expect(fixedOwner(form.ownerField, coordinator)).toEqual({});
  });

  it('is a prefecture member’s own organisation, set without offering the field', () => {
    expect(names(official)).not.toContain('ownerId');
    expect(names(official)).toContain('name');
    const owned = fixedOwner(form.ownerField, official);
    expect(owned).toEqual({ ownerId: 'pref-22' });
    expect(mayWrite(official, 'programmes', 'create', owned)).toBe(true);
  });

  it('leaves the forms without an owner field as they are', () => {
    const strategy = ENTITY_FORMS['region-strategies'];
    expect(offeredFields(strategy.fields, strategy.ownerField, official)).toBe(strategy.fields);
    expect(fixedOwner(strategy.ownerField, official)).toEqual({});
  });
});
