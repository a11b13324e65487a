import type { Principal } from '#core/accounts.ts';
import type { EntityName } from '#core/entities/registry.ts';
import type { Repositories, StoredRecord, Versioned } from '#core/ports.ts';
import { loadVisible } from './record-checks.ts';

/** One record with its version (the HTTP ETag); hidden confidential needs are simply not found. */
export async function getRecord(
  repos: Repositories,
  principal: Principal,
  entity: EntityName,
  key: string,
): Promise<Versioned<StoredRecord>> {
  return loadVisible(repos, principal, entity, key);
}
