import { describeAccount, ZAccountUpdate, type Account } from '#core/accounts.ts';
import { DomainError } from '#core/domain-error.ts';
import { canManageAccounts } from '#core/permissions.ts';
import type { Repositories, SessionRecord } from '#core/ports.ts';
import { hashPassword, type ScryptCost } from './password-hash.ts';
import { writeAudit, type ActingContext } from './write-audit.ts';

/** Refuses a change that would leave no active administrator (nobody could manage accounts). */
async function keepAnAdministrator(
  repos: Repositories,
  before: Account,
  after: Account,
): Promise<void> {
  const wasActiveAdmin = before.role === 'admin' && !before.disabled;
  const staysActiveAdmin = after.role === 'admin' && !after.disabled;
  if (!wasActiveAdmin || staysActiveAdmin) return;
  const others = (await repos.accounts.list()).filter(
    (a) => a.id !== before.id && a.role === 'admin' && !a.disabled,
  );
  if (others.length === 0)
    throw new DomainError(
      'conflict',
      `account ${before.email} is the only active administrator; make another account administrator before ${after.disabled ? 'disabling' : 'demoting'} it (唯一の有効な管理者は無効化・降格できません)`,
      { field: after.disabled ? 'disabled' : 'role' },
    );
}

/**
 * Signs an account out everywhere after a new password: every session but `keep` (the caller's
 * own, when they changed their own password) and every API token. Returns the tokens revoked.
 */
async function signOutEverywhere(
  repos: Repositories,
  accountId: string,
  at: string,
  keep: SessionRecord | undefined,
): Promise<number> {
  await repos.sessions.deleteSessionsOf(accountId);
  if (keep !== undefined && keep.accountId === accountId) await repos.sessions.createSession(keep);
  let revoked = 0;
  for (const token of await repos.sessions.listTokens(accountId))
    if (token.revokedAt === null && (await repos.sessions.revokeToken(token.id, accountId, at)))
      revoked += 1;
  return revoked;
}

/**
 * An administrator changes an account (role, organisation, disabled, password). Disabling it signs
 * it out everywhere; a new password also revokes its API tokens (the caller's own session, given as
 * `keepSession`, stays). The only active administrator can be neither disabled nor demoted.
 */
export async function updateAccount(
  repos: Repositories,
  context: ActingContext,
  accountId: string,
  input: unknown,
  options: { cost?: ScryptCost; keepSession?: SessionRecord } = {},
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
    await keepAnAdministrator(tx, stored.account, updated);
    await tx.accounts.update(updated, passwordHash);
    if (updated.disabled && passwordHash === undefined)
      await tx.sessions.deleteSessionsOf(updated.id);
    const tokensRevoked =
      passwordHash === undefined
        ? 0
        : await signOutEverywhere(
            tx,
            updated.id,
            updated.updatedAt,
            updated.disabled ? undefined : options.keepSession,
          );
    await writeAudit(tx, context, {
      action: 'update',
      entity: 'accounts',
      entityId: updated.id,
      before: describeAccount(stored.account),
      after: {
        ...describeAccount(updated),
        ...(passwordHash ? { passwordChanged: true, tokensRevoked } : {}),
      },
    });
  });
  return updated;
}
