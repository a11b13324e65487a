import { describe, expect, it } from 'vitest';
import { DomainError, isDomainError } from '#core/domain-error.ts';
import { ANONYMOUS_VIEWER } from '#core/viewer.ts';
import { boundMatching, retryAfterSeconds } from './bounded-matching.ts';
import type { MatchingService, NeedMatchResult } from './matching-service.ts';

const EMPTY: NeedMatchResult = {
  results: [],
  researchers: [],
  facilities: [],
  query: { terms: 0, expandedTerms: 0, truncated: false },
};

/** A matching service whose searches finish only when the test says so. */
function heldMatching() {
  const held: (() => void)[] = [];
  const started: string[] = [];
  const hold = (name: string) =>
    new Promise<void>((release) => {
      started.push(name);
      held.push(release);
    });
  const unsupported = (): never => {
    throw new DomainError('validation_failed', 'not in this test');
  };
  const service: MatchingService = {
    tokenizerName: 'test',
    async matchText(_viewer, text) {
      await hold(text);
      return EMPTY;
    },
    matchNeed: unsupported,
    matchSeed: unsupported,
    keyTerms: unsupported,
    async upsertSeed(_viewer, seed) {
      await hold(`edit ${String(seed.id)}`);
      return { ...seed, keywords: [], sdgs: [], available: true, kind: 'research_result' };
    },
    deleteSeed: unsupported,
    upsertNeed: unsupported,
    deleteNeed: unsupported,
    recordFeedback: unsupported,
    refresh: unsupported,
    expire: () => undefined,
    stats: unsupported,
    close: async () => undefined,
  };
  return { service, started, releaseNext: () => held.shift()?.() };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('bounded matching (M2)', () => {
  it('M2: runs `concurrency` searches, queues `maxWaiting`, refuses the rest with a wait', async () => {
    const { service, started, releaseNext } = heldMatching();
    const bounded = boundMatching(service, { concurrency: 1, maxWaiting: 2 });
    const calls = ['a', 'b', 'c', 'd', 'e'].map((q) =>
      bounded.matchText(ANONYMOUS_VIEWER, q).then(
        () => 'ok',
        (error: unknown) =>
          isDomainError(error)
            ? `${error.code} ${String(error.details['retryAfterSeconds'])}`
            : 'other',
      ),
    );
    await settle();
    expect(started).toEqual(['a']);
    expect(bounded.load()).toEqual({ running: 1, waiting: 2, refused: 2 });
    for (let i = 0; i < 3; i++) {
      releaseNext();
      await settle();
    }
    expect(started).toEqual(['a', 'b', 'c']);
    const outcome = await Promise.all(calls);
    expect(outcome.slice(0, 3)).toEqual(['ok', 'ok', 'ok']);
    expect(outcome[3]).toMatch(/^rate_limited [1-9]\d*$/);
    expect(outcome[4]).toMatch(/^rate_limited [1-9]\d*$/);
    expect(bounded.load()).toEqual({ running: 0, waiting: 0, refused: 2 });
  });

  it('M2: never refuses an edit, and lets it go ahead of waiting searches', async () => {
    const { service, started, releaseNext } = heldMatching();
    const bounded = boundMatching(service, { concurrency: 1, maxWaiting: 1 });
    const search = [
      bounded.matchText(ANONYMOUS_VIEWER, 'a'),
      bounded.matchText(ANONYMOUS_VIEWER, 'b'),
    ];
    const edit = bounded.upsertSeed(
      { kind: 'account', accountId: 'x', role: 'admin', organisationId: null },
      {
        id: 's1',
        ownerId: 'o',
        title: 't',
      },
    );
    await settle();
    releaseNext();
    await settle();
    expect(started).toEqual(['a', 'edit s1']);
    releaseNext();
    await settle();
    releaseNext();
    await Promise.all([...search, edit]);
    expect(started).toEqual(['a', 'edit s1', 'b']);
  });

  it('M2: lets fewer wait when searches are slow, so nobody waits past maxWaitMs', async () => {
    const { service, releaseNext } = heldMatching();
    let clock = 0;
    const bounded = boundMatching(service, {
      concurrency: 1,
      maxWaiting: 16,
      maxWaitMs: 10_000,
      now: () => clock,
    });
    // Five searches of 4 s each teach the queue how long a search takes.
    for (let i = 0; i < 5; i++) {
      const search = bounded.matchText(ANONYMOUS_VIEWER, `warm ${i}`);
      await settle();
      clock += 4_000;
      releaseNext();
      await search;
    }
    const outcome = Array.from({ length: 6 }, (_, i) =>
      bounded.matchText(ANONYMOUS_VIEWER, `q ${i}`).then(
        () => 'ok',
        (error: unknown) => (isDomainError(error) ? error.code : 'other'),
      ),
    );
    await settle();
    // The moving average is about 2.9 s by now: one runs, three wait (the third about 8.6 s),
    // a fourth would wait over 10 s and is refused.
    expect(bounded.load()).toMatchObject({ running: 1, waiting: 3, refused: 2 });
    for (let i = 0; i < 4; i++) {
      releaseNext();
      await settle();
    }
    expect(await Promise.all(outcome)).toEqual([
      'ok',
      'ok',
      'ok',
      'ok',
      'rate_limited',
      'rate_limited',
    ]);
  });

  it('estimates Retry-After from the queue and recent search times', () => {
    expect(retryAfterSeconds(0, 1, 200)).toBe(1);
    expect(retryAfterSeconds(9, 1, 500)).toBe(5);
    expect(retryAfterSeconds(9, 2, 500)).toBe(3);
    expect(retryAfterSeconds(10_000, 1, 5_000)).toBe(60);
  });
});
