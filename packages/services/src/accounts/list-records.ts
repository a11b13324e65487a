import type { Principal } from '#core/accounts.ts';
import type { EntityName } from '#core/entities/registry.ts';
import type { ListQuery, Page, Repositories, StoredRecord } from '#core/ports.ts';
import { ENTITY_SPECS } from '#core/entities/registry.ts';
import { encodeSortCursor } from '#core/list-sort.ts';
import { needVisibilityFor } from './need-visibility.ts';

/** How many batches a list reads, at most, to fill a page of needs when many are hidden. */
const MAX_ROUNDS = 20;

/**
 * One page of an entity's records as the principal may see them. Needs follow the
 * confidentiality rules: the database filters the levels it can; confidential needs the
 * principal might see are checked one by one and the page is filled from further batches.
 */
export async function listRecords(
  repos: Repositories,
  principal: Principal,
  entity: EntityName,
  query: Omit<ListQuery, 'confidentialityIn'>,
): Promise<Page<StoredRecord>> {
  const repo = repos.entity(entity);
  if (entity !== 'needs') return repo.list(query);
  const visibility = await needVisibilityFor(repos, principal);
  const base: ListQuery = {
    ...query,
    ...(visibility.levels ? { confidentialityIn: visibility.levels } : {}),
  };
  if (!visibility.checksEach) return repo.list(base);
  const keyOf = ENTITY_SPECS[entity].keyOf;
  const items: StoredRecord[] = [];
  let cursor = query.cursor;
  const batch = Math.max(query.limit * 2, 50);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const page = await repo.list({ ...base, limit: batch, ...(cursor ? { cursor } : {}) });
    const visible = new Set(await visibility.filter(page.items));
    for (let i = 0; i < page.items.length; i++) {
      const record = page.items[i];
      if (record === undefined || !visible.has(record)) continue;
      items.push(record);
      if (items.length === query.limit) {
        const more = i < page.items.length - 1 || page.nextCursor !== undefined;
        if (!more) return { items };
        const nextCursor = query.sort
          ? encodeSortCursor(query.sort, record[query.sort.field] ?? null, keyOf(record))
          : keyOf(record);
        return { items, nextCursor };
      }
    }
    if (page.nextCursor === undefined) return { items };
    cursor = page.nextCursor;
  }
  // Many hidden records in a row: return what was found and let the client go on from here.
  return cursor === undefined ? { items } : { items, nextCursor: cursor };
}
