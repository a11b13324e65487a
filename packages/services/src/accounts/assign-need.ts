import type { Account } from '#core/accounts.ts';
import { DomainError } from '#core/domain-error.ts';
import { SILENT_SINK, type NotificationSink } from '#core/notifications.ts';
import { canAssignNeed } from '#core/permissions.ts';
import type { NeedAssignment, Repositories } from '#core/ports.ts';
import { CONFIDENTIALITY_LEVELS } from '#core/vocabulary.ts';
import { loadVisible } from './record-checks.ts';
import { writeAudit, type ActingContext } from './write-audit.ts';

async function loadNeedForAssignment(repos: Repositories, context: ActingContext, needId: string) {
  const need = await loadVisible(repos, context.principal, 'needs', needId);
  const confidentiality =
    CONFIDENTIALITY_LEVELS.find((level) => level === need.record['confidentiality']) ??
    'confidential';
  const decision = canAssignNeed(context.principal, {
    ownerId: String(need.record['ownerId']),
    confidentiality,
  });
  if (!decision.allowed)
    throw new DomainError(
      context.principal.kind === 'anonymous' ? 'unauthenticated' : 'forbidden',
      decision.reason,
    );
}

/** Coordinators and administrators still in service: the accounts a need may be given to. */
function mayCoordinate(account: Account): account is Account & { role: 'coordinator' | 'admin' } {
  return !account.disabled && (account.role === 'coordinator' || account.role === 'admin');
}

/** Assigns an account (a coordinator) to a need: it may then see the need even when confidential. */
export async function assignNeed(
  repos: Repositories,
  context: ActingContext,
  needId: string,
  accountId: string,
  notifications: NotificationSink = SILENT_SINK,
): Promise<NeedAssignment> {
  await loadNeedForAssignment(repos, context, needId);
  const target = await repos.accounts.get(accountId);
  if (!target || target.account.disabled)
    throw new DomainError('unknown_reference', `accountId: no account ${accountId}`, {
      field: 'accountId',
    });
  if (!mayCoordinate(target.account))
    throw new DomainError(
      'validation_failed',
      'accountId: only coordinators can be assigned to a need',
      {
        field: 'accountId',
      },
    );
  const assignment: NeedAssignment = {
    needId,
    accountId,
    assignedBy: context.principal.kind === 'account' ? context.principal.account.id : 'anonymous',
    assignedAt: context.clock.now().toISOString(),
  };
  await repos.transaction(async (tx) => {
    await tx.accounts.assignNeed(assignment);
    await writeAudit(tx, context, {
      action: 'assign',
      entity: 'need-assignments',
      entityId: needId,
      after: { accountId },
    });
  });
  await notifications.publish({
    kind: 'need_assigned',
    needId,
    coordinatorId: accountId,
    by: assignment.assignedBy,
  });
  return assignment;
}

export async function unassignNeed(
  repos: Repositories,
  context: ActingContext,
  needId: string,
  accountId: string,
): Promise<void> {
  await loadNeedForAssignment(repos, context, needId);
  await repos.transaction(async (tx) => {
    if (!(await tx.accounts.unassignNeed(needId, accountId)))
      throw new DomainError('not_found', `account ${accountId} is not assigned to need ${needId}`);
    await writeAudit(tx, context, {
      action: 'unassign',
      entity: 'need-assignments',
      entityId: needId,
      before: { accountId },
    });
  });
}

export async function listNeedAssignments(
  repos: Repositories,
  context: ActingContext,
  needId: string,
): Promise<NeedAssignment[]> {
  await loadNeedForAssignment(repos, context, needId);
  return repos.accounts.assignmentsOf(needId);
}

/** One account a need's owner may choose as its coordinator (no e-mail address). */
export interface NeedCoordinatorCandidate {
  id: string;
  displayName: string;
  role: 'coordinator' | 'admin';
  assigned: boolean;
}

/**
 * The coordinators and administrators a need may be given to, those already assigned marked: for
 * the accounts that may assign (the owner organisation's members, administrators).
 */
export async function needCoordinatorCandidates(
  repos: Repositories,
  context: ActingContext,
  needId: string,
): Promise<NeedCoordinatorCandidate[]> {
  await loadNeedForAssignment(repos, context, needId);
  const assigned = new Set((await repos.accounts.assignmentsOf(needId)).map((a) => a.accountId));
  return (await repos.accounts.list()).flatMap((account) =>
    mayCoordinate(account)
      ? [
          {
            id: account.id,
            displayName: account.displayName,
            role: account.role,
            assigned: assigned.has(account.id),
          },
        ]
      : [],
  );
}
