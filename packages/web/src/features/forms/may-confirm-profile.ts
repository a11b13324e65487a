/**
 * Whether to offer "confirm the profile" (EEN-style upkeep): the organisation's own members,
 * and administrators for any. Kept apart from may-write.ts so the profile page loads no zod.
 */
import type { AccountView } from '../../api/workflow-types.ts';

export function mayConfirmProfile(
  account: AccountView | null | undefined,
  actorId: string,
): boolean {
  if (!account) return false;
  if (account.role === 'admin') return true;
  return account.role !== 'viewer' && account.organisationId === actorId;
}
