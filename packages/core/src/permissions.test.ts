import { describe, expect, it } from 'vitest';
import type { Account, Principal } from './accounts.ts';
import {
  canAssignNeed,
  canReadAudit,
  canReadNeed,
  canWrite,
  needLevelsWithoutFacts,
} from './permissions.ts';
import { NO_ACCESS_FACTS } from './need-access.ts';

function as(
  role: Account['role'],
  organisationId: string | null = null,
  disabled = false,
): Principal {
  return {
    kind: 'account',
    via: 'session',
    account: {
      id: `acc-${role}-${organisationId ?? 'none'}`,
      email: `${role}@example.jp`,
      displayName: role,
      role,
      organisationId,
      disabled,
      createdAt: '2025-01-01T00:00:00Z',
      updatedAt: '2025-01-01T00:00:00Z',
    },
  };
}
const anonymous: Principal = { kind: 'anonymous' };
const seedOf = (ownerId: string) => ({ id: 's', ownerId, title: 't' });
const tie = (sourceId: string, targetId: string) => ({ sourceId, targetId, type: 'mou' });

describe('canWrite', () => {
  it.each([
    ['admin', null, 'programmes', 'create', {}, true],
    ['coordinator', null, 'relations', 'delete', { before: {} }, true],
    ['viewer', null, 'seeds', 'create', { after: seedOf('org') }, false],
    ['member', 'org', 'seeds', 'create', { after: seedOf('org') }, true],
    ['member', 'org', 'seeds', 'create', { after: seedOf('other') }, false],
    ['member', 'org', 'seeds', 'update', { before: seedOf('org'), after: seedOf('other') }, false],
    ['member', 'org', 'needs', 'delete', { before: seedOf('org') }, true],
    ['member', 'org', 'actors', 'update', { before: { id: 'org' }, after: { id: 'org' } }, true],
    ['member', 'org', 'actors', 'update', { before: { id: 'x' }, after: { id: 'x' } }, false],
    ['member', 'org', 'actors', 'create', { after: { id: 'org' } }, false],
    ['member', 'org', 'projects', 'create', { after: {} }, false],
    ['member', null, 'seeds', 'create', { after: seedOf('org') }, false],
    ['member', 'org', 'relations', 'create', { after: tie('org', 'x') }, true],
    ['member', 'org', 'relations', 'create', { after: tie('x', 'org') }, true],
    ['member', 'org', 'relations', 'create', { after: tie('x', 'y') }, false],
    ['member', 'org', 'relations', 'create', {}, true],
    [
      'member',
      'org',
      'relations',
      'update',
      { before: tie('x', 'y'), after: tie('org', 'y') },
      false,
    ],
    [
      'member',
      'org',
      'relations',
      'update',
      { before: tie('org', 'y'), after: tie('x', 'y') },
      false,
    ],
    ['member', 'org', 'relations', 'delete', { before: tie('y', 'org') }, true],
    ['member', null, 'relations', 'create', { after: tie('org', 'x') }, false],
  ] as const)('%s of %s: %s %s → %s', (role, org, entity, action, records, allowed) => {
    expect(canWrite(as(role, org), entity, action, records).allowed).toBe(allowed);
  });

  it('refuses the anonymous public and disabled accounts', () => {
    expect(canWrite(anonymous, 'seeds', 'create', {}).allowed).toBe(false);
    expect(canWrite(as('admin', null, true), 'seeds', 'create', {}).allowed).toBe(false);
  });
});

describe('canReadNeed', () => {
  const need = (confidentiality: 'public' | 'members' | 'confidential') => ({
    ownerId: 'org',
    confidentiality,
  });
  it.each([
    [anonymous, 'public', true],
    [anonymous, 'members', false],
    [as('viewer'), 'members', true],
    [as('viewer'), 'confidential', false],
    [as('member', 'org'), 'confidential', true],
    [as('member', 'other'), 'confidential', false],
    [as('coordinator'), 'confidential', false],
    [as('admin'), 'confidential', true],
    [as('member', 'org', true), 'members', false],
  ] as const)('%o sees %s: %s', (principal, level, visible) => {
    expect(canReadNeed(principal, need(level), NO_ACCESS_FACTS)).toBe(visible);
  });

  it('lets assigned coordinators and disclosed organisations see a confidential need', () => {
    const coordinator = as('coordinator');
    const accountId = coordinator.kind === 'account' ? coordinator.account.id : '';
    const facts = {
      assignedAccountIds: new Set([accountId]),
      disclosedOrganisationIds: new Set(['partner']),
    };
    expect(canReadNeed(coordinator, need('confidential'), facts)).toBe(true);
    expect(canReadNeed(as('member', 'partner'), need('confidential'), facts)).toBe(true);
  });

  it('says which levels the database may filter on directly', () => {
    expect(needLevelsWithoutFacts(anonymous)).toEqual(['public']);
    expect(needLevelsWithoutFacts(as('viewer'))).toEqual(['public', 'members']);
    expect(needLevelsWithoutFacts(as('admin'))).toEqual(['public', 'members', 'confidential']);
  });
});

describe('administration', () => {
  it('keeps the audit log and assignments to administrators and owners', () => {
    expect(canReadAudit(as('admin')).allowed).toBe(true);
    expect(canReadAudit(as('coordinator')).allowed).toBe(false);
    const need = { ownerId: 'org', confidentiality: 'confidential' as const };
    expect(canAssignNeed(as('member', 'org'), need).allowed).toBe(true);
    expect(canAssignNeed(as('member', 'other'), need).allowed).toBe(false);
    expect(canAssignNeed(as('coordinator'), need).allowed).toBe(false);
  });
});
