import { afterEach, describe, expect, it } from 'vitest';
import { ENTITY_NAMES, ENTITY_SPECS } from '#core/entities/registry.ts';
import type { ListQuery } from '#core/ports.ts';
import type { Database } from './open-database.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { buildActor, buildNeed, buildRelation, buildSeed } from '#test/factories.ts';

describe.each(TEST_DATABASES)('repositories on $name', (kind) => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });
  async function open(): Promise<Database> {
    db = await kind.open({ now: () => new Date('2026-04-01T00:00:00Z') });
    return db;
  }

  it('has a table with every column of every entity spec (no drift between migrations and specs)', async () => {
    const { client } = await open();
    for (const name of ENTITY_NAMES) {
      const spec = ENTITY_SPECS[name];
      const rows = await client.all(`SELECT * FROM ${spec.table} LIMIT 0`);
      expect(rows).toEqual([]);
      const probe = spec.columns.map((c) => `"${c.column}"`).join(', ');
      await expect(client.all(`SELECT ${probe} FROM ${spec.table} LIMIT 0`)).resolves.toEqual([]);
    }
  });

  it('upserts by identity, bumps the version and reads records back unchanged', async () => {
    const { repos } = await open();
    const actor = buildActor({
      id: 'u-1',
      sector: 'university',
      flags: ['star_scientist'],
      keywords: ['希少糖'],
      lat: 34.3,
      lon: 134.0,
    });
    await repos.entity('actors').upsertMany([actor]);
    const first = await repos.entity('actors').get('u-1');
    expect(first?.record).toEqual(actor);
    expect(first?.version).toBe(1);
    await repos.entity('actors').upsertMany([{ ...actor, name: '香川大学' }]);
    const second = await repos.entity('actors').get('u-1');
    expect(second?.record['name']).toBe('香川大学');
    expect(second?.version).toBe(2);
    expect(await repos.entity('actors').count()).toBe(1);
  });

  it('keeps booleans, numbers and nested lists intact', async () => {
    const { repos } = await open();
    const owner = buildActor();
    await repos.entity('actors').upsertMany([owner]);
    const seed = buildSeed({ ownerId: owner.id, available: false, trl: 4, sdgs: [6, 12] });
    await repos.entity('seeds').upsertMany([seed]);
    expect((await repos.entity('seeds').get(seed.id))?.record).toEqual(seed);
  });

  it('pages with a cursor, filters, and searches text with LIKE metacharacters taken literally', async () => {
    const { repos } = await open();
    const actors = Array.from({ length: 25 }, (_, i) =>
      buildActor({
        id: `a${String(i).padStart(2, '0')}`,
        prefectureCode: i % 2 ? '13' : '27',
        name: i === 7 ? '100%_大学' : `会社${i}`,
      }),
    );
    await repos.entity('actors').upsertMany(actors);
    const page1 = await repos.entity('actors').list({ limit: 10 });
    expect(page1.items).toHaveLength(10);
    expect(page1.nextCursor).toBe('a09');
    const page3 = await repos.entity('actors').list({ limit: 10, cursor: 'a19' });
    expect(page3.items.map((a) => a['id'])).toEqual(['a20', 'a21', 'a22', 'a23', 'a24']);
    expect(page3.nextCursor).toBeUndefined();
    expect(await repos.entity('actors').count({ prefectureCode: '27' })).toBe(13);
    const found = await repos.entity('actors').list({ limit: 10, q: '%_' });
    expect(found.items.map((a) => a['id'])).toEqual(['a07']);
  });

  it('filters needs by confidentiality', async () => {
    const { repos } = await open();
    const owner = buildActor();
    await repos.entity('actors').upsertMany([owner]);
    await repos
      .entity('needs')
      .upsertMany([
        buildNeed({ id: 'n1', ownerId: owner.id, confidentiality: 'public' }),
        buildNeed({ id: 'n2', ownerId: owner.id, confidentiality: 'confidential' }),
      ]);
    const visible = await repos.entity('needs').list({ limit: 10, confidentialityIn: ['public'] });
    expect(visible.items.map((n) => n['id'])).toEqual(['n1']);
  });

  it('lists the confidential needs of an owner or among given keys, and no others', async () => {
    const { repos } = await open();
    await repos.entity('actors').upsertMany([buildActor({ id: 'o1' }), buildActor({ id: 'o2' })]);
    await repos
      .entity('needs')
      .upsertMany([
        buildNeed({ id: 'n1', ownerId: 'o2', confidentiality: 'public' }),
        buildNeed({ id: 'n2', ownerId: 'o2', confidentiality: 'members' }),
        buildNeed({ id: 'n3', ownerId: 'o1', confidentiality: 'confidential' }),
        buildNeed({ id: 'n4', ownerId: 'o2', confidentiality: 'confidential' }),
        buildNeed({ id: 'n5', ownerId: 'o2', confidentiality: 'confidential' }),
      ]);
    const ids = async (query: Omit<ListQuery, 'limit'>) =>
      (await repos.entity('needs').list({ limit: 10, ...query })).items.map((n) => n['id']);
    const levels = ['public', 'members'];
    expect(await ids({ confidentialityIn: levels })).toEqual(['n1', 'n2']);
    expect(
      await ids({ confidentialityIn: levels, confidentialAlso: { ownerId: 'o1', keys: [] } }),
    ).toEqual(['n1', 'n2', 'n3']);
    expect(
      await ids({ confidentialityIn: levels, confidentialAlso: { keys: ['n5', 'n2', 'nx'] } }),
    ).toEqual(['n1', 'n2', 'n5']);
    expect(
      await ids({
        confidentialityIn: ['public'],
        confidentialAlso: { ownerId: 'o1', keys: ['n4', 'n1'] },
      }),
    ).toEqual(['n1', 'n3', 'n4']);
    expect(await ids({ confidentialityIn: [], confidentialAlso: { keys: ['n1'] } })).toEqual([]);
  });

  it('derives relation identity and cascades relations when an actor is deleted', async () => {
    const { repos } = await open();
    const [a, b] = [buildActor({ id: 'a' }), buildActor({ id: 'b' })];
    await repos.entity('actors').upsertMany([a, b]);
    const relation = buildRelation({ sourceId: 'a', targetId: 'b', startDate: '2020-04-01' });
    await repos.entity('relations').upsertMany([relation, { ...relation, weight: 3 }]);
    expect(await repos.entity('relations').count()).toBe(1);
    expect(
      (await repos.entity('relations').get('a>b:joint_research@2020-04-01'))?.record['weight'],
    ).toBe(3);
    await repos.entity('actors').delete('a');
    expect(await repos.entity('relations').count()).toBe(0);
  });

  it('rolls a transaction back entirely when it fails', async () => {
    const { repos } = await open();
    await expect(
      repos.transaction(async (tx) => {
        await tx.entity('actors').upsertMany([buildActor({ id: 'x' })]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await repos.entity('actors').count()).toBe(0);
  });

  it('counts every entity and the distinct prefectures of actors', async () => {
    const { repos } = await open();
    await repos
      .entity('actors')
      .upsertMany([
        buildActor({ prefectureCode: '01' }),
        buildActor({ prefectureCode: '01' }),
        buildActor({ prefectureCode: '47' }),
      ]);
    const counts = await repos.counts();
    expect(counts.actors).toBe(3);
    expect(counts.prefectures).toBe(2);
    expect(counts.relations).toBe(0);
    expect(Object.keys(counts).sort()).toEqual([...ENTITY_NAMES, 'prefectures'].sort());
  });

  it('iterates all records in key order in batches', async () => {
    const { repos } = await open();
    await repos
      .entity('actors')
      .upsertMany(Array.from({ length: 7 }, (_, i) => buildActor({ id: `k${i}` })));
    const batches: string[][] = [];
    for await (const batch of repos.entity('actors').iterate(3))
      batches.push(batch.map((r) => String(r['id'])));
    expect(batches).toEqual([['k0', 'k1', 'k2'], ['k3', 'k4', 'k5'], ['k6']]);
    expect(await repos.entity('actors').findExisting(['k1', 'zz', 'k6'])).toEqual(
      new Set(['k1', 'k6']),
    );
  });

  it('iterates, in key order and batches, only the records whose field is empty', async () => {
    const { repos } = await open();
    await repos.entity('actors').upsertMany(
      Array.from({ length: 7 }, (_, i) =>
        buildActor({
          id: `w${i}`,
          ...(i % 3 === 0 ? { corporateNumber: `${7010001000000 + i}` } : {}),
        }),
      ),
    );
    const batches: string[][] = [];
    for await (const batch of repos.entity('actors').iterateWithout('corporateNumber', 2))
      batches.push(batch.map((r) => String(r['id'])));
    expect(batches).toEqual([
      ['w1', 'w2'],
      ['w4', 'w5'],
    ]);
  });

  it('reads many records by key in one call, each as `get` gives it, missing keys left out', async () => {
    const { repos } = await open();
    const actors = repos.entity('actors');
    await actors.upsertMany(Array.from({ length: 4 }, (_, i) => buildActor({ id: `m${i}` })));
    await actors.upsertMany([buildActor({ id: 'm2', name: '二度目' })]);
    const found = await actors.getMany(['m2', 'nope', 'm0', 'm2', 'it\'s "quoted"']);
    expect([...found.keys()].sort()).toEqual(['m0', 'm2']);
    expect(found.get('m2')).toEqual(await actors.get('m2'));
    expect(found.get('m2')?.version).toBe(2);
    expect(found.get('m0')).toEqual(await actors.get('m0'));
    expect(await actors.getMany([])).toEqual(new Map());
  });

  it('stores analysis runs and lists them newest first without their results', async () => {
    const { repos } = await open();
    for (const [id, createdAt] of [
      ['r1', '2024-04-01T00:00:00Z'],
      ['r2', '2025-04-01T00:00:00Z'],
    ] as const) {
      await repos.analysisRuns.save({
        id,
        kind: 'communities',
        parameters: { seed: 1 },
        summary: { modularity: 0.8 },
        result: { communities: [{ id: 'c1', members: ['a'] }] },
        createdAt,
      });
    }
    const list = await repos.analysisRuns.list('communities');
    expect(list.map((r) => r.id)).toEqual(['r2', 'r1']);
    expect(list[0]).not.toHaveProperty('result');
    expect((await repos.analysisRuns.get('r1'))?.result).toEqual({
      communities: [{ id: 'c1', members: ['a'] }],
    });
    expect(await repos.analysisRuns.get('nope')).toBeUndefined();
  });
});
