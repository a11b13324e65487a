import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBm25fIndex, encodeSerializedIndex, type Bm25fIndex } from '#matching/bm25f.ts';
import type { Database } from '#db/open-database.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { MatchingIndex, SEED_FIELDS, sameFields } from './matching-index.ts';
import { createTextPipeline, type TextPipeline } from './text-pipeline.ts';
import { loadWorld } from '#test/matching-world.ts';

const clock = { now: () => new Date('2025-04-01T00:00:00Z') };
const bytes = (index: Bm25fIndex): Buffer => Buffer.from(encodeSerializedIndex(index.serialize()));

describe('matching index build', () => {
  const kind = TEST_DATABASES[0];
  let db: Database;
  let inThread: TextPipeline;
  let inWorkers: TextPipeline;
  beforeAll(async () => {
    if (kind === undefined) throw new Error('no test database');
    db = await kind.open(clock);
    await loadWorld(db.repos);
    inThread = await createTextPipeline({ workers: 0 });
    // Every rebuild through the worker threads, however small.
    inWorkers = await createTextPipeline({ workers: 2, bulkThreshold: 1 });
  }, 60_000);
  afterAll(async () => {
    await Promise.all([inThread.close(), inWorkers.close(), db.close()]);
  });

  it('analysed in worker threads is the index analysed in this thread, byte for byte', async () => {
    const sequential = new MatchingIndex(db.repos, inThread, clock);
    const parallel = new MatchingIndex(db.repos, inWorkers, clock);
    const a = await sequential.refresh({ persist: false, ignoreSnapshot: true });
    const b = await parallel.refresh({ persist: false, ignoreSnapshot: true });
    expect(await inWorkers.bulk()).toBeDefined();
    expect(b.seeds.analysed).toBe(a.seeds.analysed);
    expect(a.seeds.analysed).toBeGreaterThan(0);
    expect(b.needs.analysed).toBe(a.needs.analysed);
    expect(bytes(parallel.seedIndex).equals(bytes(sequential.seedIndex))).toBe(true);
    expect(bytes(parallel.needIndex).equals(bytes(sequential.needIndex))).toBe(true);
    expect([...parallel.seeds.keys()].sort()).toEqual([...sequential.seeds.keys()].sort());
    expect([...parallel.needs.keys()].sort()).toEqual([...sequential.needs.keys()].sort());
  }, 60_000);

  it('restores its own snapshot, and not one built with other field weights', async () => {
    const first = new MatchingIndex(db.repos, inThread, clock);
    await first.refresh({ persist: true, ignoreSnapshot: true });
    const again = await new MatchingIndex(db.repos, inThread, clock).refresh({ persist: false });
    expect(again.seeds.restored).toBe(true);
    expect(again.seeds.analysed).toBe(0);
    // A snapshot from before the title weight went from 3 to 2 is rebuilt, not restored.
    const before = SEED_FIELDS.map((f) => (f.name === 'title' ? { ...f, weight: 3 } : f));
    expect(sameFields(createBm25fIndex({ fields: before }).fields, SEED_FIELDS)).toBe(false);
    expect(sameFields(first.seedIndex.fields, SEED_FIELDS)).toBe(true);
  }, 60_000);

  it('does not restore a snapshot analysed with other dictionary entries', async () => {
    await new MatchingIndex(db.repos, inThread, clock).refresh({
      persist: true,
      ignoreSnapshot: true,
    });
    // An administrator adds a term: seeds must be analysed again to hold it.
    const withEntry = await createTextPipeline({
      workers: 0,
      dictionary: [{ term: '銅回収', related: ['めっき'], category: '環境' }],
    });
    try {
      expect(withEntry.dictionaryFingerprint).not.toBe(inThread.dictionaryFingerprint);
      const other = await new MatchingIndex(db.repos, withEntry, clock).refresh({ persist: true });
      expect(other.seeds.restored).toBe(false);
      expect(other.seeds.analysed).toBeGreaterThan(0);
      const again = await new MatchingIndex(db.repos, withEntry, clock).refresh({
        persist: false,
      });
      expect(again.seeds.restored).toBe(true);
      // Nor the other way round: the starter dictionary alone rebuilds from the rows.
      const back = await new MatchingIndex(db.repos, inThread, clock).refresh({ persist: false });
      expect(back.seeds.restored).toBe(false);
      expect(back.seeds.analysed).toBe(other.seeds.analysed);
    } finally {
      await withEntry.close();
    }
  }, 60_000);
});
