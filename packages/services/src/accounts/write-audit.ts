import { randomBytes } from 'node:crypto';
import type { Principal } from '#core/accounts.ts';
import type { AuditAction, AuditEntry, Clock, Repositories } from '#core/ports.ts';

/** Who acts and when: every use case that changes something takes one. */
export interface ActingContext {
  principal: Principal;
  clock: Clock;
}

let sequence = 0;

/**
 * Audit ids sort in the order entries were written (the log lists by time, then id): the time,
 * a per-process sequence for entries within the same millisecond, and randomness across processes.
 */
function auditId(at: string): string {
  sequence = (sequence + 1) % 36 ** 6;
  return `${at}-${sequence.toString(36).padStart(6, '0')}-${randomBytes(4).toString('hex')}`;
}

/** One audit entry as a use case describes it: the rest (id, time, account) is filled in. */
export interface AuditChange {
  action: AuditAction;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one audit entry for an account id (or null for the anonymous public, `cli` for the
 * command line) at `at`; for the use cases that know who acts by id rather than by principal.
 */
export async function appendAudit(
  repos: Repositories,
  who: { accountId: string | null; at: string },
  change: AuditChange,
): Promise<void> {
  await repos.audit.append(auditEntry(who, change));
}

/** The audit entry for a change, for a repository that writes it with the change itself. */
export function auditEntry(
  who: { accountId: string | null; at: string },
  change: AuditChange,
): AuditEntry {
  return {
    id: auditId(who.at),
    at: who.at,
    accountId: who.accountId,
    action: change.action,
    entity: change.entity,
    entityId: change.entityId,
    before: change.before ?? null,
    after: change.after ?? null,
  };
}

/** Appends one audit entry (who, when, entity, id, before, after), inside the caller's transaction. */
export async function writeAudit(
  repos: Repositories,
  context: ActingContext,
  change: AuditChange,
): Promise<void> {
  await appendAudit(
    repos,
    {
      accountId: context.principal.kind === 'account' ? context.principal.account.id : null,
      at: context.clock.now().toISOString(),
    },
    change,
  );
}
