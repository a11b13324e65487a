import { DomainError } from '#core/domain-error.ts';
import type { EntityName } from '#core/entities/registry.ts';
import type { Repositories } from '#core/ports.ts';
import {
  isForeignKeyViolation,
  loadVisible,
  requireWrite,
  writeFactsFor,
} from './record-checks.ts';
import { dependentsOf, describeDependents } from './record-dependents.ts';
import { writeAudit, type ActingContext } from './write-audit.ts';

/**
 * Deletes a record at the expected version; conflict while other records still use it (a
 * relation's actor, a need's owner, a need with consultations…), naming what uses it by kind and
 * count (`details.dependents`), after the permission check so only those who may delete learn it.
 */
export async function deleteRecord(
  repos: Repositories,
  context: ActingContext,
  entity: EntityName,
  key: string,
  expectedVersion: number,
): Promise<void> {
  try {
    await repos.transaction(async (tx) => {
      const before = await loadVisible(tx, context.principal, entity, key);
      const facts = await writeFactsFor(tx, context.principal, entity);
      requireWrite(context.principal, entity, 'delete', { before: before.record }, facts);
      if (before.version !== expectedVersion)
        throw new DomainError(
          'precondition_failed',
          `${entity} record ${key} was changed by someone else (version ${before.version}, you sent ${expectedVersion}); reload it before deleting`,
          { currentVersion: before.version },
        );
      const dependents = await dependentsOf(tx, context.principal, entity, key);
      if (dependents.length > 0)
        throw new DomainError(
          'conflict',
          `${entity} record ${key} is still used by ${describeDependents(dependents)}; remove or change those first`,
          { dependents },
        );
      await tx.entity(entity).delete(key);
      await writeAudit(tx, context, {
        action: 'delete',
        entity,
        entityId: key,
        before: before.record,
      });
    });
  } catch (error) {
    if (isForeignKeyViolation(error))
      throw new DomainError(
        'conflict',
        `${entity} record ${key} is still referenced by other records`,
      );
    throw error;
  }
}
