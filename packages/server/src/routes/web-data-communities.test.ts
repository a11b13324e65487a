import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '#core/ports.ts';
import type { Database } from '#db/open-database.ts';
import { defaultCommunitiesFingerprint } from '#services/analysis/current-communities.ts';
import { createNetworkCache } from '#services/analysis/network-cache.ts';
import { loadRegionFixture } from '#test/region-report-fixture.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { createSnapshotCache } from './web-data-snapshot.ts';

/** A clock at `time` on the same day: a partition computed by it carries that time. */
const clockAt = (time: string): Clock => ({ now: () => new Date(`2026-06-01T${time}Z`) });

/**
 * The web views' worker and the analysis workers each need the default communities when they
 * start on new data (the demo stores no run): whichever asks first computes them, the others read
 * them back, also when they ask at the same moment.
 */
describe.each(TEST_DATABASES)('the default communities, computed once ($name)', (kind) => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it('are shared by the web views’ snapshot and the analysis workers asking at once', async () => {
    db = await kind.open(clockAt('00:00:00'));
    await loadRegionFixture(db.repos);
    const web = createSnapshotCache(db.repos, clockAt('01:00:00'));
    const asked = createNetworkCache(db.repos, clockAt('02:00:00'));
    const warmUp = createNetworkCache(db.repos, clockAt('03:00:00'));
    const [views, fromAsked, fromWarmUp] = await Promise.all([
      web.keyed(),
      asked.get(),
      warmUp.get(),
    ]);
    const computedAt = views.snapshot.communities.computedAt;
    expect(views.snapshot.communities.source).toBe('computed');
    expect(['01:00:00', '02:00:00', '03:00:00'].map((t) => `2026-06-01T${t}.000Z`)).toContain(
      computedAt,
    );
    expect(fromAsked.shared.source.computedAt).toBe(computedAt);
    expect(fromWarmUp.shared.source.computedAt).toBe(computedAt);
    expect(fromWarmUp.shared).toEqual(fromAsked.shared);
    expect(views.snapshot.communities.communityCount).toBe(fromAsked.shared.result.communityCount);
    // Kept once, under the data's versions; no claim left behind.
    const fingerprint = defaultCommunitiesFingerprint(await db.repos.dataVersions(), null);
    expect(await db.repos.analysisResults.read('communities:default', fingerprint)).toBeDefined();
    expect(
      await db.repos.analysisResults.read('communities:default:computing', fingerprint),
    ).toBeUndefined();
  });

  it('are read back by a worker starting later, and computed again for new data', async () => {
    db = await kind.open(clockAt('00:00:00'));
    await loadRegionFixture(db.repos);
    const first = await createNetworkCache(db.repos, clockAt('02:00:00')).get();
    const views = await createSnapshotCache(db.repos, clockAt('05:00:00')).keyed();
    expect(views.snapshot.communities.computedAt).toBe(first.shared.source.computedAt);

    const [actor] = (await db.repos.entity('actors').list({ limit: 1 })).items;
    expect(actor).toBeDefined();
    await db.repos.entity('actors').upsertMany([{ ...actor, name: '改名した主体' }]);
    const after = await createSnapshotCache(db.repos, clockAt('06:00:00')).keyed();
    expect(after.snapshot.communities.computedAt).toBe('2026-06-01T06:00:00.000Z');
    const analysis = await createNetworkCache(db.repos, clockAt('07:00:00')).get();
    expect(analysis.shared.source.computedAt).toBe('2026-06-01T06:00:00.000Z');
  });

  it('a worker answering a person does not wait behind the warm-up; the warm-up waits for others', async () => {
    db = await kind.open(clockAt('00:00:00'));
    await loadRegionFixture(db.repos);
    const results = db.repos.analysisResults;
    const claims = 'communities:default:computing';
    const claim = async (holder: string) =>
      results.claim(
        claims,
        defaultCommunitiesFingerprint((await db?.repos.dataVersions()) ?? {}, null),
        holder,
        new Date().toISOString(),
        new Date(0).toISOString(),
      );
    // The warm-up holds the claim, computing at lowered priority: an asked analysis computes at once.
    expect(await claim('patient warm-up')).toBe(true);
    const asked = await createNetworkCache(db.repos, clockAt('02:00:00')).get();
    expect(asked.shared.source.computedAt).toBe('2026-06-01T02:00:00.000Z');
    // Kept: the warm-up finds it instead of its own.
    const warmUp = createNetworkCache(db.repos, clockAt('03:00:00'), { patient: true });
    expect((await warmUp.get()).shared.source.computedAt).toBe('2026-06-01T02:00:00.000Z');

    // New data; a worker answering a person holds the claim: the warm-up waits for its partition.
    const [actor] = (await db.repos.entity('actors').list({ limit: 1 })).items;
    await db.repos.entity('actors').upsertMany([{ ...actor, name: '改名した主体' }]);
    expect(await claim('prompt web')).toBe(true);
    let answered = false;
    const waiting = createNetworkCache(db.repos, clockAt('04:00:00'), { patient: true })
      .get()
      .then((loaded) => {
        answered = true;
        return loaded;
      });
    await new Promise((done) => setTimeout(done, 400));
    expect(answered).toBe(false);
    const fingerprint = defaultCommunitiesFingerprint(await db.repos.dataVersions(), null);
    const theirs = {
      ...asked.shared,
      source: { ...asked.shared.source, computedAt: '2026-06-01T05:00:00.000Z' },
    };
    await results.write('communities:default', fingerprint, JSON.stringify(theirs), 'now');
    expect((await waiting).shared.source.computedAt).toBe('2026-06-01T05:00:00.000Z');
  });
});
