import { DomainError } from '#core/domain-error.ts';
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

/** Assigns an account (a coordinator) to a need: it may then see the need even when confidential. */
export async function assignNeed(
  repos: Repositories,
  context: ActingContext,
  needId: string,
  accountId: string,
): Promise<NeedAssignment> {
  await loadNeedForAssignment(repos, context, needId);
  const target = await repos.accounts.get(accountId);
  if (!target)
    throw new DomainError('unknown_reference', `accountId: no account ${accountId}`, {
      field: 'accountId',
    });
  if (target.account.role !== 'coordinator' && target.account.role !== 'admin')
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
