/**
 * Who may import a file of records (一括取込). A file writes many records at once, upserting by
 * id: a member's file could name another organisation's record, so importing is for coordinators
 * and administrators; members add their own records through the forms, each checked against its
 * owner (core/permissions.ts).
 */
import type { Principal } from './accounts.ts';
import type { EntityName } from './entities/registry.ts';
import type { Decision } from './permissions.ts';

export function canImport(principal: Principal, entity: EntityName): Decision {
  if (principal.kind === 'anonymous') return { allowed: false, reason: 'sign in to import files' };
  const { account } = principal;
  if (account.disabled) return { allowed: false, reason: 'this account is disabled' };
  if (account.role === 'admin' || account.role === 'coordinator') return { allowed: true };
  return {
    allowed: false,
    reason: `only coordinators and administrators import files; ${account.role} accounts add ${entity} one at a time through the forms`,
  };
}
