import type { Account, Principal } from '#core/accounts.ts';
import { DomainError } from '#core/domain-error.ts';
import { canManageAccounts, canReadAudit } from '#core/permissions.ts';
import type { AuditEntry, AuditQuery, Page, Repositories } from '#core/ports.ts';

function requireAllowed(
  principal: Principal,
  decision: { allowed: boolean; reason?: string },
): void {
  if (decision.allowed) return;
  throw new DomainError(
    principal.kind === 'anonymous' ? 'unauthenticated' : 'forbidden',
    decision.reason ?? 'not allowed',
  );
}

/** Every account (administrators only). */
export async function listAccounts(repos: Repositories, principal: Principal): Promise<Account[]> {
  requireAllowed(principal, canManageAccounts(principal));
  return repos.accounts.list();
}

export async function getAccount(
  repos: Repositories,
  principal: Principal,
  id: string,
): Promise<Account> {
  requireAllowed(principal, canManageAccounts(principal));
  const stored = await repos.accounts.get(id);
  if (!stored) throw new DomainError('not_found', `no account ${id}`);
  return stored.account;
}

/** The audit log, newest first (administrators only). */
export async function readAuditLog(
  repos: Repositories,
  principal: Principal,
  query: AuditQuery,
): Promise<Page<AuditEntry>> {
  requireAllowed(principal, canReadAudit(principal));
  return repos.audit.list(query);
}
