import { serialize } from 'node:v8';
import { afterEach, describe, expect, it } from 'vitest';
import { buildActorGraphFromColumns } from '#analytics/abc/actor-graph.ts';
import type { CompactNetwork } from '#core/network-columns.ts';
import { RELATION_TYPES } from '#core/vocabulary.ts';
import { buildActor, buildRelation } from '#test/factories.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import {
  networkFingerprint,
  readNetworkSnapshot,
  writeNetworkSnapshot,
} from './graph-snapshot-store.ts';
import { TABLES_NOT_BACKED_UP } from './backup-store.ts';
import { readCompactNetwork } from './network-reader.ts';
import type { Database } from './open-database.ts';

function smallNetwork() {
  const actors = Array.from({ length: 30 }, (_, i) =>
    buildActor({
      id: `a${String(i).padStart(2, '0')}`,
      name: `主体${i}`,
      ...(i % 3 === 0 ? { nameEn: `Actor ${i}` } : {}),
      ...(i % 4 === 1 ? { field: '材料' } : {}),
      flags: i % 5 === 0 ? ['startup'] : [],
      prefectureCode: String(1 + (i % 5)).padStart(2, '0'),
      ...(i % 2 === 0 ? { foundedYear: 1980 + i } : {}),
      ...(i % 3 === 1 ? { papers: 10 + i, citations: 100 + i, careerStartYear: 1990 + i } : {}),
      ...(i % 4 === 0 ? { inRegionProcurementShare: 0.5, growthRate: 0.05, source: 'demo' } : {}),
    }),
  );
  const relations = Array.from({ length: 80 }, (_, r) =>
    buildRelation({
      sourceId: `a${String(r % 30).padStart(2, '0')}`,
      targetId: `a${String((r * 7 + 3) % 30).padStart(2, '0')}`,
      type: RELATION_TYPES[r % RELATION_TYPES.length] ?? 'mou',
      weight: 1 + (r % 4) / 2,
      ...(r % 3 === 0 ? { startDate: `20${String(10 + (r % 9))}-04-01` } : {}),
      ...(r % 4 === 0 ? { endDate: '2030-03-31' } : {}),
      ...(r % 2 === 0 ? { source: 'demo' } : {}),
    }),
  ).filter((r) => r.sourceId !== r.targetId);
  return { actors, relations };
}

/** Everything the analyses read, as plain values (typed arrays as lists). */
function plain(network: CompactNetwork) {
  const { relations } = network;
  return {
    actors: network.actors,
    relations: {
      count: relations.count,
      source: Array.from(relations.source),
      target: Array.from(relations.target),
      type: Array.from(relations.type),
      weight: Array.from(relations.weight),
      startDay: Array.from(relations.startDay),
      endDay: Array.from(relations.endDay),
      generated: Array.from(relations.generated),
    },
  };
}

describe.each(TEST_DATABASES)('the stored network snapshot (issue 16) on $name', (kind) => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it('is stored by a read, read back as the same network and graph as the rows give', async () => {
    db = await kind.open();
    const { actors, relations } = smallNetwork();
    await db.repos.entity('actors').upsertMany(actors);
    await db.repos.entity('relations').upsertMany(relations);
    const fingerprint = await networkFingerprint(db.client);
    expect(await readNetworkSnapshot(db.client, fingerprint)).toBeUndefined();

    const first = await db.repos.network.readCompact();
    const stored = await readNetworkSnapshot(db.client, fingerprint);
    expect(stored).toBeDefined();
    const fromRows = await readCompactNetwork(db.client);
    expect(plain(first)).toEqual(plain(fromRows));
    const second = await db.repos.network.readCompact();
    expect(plain(second)).toEqual(plain(fromRows));
    expect(second.relations.count).toBe(relations.length);
    expect(second.actors.find((a) => a.id === 'a03')?.nameEn).toBe('Actor 3');

    const options = { asOf: '2025-04-01' };
    const fromSnapshot = buildActorGraphFromColumns(second.actors, second.relations, options);
    const direct = buildActorGraphFromColumns(fromRows.actors, fromRows.relations, options);
    expect(fromSnapshot.actors.map((a) => a.id)).toEqual(direct.actors.map((a) => a.id));
    expect(Array.from(fromSnapshot.graph.offsets)).toEqual(Array.from(direct.graph.offsets));
    expect(Array.from(fromSnapshot.graph.targets)).toEqual(Array.from(direct.graph.targets));
    expect(Array.from(fromSnapshot.graph.weights)).toEqual(Array.from(direct.graph.weights));
  });

  it('is what a read returns while the versions match (the rows are not read again)', async () => {
    db = await kind.open();
    const { actors, relations } = smallNetwork();
    await db.repos.entity('actors').upsertMany(actors);
    await db.repos.entity('relations').upsertMany(relations);
    const network = await db.repos.network.readCompact();
    const marked = {
      ...network,
      actors: network.actors.map((a, i) => (i === 0 ? { ...a, name: 'snapshot' } : a)),
    };
    await writeNetworkSnapshot(db.client, await networkFingerprint(db.client), marked);
    expect((await db.repos.network.readCompact()).actors[0]?.name).toBe('snapshot');
  });

  it('is stored in many chunks and read back whole, and not at all if one chunk is of other data', async () => {
    db = await kind.open();
    const { actors, relations } = smallNetwork();
    await db.repos.entity('actors').upsertMany(actors);
    await db.repos.entity('relations').upsertMany(relations);
    const network = await readCompactNetwork(db.client);
    const fingerprint = await networkFingerprint(db.client);
    await writeNetworkSnapshot(db.client, fingerprint, network, 1024);
    const [stored] = await db.client.all<{ chunks: number }>(
      'SELECT count(*) AS chunks FROM graph_snapshot_chunks',
    );
    expect(Number(stored?.chunks)).toBeGreaterThan(3);
    expect(plain((await readNetworkSnapshot(db.client, fingerprint)) ?? network)).toEqual(
      plain(network),
    );
    expect(await readNetworkSnapshot(db.client, fingerprint)).toBeDefined();
    await db.client.run("UPDATE graph_snapshot_chunks SET fingerprint = 'other' WHERE chunk = 2");
    expect(await readNetworkSnapshot(db.client, fingerprint)).toBeUndefined();
  });

  it('keeps a network without relations, and reads nothing from a snapshot cut short or run on', async () => {
    db = await kind.open();
    const { actors, relations } = smallNetwork();
    await db.repos.entity('actors').upsertMany(actors);
    const lonely = await readCompactNetwork(db.client);
    expect(lonely.relations.count).toBe(0);
    const fingerprint = await networkFingerprint(db.client);
    await writeNetworkSnapshot(db.client, fingerprint, lonely, 1024);
    expect(plain((await readNetworkSnapshot(db.client, fingerprint)) ?? lonely)).toEqual(
      plain(lonely),
    );
    expect(await readNetworkSnapshot(db.client, fingerprint)).toBeDefined();

    await db.repos.entity('relations').upsertMany(relations);
    const network = await readCompactNetwork(db.client);
    await writeNetworkSnapshot(db.client, fingerprint, network, 1024);
    const [last] = await db.client.all<{ chunk: number }>(
      'SELECT max(chunk) AS chunk FROM graph_snapshot_chunks',
    );
    const lastChunk = Number(last?.chunk);
    expect(await readNetworkSnapshot(db.client, fingerprint)).toBeDefined();
    // One chunk more than the snapshot holds: not this layout's bytes.
    await db.client.run(
      'INSERT INTO graph_snapshot_chunks (name, chunk, fingerprint, data) VALUES (?, ?, ?, ?)',
      ['network', lastChunk + 1, fingerprint, Buffer.from('more').toString('base64')],
    );
    expect(await readNetworkSnapshot(db.client, fingerprint)).toBeUndefined();
    // Its last chunks missing: cut short.
    await db.client.run('DELETE FROM graph_snapshot_chunks WHERE chunk >= ?', [lastChunk]);
    expect(await readNetworkSnapshot(db.client, fingerprint)).toBeUndefined();
  });

  it('is made stale by any actor or relation write, and the next read sees the write', async () => {
    db = await kind.open();
    const { repos } = db;
    const { actors, relations } = smallNetwork();
    await repos.entity('actors').upsertMany(actors);
    await repos.entity('relations').upsertMany(relations);
    await repos.network.readCompact();

    const renamed = await repos.entity('actors').get('a01');
    await repos.entity('actors').upsertMany([{ ...renamed?.record, name: '改名' }]);
    expect((await repos.network.readCompact()).actors[1]?.name).toBe('改名');

    await repos
      .entity('relations')
      .upsertMany([buildRelation({ sourceId: 'a01', targetId: 'a29', type: 'mou', weight: 9 })]);
    const added = await repos.network.readCompact();
    expect(added.relations.count).toBe(relations.length + 1);
    expect(plain(added)).toEqual(plain(await readCompactNetwork(db.client)));

    const tie = (await repos.entity('relations').list({ limit: 1 })).items[0];
    expect(tie).toBeDefined();
    await repos.entity('relations').upsertMany([{ ...tie, weight: 42 }]);
    expect(Array.from((await repos.network.readCompact()).relations.weight)).toContain(42);

    await repos.entity('actors').upsertMany([buildActor({ id: 'a99', name: '新顔' })]);
    const grown = await repos.network.readCompact();
    expect(grown.actors.map((a) => a.id)).toContain('a99');
    expect(plain(grown)).toEqual(plain(await readCompactNetwork(db.client)));
  });

  it('written by an older program (another layout) is read again from the rows, not decoded as this one', async () => {
    db = await kind.open();
    const { actors, relations } = smallNetwork();
    await db.repos.entity('actors').upsertMany(actors);
    await db.repos.entity('relations').upsertMany(relations);
    const fromRows = await readCompactNetwork(db.client);
    expect(fromRows.actors.find((a) => a.id === 'a01')).toMatchObject({
      papers: 11,
      citations: 101,
      careerStartYear: 1991,
    });
    expect(Array.from(fromRows.relations.generated)).toContain(1);
    // What the first layout held: the naming fields only, relations without `generated`.
    const { generated: _generated, ...oldRelations } = fromRows.relations;
    const oldActors = fromRows.actors.map(({ id, kind: actorKind, name, sector, flags }) => ({
      id,
      kind: actorKind,
      name,
      sector,
      flags,
    }));
    const store = async (fingerprint: string) => {
      await db?.client.run('DELETE FROM graph_snapshot_chunks');
      await db?.client.run(
        'INSERT INTO graph_snapshot_chunks (name, chunk, fingerprint, data) VALUES (?, ?, ?, ?)',
        [
          'network',
          0,
          fingerprint,
          serialize({ actors: oldActors, relations: oldRelations }).toString('base64'),
        ],
      );
    };
    const fingerprint = await networkFingerprint(db.client);
    expect(fingerprint.startsWith('compact-network-v4:')).toBe(true);
    // Under the first layout's key: stale whatever it holds.
    await store(fingerprint.replace('compact-network-v4:', 'compact-network-v3:'));
    expect(await readNetworkSnapshot(db.client, fingerprint)).toBeUndefined();
    expect(plain(await db.repos.network.readCompact())).toEqual(plain(fromRows));
    const storedAgain = await readNetworkSnapshot(db.client, fingerprint);
    expect(storedAgain && plain(storedAgain)).toEqual(plain(fromRows));
    // Under this layout's key but without its columns (cut short or mislabelled): not decoded.
    await store(fingerprint);
    expect(await readNetworkSnapshot(db.client, fingerprint)).toBeUndefined();
    expect(plain(await db.repos.network.readCompact())).toEqual(plain(fromRows));
  });

  it('is left out of backups (its key, the data versions, means nothing in another database)', async () => {
    db = await kind.open();
    await db.repos.entity('actors').upsertMany(smallNetwork().actors);
    await db.repos.network.readCompact();
    expect(TABLES_NOT_BACKED_UP).toContain('graph_snapshot_chunks');
  });
});
