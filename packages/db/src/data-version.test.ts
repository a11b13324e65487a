import { afterEach, describe, expect, it } from 'vitest';
import { ENTITY_SPECS } from '#core/entities/registry.ts';
import { systemClock } from '#core/ports.ts';
import { buildActor, buildNeed } from '#test/factories.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { createSqlEntityRepo } from './entity-repo.ts';
import type { Database } from './open-database.ts';

describe.each(TEST_DATABASES)('data version (M1, issue 12) on $name', (kind) => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it('changes with every committed write, also one that keeps every count, and not on a rollback', async () => {
    db = await kind.open();
    const { repos } = db;
    const seen = new Set<string>();
    const step = async (what: string) => {
      const version = await repos.dataVersion();
      expect(seen.has(version), `${what}: version ${version} seen before`).toBe(false);
      seen.add(version);
    };
    await step('empty');
    await db.client.transaction(async (tx) => {
      const load = await createSqlEntityRepo(tx, ENTITY_SPECS.actors, systemClock).openBulkLoad();
      await load.write([buildActor({ id: 'owner' })]);
      await load.finish();
    });
    await step('bulk load into an empty table');
    await repos.entity('needs').upsertMany([buildNeed({ id: 'n1', ownerId: 'owner' })]);
    await step('insert');
    const stored = await repos.entity('needs').get('n1');
    const counts = await repos.counts();
    await repos
      .entity('needs')
      .upsertMany([{ ...stored?.record, confidentiality: 'confidential' }]);
    expect(await repos.counts()).toEqual(counts);
    await step('update keeping every count');
    const before = await repos.dataVersion();
    await expect(
      repos.transaction(async (tx) => {
        await tx.entity('needs').upsertMany([{ ...stored?.record, title: 'rolled back' }]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await repos.dataVersion()).toBe(before);
    await repos.entity('needs').delete('n1');
    await step('delete');
  });

  it('stays the same when the change log is folded (PostgreSQL) or read many times', async () => {
    db = await kind.open();
    const { repos } = db;
    for (let i = 0; i < 1005; i++)
      await db.client.run(
        kind.name === 'postgres'
          ? 'INSERT INTO data_changes DEFAULT VALUES'
          : 'UPDATE data_version SET version = version + 1 WHERE id = 1',
      );
    const version = await repos.dataVersion();
    expect(await repos.dataVersion()).toBe(version);
    if (kind.name === 'postgres') {
      const [row] = await db.client.all<{ n: number | string }>(
        'SELECT count(*) AS n FROM data_changes',
      );
      expect(Number(row?.n)).toBe(1);
    }
    await repos.entity('actors').upsertMany([buildActor({ id: 'a' })]);
    expect(await repos.dataVersion()).not.toBe(version);
  });
});
