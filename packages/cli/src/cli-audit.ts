/**
 * Audit entries for what the command line does to the data (exports, imports): who is the
 * operating-system user (`cli:<user>`), or `cli` when it cannot be told.
 */
import { userInfo } from 'node:os';
import type { Repositories } from '#core/ports.ts';
import { appendAudit, type AuditChange } from '#services/accounts/write-audit.ts';

export function cliActor(): string {
  try {
    const name = userInfo().username;
    return name ? `cli:${name}` : 'cli';
  } catch {
    return 'cli';
  }
}

export async function auditCli(repos: Repositories, change: AuditChange): Promise<void> {
  await appendAudit(repos, { accountId: cliActor(), at: new Date().toISOString() }, change);
}
