import { afterEach, describe, expect, it } from 'vitest';
import { ANONYMOUS_PRINCIPAL } from '#core/accounts.ts';
import type { EntityName } from '#core/entities/registry.ts';
import type { ListQuery, Page } from '#core/ports.ts';
import type { Database } from '#db/open-database.ts';
import { buildActor, buildNeed } from '#test/factories.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { createListPageCache, type ListPageCache } from './list-page-cache.ts';
import { listRecordsJson } from './list-records.ts';

describe.each(TEST_DATABASES)('list page cache on $name', (kind) => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  /** Lists through the cache, counting the reads that reached the database. */
  function lister(database: Database, cache: ListPageCache) {
    const counter = { reads: 0 };
    const list = (entity: EntityName, query: ListQuery, fields?: string[]) =>
      cache.page(database.repos, entity, query, fields, () => {
        counter.reads += 1;
        return listRecordsJson(database.repos, ANONYMOUS_PRINCIPAL, entity, query, fields);
      });
    return { list, counter };
  }

  const names = (page: Page<string>) =>
    page.items.map((item) => (JSON.parse(item) as { name: string }).name);

  it('answers an unchanged list from memory and reads again after any write to its table', async () => {
    db = await kind.open();
    await db.repos
      .entity('actors')
      .upsertMany([
        buildActor({ id: 'a1', name: '浜松ホトニクス' }),
        buildActor({ id: 'a2', name: '静岡大学' }),
      ]);
    const { list, counter } = lister(db, createListPageCache());
    const first = await list('actors', { limit: 10 });
    const again = await list('actors', { limit: 10 });
    expect(names(again)).toEqual(names(first));
    expect(counter.reads).toBe(1);

    // Another query is another page.
    await list('actors', { limit: 1 });
    await list('actors', { limit: 10 }, ['id']);
    expect(counter.reads).toBe(3);

    // An edit that keeps every count still shows at once.
    await db.repos.entity('actors').upsertMany([buildActor({ id: 'a2', name: '静岡大学（改）' })]);
    expect(names(await list('actors', { limit: 10 }))).toEqual([
      '浜松ホトニクス',
      '静岡大学（改）',
    ]);
    expect(counter.reads).toBe(4);

    // A write to another table leaves the actors' pages alone.
    await db.repos.entity('needs').upsertMany([buildNeed({ id: 'n1', ownerId: 'a1' })]);
    await list('actors', { limit: 10 });
    expect(counter.reads).toBe(4);
  });

  it('never keeps needs: they are chosen per viewer and their confidential reads are audited', async () => {
    db = await kind.open();
    await db.repos.entity('actors').upsertMany([buildActor({ id: 'a1' })]);
    await db.repos.entity('needs').upsertMany([buildNeed({ id: 'n1', ownerId: 'a1' })]);
    const cache = createListPageCache();
    const { list, counter } = lister(db, cache);
    await list('needs', { limit: 10 });
    await list('needs', { limit: 10 });
    expect(counter.reads).toBe(2);
    expect(cache.size).toBe(0);
  });

  it('keeps at most its limits, letting the least recently used page go first', async () => {
    db = await kind.open();
    await db.repos
      .entity('actors')
      .upsertMany([buildActor({ id: 'a1' }), buildActor({ id: 'a2' })]);
    const cache = createListPageCache({ maxPages: 2, maxCharacters: 1_000_000 });
    const { list, counter } = lister(db, cache);
    await list('actors', { limit: 1 });
    await list('actors', { limit: 2 });
    await list('actors', { limit: 1 }); // used again: now the newest
    await list('actors', { limit: 3 }); // pushes out limit 2
    expect(cache.size).toBe(2);
    expect(counter.reads).toBe(3);
    await list('actors', { limit: 1 });
    expect(counter.reads).toBe(3);
    await list('actors', { limit: 2 });
    expect(counter.reads).toBe(4);

    const tiny = createListPageCache({ maxPages: 10, maxCharacters: 10 });
    const small = lister(db, tiny);
    await small.list('actors', { limit: 2 });
    expect(tiny.size).toBe(0);
  });
});
