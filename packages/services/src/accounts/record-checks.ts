/** Shared steps of the record use cases: validation, references, visibility, permission. */
import type { Principal } from '#core/accounts.ts';
import { DomainError } from '#core/domain-error.ts';
import {
  ACTOR_STRONG_IDENTIFIERS,
  ENTITY_SPECS,
  type EntityName,
} from '#core/entities/registry.ts';
import { parseRecord } from '#core/flat-record.ts';
import {
  canWrite,
  needsOrganisationFacts,
  type WriteAction,
  type WriteFacts,
} from '#core/permissions.ts';
import type { OrganisationFacts } from '#core/prefecture-access.ts';
import { SECTORS, type Sector } from '#core/vocabulary.ts';
import type { Repositories, StoredRecord, Versioned } from '#core/ports.ts';
import { needVisibilityFor } from './need-visibility.ts';

/** Validates an API body against the entity's schema; the problems name the fields. */
export function validateRecord(entity: EntityName, input: unknown): StoredRecord {
  const outcome = parseRecord(ENTITY_SPECS[entity], input);
  if (outcome.ok) return outcome.record;
  const first = outcome.problems[0];
  throw new DomainError(
    'validation_failed',
    first ? `${first.field}: ${first.reason}` : 'the record is not valid',
    { field: first?.field, errors: outcome.problems },
  );
}

/** Every reference (ownerId, sourceId…) must name an existing record; an actor's 法人番号, ROR… no other actor. */
export async function checkReferences(
  repos: Repositories,
  entity: EntityName,
  record: StoredRecord,
): Promise<void> {
  if (entity === 'actors') {
    for (const field of ACTOR_STRONG_IDENTIFIERS) {
      const value = record[field];
      if (typeof value !== 'string') continue;
      const holders = await repos.entity('actors').holdersOf(field, [value]);
      const other = holders.get(value)?.find((id) => id !== record['id']);
      if (other !== undefined) {
        throw new DomainError('conflict', `${field}: ${value} belongs to actor ${other} already`, {
          field,
          errors: [{ field, reason: `belongs to actor ${other} already` }],
        });
      }
    }
  }
  for (const column of ENTITY_SPECS[entity].columns) {
    if (!column.references) continue;
    const value = record[column.field];
    const keys = Array.isArray(value)
      ? value.filter((v): v is string => typeof v === 'string')
      : typeof value === 'string'
        ? [value]
        : [];
    if (keys.length === 0) continue;
    const found = await repos.entity(column.references).findExisting(keys);
    const missing = keys.find((key) => !found.has(key));
    if (missing !== undefined)
      throw new DomainError(
        'unknown_reference',
        `${column.field}: no ${column.references} record ${missing}`,
        {
          field: column.field,
          errors: [{ field: column.field, reason: `unknown ${column.references} id` }],
        },
      );
  }
}

export function notFound(entity: EntityName, key: string): DomainError {
  return new DomainError('not_found', `no ${entity} record ${key}`);
}

/** The stored record, or not_found — also when it is a need the principal may not see. */
export async function loadVisible(
  repos: Repositories,
  principal: Principal,
  entity: EntityName,
  key: string,
): Promise<Versioned<StoredRecord>> {
  const found = await repos.entity(entity).get(key);
  if (!found) throw notFound(entity, key);
  if (entity === 'needs') {
    const visibility = await needVisibilityFor(repos, principal);
    if (!(await visibility.canRead(found.record))) throw notFound(entity, key);
  }
  return found;
}

function isSector(value: unknown): value is Sector {
  return (SECTORS as readonly unknown[]).includes(value);
}

/** An organisation's name, sector, prefecture and municipality, read from its stored actor. */
export async function organisationFacts(
  repos: Repositories,
  organisationId: string,
): Promise<(OrganisationFacts & { name: string }) | undefined> {
  const found = await repos.entity('actors').get(organisationId);
  if (!found) return undefined;
  const { sector, prefectureCode, municipalityCode, name } = found.record;
  if (!isSector(sector)) return undefined;
  return {
    id: organisationId,
    name: typeof name === 'string' ? name : organisationId,
    sector,
    prefectureCode: typeof prefectureCode === 'string' ? prefectureCode : null,
    municipalityCode: typeof municipalityCode === 'string' ? municipalityCode : null,
  };
}

/**
 * What the permission rule needs to know beyond the account: for a member writing an area's
 * record or a programme, its organisation's sector, prefecture and municipality.
 */
export async function writeFactsFor(
  repos: Repositories,
  principal: Principal,
  entity: EntityName,
): Promise<WriteFacts> {
  if (principal.kind !== 'account' || principal.account.role !== 'member') return {};
  const organisationId = principal.account.organisationId;
  if (organisationId === null || !needsOrganisationFacts(entity)) return {};
  const organisation = await organisationFacts(repos, organisationId);
  return organisation ? { organisation } : {};
}

export function requireWrite(
  principal: Principal,
  entity: EntityName,
  action: WriteAction,
  records: { before?: StoredRecord; after?: StoredRecord },
  facts: WriteFacts = {},
): void {
  const decision = canWrite(principal, entity, action, records, facts);
  if (!decision.allowed)
    throw new DomainError(
      principal.kind === 'anonymous' ? 'unauthenticated' : 'forbidden',
      decision.reason,
    );
}

/** True for a foreign-key violation in either dialect (a record still referenced elsewhere). */
export function isForeignKeyViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503') return true;
  // SQLite reports ON DELETE RESTRICT as a trigger constraint.
  return (
    code === 'SQLITE_CONSTRAINT_TRIGGER' && /FOREIGN KEY/i.test(String((error as Error).message))
  );
}
