import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isDomainError } from '#core/domain-error.ts';
import type { Clock } from '#core/ports.ts';
import { openDatabase, type Database } from '#db/open-database.ts';
import type { AnalysisStore } from '#services/analysis-store/analysis-store.ts';
import { buildActor, buildRelation } from '#test/factories.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { createAnalysisServices } from './analysis-services.ts';

const PREFECTURES = ['13', '14', '22', '27', '40'];

/** Organisations in five prefectures with dense ties: enough for the brokers analysis to take a while. */
async function largeNetwork(db: Database, size: number): Promise<void> {
  const sectors = ['university', 'company', 'public_research', 'prefecture'] as const;
  const actors = Array.from({ length: size }, (_, i) =>
    buildActor({
      id: `a${i}`,
      sector: sectors[i % sectors.length],
      prefectureCode: PREFECTURES[i % PREFECTURES.length],
      name: `組織${i}`,
    }),
  );
  await db.repos.entity('actors').upsertMany(actors);
  let state = 7;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const relations = Array.from({ length: size * 8 }, (_, i) => {
    const source = i % size;
    // Most ties near in the ring (communities), some across it (brokers).
    const hop = random() < 0.9 ? 1 + Math.floor(random() * 40) : Math.floor(random() * size);
    return buildRelation({ sourceId: `a${source}`, targetId: `a${(source + hop) % size}` });
  });
  await db.repos.entity('relations').upsertMany(relations);
}

const clock: Clock = { now: () => new Date('2026-06-01T00:00:00Z') };

describe.each(TEST_DATABASES)('analyses in a worker thread on $name', (kind) => {
  let db: Database;
  let inWorker: AnalysisStore;
  let inProcess: AnalysisStore;
  let target: string;
  beforeEach(async () => {
    target = await kind.freshTarget();
    db = await openDatabase(target, clock);
    await db.repos
      .entity('actors')
      .upsertMany([
        buildActor({ id: 'u1', sector: 'university', prefectureCode: '13', name: '東京理工大学' }),
        buildActor({ id: 'c1', sector: 'company', prefectureCode: '13', name: '江戸製作所' }),
        buildActor({ id: 'c2', sector: 'company', prefectureCode: '13', name: '品川電子' }),
      ]);
    await db.repos
      .entity('relations')
      .upsertMany([
        buildRelation({ sourceId: 'u1', targetId: 'c1' }),
        buildRelation({ sourceId: 'u1', targetId: 'c2' }),
      ]);
    inWorker = createAnalysisServices(db.repos, clock, { database: target });
    inProcess = createAnalysisServices(db.repos, clock);
  });
  afterEach(async () => {
    await inWorker.close();
    await inProcess.close();
    await db.close();
  });

  it('answers as the same analysis in process does, reading its own connection', async () => {
    const [brokers, strengths] = await Promise.all([
      inWorker.get('brokers', {}),
      inWorker.get('strengths', { prefectureCode: '13' }),
    ]);
    expect(brokers).toEqual(await inProcess.get('brokers', {}));
    expect(strengths).toEqual(await inProcess.get('strengths', { prefectureCode: '13' }));
    // Data written by the server's connection are seen by the worker's on the next request.
    await db.repos
      .entity('actors')
      .upsertMany([
        buildActor({ id: 'c3', sector: 'company', prefectureCode: '13', name: '新顔' }),
      ]);
    await db.repos
      .entity('relations')
      .upsertMany([buildRelation({ sourceId: 'u1', targetId: 'c3' })]);
    const after = await inWorker.get('brokers', {});
    expect(after).toEqual(await inProcess.get('brokers', {}));
    expect(JSON.stringify(after)).toContain('c3');
  });

  it(
    'answers an asked analysis while the warm-up computes a long one',
    { timeout: 120_000 },
    async () => {
      await largeNetwork(db, 1_500);
      // Both workers started and each with an answer (so neither starts during the race).
      await inWorker.warm([{ name: 'strengths', params: { prefectureCode: '13' } }]);
      await inWorker.get('strengths', { prefectureCode: '14' });
      const order: string[] = [];
      const warming = inWorker
        .warm([{ name: 'brokers', params: {} }])
        .then(() => order.push('warm-up'));
      while (inWorker.progress().computing.length === 0)
        await new Promise((done) => setTimeout(done, 5));
      const asked = await inWorker.get('strengths', { prefectureCode: '22' });
      order.push('asked');
      await warming;
      expect(order).toEqual(['asked', 'warm-up']);
      expect(asked).toEqual(await inProcess.get('strengths', { prefectureCode: '22' }));
    },
  );

  it('starts warm after a restart: answers kept in the database are read back', async () => {
    const first = await inWorker.get('brokers', {});
    expect(inWorker.progress()).toMatchObject({ computed: 1, restored: 0 });
    await inWorker.close();
    inWorker = createAnalysisServices(db.repos, clock, { database: target });
    expect(await inWorker.get('brokers', {})).toEqual(first);
    expect(inWorker.progress()).toMatchObject({ computed: 0, restored: 1 });
  });

  it('passes a refusal across the thread with its code', async () => {
    const refusal = await inWorker
      .get('gapFill', { community: 'c999' })
      .catch((error: unknown) => error);
    expect(isDomainError(refusal)).toBe(true);
    const direct = await inProcess.get('gapFill', { community: 'c999' }).catch((e: unknown) => e);
    expect(isDomainError(refusal) && isDomainError(direct) && refusal.code).toBe(
      isDomainError(direct) && direct.code,
    );
  });
});
