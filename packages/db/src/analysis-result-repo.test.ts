import { afterEach, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '#test/test-databases.ts';
import type { Database } from './open-database.ts';

const at = (minute: number) => `2026-06-01T00:${String(minute).padStart(2, '0')}:00.000Z`;

describe.each(TEST_DATABASES)('claims on kept analysis results ($name)', (kind) => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it('hold one claim per key and fingerprint until released, or stale', async () => {
    db = await kind.open();
    const results = db.repos.analysisResults;
    // A lease of 5 minutes: a claim made before `at(now - 5)` is stale.
    const claim = (holder: string, now: number, fingerprint = 'f1') =>
      results.claim('job', fingerprint, holder, at(now), at(now - 5));
    expect(await claim('a', 10)).toBe(true);
    expect(await claim('b', 11)).toBe(false);
    expect(await claim('a', 11)).toBe(true);
    // Its holder stopped: taken over once stale, and the first holder's release leaves it.
    expect(await claim('b', 20)).toBe(true);
    await results.release('job', 'a');
    expect(await claim('c', 21)).toBe(false);
    await results.release('job', 'b');
    expect(await claim('c', 22)).toBe(true);
    // New data: a claim for another fingerprint is not held back by the older one.
    expect(await claim('d', 23, 'f2')).toBe(true);
    expect(await results.read('job', 'f2')).toBe('d');
    // Kept answers under other keys are left alone.
    await results.write('answer', 'f1', '{"x":1}', at(24));
    expect(await results.claim('other', 'f1', 'e', at(24), at(19))).toBe(true);
    await results.release('other', 'e');
    expect(await results.read('other', 'f1')).toBeUndefined();
    expect(await results.read('answer', 'f1')).toBe('{"x":1}');
  });
});
