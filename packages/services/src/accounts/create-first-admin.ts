/**
 * First-run set-up of a database without the demo: the first administrator (最初の管理者). Allowed
 * only while no administrator exists, so it cannot be used to take over an installation; every
 * later account is created by an administrator through the API.
 */
import type { Account } from '#core/accounts.ts';
import { DomainError } from '#core/domain-error.ts';
import type { Clock, Repositories } from '#core/ports.ts';
import { createAccount } from './create-account.ts';
import type { ScryptCost } from './password-hash.ts';

export async function createFirstAdmin(
  repos: Repositories,
  input: { email: string; password: string; displayName?: string },
  options: { clock: Clock; cost?: ScryptCost },
): Promise<Account> {
  const existing = (await repos.accounts.list()).filter((a) => a.role === 'admin' && !a.disabled);
  if (existing.length > 0)
    throw new DomainError(
      'conflict',
      `this database already has an administrator (${existing.length}); sign in as one and create accounts through the API`,
      { field: 'email' },
    );
  return createAccount(
    repos,
    { principal: { kind: 'anonymous' }, clock: options.clock },
    {
      email: input.email,
      displayName: input.displayName ?? input.email.split('@')[0] ?? input.email,
      role: 'admin',
      organisationId: null,
      password: input.password,
    },
    { bootstrap: true, ...(options.cost ? { cost: options.cost } : {}) },
  );
}
