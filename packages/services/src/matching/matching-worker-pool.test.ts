import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcomeCode } from '#test/outcome-code.ts';
import type { Database } from '#db/open-database.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { createMatchingService, type MatchingService } from './matching-service.ts';
import { createWorkerMatchingService } from './matching-worker-pool.ts';
import { createTextPipeline, type TextPipeline } from './text-pipeline.ts';
import { ANONYMOUS, COORDINATOR_K1, MEMBER_OF, loadWorld } from '#test/matching-world.ts';

const clock = { now: () => new Date('2025-04-01T00:00:00Z') };
let text: TextPipeline;
beforeAll(async () => {
  text = await createTextPipeline();
}, 60_000);
afterAll(async () => text.close());

describe.each(TEST_DATABASES)('matching in worker threads on $name (M2)', (kind) => {
  let db: Database;
  let inThread: MatchingService;
  let inWorkers: MatchingService;
  beforeAll(async () => {
    db = await kind.open(clock);
    await loadWorld(db.repos);
    inThread = await createMatchingService({ repos: db.repos, clock, text, persist: false });
    inWorkers = await createWorkerMatchingService({
      store: db.repos,
      clock,
      workers: 2,
      refreshIntervalMs: 60_000,
      persist: false,
    });
  }, 60_000);
  afterAll(async () => {
    await inWorkers.close();
    await inThread.close();
    await db.close();
  });

  it('M2: answers exactly what matching in this thread answers', async () => {
    for (const viewer of [ANONYMOUS, MEMBER_OF('c1'), MEMBER_OF('c2'), COORDINATOR_K1]) {
      for (const need of ['n-public', 'n-members', 'n-secret']) {
        const [a, b] = await Promise.all([
          outcomeCode(inThread.matchNeed(viewer, need, { limit: 10 })),
          outcomeCode(inWorkers.matchNeed(viewer, need, { limit: 10 })),
        ]);
        expect(b, `${need} ${viewer.kind}`).toBe(a);
        if (a === 'ok')
          expect(await inWorkers.matchNeed(viewer, need, { limit: 10 })).toEqual(
            await inThread.matchNeed(viewer, need, { limit: 10 }),
          );
      }
      for (const seed of ['s-chelate', 's-plating'])
        expect(await inWorkers.matchSeed(viewer, seed, { limit: 20 })).toEqual(
          await inThread.matchSeed(viewer, seed, { limit: 20 }),
        );
    }
    const query = '排水から銅などの重金属を回収したい';
    expect(await inWorkers.matchText(MEMBER_OF('c1'), query, { region: 'near' })).toEqual(
      await inThread.matchText(MEMBER_OF('c1'), query, { region: 'near' }),
    );
    expect(await inWorkers.keyTerms(query, 8)).toEqual(await inThread.keyTerms(query, 8));
    expect(inWorkers.stats().seeds).toBe(inThread.stats().seeds);
    expect(inWorkers.tokenizerName).toBe(inThread.tokenizerName);
  }, 60_000);

  it.skipIf(!existsSync('/proc/thread-self'))(
    "M2: runs its workers below the server thread's priority (nice 10)",
    () => {
      const nice = readdirSync('/proc/self/task').map((tid) => {
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        // Fields after the command name; nice is field 19 of the whole line.
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
      });
      expect(nice.filter((n) => n >= 10).length).toBeGreaterThanOrEqual(2);
      expect(nice).toContain(0);
    },
  );

  it('M2: keeps domain errors (code and details) across the thread boundary', async () => {
    expect(await outcomeCode(inWorkers.matchNeed(ANONYMOUS, 'n-secret'))).toBe('not_found');
    expect(await outcomeCode(inWorkers.matchText(ANONYMOUS, '   '))).toBe('validation_failed');
    expect(
      await outcomeCode(
        inWorkers.upsertSeed(MEMBER_OF('c1'), { id: 'x', ownerId: 'u1', title: 't' }),
      ),
    ).toBe('forbidden');
  });

  it('M2: shows live edits at once, in every worker', async () => {
    await inWorkers.upsertSeed(COORDINATOR_K1, {
      id: 's-live',
      ownerId: 'u1',
      title: '銅イオンを回収する新しい吸着材',
      keywords: ['銅', '回収'],
      field: '環境',
    });
    // Two calls at once reach both workers; both see the new seed.
    const both = await Promise.all([
      inWorkers.matchNeed(ANONYMOUS, 'n-public'),
      inWorkers.matchNeed(ANONYMOUS, 'n-public'),
    ]);
    for (const result of both) expect(result.results.map((r) => r.seedId)).toContain('s-live');
    expect(await inWorkers.deleteSeed(COORDINATOR_K1, 's-live')).toBe(true);
    const after = await Promise.all([
      inWorkers.matchNeed(ANONYMOUS, 'n-public'),
      inWorkers.matchNeed(ANONYMOUS, 'n-public'),
    ]);
    for (const result of after) expect(result.results.map((r) => r.seedId)).not.toContain('s-live');
  });

  it('M2: sees rows written by others once told to look again', async () => {
    await db.repos.entity('seeds').upsertMany([
      {
        id: 's-outside',
        ownerId: 'u1',
        title: '排水の銅を回収する膜分離',
        keywords: [],
        sdgs: [],
        available: true,
        kind: 'research_result',
      },
    ]);
    inWorkers.expire();
    expect(
      (await inWorkers.matchNeed(ANONYMOUS, 'n-public')).results.map((r) => r.seedId),
    ).toContain('s-outside');
  });
});
