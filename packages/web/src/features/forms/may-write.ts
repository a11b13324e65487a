/**
 * Whether to offer "new" and "edit" to the signed-in account: the core's own permission rule
 * (core/permissions.ts), asked with what the browser knows. The server asks it again on every
 * change and stays the authority.
 */
import type { Principal } from '#core/accounts.ts';
import type { EntityName } from '#core/entities/registry.ts';
import { canWrite, type WriteAction, type WriteFacts } from '#core/permissions.ts';
import type { AccountView } from '../../api/workflow-types.ts';

export function principalOf(account: AccountView | null | undefined): Principal {
  if (!account) return { kind: 'anonymous' };
  return {
    kind: 'account',
    via: 'session',
    account: { ...account, disabled: false, createdAt: '', updatedAt: '' },
  };
}

/** What the server would load about the account's organisation, as `/api/auth/me` named it. */
function factsOf(account: AccountView | null | undefined): WriteFacts {
  const organisation = account?.organisation;
  return organisation ? { organisation } : {};
}

/**
 * What a new record of the account's own would hold: its organisation as owner and, for a
 * prefecture's members, the prefecture as area (the "new" buttons ask with it).
 */
export function ownNewRecord(
  account: AccountView | null | undefined,
): Record<string, unknown> | undefined {
  if (!account || account.role !== 'member' || !account.organisationId) return undefined;
  const area =
    account.organisation?.sector === 'prefecture' ? account.organisation.prefectureCode : null;
  return {
    ownerId: account.organisationId,
    ...(area ? { areaType: 'prefecture', areaCode: area, prefectureCodes: [area] } : {}),
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
  return canWrite(principal, entity, action, records, factsOf(account)).allowed;
}
