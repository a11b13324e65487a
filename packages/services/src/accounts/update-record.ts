import { linkPendingOwners } from '../connectors/link-pending-owners.ts';
import { DomainError } from '#core/domain-error.ts';
import { ENTITY_SPECS, type EntityName } from '#core/entities/registry.ts';
import type { Repositories, StoredRecord, Versioned } from '#core/ports.ts';
import {
  checkReferences,
  loadVisible,
  requireWrite,
  validateRecord,
  writeFactsFor,
} from './record-checks.ts';
import { writeAudit, type ActingContext } from './write-audit.ts';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON Merge Patch (RFC 7396): null removes a field, objects merge, everything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

/**
 * Replaces (`replace`, HTTP PUT) or patches (`merge`, HTTP PATCH) a record when its stored
 * version is `expectedVersion` (the If-Match ETag); precondition_failed otherwise, so two editors
 * never silently overwrite each other. The identity cannot change.
 */
export async function updateRecord(
  repos: Repositories,
  context: ActingContext,
  entity: EntityName,
  key: string,
  input: unknown,
  options: { expectedVersion: number; mode: 'replace' | 'merge' },
): Promise<Versioned<StoredRecord>> {
  const spec = ENTITY_SPECS[entity];
  return repos.transaction(async (tx) => {
    const before = await loadVisible(tx, context.principal, entity, key);
    const facts = await writeFactsFor(tx, context.principal, entity);
    requireWrite(context.principal, entity, 'update', { before: before.record }, facts);
    if (before.version !== options.expectedVersion)
      throw new DomainError(
        'precondition_failed',
        `${entity} record ${key} was changed by someone else (version ${before.version}, you sent ${options.expectedVersion}); reload it and apply your change again`,
        { currentVersion: before.version },
      );
    const body = options.mode === 'merge' ? mergePatch(before.record, input) : input;
    const withKey =
      !spec.derivedKey && isPlainObject(body) && body['id'] === undefined
        ? { ...body, id: key }
        : body;
    const record = validateRecord(entity, withKey);
    if (spec.keyOf(record) !== key)
      throw new DomainError(
        'validation_failed',
        `${spec.derivedKey ? 'identity fields' : 'id'}: the identity of a record cannot change; create a new record instead`,
        { field: spec.derivedKey ? '(record)' : 'id' },
      );
    requireWrite(
      context.principal,
      entity,
      'update',
      { before: before.record, after: record },
      facts,
    );
    await checkReferences(tx, entity, record);
    const repo = tx.entity(entity);
    await repo.upsertMany([record]);
    const after = await repo.get(key);
    if (!after || after.version !== before.version + 1)
      throw new DomainError(
        'precondition_failed',
        `${entity} record ${key} changed while saving; reload it`,
      );
    // Seeds and needs waiting for this actor as their owner are linked to it.
    if (entity === 'actors') await linkPendingOwners(tx);
    await writeAudit(tx, context, {
      action: 'update',
      entity,
      entityId: key,
      before: before.record,
      after: after.record,
    });
    return after;
  });
}
