/**
 * A form's owner field (a programme's `ownerId`), offered only to those who may set it:
 * coordinators and administrators choose any organisation or none. A member's new record is its
 * own organisation's, set without asking, and its owner is not offered when editing (the server
 * refuses any other owner: core/programme-access.ts).
 */
import type { AccountView } from '../../api/workflow-types.ts';
import type { FieldSpec } from './form-values.ts';

function ownerIsFixed(account: AccountView | null | undefined): boolean {
  return account?.role === 'member';
}

/** The fields the account is offered: all but the owner for a member. */
export function offeredFields(
  specs: readonly FieldSpec[],
  ownerField: string | undefined,
  account: AccountView | null | undefined,
): readonly FieldSpec[] {
  if (ownerField === undefined || !ownerIsFixed(account)) return specs;
  return specs.filter((spec) => spec.name !== ownerField);
}

/** What a member's new record holds without asking: its organisation as owner. */
export function fixedOwner(
  ownerField: string | undefined,
  account: AccountView | null | undefined,
): Record<string, string> {
  if (ownerField === undefined || !ownerIsFixed(account) || !account?.organisationId) return {};
  return { [ownerField]: account.organisationId };
}
