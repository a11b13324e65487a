import { describe, expect, it } from 'vitest';
import type { Account, Principal } from './accounts.ts';
import { canImport } from './import-access.ts';

function as(role: Account['role'], disabled = false): Principal {
  return {
    kind: 'account',
    via: 'session',
    account: {
      id: `a-${role}`,
      email: `${role}@example.jp`,
      displayName: role,
      role,
      organisationId: role === 'member' ? 'org-1' : null,
      disabled,
      createdAt: '2026-12-01T00:00:00Z',
      updatedAt: '2026-12-01T00:00:00Z',
    },
  };
}

describe('who may import a file', () => {
  it('lets coordinators and administrators import any entity', () => {
    expect(canImport(as('coordinator'), 'actors').allowed).toBe(true);
    expect(canImport(as('admin'), 'relations').allowed).toBe(true);
  });

  it('refuses members (even for their own seeds), viewers, disabled accounts and visitors', () => {
    expect(canImport(as('member'), 'seeds')).toMatchObject({ allowed: false });
    expect(canImport(as('viewer'), 'actors')).toMatchObject({ allowed: false });
    expect(canImport(as('coordinator', true), 'actors')).toMatchObject({ allowed: false });
    expect(canImport({ kind: 'anonymous' }, 'actors')).toMatchObject({ allowed: false });
  });
});
