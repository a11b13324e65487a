import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isDomainError } from '#core/domain-error.ts';
import type { Clock } from '#core/ports.ts';
import type { Database } from '#db/open-database.ts';
import { buildActor, buildNeed, buildRelation } from '#test/factories.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import {
  canonicalJson,
  createAnalysisStore,
  type AnalysisRunner,
  type AnalysisStore,
} from './analysis-store.ts';
import { createNetworkCache } from '../analysis/network-cache.ts';
import { createInProcessAnalysisRunner } from './in-process-runner.ts';
import { PER_VIEWER_TABLES, PUBLIC_TABLES, SHARED_ANALYSES, tablesOf } from './shared-analyses.ts';

const ACTORS = [
  buildActor({ id: 'u1', sector: 'university', prefectureCode: '13', name: '東京理工大学' }),
  buildActor({ id: 'c1', sector: 'company', prefectureCode: '13', name: '江戸製作所' }),
  buildActor({ id: 'c2', sector: 'company', prefectureCode: '40', name: '博多精機' }),
];

describe('shared analyses', () => {
  it('read no per-viewer table, so one viewer’s answer may be served to another', () => {
    const perViewer = new Set<string>(PER_VIEWER_TABLES);
    expect(PUBLIC_TABLES.filter((t) => perViewer.has(t))).toEqual([]);
    for (const name of Object.keys(SHARED_ANALYSES) as (keyof typeof SHARED_ANALYSES)[])
      expect(
        tablesOf(name).filter((t) => perViewer.has(t)),
        name,
      ).toEqual([]);
  });

  it('name the same result whatever the order of the parameters', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 2 }] } })).toBe(
      canonicalJson({ a: { c: [3, { e: 2, f: 1 }], d: 2 }, b: 1 }),
    );
  });
});

describe.each(TEST_DATABASES)('analysis store on $name', (kind) => {
  let db: Database;
  let store: AnalysisStore;
  let now = new Date('2026-06-01T00:00:00Z');
  const clock: Clock = { now: () => now };
  beforeEach(async () => {
    now = new Date('2026-06-01T00:00:00Z');
    db = await kind.open(clock);
    await db.repos.entity('actors').upsertMany(ACTORS);
    await db.repos
      .entity('relations')
      .upsertMany([buildRelation({ sourceId: 'u1', targetId: 'c1' })]);
    store = createAnalysisStore({
      repos: db.repos,
      clock,
      runner: createInProcessAnalysisRunner(db.repos),
    });
  });
  afterEach(async () => {
    await store.close();
    await db.close();
  });

  it('computes once for several requests, and again only after a table it reads changed', async () => {
    const asked = { prefectureCode: '13' };
    const [first, second, third] = await Promise.all([
      store.get('strengths', asked),
      store.get('strengths', { ...asked }),
      store.get('strengths', asked),
    ]);
    expect(store.progress().computed).toBe(1);
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(await store.get('strengths', asked)).toBe(first);
    expect(store.progress().computed).toBe(1);

    // A need (not read by the analysis) changes: the kept answer still holds.
    await db.repos.entity('needs').upsertMany([buildNeed({ ownerId: 'c1', title: '秘密' })]);
    expect(await store.get('strengths', asked)).toBe(first);
    expect(store.progress().computed).toBe(1);

    // An actor edit that keeps every count changes the data version: computed again.
    await db.repos
      .entity('actors')
      .upsertMany([
        buildActor({ id: 'c3', sector: 'company', prefectureCode: '13', name: '品川電子' }),
      ]);
    const after = await store.get('strengths', asked);
    expect(store.progress().computed).toBe(2);
    expect(after).not.toBe(first);
  });

  it('computes again on a new day (answers say "as of" today)', async () => {
    const first = await store.get('continuation', {});
    now = new Date('2026-06-02T00:00:00Z');
    const next = await store.get('continuation', {});
    expect(next).not.toBe(first);
    expect(store.progress().computed).toBe(2);
  });

  it('passes a refusal on with its code and does not keep it', async () => {
    const refusal = await store
      .get('projectHealth', { projectId: 'nope' })
      .catch((e: unknown) => e);
    expect(isDomainError(refusal) && refusal.code).toBe('not_found');
    expect(store.progress()).toMatchObject({ computing: [], ready: 0, computed: 0 });
  });

  it('keeps answers in the database: a store made again on the same data reads them back', async () => {
    const first = await store.get('strengths', { prefectureCode: '13' });
    await store.close();
    store = createAnalysisStore({
      repos: db.repos,
      clock,
      runner: createInProcessAnalysisRunner(db.repos),
    });
    expect(await store.get('strengths', { prefectureCode: '13' })).toEqual(first);
    expect(store.progress()).toMatchObject({ computed: 0, restored: 1 });

    // Kept for the data it was computed from only: an actor added, computed again.
    await db.repos
      .entity('actors')
      .upsertMany([
        buildActor({ id: 'c4', sector: 'company', prefectureCode: '13', name: '新社' }),
      ]);
    await store.get('strengths', { prefectureCode: '13' });
    expect(store.progress()).toMatchObject({ computed: 1, restored: 1 });
  });

  it('keeps the computed communities in the database for the next worker or restart', async () => {
    const first = await createNetworkCache(db.repos, clock).get();
    expect(first.shared.source).toMatchObject({
      source: 'computed',
      computedAt: now.toISOString(),
    });
    const computedAt = now.toISOString();
    now = new Date('2026-06-03T00:00:00Z');
    // Another loader (a worker, a restarted server): read back, not computed again.
    const again = await createNetworkCache(db.repos, clock).get();
    expect(again.shared).toEqual(first.shared);
    expect(again.shared.source.computedAt).toBe(computedAt);
    // A tie added: computed again.
    await db.repos
      .entity('relations')
      .upsertMany([buildRelation({ sourceId: 'u1', targetId: 'c2' })]);
    const after = await createNetworkCache(db.repos, clock).get();
    expect(after.shared.source.computedAt).toBe(now.toISOString());
  });

  it('warms the answers asked first in the background', async () => {
    await store.warm([
      { name: 'caseFactors', params: {} },
      { name: 'projectHealth', params: { projectId: 'nope' } },
    ]);
    expect(store.progress()).toMatchObject({ computing: [], ready: 1, computed: 1 });
    await store.get('caseFactors', {});
    expect(store.progress().computed).toBe(1);
  });

  it('starts no further warm-up computation while a person’s request is pending', async () => {
    const log: string[] = [];
    let release = (): void => undefined;
    const held = new Promise<void>((resume) => {
      release = resume;
    });
    let go = (): void => undefined;
    const warmHeld = new Promise<void>((resume) => {
      go = resume;
    });
    // The real runners, telling when each computation starts and ends; each is held until released,
    // as a slow computation would be.
    const told = (side: string, inner: AnalysisRunner, hold?: Promise<void>): AnalysisRunner => ({
      async run(name, params, at, keep) {
        log.push(`${side} start ${name}`);
        if (hold) await hold;
        const outcome = await inner.run(name, params, at, keep);
        log.push(`${side} done ${name}`);
        return outcome;
      },
      close: () => inner.close(),
    });
    await store.close();
    store = createAnalysisStore({
      repos: db.repos,
      clock,
      runner: told('asked', createInProcessAnalysisRunner(db.repos), held),
      warmRunner: told('warm', createInProcessAnalysisRunner(db.repos), warmHeld),
    });
    const warming = store.warm([
      { name: 'caseFactors', params: {} },
      { name: 'continuation', params: {} },
      { name: 'strengths', params: { prefectureCode: '13' } },
    ]);
    const until = async (line: string): Promise<void> => {
      while (!log.includes(line)) await new Promise((tick) => setTimeout(tick, 2));
    };
    await until('warm start caseFactors');
    const person = store.get('strengths', { prefectureCode: '40' });
    await until('asked start strengths');
    go();
    await until('warm done caseFactors');
    await new Promise((tick) => setTimeout(tick, 50));
    // The warm-up's next computation waits for the person's answer.
    expect(log).not.toContain('warm start continuation');
    release();
    await person;
    await warming;
    // The person's answer came before the queued warm-up computations, which all ran after it.
    expect(log.slice(log.indexOf('asked done strengths'))).toEqual([
      'asked done strengths',
      'warm start continuation',
      'warm done continuation',
      'warm start strengths',
      'warm done strengths',
    ]);
    expect(store.progress()).toMatchObject({ computing: [], ready: 4, computed: 4 });
  });

  it('sends a person’s request for what the warm worker keeps there, unless a warm-up is running', async () => {
    const log: string[] = [];
    let release = (): void => undefined;
    const held = new Promise<void>((resume) => {
      release = resume;
    });
    // the warm-up's case factors are held until released: a long warm-up computation
    const told = (side: string, inner: AnalysisRunner): AnalysisRunner => ({
      async run(name, params, at, keep) {
        log.push(`${side} ${name}`);
        if (name === 'caseFactors') await held;
        return await inner.run(name, params, at, keep);
      },
      close: () => inner.close(),
    });
    await store.close();
    store = createAnalysisStore({
      repos: db.repos,
      clock,
      runner: told('asked', createInProcessAnalysisRunner(db.repos)),
      warmRunner: told('warm', createInProcessAnalysisRunner(db.repos)),
      warmRunnerKeeps: ['brokers'],
    });
    // during a warm-up: the person's own runner
    const warming = store.warm([{ name: 'caseFactors', params: {} }]);
    while (!log.includes('warm caseFactors')) await new Promise((tick) => setTimeout(tick, 2));
    await store.get('brokers', { limit: 1 });
    release();
    await warming;
    // after it: the warm runner, which holds the network; other analyses stay on the person's
    await store.get('brokers', { limit: 2 });
    await store.get('roles', {});
    // a warm-up guess the data do not hold is skipped without a fault
    const faults: unknown[] = [];
    await store.close();
    store = createAnalysisStore({
      repos: db.repos,
      clock,
      runner: createInProcessAnalysisRunner(db.repos),
      onWarmError: (error) => faults.push(error),
    });
    await store.warm([{ name: 'gapFill', params: { community: 'c999' } }]);
    expect(faults).toEqual([]);
    expect(log).toEqual(['warm caseFactors', 'asked brokers', 'warm brokers', 'asked roles']);
  });
});
