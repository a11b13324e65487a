/**
 * Whether to offer "new" and "edit" to the signed-in account: the core's own permission rule
 * (core/permissions.ts), asked with what the browser knows. The server asks it again on every
 * change and stays the authority.
 */
import type { EntityName } from '#core/entities/registry.ts';
import { canWrite, type WriteAction, type WriteFacts } from '#core/permissions.ts';
import type { AccountView } from '../../api/workflow-types.ts';
import { principalOf } from '../auth/principal.ts';

/** What the server would load about the account's organisation, as `/api/auth/me` named it. */
function factsOf(account: AccountView | null | undefined): WriteFacts {
  const organisation = account?.organisation;
  return organisation ? { organisation } : {};
}

/** The area a government body's members record for: a prefecture's, or a municipality's. */
export function ownArea(
  account: AccountView | null | undefined,
): { areaType: 'prefecture' | 'municipality'; areaCode: string } | null {
  const organisation = account?.role === 'member' ? account.organisation : null;
  if (!organisation) return null;
  if (organisation.sector === 'prefecture' && organisation.prefectureCode)
    return { areaType: 'prefecture', areaCode: organisation.prefectureCode };
  if (organisation.sector === 'municipality' && organisation.municipalityCode)
    return { areaType: 'municipality', areaCode: organisation.municipalityCode };
  return null;
}

/**
 * What a new record of the account's own would hold: its organisation as owner and, for a
 * prefecture's or a municipality's members, its area (the "new" buttons ask with it).
 */
export function ownNewRecord(
  account: AccountView | null | undefined,
): Record<string, unknown> | undefined {
  if (!account || account.role !== 'member' || !account.organisationId) return undefined;
  const area = ownArea(account);
  return {
    ownerId: account.organisationId,
    ...(area ? { ...area } : {}),
    ...(area?.areaType === 'prefecture' ? { prefectureCodes: [area.areaCode] } : {}),
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
