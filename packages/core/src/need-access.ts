/**
 * Who may see a need (ニーズ). Pure rules; the services load the facts (assignments,
 * disclosures) and ask here.
 *
 * - public: everyone;
 * - members: any signed-in account;
 * - confidential: only the owner organisation, the coordinators assigned to it, and
 *   organisations to which the owner has disclosed it (after accepting their interest in the
 *   anonymous digest, e.g. under an NDA).
 */
import type { Confidentiality } from './vocabulary.ts';
import type { Viewer } from './viewer.ts';

export interface NeedAccessFacts {
  /** Accounts assigned to the need (through its consultations or directly). */
  readonly assignedAccountIds: ReadonlySet<string>;
  /** Organisations the owner has disclosed the need to. */
  readonly disclosedOrganisationIds: ReadonlySet<string>;
}

export const NO_ACCESS_FACTS: NeedAccessFacts = {
  assignedAccountIds: new Set(),
  disclosedOrganisationIds: new Set(),
};

export interface NeedVisibilityView {
  /** Absent while the owner is not registered yet: then no organisation owns the need. */
  readonly ownerId?: string | undefined;
  readonly confidentiality: Confidentiality;
}

/** True when the viewer belongs to the owner organisation of the need. */
export function isNeedOwner(viewer: Viewer, need: NeedVisibilityView): boolean {
  return (
    viewer.kind === 'account' &&
    need.ownerId !== undefined &&
    viewer.organisationId !== null &&
    viewer.organisationId === need.ownerId
  );
}

/** True when the viewer is a coordinator assigned to the need. */
export function isAssignedTo(viewer: Viewer, facts: NeedAccessFacts): boolean {
  return viewer.kind === 'account' && facts.assignedAccountIds.has(viewer.accountId);
}

export function canViewNeed(
  viewer: Viewer,
  need: NeedVisibilityView,
  facts: NeedAccessFacts,
): boolean {
  switch (need.confidentiality) {
    case 'public':
      return true;
    case 'members':
      return viewer.kind === 'account';
    case 'confidential':
      return (
        viewer.kind === 'account' &&
        (isNeedOwner(viewer, need) ||
          isAssignedTo(viewer, facts) ||
          (viewer.organisationId !== null &&
            facts.disclosedOrganisationIds.has(viewer.organisationId)))
      );
  }
}

/** Owner or assigned coordinator: may run matching on the need, publish its digest, open consultations. */
export function canManageNeed(
  viewer: Viewer,
  need: NeedVisibilityView,
  facts: NeedAccessFacts,
): boolean {
  return isNeedOwner(viewer, need) || isAssignedTo(viewer, facts);
}

/** Whether a need may enter shared indexes (reverse matching, need search): never when confidential. */
export function isSharedNeed(need: NeedVisibilityView): boolean {
  return need.confidentiality !== 'confidential';
}
