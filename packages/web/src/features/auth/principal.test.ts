import { describe, expect, it } from 'vitest';
import { ACCOUNT_ROLES } from '#core/accounts.ts';
import type { AccountView } from '../../api/workflow-types.ts';
import { mayImport } from './principal.ts';

const account = (role: AccountView['role']): AccountView => ({
  id: 'a1',
  email: 'a@example.jp',
  displayName: 'a',
  role,
  organisationId: 'org-1',
  disabled: false,
  createdAt: '2026-12-01T00:00:00Z',
});

describe('who is offered the import page', () => {
  it('offers it to exactly the roles the import routes accept', () => {
    const offered = ACCOUNT_ROLES.filter((role) => mayImport(account(role)));
    expect(offered).toEqual(['admin', 'coordinator']);
    expect(mayImport(null)).toBe(false);
    expect(mayImport(undefined)).toBe(false);
  });
});
