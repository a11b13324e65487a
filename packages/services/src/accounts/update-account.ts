import { describeAccount, ZAccountUpdate, type Account } from '#core/accounts.ts';
import { DomainError } from '#core/domain-error.ts';
import { canManageAccounts } from '#core/permissions.ts';
import type { Repositories } from '#core/ports.ts';
import { hashPassword, type ScryptCost } from './password-hash.ts';
import { writeAudit, type ActingContext } from './write-audit.ts';

/**
 * An administrator changes an account (role, organisation, disabled, password). Disabling it or
 * setting a new password signs it out everywhere.
 */
export async function updateAccount(
  repos: Repositories,
  context: ActingContext,
  accountId: string,
  input: unknown,
  options: { cost?: ScryptCost } = {},
): Promise<Account> {
  const decision = canManageAccounts(context.principal);
  if (!decision.allowed)
    throw new DomainError(
      context.principal.kind === 'anonymous' ? 'unauthenticated' : 'forbidden',
      decision.reason,
    );
  const parsed = ZAccountUpdate.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') || '(record)';
    throw new DomainError('validation_failed', `${field}: ${issue?.message ?? 'not valid'}`, {
      field,
    });
  }
  const change = parsed.data;
  const stored = await repos.accounts.get(accountId);
  if (!stored) throw new DomainError('not_found', `no account ${accountId}`);
  const organisationId =
    change.organisationId === undefined ? stored.account.organisationId : change.organisationId;
  const role = change.role ?? stored.account.role;
  if (role === 'member' && organisationId === null)
    throw new DomainError(
      'validation_failed',
      'organisationId: an organisation member needs an organisationId',
      {
        field: 'organisationId',
      },
    );
  if (organisationId !== null && organisationId !== stored.account.organisationId) {
    const found = await repos.entity('actors').findExisting([organisationId]);
    if (found.size === 0)
      throw new DomainError(
        'unknown_reference',
        `organisationId: no actors record ${organisationId}`,
        {
          field: 'organisationId',
        },
      );
  }
  const updated: Account = {
    ...stored.account,
    displayName: change.displayName ?? stored.account.displayName,
    role,
    organisationId,
    disabled: change.disabled ?? stored.account.disabled,
    updatedAt: context.clock.now().toISOString(),
  };
  const passwordHash =
    change.password === undefined ? undefined : await hashPassword(change.password, options.cost);
  await repos.transaction(async (tx) => {
    await tx.accounts.update(updated, passwordHash);
    if (updated.disabled || passwordHash !== undefined)
      await tx.sessions.deleteSessionsOf(updated.id);
    await writeAudit(tx, context, {
      action: 'update',
      entity: 'accounts',
      entityId: updated.id,
      before: describeAccount(stored.account),
      after: { ...describeAccount(updated), ...(passwordHash ? { passwordChanged: true } : {}) },
    });
  });
  return updated;
}
