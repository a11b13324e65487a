import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '#core/entities/actor.ts';
import { parseSort } from '#core/list-sort.ts';
import { ENTITY_SPECS } from '#core/entities/registry.ts';
import { systemClock, type EntityRepo, type ListQuery, type StoredRecord } from '#core/ports.ts';
import { buildActor, buildRelation, buildSeed } from '#test/factories.ts';
import { sqliteTestDatabase, TEST_DATABASES } from '#test/test-databases.ts';
import { createSqlEntityRepo } from './entity-repo.ts';
import { adminQuery, withDatabase } from './pg-admin.ts';
import { migrate, MIGRATIONS } from './migrations.ts';
import { openDatabase, type Database } from './open-database.ts';
import { createSqlRepositories } from './repositories.ts';
import { repairSearchIndexes, SEARCH_COLUMNS, searchTriggersSql } from './search-index.ts';
import type { SqlClient } from './sql-client.ts';
import { createSqliteClient } from './sqlite-client.ts';

const NAMES: [string, Partial<Actor>][] = [
  ['東京大学', { nameEn: 'The University of Tokyo', nameKana: 'トウキョウダイガク' }],
  ['京都大学大学院', { nameEn: 'Kyoto University Graduate School' }],
  ['大阪府', {}],
  ['排水処理研究所', { nameEn: 'Wastewater Lab' }],
  ['株式会社排水', {}],
  ['水', {}],
  ['学', { nameKana: 'ガク' }],
  ['100%_大学', {}],
  ['UNIVERSITY HOSPITAL', {}],
  ['ｕｎｉｖ全角', {}],
  ['"引用"の会社', {}],
  ['東京大学病院', { nameEn: 'University of Tokyo Hospital' }],
];

/** What `?q=` means: a substring of a search column, ASCII letters in either case. */
function contains(record: StoredRecord, q: string): boolean {
  const fold = (text: string) => text.replace(/[A-Z]/g, (ch) => ch.toLowerCase());
  return ['name', 'nameEn', 'nameKana'].some((field) => {
    const value = record[field];
    return typeof value === 'string' && fold(value).includes(fold(q));
  });
}

async function listAll(repo: EntityRepo, query: Omit<ListQuery, 'cursor'>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await repo.list({ ...query, ...(cursor === undefined ? {} : { cursor }) });
    ids.push(...page.items.map((r) => String(r['id'])));
    if (page.nextCursor === undefined) return ids;
    cursor = page.nextCursor;
  }
  throw new Error('too many pages');
}

describe.each(TEST_DATABASES)('text search on $name', (kind) => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  async function withActors(extra: Actor[] = []) {
    db = await kind.open();
    const actors = NAMES.map(([name, rest], i) =>
      buildActor({ id: `a${String(i).padStart(2, '0')}`, name, ...rest }),
    );
    await db.repos.entity('actors').upsertMany([...actors, ...extra]);
    return { repo: db.repos.entity('actors'), actors: [...actors, ...extra] };
  }

  it.each([
    ['大学'],
    ['学'],
    ['水'],
    ['排水'],
    ['東京大学'],
    ['大学院'],
    ['univ'],
    ['UNIV'],
    ['Uni'],
    ['ガク'],
    ['%_'],
    ['"'],
    ['"引用"'],
    ['ｕｎｉｖ'],
    ['ｕ'],
    ['of Tokyo'],
    ['存在しない'],
    ['x'],
  ])('finds exactly the records containing %s, in order, over pages', async (q) => {
    const { repo, actors } = await withActors();
    const expected = actors
      .filter((a) => contains(a, q))
      .map((a) => a.id)
      .sort();
    expect(await listAll(repo, { limit: 2, q })).toEqual(expected);
    expect(await listAll(repo, { limit: 50, q })).toEqual(expected);
  });

  it('searches sorted lists the same way (1, 2 and more characters)', async () => {
    const { repo, actors } = await withActors();
    const sort = parseSort('-name', ['name']);
    for (const q of ['学', '大学', '大学院', 'univ']) {
      const expected = actors
        .filter((a) => contains(a, q))
        .sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : a.id < b.id ? 1 : -1))
        .map((a) => a.id);
      expect(await listAll(repo, { limit: 2, q, ...(sort ? { sort } : {}) })).toEqual(expected);
    }
  });

  it('gives the same answer when matches are too common for the index (the scan) and when rare', async () => {
    const common = Array.from({ length: 2100 }, (_, i) =>
      buildActor({ id: `c${String(i).padStart(4, '0')}`, name: `株式会社サンプル${i}` }),
    );
    const { repo, actors } = await withActors(common);
    for (const q of ['株式会社', '株式', '株', 'サンプル20', '大学']) {
      const expected = actors
        .filter((a) => contains(a, q))
        .map((a) => a.id)
        .sort();
      const first = await repo.list({ limit: 20, q });
      expect(first.items.map((r) => r['id'])).toEqual(expected.slice(0, 20));
      if (expected.length > 20) {
        const second = await repo.list({ limit: 20, q, cursor: String(first.nextCursor) });
        expect(second.items.map((r) => r['id'])).toEqual(expected.slice(20, 40));
      }
    }
  });

  it('gives the same pages when many candidates sit early, late or in between in key order', async () => {
    const rows = [
      ...Array.from({ length: 150 }, (_, i) =>
        buildActor({ id: `b${String(i).padStart(4, '0')}`, name: `共同研究所${i}` }),
      ),
      ...Array.from({ length: 900 }, (_, i) =>
        buildActor({ id: `d${String(i).padStart(4, '0')}`, name: `商店${i}` }),
      ),
      ...Array.from({ length: 300 }, (_, i) =>
        buildActor({
          id: `f${String(i).padStart(4, '0')}`,
          name: i % 3 ? `研究所${i}` : `工房${i}`,
        }),
      ),
    ];
    const { repo, actors } = await withActors(rows);
    for (const q of ['研究', '研', '究所', '商店', '工房']) {
      const expected = actors
        .filter((a) => contains(a, q))
        .map((a) => a.id)
        .sort();
      expect(await listAll(repo, { limit: 20, q }), q).toEqual(expected);
    }
  });

  it("keeps each database's case rules: ASCII on SQLite (LIKE), every letter on PostgreSQL (ILIKE)", async () => {
    db = await kind.open();
    const repo = db.repos.entity('actors');
    await repo.upsertMany([
      buildActor({ id: 'w1', name: 'Ｕｎｉｖ大学' }),
      buildActor({ id: 'w2', name: 'ÉCOLE centrale' }),
    ]);
    const caseFolded = kind.name === 'postgres';
    for (const [q, id] of [
      ['ｕ', 'w1'],
      ['ｕｎ', 'w1'],
      ['ｕｎｉ', 'w1'],
      ['é', 'w2'],
      ['éc', 'w2'],
    ] as const)
      expect(await listAll(repo, { limit: 10, q }), q).toEqual(caseFolded ? [id] : []);
    for (const q of ['Ｕ', 'Ｕｎｉｖ大', 'É', 'ÉCOLE', 'CE', 'c', 'Cent'])
      expect(await listAll(repo, { limit: 10, q }), q).toEqual(
        q.startsWith('Ｕ') ? ['w1'] : ['w2'],
      );
  });

  it('follows inserts, renames, deletes and cascades', async () => {
    const { repo } = await withActors();
    await repo.upsertMany([buildActor({ id: 'new', name: '新潟排水大学' })]);
    expect(await listAll(repo, { limit: 50, q: '潟排' })).toEqual(['new']);
    await repo.upsertMany([buildActor({ id: 'new', name: '新潟工業会社' })]);
    expect(await listAll(repo, { limit: 50, q: '潟排' })).toEqual([]);
    expect(await listAll(repo, { limit: 50, q: '工業会' })).toEqual(['new']);
    await repo.delete('new');
    expect(await listAll(repo, { limit: 50, q: '工業' })).toEqual([]);

    const relations = db?.repos.entity('relations');
    if (!relations) throw new Error('no database');
    await relations.upsertMany([
      buildRelation({ sourceId: 'a00', targetId: 'a01', note: '共同研究の覚書' }),
    ]);
    expect(await relations.list({ limit: 10, q: '覚書' })).toMatchObject({ items: [{}] });
    await repo.delete('a00');
    expect((await relations.list({ limit: 10, q: '覚書' })).items).toEqual([]);
  });

  it('indexes what a bulk load writes into an empty table, and what is written after it', async () => {
    db = await kind.open();
    const { repos } = db;
    await db.client.transaction(async (tx) => {
      const load = await createSqlEntityRepo(tx, ENTITY_SPECS.actors, systemClock).openBulkLoad();
      await load.write([
        buildActor({ id: 'b1', name: '北海道大学' }),
        buildActor({ id: 'b2', name: '北見工業大学' }),
      ]);
      await load.finish();
    });
    const repo = repos.entity('actors');
    expect(await listAll(repo, { limit: 10, q: '大学' })).toEqual(['b1', 'b2']);
    expect(await listAll(repo, { limit: 10, q: '北海道' })).toEqual(['b1']);
    await repo.upsertMany([buildActor({ id: 'b3', name: '帯広畜産大学' })]);
    expect(await listAll(repo, { limit: 10, q: '畜' })).toEqual(['b3']);
  });

  it('searches seeds over title and abstract', async () => {
    db = await kind.open();
    const owner = buildActor({ id: 'o' });
    await db.repos.entity('actors').upsertMany([owner]);
    await db.repos.entity('seeds').upsertMany([
      buildSeed({
        id: 's1',
        ownerId: 'o',
        title: 'めっき排水の銅回収',
        abstract: '電解で回収する',
      }),
      buildSeed({ id: 's2', ownerId: 'o', title: '農業用水', abstract: '排水路の管理' }),
      buildSeed({ id: 's3', ownerId: 'o', title: '画像解析', abstract: '深層学習' }),
    ]);
    const seeds = db.repos.entity('seeds');
    expect(await listAll(seeds, { limit: 10, q: '排水' })).toEqual(['s1', 's2']);
    expect(await listAll(seeds, { limit: 10, q: '回収' })).toEqual(['s1']);
    expect(await listAll(seeds, { limit: 10, q: '水' })).toEqual(['s1', 's2']);
    expect(await listAll(seeds, { limit: 10, q: '深層学習' })).toEqual(['s3']);
  });
});

describe.each(TEST_DATABASES)('migration 8 on $name', (kind) => {
  it('indexes the rows already in a database of version 7', async () => {
    let client: SqlClient;
    let cleanup: () => Promise<void>;
    if (kind.name === 'sqlite') {
      const target = await kind.freshTarget();
      client = createSqliteClient(`${target}.v7.sqlite`);
      cleanup = () => client.close();
    } else {
      const url = process.env['TEST_DATABASE_URL'] ?? process.env['DATABASE_URL'] ?? '';
      const name = `musubi_v7_${process.pid}_${Date.now().toString(36)}`;
      await adminQuery(url, `CREATE DATABASE ${name}`);
      const { createPgClient } = await import('./pg-client.ts');
      client = createPgClient(withDatabase(url, name));
      cleanup = async () => {
        await client.close();
        await adminQuery(url, `DROP DATABASE ${name}`);
      };
    }
    try {
      await migrate(
        client,
        MIGRATIONS.filter((m) => m.version <= 7),
      );
      // Rows as version 7 stored them (today's repository knows columns later migrations add).
      for (const actor of [
        buildActor({ id: 'm1', name: '名古屋大学' }),
        buildActor({ id: 'm2', name: '名城' }),
      ]) {
        await client.run(
          'INSERT INTO actors (id, kind, sector, name, prefecture_code, flags, keywords, version, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)',
          [
            actor.id,
            actor.kind,
            actor.sector,
            actor.name,
            actor.prefectureCode ?? null,
            '[]',
            '[]',
            '2026-04-01T00:00:00Z',
          ],
        );
      }
      expect(
        await migrate(
          client,
          MIGRATIONS.filter((m) => m.version <= 8),
        ),
      ).toEqual([8]);
      await migrate(client);
      const before = createSqlRepositories(client, { now: () => new Date('2026-04-01T00:00:00Z') });
      const repo = before.entity('actors');
      expect(await listAll(repo, { limit: 10, q: '名古屋' })).toEqual(['m1']);
      expect(await listAll(repo, { limit: 10, q: '名' })).toEqual(['m1', 'm2']);
      expect(await listAll(repo, { limit: 10, q: '城' })).toEqual(['m2']);
    } finally {
      await cleanup();
    }
  });
});

describe('SQLite search tables and rowids', () => {
  const actors = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      buildActor({ id: `v${String(i).padStart(2, '0')}`, name: `第${i}排水研究所` }),
    );

  it('keeps search right through deletes and VACUUM', async () => {
    const target = await sqliteTestDatabase.freshTarget();
    const db = await openDatabase(target);
    try {
      const repo = db.repos.entity('actors');
      await repo.upsertMany(actors(12));
      for (const id of ['v01', 'v04', 'v05']) await repo.delete(id);
      await db.client.exec('VACUUM');
      expect(await repairSearchIndexes(db.client)).toEqual([]);
      expect(await listAll(repo, { limit: 50, q: '11排' })).toEqual(['v11']);
      await repo.delete('v11');
      await repo.upsertMany([buildActor({ id: 'v10', name: '改名した会社' })]);
      expect(await listAll(repo, { limit: 50, q: '排水' })).toHaveLength(7);
      expect(await listAll(repo, { limit: 50, q: '改名' })).toEqual(['v10']);
    } finally {
      await db.close();
    }
  });

  it('refills a search table at open when its rowids no longer match its table', async () => {
    const target = await sqliteTestDatabase.freshTarget();
    let db = await openDatabase(target);
    await db.repos.entity('actors').upsertMany(actors(6));
    // A copy that numbered the rows anew: rowids move, the search table does not follow.
    const update = searchTriggersSql('actors', SEARCH_COLUMNS['actors'] ?? [])[2] ?? '';
    await db.client.exec('DROP TRIGGER actors_search_update');
    await db.client.exec('UPDATE actors SET rowid = rowid + 1000');
    await db.client.exec(update);
    expect(await listAll(db.repos.entity('actors'), { limit: 50, q: '排水' })).toEqual([]);
    await db.close();

    db = await openDatabase(target);
    try {
      const repo = db.repos.entity('actors');
      expect(await listAll(repo, { limit: 50, q: '排水' })).toEqual(actors(6).map((a) => a.id));
      await repo.delete('v03');
      expect(await listAll(repo, { limit: 50, q: '3排' })).toEqual([]);
      expect(await listAll(repo, { limit: 50, q: '4排' })).toEqual(['v04']);
      expect(await repairSearchIndexes(db.client)).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
