import { DomainError } from '#core/domain-error.ts';
import { ENTITY_SPECS } from '#core/entities/registry.ts';
import type { Repositories, StoredRecord, Versioned } from '#core/ports.ts';
import { checkReferences, loadVisible, requireWrite, validateRecord } from './record-checks.ts';
import { writeAudit, type ActingContext } from './write-audit.ts';

/**
 * Replaces a relation with one under a new identity (its source, target, type or start date make
 * its key) in one transaction: the old one is removed and the new one stored only together, when
 * the old one is still at `expectedVersion` (the If-Match ETag) and the new key is free. A failure
 * anywhere leaves the old relation as it was. Audited as the old one's delete and the new one's
 * create.
 */
export async function rekeyRelation(
  repos: Repositories,
  context: ActingContext,
  key: string,
  input: unknown,
  expectedVersion: number,
): Promise<{ key: string; stored: Versioned<StoredRecord> }> {
  const spec = ENTITY_SPECS.relations;
  return repos.transaction(async (tx) => {
    const before = await loadVisible(tx, context.principal, 'relations', key);
    requireWrite(context.principal, 'relations', 'delete', { before: before.record });
    if (before.version !== expectedVersion)
      throw new DomainError(
        'precondition_failed',
        `relations record ${key} was changed by someone else (version ${before.version}, you sent ${expectedVersion}); reload it and apply your change again`,
        { currentVersion: before.version },
      );
    const record = validateRecord('relations', input);
    const newKey = spec.keyOf(record);
    if (newKey === key)
      throw new DomainError(
        'validation_failed',
        'identity fields: sourceId, targetId, type and startDate are unchanged; change the relation with PUT or PATCH instead',
        { field: '(record)' },
      );
    requireWrite(context.principal, 'relations', 'create', { after: record });
    await checkReferences(tx, 'relations', record);
    const repo = tx.entity('relations');
    if ((await repo.findExisting([newKey])).size > 0)
      throw new DomainError(
        'conflict',
        `relations record ${newKey} exists; change that one, or choose another type or start date`,
        { field: '(record)' },
      );
    await repo.delete(key);
    await repo.upsertMany([record]);
    const stored = await repo.get(newKey);
    // Another writer created the new key at the same moment: our upsert became an update.
    if (!stored || stored.version !== 1)
      throw new DomainError('conflict', `relations record ${newKey} was created meanwhile`, {
        field: '(record)',
      });
    await writeAudit(tx, context, {
      action: 'delete',
      entity: 'relations',
      entityId: key,
      before: before.record,
    });
    await writeAudit(tx, context, {
      action: 'create',
      entity: 'relations',
      entityId: newKey,
      after: stored.record,
    });
    return { key: newKey, stored };
  });
}
