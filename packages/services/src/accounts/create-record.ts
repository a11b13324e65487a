import { linkPendingOwners } from '../connectors/link-pending-owners.ts';
import { DomainError } from '#core/domain-error.ts';
import { ENTITY_SPECS, type EntityName } from '#core/entities/registry.ts';
import type { Repositories, StoredRecord, Versioned } from '#core/ports.ts';
import { needVisibilityFor } from './need-visibility.ts';
import { checkReferences, requireWrite, validateRecord, writeFactsFor } from './record-checks.ts';
import { writeAudit, type ActingContext } from './write-audit.ts';

/**
 * Creates a record (409 when its identity is taken), audited in the same transaction. When the
 * identity is taken by a need the principal may not see, the 409 neither says that a record
 * exists nor invites an update: only that the id cannot be used.
 */
export async function createRecord(
  repos: Repositories,
  context: ActingContext,
  entity: EntityName,
  input: unknown,
): Promise<{ key: string; stored: Versioned<StoredRecord> }> {
  const facts = await writeFactsFor(repos, context.principal, entity);
  requireWrite(context.principal, entity, 'create', {}, facts);
  const record = validateRecord(entity, input);
  requireWrite(context.principal, entity, 'create', { after: record }, facts);
  const key = ENTITY_SPECS[entity].keyOf(record);
  return repos.transaction(async (tx) => {
    await checkReferences(tx, entity, record);
    const repo = tx.entity(entity);
    const taken = new DomainError('conflict', `${entity} record ${key} exists; update it instead`, {
      field: ENTITY_SPECS[entity].derivedKey ? '(record)' : 'id',
    });
    if ((await repo.findExisting([key])).size > 0) {
      const existing = entity === 'needs' ? await repo.get(key) : undefined;
      const visibility = existing ? await needVisibilityFor(tx, context.principal) : undefined;
      if (existing && visibility && !(await visibility.canRead(existing.record)))
        throw new DomainError(
          'conflict',
          `id: ${key} cannot be used for a new need; choose another id / この id は使えません。別の id を指定してください`,
          { field: 'id' },
        );
      throw taken;
    }
    await repo.upsertMany([record]);
    const stored = await repo.get(key);
    // Another writer created it at the same moment: our upsert became an update. Roll back.
    if (!stored || stored.version !== 1) throw taken;
    // Seeds and needs waiting for this actor as their owner are linked to it.
    if (entity === 'actors') await linkPendingOwners(tx);
    await writeAudit(tx, context, {
      action: 'create',
      entity,
      entityId: key,
      after: stored.record,
    });
    return { key, stored };
  });
}
