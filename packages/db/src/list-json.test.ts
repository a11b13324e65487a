import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITY_NAMES, ENTITY_SPECS } from '#core/entities/registry.ts';
import { canListJson, type ListQuery } from '#core/ports.ts';
import { loadDemoEcosystem } from '#demo/load-demo-ecosystem.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import type { Database } from './open-database.ts';

const JSON_CODECS = new Set(['list', 'int_list', 'prefecture_list', 'members', 'json']);

describe.each(TEST_DATABASES)('pages as JSON texts on $name', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await kind.open();
    await loadDemoEcosystem(db.repos, { scale: 0.05 });
  }, 120_000);
  afterAll(async () => db?.close());

  for (const entity of ENTITY_NAMES) {
    it(`${entity}: every page is the JSON of the records list gives, in the same order`, async () => {
      const repo = db.repos.entity(entity);
      if (!canListJson(repo)) throw new Error('the SQL repositories list JSON');
      const sortField = ENTITY_SPECS[entity].columns.find(
        (c) => !JSON_CODECS.has(c.codec) && c.field !== 'id',
      )?.field;
      const queries: ListQuery[] = [
        { limit: 7 },
        ...(sortField ? [{ limit: 7, sort: { field: sortField, descending: true } }] : []),
        { limit: 7, q: 'の' },
      ];
      for (const first of queries) {
        let query: ListQuery = first;
        for (let page = 0; page < 3; page++) {
          const records = await repo.list(query);
          const texts = await repo.listJson(query);
          expect(texts.items).toEqual(records.items.map((r) => JSON.stringify(r)));
          expect(texts.nextCursor).toEqual(records.nextCursor);
          if (!records.nextCursor) break;
          query = { ...query, cursor: records.nextCursor };
        }
      }
      const total = await repo.count();
      if (total > 0) expect((await repo.listJson({ limit: 1 })).items).toHaveLength(1);
    });
  }
});
