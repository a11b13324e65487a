import type { Principal } from '#core/accounts.ts';
import type { EntityName } from '#core/entities/registry.ts';
import {
  systemClock,
  type Clock,
  type Repositories,
  type StoredRecord,
  type Versioned,
} from '#core/ports.ts';
import { auditConfidentialReads } from './audit-need-reads.ts';
import { loadVisible } from './record-checks.ts';

/**
 * One record with its version (the HTTP ETag); hidden confidential needs are simply not found,
 * and a confidential need read from outside its owner organisation is audited.
 */
export async function getRecord(
  repos: Repositories,
  principal: Principal,
  entity: EntityName,
  key: string,
  clock: Clock = systemClock,
): Promise<Versioned<StoredRecord>> {
  const found = await loadVisible(repos, principal, entity, key);
  if (entity === 'needs')
    await auditConfidentialReads(repos, principal, clock, [found.record], 'get');
  return found;
}
