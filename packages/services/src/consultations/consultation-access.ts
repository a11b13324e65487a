/**
 * Who sees a consultation (相談) and who may be one of its coordinators. A confidential need's
 * case is seen by the requester organisation, the case's coordinators, the coordinators assigned
 * to the need and administrators; a disclosure shows the need's text, not the case. Coordinators
 * of a case are coordinators or administrators who may see the need without the case's help.
 */
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
 * Refuses an account as a coordinator of `c` unless it exists, is enabled, is a coordinator or
 * an administrator, and may see the need without the consultation's help (the owner's own
 * assignments and disclosures count; other consultations' coordinators do not).
 */
export async function requireConsultationCoordinator(
  repos: Repositories,
  c: Consultation,
  need: Need | undefined,
  accountId: string,
): Promise<void> {
  const stored = await repos.accounts.get(accountId);
  if (stored === undefined || stored.account.disabled) {
    throw new DomainError('not_found', `accountId: no account ${accountId}`, {
      field: 'accountId',
    });
  }
  const { account } = stored;
  if (account.role !== 'coordinator' && account.role !== 'admin') {
    throw new DomainError(
      'validation_failed',
      `accountId: account ${accountId} is a ${account.role}; only coordinators (コーディネーター) and administrators can be coordinators of a consultation`,
      { field: 'accountId' },
    );
  }
  const [direct, disclosed] = await Promise.all([
    repos.matching.needAssignments(c.needId),
    repos.disclosures.acceptedOrganisations([c.needId]),
  ]);
  const facts: NeedAccessFacts = {
    assignedAccountIds: new Set(direct),
    disclosedOrganisationIds: disclosed.get(c.needId) ?? new Set(),
  };
  if (!canReadNeed({ kind: 'account', account, via: 'session' }, needView(c, need), facts)) {
    throw new DomainError(
      'forbidden',
      `accountId: coordinator ${accountId} may not see need ${c.needId} (confidential); its owner organisation must assign them to the need first (PUT /api/needs/${c.needId}/assignments/${accountId})`,
      { field: 'accountId' },
    );
  }
}
