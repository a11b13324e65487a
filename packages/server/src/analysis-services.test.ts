import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isDomainError } from '#core/domain-error.ts';
import type { Clock } from '#core/ports.ts';
import { openDatabase, type Database } from '#db/open-database.ts';
import type { AnalysisStore } from '#services/analysis-store/analysis-store.ts';
import { buildActor, buildRelation } from '#test/factories.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { createAnalysisServices } from './analysis-services.ts';

const clock: Clock = { now: () => new Date('2026-06-01T00:00:00Z') };

describe.each(TEST_DATABASES)('analyses in a worker thread on $name', (kind) => {
  let db: Database;
  let inWorker: AnalysisStore;
  let inProcess: AnalysisStore;
  beforeEach(async () => {
    const target = await kind.freshTarget();
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
