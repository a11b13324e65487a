import { describe, expect, it } from 'vitest';
import type { Account, Principal } from './accounts.ts';
import { canWrite, type WriteFacts } from './permissions.ts';
import type { OrganisationFacts } from './prefecture-access.ts';

function account(organisationId: string | null, role: Account['role'] = 'member'): Principal {
  return {
    kind: 'account',
    via: 'session',
    account: {
      id: `acc-${organisationId ?? role}`,
      email: `${organisationId ?? role}@example.jp`,
      displayName: organisationId ?? role,
      role,
      organisationId,
      disabled: false,
      createdAt: '2025-01-01T00:00:00Z',
      updatedAt: '2025-01-01T00:00:00Z',
    },
  };
}

const org = (id: string, sector: OrganisationFacts['sector']): WriteFacts => ({
  organisation: { id, sector, prefectureCode: '22', municipalityCode: null },
});
const programme = (ownerId?: string) => ({
  id: 'p',
  name: '新事業創出補助金',
  ...(ownerId === undefined ? {} : { ownerId }),
});

describe('a government body’s own programmes', () => {
  it.each([
    ['pref-22', 'prefecture'],
    ['city-hamamatsu', 'municipality'],
  ] as const)('members of %s (%s) keep the programmes it owns', (id, sector) => {
    const facts = org(id, sector);
    const who = account(id);
    expect(canWrite(who, 'programmes', 'create', {}, facts)).toEqual({ allowed: true });
    expect(canWrite(who, 'programmes', 'create', { after: programme(id) }, facts)).toEqual({
      allowed: true,
    });
    expect(
      canWrite(who, 'programmes', 'update', { before: programme(id), after: programme(id) }, facts),
    ).toEqual({ allowed: true });
    expect(canWrite(who, 'programmes', 'delete', { before: programme(id) }, facts)).toEqual({
      allowed: true,
    });
  });

  const official = account('pref-22');
  const facts = org('pref-22', 'prefecture');
  it.each([
    ['a national programme (no owner)', 'update', { before: programme(), after: programme() }],
    ['deleting a national programme', 'delete', { before: programme() }],
    ['a new programme without owner', 'create', { after: programme() }],
    ['another prefecture’s programme', 'update', { before: programme('pref-13') }],
    ['a programme for another body', 'create', { after: programme('pref-13') }],
    [
      'claiming a national programme',
      'update',
      { before: programme(), after: programme('pref-22') },
    ],
    [
      'handing its programme away',
      'update',
      { before: programme('pref-22'), after: programme('pref-13') },
    ],
    ['dropping its ownership', 'update', { before: programme('pref-22'), after: programme() }],
  ] as const)('%s is refused, naming ownerId', (_, action, records) => {
    const decision = canWrite(official, 'programmes', action, records, facts);
    expect(decision).toEqual({ allowed: false, reason: expect.stringMatching(/^ownerId:/) });
  });

  it('a company, a university or a support organisation keeps none, even named as owner', () => {
    for (const sector of ['company', 'university', 'support_org'] as const)
      expect(
        canWrite(
          account('co-1'),
          'programmes',
          'create',
          { after: programme('co-1') },
          org('co-1', sector),
        ).allowed,
      ).toBe(false);
  });
  it('facts about another organisation, or none, do not count', () => {
    const own = { after: programme('pref-22') };
    expect(canWrite(account('co-1'), 'programmes', 'create', own, facts).allowed).toBe(false);
    expect(canWrite(official, 'programmes', 'create', own).allowed).toBe(false);
  });
  it('coordinators and administrators keep every programme; viewers and anonymous none', () => {
    const records = { before: programme(), after: programme('pref-22') };
    expect(canWrite(account(null, 'coordinator'), 'programmes', 'update', records)).toEqual({
      allowed: true,
    });
    expect(canWrite(account(null, 'admin'), 'programmes', 'delete', records)).toEqual({
      allowed: true,
    });
    expect(
      canWrite(account('pref-22', 'viewer'), 'programmes', 'create', records, facts).allowed,
    ).toBe(false);
    expect(canWrite({ kind: 'anonymous' }, 'programmes', 'create', records, facts).allowed).toBe(
      false,
    );
  });
});
