import type { Principal } from '#core/accounts.ts';
import type { Clock, Repositories, StoredRecord } from '#core/ports.ts';
import { appendAudit } from './write-audit.ts';

/**
 * Audits each confidential need a principal reads from outside its owner organisation: an
 * assigned coordinator, an organisation it was disclosed to, an administrator. The owner's own
 * members reading their needs are not audited. One entry per need (who, when, which need, how).
 */
export async function auditConfidentialReads(
  repos: Repositories,
  principal: Principal,
  clock: Clock,
  records: readonly StoredRecord[],
  via: 'get' | 'list',
): Promise<void> {
  if (principal.kind !== 'account') return;
  const { account } = principal;
  const read = records.filter(
    (record) =>
      record['confidentiality'] === 'confidential' &&
      (account.organisationId === null || record['ownerId'] !== account.organisationId),
  );
  if (read.length === 0) return;
  const at = clock.now().toISOString();
  await repos.transaction(async (tx) => {
    for (const record of read)
      await appendAudit(
        tx,
        { accountId: account.id, at },
        {
          action: 'read',
          entity: 'needs',
          entityId: String(record['id']),
          after: { via, role: account.role, organisationId: account.organisationId },
        },
      );
  });
}
