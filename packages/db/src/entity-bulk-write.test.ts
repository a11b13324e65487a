import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '#core/entities/actor.ts';
import { ENTITY_SPECS } from '#core/entities/registry.ts';
import type { Clock } from '#core/ports.ts';
import { buildActor } from '#test/factories.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { createSqlEntityRepo } from './entity-repo.ts';
import type { Database } from './open-database.ts';

const clock: Clock = { now: () => new Date('2026-12-05T09:00:00.000Z') };

/** A filled table, then a batch as a 差分 brings it: renamed, closed, new and untouched actors. */
const STORED: Actor[] = Array.from({ length: 40 }, (_, i) =>
  buildActor({
    id: `a${String(i).padStart(2, '0')}`,
    name: `既存工業${i}株式会社`,
    ...(i % 3 === 0 ? { nameKana: `キゾンコウギョウ${i}` } : {}),
    corporateNumber: String(1_000_000_000_000 + i),
  }),
);
const CHANGES: Actor[] = [
  ...STORED.filter((_, i) => i % 4 === 1).map((a, i) => ({
    ...a,
    name: `改称後精機${i}合同会社`,
    nameEn: `Renamed Seiki ${i}`,
  })),
  ...STORED.filter((_, i) => i % 7 === 2 && i % 4 !== 1).map((a) => ({
    ...a,
    closedOn: '2026-11-30',
  })),
  ...Array.from({ length: 25 }, (_, i) =>
    buildActor({
      id: `n${String(i).padStart(2, '0')}`,
      name: `新設電機${i}株式会社`,
      corporateNumber: String(2_000_000_000_000 + i),
    }),
  ),
];

/** Everything the engine keeps of the actors: rows (with SQLite's rowids), search rows, triggers, indexes. */
async function storedForm(db: Database): Promise<Record<string, unknown[]>> {
  const { client } = db;
  if (client.dialect === 'sqlite') {
    return {
      rows: await client.all('SELECT rowid AS row_id, * FROM actors ORDER BY id'),
      search: await client.all('SELECT rowid AS row_id, * FROM actors_search ORDER BY rowid'),
      schema: await client.all(
        "SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ('actors', 'actors_search') ORDER BY name",
      ),
    };
  }
  return {
    rows: await client.all('SELECT * FROM actors ORDER BY id'),
    schema: await client.all(
      "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'actors' ORDER BY indexname",
    ),
  };
}

async function searchIds(db: Database, q: string): Promise<string[]> {
  const page = await db.repos.entity('actors').list({ limit: 100, q });
  return page.items.map((r) => String(r['id']));
}

describe.each(TEST_DATABASES)('bulk load into a filled table on $name', (kind) => {
  const open: Database[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) await db.close();
  });

  async function filled(): Promise<Database> {
    const db = await kind.open(clock);
    open.push(db);
    await db.repos.entity('actors').upsertMany(STORED);
    return db;
  }

  it('stores the same rows and search index as upserts, byte for byte', async () => {
    const upserted = await filled();
    await upserted.client.transaction(async (tx) => {
      await createSqlEntityRepo(tx, ENTITY_SPECS.actors, clock).upsertMany(CHANGES);
    });
    const loaded = await filled();
    const versionBefore = (await loaded.repos.dataVersions())['actors'];
    await loaded.client.transaction(async (tx) => {
      const load = await createSqlEntityRepo(tx, ENTITY_SPECS.actors, clock).openBulkLoad();
      await load.write(CHANGES.slice(0, 13));
      await load.write(CHANGES.slice(13));
      expect(await load.finish()).toBe(CHANGES.length);
    });
    expect(await storedForm(loaded)).toEqual(await storedForm(upserted));
    expect((await loaded.repos.dataVersions())['actors']).not.toBe(versionBefore);
    // What the search answers: new names found, old names gone, untouched rows still there.
    expect(await searchIds(loaded, '改称後精機')).toHaveLength(10);
    const finalNames = new Map([...STORED, ...CHANGES].map((a) => [a.id, a.name]));
    expect(await searchIds(loaded, '既存工業1')).toEqual(
      [...finalNames].filter(([, name]) => name.includes('既存工業1')).map(([id]) => id),
    );
    expect(await searchIds(loaded, '既存工業1')).toHaveLength(8);
    expect(await searchIds(loaded, 'Seiki 3')).toEqual(['a13']);
    expect(await searchIds(loaded, '新設電機2')).toHaveLength(6);
    // The triggers are back: a write after the load is indexed.
    await loaded.repos.entity('actors').upsertMany([{ ...STORED[0], name: '後日改称商事' }]);
    expect(await searchIds(loaded, '後日改称')).toEqual(['a00']);
    expect(await searchIds(loaded, '既存工業0株式')).toEqual([]);
  });

  it('leaves rows, search index and triggers as they were when the load fails', async () => {
    const db = await filled();
    const before = await storedForm(db);
    await expect(
      db.client.transaction(async (tx) => {
        const load = await createSqlEntityRepo(tx, ENTITY_SPECS.actors, clock).openBulkLoad();
        await load.write(CHANGES);
        await load.finish();
        throw new Error('broken off after the load');
      }),
    ).rejects.toThrow('broken off');
    await expect(
      db.client.transaction(async (tx) => {
        const load = await createSqlEntityRepo(tx, ENTITY_SPECS.actors, clock).openBulkLoad();
        await load.write(CHANGES.slice(0, 5));
        throw new Error('broken off mid-load');
      }),
    ).rejects.toThrow('broken off');
    expect(await storedForm(db)).toEqual(before);
    expect(await searchIds(db, '改称後')).toEqual([]);
    await db.repos.entity('actors').upsertMany([{ ...STORED[1], name: '後日改称商事' }]);
    expect(await searchIds(db, '後日改称')).toEqual(['a01']);
  });
});

describe.each(TEST_DATABASES)('bulk load into an empty table on $name', (kind) => {
  const open: Database[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) await db.close();
  });
  const tie = (source: string, target: string) => ({
    id: `${source}>${target}:mou@`,
    sourceId: source,
    targetId: target,
    type: 'mou',
    weight: 1,
  });

  it('keeps the foreign keys of the table it fills (checked for the load, in force after it) and its statistics', async () => {
    const db = await kind.open(clock);
    open.push(db);
    await db.repos.entity('actors').upsertMany(STORED.slice(0, 3));
    const loadRelations = (ties: ReturnType<typeof tie>[]) =>
      db.client.transaction(async (tx) => {
        const load = await createSqlEntityRepo(tx, ENTITY_SPECS.relations, clock).openBulkLoad();
        await load.write(ties);
        return load.finish();
      });
    await expect(loadRelations([tie('a00', 'a01'), tie('a01', 'ghost')])).rejects.toThrow(
      /foreign key/i,
    );
    expect(await db.repos.entity('relations').count()).toBe(0);
    expect(await loadRelations([tie('a00', 'a01'), tie('a01', 'a02')])).toBe(2);
    if (db.client.dialect === 'postgres') {
      // Statistics for the planner right after the load (lookups by value use the indexes).
      const [stats] = await db.client.all<{ columns: number }>(
        "SELECT count(*)::int AS columns FROM pg_stats WHERE tablename = 'relations' AND schemaname = current_schema()",
      );
      expect(stats?.columns).toBeGreaterThan(0);
    }
    await expect(db.repos.entity('relations').upsertMany([tie('a02', 'ghost')])).rejects.toThrow(
      /foreign key/i,
    );
    expect(await db.repos.entity('relations').count()).toBe(2);
  });
});
