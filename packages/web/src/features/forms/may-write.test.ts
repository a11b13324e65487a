import { describe, expect, it } from 'vitest';
import type { AccountView } from '../../api/workflow-types.ts';
import { mayConfirmProfile } from './may-confirm-profile.ts';
import { mayWrite, ownArea, ownNewRecord } from './may-write.ts';

const member: AccountView = {
  id: 'a1',
  email: 'm@example.jp',
  displayName: 'm',
  role: 'member',
  organisationId: 'org-1',
  disabled: false,
  createdAt: '2026-12-01T00:00:00Z',
};

describe('who is offered new and edit', () => {
  it('offers a member its own organisation records only', () => {
    expect(mayWrite(member, 'needs', 'create', { ownerId: 'org-1' })).toBe(true);
    expect(mayWrite(member, 'needs', 'update', { ownerId: 'org-2' })).toBe(false);
    expect(mayWrite(member, 'actors', 'update', { id: 'org-1' })).toBe(true);
    expect(mayWrite(member, 'actors', 'update', { id: 'org-2' })).toBe(false);
    expect(mayWrite(member, 'projects', 'update', { id: 'p1' })).toBe(false);
  });

  it('offers nothing to viewers and anonymous visitors; coordinators write all', () => {
    expect(mayWrite({ ...member, role: 'viewer' }, 'needs', 'create', { ownerId: 'org-1' })).toBe(
      false,
    );
    expect(mayWrite(null, 'seeds', 'create')).toBe(false);
    expect(
      mayWrite({ ...member, role: 'coordinator', organisationId: null }, 'projects', 'update', {
        id: 'p',
      }),
    ).toBe(true);
  });

  it('offers a prefecture’s members its own prefecture’s indicators and strategies', () => {
    const official: AccountView = {
      ...member,
      organisationId: 'pref-22',
      organisation: { id: 'pref-22', name: '静岡県', sector: 'prefecture', prefectureCode: '22' },
    };
    const own = ownNewRecord(official);
    expect(mayWrite(official, 'indicators', 'create', own)).toBe(true);
    expect(mayWrite(official, 'region-strategies', 'create', own)).toBe(true);
    expect(mayWrite(official, 'adoptions', 'create', own)).toBe(true);
    const tokyo = { areaType: 'prefecture', areaCode: '13' };
    expect(mayWrite(official, 'region-strategies', 'update', tokyo)).toBe(false);
    // Its own programmes (owned by the prefecture), not the national catalogue's.
    expect(mayWrite(official, 'programmes', 'create', own)).toBe(true);
    expect(mayWrite(official, 'programmes', 'update', { id: 'national', name: 'x' })).toBe(false);
    const company: AccountView = {
      ...member,
      organisation: { id: 'org-1', name: 'エー', sector: 'company', prefectureCode: '22' },
    };
    expect(mayWrite(company, 'indicators', 'create', ownNewRecord(company))).toBe(false);
    expect(mayWrite(member, 'indicators', 'create', ownNewRecord(member))).toBe(false);
  });

  it('offers a municipality’s members its own municipality’s indicators only', () => {
    const city: AccountView = {
      ...member,
      organisationId: 'city-hamamatsu',
      organisation: {
        id: 'city-hamamatsu',
        name: '浜松市',
        sector: 'municipality',
        prefectureCode: '22',
        municipalityCode: '221309',
      },
    };
    const own = ownNewRecord(city);
    expect(own).toMatchObject({ areaType: 'municipality', areaCode: '221309' });
    expect(ownArea(city)).toEqual({ areaType: 'municipality', areaCode: '221309' });
    expect(mayWrite(city, 'indicators', 'create', own)).toBe(true);
    expect(mayWrite(city, 'indicators', 'update', { areaType: 'prefecture', areaCode: '22' })).toBe(
      false,
    );
    expect(mayWrite(city, 'region-strategies', 'create', own)).toBe(false);
    expect(mayWrite(city, 'programmes', 'create', own)).toBe(true);
  });

  it('lets only the organisation members and administrators confirm a profile', () => {
    expect(mayConfirmProfile(member, 'org-1')).toBe(true);
    expect(mayConfirmProfile(member, 'org-2')).toBe(false);
    expect(mayConfirmProfile({ ...member, role: 'coordinator' }, 'org-2')).toBe(false);
    expect(mayConfirmProfile({ ...member, role: 'viewer' }, 'org-1')).toBe(false);
    expect(mayConfirmProfile({ ...member, role: 'admin', organisationId: null }, 'org-2')).toBe(
      true,
    );
  });
});
