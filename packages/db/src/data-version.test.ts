import { afterEach, describe, expect, it } from 'vitest';
import { ENTITY_SPECS } from '#core/entities/registry.ts';
import { systemClock } from '#core/ports.ts';
import { buildActor, buildNeed } from '#test/factories.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { createSqlEntityRepo } from './entity-repo.ts';
import type { Database } from './open-database.ts';

describe.each(TEST_DATABASES)('data versions (M1, issue 12) on $name', (kind) => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it('change with every committed write to their table, also one that keeps every count, and not on a rollback', async () => {
    db = await kind.open();
    const { repos } = db;
    const versions = () => repos.dataVersions();
    let last = await versions();
    expect(Object.keys(last).sort()).toEqual(
      Object.values(ENTITY_SPECS)
        .map((spec) => spec.table)
        .sort(),
    );
    /** The tables whose version moved since the last step. */
    const moved = async (): Promise<string[]> => {
      const now = await versions();
      const changed = Object.keys(now).filter((t) => now[t] !== last[t]);
      last = now;
      return changed;
    };
    await db.client.transaction(async (tx) => {
      const load = await createSqlEntityRepo(tx, ENTITY_SPECS.actors, systemClock).openBulkLoad();
      await load.write([buildActor({ id: 'owner' })]);
      await load.finish();
    });
    expect(await moved()).toEqual(['actors']);
    await repos.entity('needs').upsertMany([buildNeed({ id: 'n1', ownerId: 'owner' })]);
    expect(await moved()).toEqual(['needs']);
    const stored = await repos.entity('needs').get('n1');
    const counts = await repos.counts();
    await repos
      .entity('needs')
      .upsertMany([{ ...stored?.record, confidentiality: 'confidential' }]);
    expect(await repos.counts()).toEqual(counts);
    expect(await moved()).toEqual(['needs']);
    await expect(
      repos.transaction(async (tx) => {
        await tx.entity('needs').upsertMany([{ ...stored?.record, title: 'rolled back' }]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await moved()).toEqual([]);
    await repos.entity('needs').delete('n1');
    expect(await moved()).toEqual(['needs']);
    await repos.entity('actors').delete('owner');
    // PostgreSQL's cascade to the actor's relations runs a statement there too (no row changed).
    expect(await moved()).toEqual(kind.name === 'postgres' ? ['actors', 'relations'] : ['actors']);
  });

  it('stay the same when the change log is folded (PostgreSQL) or read many times', async () => {
    db = await kind.open();
    const { repos } = db;
    for (let i = 0; i < 1005; i++)
      await db.client.run(
        kind.name === 'postgres'
          ? "INSERT INTO data_changes (name) VALUES ('needs')"
          : "UPDATE data_version SET version = version + 1 WHERE name = 'needs'",
      );
    await repos.entity('actors').upsertMany([buildActor({ id: 'a' })]);
    const versions = await repos.dataVersions();
    expect(await repos.dataVersions()).toEqual(versions);
    expect(await repos.dataVersions()).toEqual(versions);
    if (kind.name === 'postgres') {
      // Folded: one row per table that ever changed (needs, actors, and what migrations seeded).
      const [row] = await db.client.all<{ n: number | string; tables: number | string }>(
        'SELECT count(*) AS n, count(DISTINCT name) AS tables FROM data_changes',
      );
      expect(Number(row?.n)).toBeLessThan(10);
      expect(Number(row?.n)).toBe(Number(row?.tables));
    }
    await repos.entity('actors').upsertMany([buildActor({ id: 'b' })]);
    const after = await repos.dataVersions();
    expect(after['actors']).not.toBe(versions['actors']);
    expect(after['needs']).toBe(versions['needs']);
  });
});
