/**
 * Who sees a consultation (相談) and who may be one of its coordinators. A confidential need's
 * case is seen by the requester organisation, the case's coordinators, the coordinators assigned
 * to the need and administrators; a disclosure shows the need's text, not the case. Coordinators
 * of a case are coordinators or administrators who may see the need without the case's help.
 */
import type { Account } from '#core/accounts.ts';
import type { Consultation } from '#core/consultation.ts';
import { DomainError } from '#core/domain-error.ts';
import type { Need } from '#core/entities/need.ts';
import { canManageNeed, canViewNeed, type NeedAccessFacts } from '#core/need-access.ts';
import { canReadNeed } from '#core/permissions.ts';
import type { Repositories } from '#core/ports.ts';
import { isCoordinator, type Viewer } from '#core/viewer.ts';

/** The need as the rules see it; a missing need is treated as confidential. */
function needView(c: Consultation, need: Need | undefined) {
  return need ?? { ownerId: c.requesterId, confidentiality: 'confidential' as const };
}

export function mayViewConsultation(
  viewer: Viewer,
  c: Consultation,
  need: Need | undefined,
  facts: NeedAccessFacts,
): boolean {
  if (viewer.kind !== 'account') return false;
  if (viewer.organisationId === c.requesterId) return true;
  if (c.coordinatorIds.includes(viewer.accountId)) return true;
  if (viewer.role === 'admin') return true;
  if (!isCoordinator(viewer)) return false;
  // Other coordinators see consultations on needs they may see; on a confidential need only
  // when assigned to it (a disclosure shows the need's text, not the coordinators' case).
  const view = needView(c, need);
  return view.confidentiality === 'confidential'
    ? canManageNeed(viewer, view, facts)
    : canViewNeed(viewer, view, facts);
}

/**
 * Why `account` may not be a coordinator of `c` (undefined when it may): it must be enabled, a
 * coordinator or an administrator, and see the need without the consultation's help (the owner's
 * own assignments and disclosures count; other consultations' coordinators do not).
 */
function coordinatorRefusal(
  account: Account,
  c: Consultation,
  need: Need | undefined,
  facts: NeedAccessFacts,
): DomainError | undefined {
  if (account.disabled)
    return new DomainError('not_found', `accountId: no account ${account.id}`, {
      field: 'accountId',
    });
  if (account.role !== 'coordinator' && account.role !== 'admin') {
    return new DomainError(
      'validation_failed',
      `accountId: account ${account.id} is a ${account.role}; only coordinators (コーディネーター) and administrators can be coordinators of a consultation`,
      { field: 'accountId' },
    );
  }
  if (!canReadNeed({ kind: 'account', account, via: 'session' }, needView(c, need), facts)) {
    return new DomainError(
      'forbidden',
      `accountId: coordinator ${account.id} may not see need ${c.needId} (confidential); its owner organisation must assign them to the need first (PUT /api/needs/${c.needId}/assignments/${account.id})`,
      { field: 'accountId' },
    );
  }
  return undefined;
}

/** What the owner's assignments and accepted disclosures let accounts see of the case's need. */
async function directNeedFacts(repos: Repositories, c: Consultation): Promise<NeedAccessFacts> {
  const [direct, disclosed] = await Promise.all([
    repos.matching.needAssignments(c.needId),
    repos.disclosures.acceptedOrganisations([c.needId]),
  ]);
  return {
    assignedAccountIds: new Set(direct),
    disclosedOrganisationIds: disclosed.get(c.needId) ?? new Set(),
  };
}

/** Refuses an account as a coordinator of `c` unless `coordinatorRefusal` finds nothing. */
export async function requireConsultationCoordinator(
  repos: Repositories,
  c: Consultation,
  need: Need | undefined,
  accountId: string,
): Promise<void> {
  const stored = await repos.accounts.get(accountId);
  if (stored === undefined) {
    throw new DomainError('not_found', `accountId: no account ${accountId}`, {
      field: 'accountId',
    });
  }
  const refusal = coordinatorRefusal(stored.account, c, need, await directNeedFacts(repos, c));
  if (refusal !== undefined) throw refusal;
}

/**
 * The accounts that may be coordinators of `c` (the same rule as `requireConsultationCoordinator`):
 * those on the case already and those that could be added.
 */
export async function eligibleCoordinators(
  repos: Repositories,
  c: Consultation,
  need: Need | undefined,
): Promise<Account[]> {
  const facts = await directNeedFacts(repos, c);
  return (await repos.accounts.list()).filter(
    (account) => coordinatorRefusal(account, c, need, facts) === undefined,
  );
}
