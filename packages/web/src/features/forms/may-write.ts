/**
 * Whether to offer "new" and "edit" to the signed-in account: the core's own permission rule
 * (core/permissions.ts), asked with what the browser knows. The server asks it again on every
 * change and stays the authority.
 */
import type { Principal } from '#core/accounts.ts';
import type { EntityName } from '#core/entities/registry.ts';
import { canWrite, type WriteAction } from '#core/permissions.ts';
import type { AccountView } from '../../api/workflow-types.ts';

export function principalOf(account: AccountView | null | undefined): Principal {
  if (!account) return { kind: 'anonymous' };
  return {
    kind: 'account',
    via: 'session',
    account: { ...account, disabled: false, createdAt: '', updatedAt: '' },
  };
}

export function mayWrite(
  account: AccountView | null | undefined,
  entity: EntityName,
  action: WriteAction,
  record?: Record<string, unknown>,
): boolean {
  const principal = principalOf(account);
  const records =
    record === undefined ? {} : action === 'create' ? { after: record } : { before: record };
  return canWrite(principal, entity, action, records).allowed;
}
