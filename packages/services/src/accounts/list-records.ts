import type { Principal } from '#core/accounts.ts';
import type { EntityName } from '#core/entities/registry.ts';
import {
  canListJson,
  systemClock,
  type Clock,
  type ListQuery,
  type Page,
  type Repositories,
  type StoredRecord,
} from '#core/ports.ts';
import { auditConfidentialReads } from './audit-need-reads.ts';
import { needVisibilityFor } from './need-visibility.ts';

/**
 * One page of an entity's records as the principal may see them. Needs follow the
 * confidentiality rules: the database selects the levels and the confidential needs the
 * principal may see (own organisation's, assigned, disclosed), and every confidential need on
 * the page is checked again against the rules before it is returned. Confidential needs read from
 * outside their owner organisation are audited.
 */
export async function listRecords(
  repos: Repositories,
  principal: Principal,
  entity: EntityName,
  query: Omit<ListQuery, 'confidentialityIn' | 'confidentialAlso'>,
  clock: Clock = systemClock,
): Promise<Page<StoredRecord>> {
  const repo = repos.entity(entity);
  if (entity !== 'needs') return repo.list(query);
  const visibility = await needVisibilityFor(repos, principal);
  const page = await repo.list({
    ...query,
    ...(visibility.levels ? { confidentialityIn: visibility.levels } : {}),
    ...(visibility.confidentialAlso ? { confidentialAlso: visibility.confidentialAlso } : {}),
  });
  // The rules in core decide; the query only saves reading what they would refuse. The cursor
  // stays that of the last row read, so a refused row never shortens the next page.
  const shown = visibility.checksEach
    ? { ...page, items: await visibility.filter(page.items) }
    : page;
  await auditConfidentialReads(repos, principal, clock, shown.items, 'list');
  return shown;
}

/**
 * `listRecords` as JSON texts, for responses. Records other than needs come as the repository
 * stores them when it can give them so (no parse and re-serialise of large JSON columns); needs go
 * through the confidentiality rules record by record first.
 */
export async function listRecordsJson(
  repos: Repositories,
  principal: Principal,
  entity: EntityName,
  query: Omit<ListQuery, 'confidentialityIn' | 'confidentialAlso'>,
  /** Only these fields of each record (in the record's own order). */
  fields?: readonly string[],
  clock: Clock = systemClock,
): Promise<Page<string>> {
  const repo = repos.entity(entity);
  if (entity !== 'needs' && canListJson(repo)) return repo.listJson(query, fields);
  const page = await listRecords(repos, principal, entity, query, clock);
  const wanted = fields ? new Set(fields) : undefined;
  const project = (record: StoredRecord) =>
    wanted ? Object.fromEntries(Object.entries(record).filter(([k]) => wanted.has(k))) : record;
  return { ...page, items: page.items.map((record) => JSON.stringify(project(record))) };
}
