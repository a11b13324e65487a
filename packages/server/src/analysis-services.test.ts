import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isDomainError } from '#core/domain-error.ts';
import type { Clock } from '#core/ports.ts';
import { openDatabase, type Database } from '#db/open-database.ts';
import type { AnalysisStore } from '#services/analysis-store/analysis-store.ts';
import { buildActor, buildRelation } from '#test/factories.ts';
import { loadLargeNetwork } from '#test/large-network.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import {
  answeredFirst,
  createAnalysisServices,
  createWebDataServices,
} from './analysis-services.ts';
import type { WebDataAnswers } from './routes/web-data-answers.ts';

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
      await loadLargeNetwork(db.repos, 1_500);
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

  it('starts no warm-up computation while a web view asked by a person is being made', async () => {
    const made = createWebDataServices(db.repos, clock).answers;
    let release = (): void => undefined;
    const held = new Promise<void>((resume) => {
      release = resume;
    });
    // The real answers, the summary held back as a snapshot being built would hold it.
    const slow: WebDataAnswers = {
      answer: async (view, input) => {
        await held;
        return made.answer(view, input);
      },
      answerJson: (view, input) => made.answerJson(view, input),
      warm: () => made.warm(),
    };
    const answers = answeredFirst(slow, inProcess);
    const summary = answers.answer('summary', {});
    const warming = inProcess.warm([{ name: 'caseFactors', params: {} }]);
    await new Promise((tick) => setTimeout(tick, 100));
    expect(inProcess.progress()).toMatchObject({ computing: [], computed: 0 });
    release();
    expect((await summary)?.actors.total).toBe(3);
    await warming;
    expect(inProcess.progress()).toMatchObject({ computing: [], computed: 1 });
  });

  it('starts warm after a restart: answers kept in the database are read back', async () => {
    const first = await inWorker.get('brokers', {});
    expect(inWorker.progress()).toMatchObject({ computed: 1, restored: 0 });
    await inWorker.close();
    inWorker = createAnalysisServices(db.repos, clock, { database: target });
    expect(await inWorker.get('brokers', {})).toEqual(first);
    expect(inWorker.progress()).toMatchObject({ computed: 0, restored: 1 });
  });

  it('answers the web views from a snapshot kept in a worker, as in process', async () => {
    const inThread = createWebDataServices(db.repos, clock, { database: target });
    const here = createWebDataServices(db.repos, clock);
    try {
      const both = [inThread.answers, here.answers];
      const [meta, metaHere] = await Promise.all(both.map((a) => a.answer('meta', {})));
      expect(meta).toEqual(metaHere);
      const [tokyo, tokyoHere] = await Promise.all(
        both.map((a) => a.answer('summary', { prefecture: '13' })),
      );
      expect(tokyo).toEqual(tokyoHere);
      expect(tokyo?.actors.total).toBe(3);
      const [ties, tiesHere] = await Promise.all(
        both.map((a) => a.answer('network', { maxEdges: 100, isolated: 'true', maxNodes: 50_000 })),
      );
      expect(ties).toEqual(tiesHere);
      const [u1, u1Here] = await Promise.all(both.map((a) => a.answer('profile', { id: 'u1' })));
      expect(u1).toEqual(u1Here);
      // The worker sends each answer as JSON text, byte for byte what this thread makes.
      const network = { maxEdges: 100, isolated: 'true', maxNodes: 50_000 } as const;
      const [text, textHere] = await Promise.all(both.map((a) => a.answerJson('network', network)));
      expect(text).toBe(textHere);
      expect(JSON.parse(text ?? '')).toEqual(tiesHere);
      const [tokyoText, tokyoTextHere] = await Promise.all(
        both.map((a) => a.answerJson('summary', { prefecture: '13' })),
      );
      expect(tokyoText).toBe(tokyoTextHere);
      // A write: the worker makes its text again.
      await db.repos
        .entity('relations')
        .upsertMany([buildRelation({ sourceId: 'c1', targetId: 'c2' })]);
      let after = await inThread.answers.answerJson('network', network);
      while (after === text) after = await inThread.answers.answerJson('network', network);
      expect(JSON.parse(after)).toMatchObject({ edgeCount: 3 });
      const refusal = await inThread.answers
        .answer('summary', { community: 'c999' })
        .catch((error: unknown) => error);
      expect(isDomainError(refusal) && refusal.code).toBe('not_found');
    } finally {
      await inThread.close();
    }
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
