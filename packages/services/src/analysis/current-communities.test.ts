import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/open-database.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { analyzePortfolio } from '../programmes/project-portfolio.ts';
import { buildRegionReport } from '../reports/build-region-report.ts';
import { loadRegionFixture } from '#test/region-report-fixture.ts';
import { analyzeCommunities } from './analyze-communities.ts';
import { sharedCommunities } from './current-communities.ts';
import { loadNetwork } from './load-network.ts';

const clock = { now: () => new Date('2026-06-01T00:00:00Z') };

describe.each(TEST_DATABASES)('shared communities ($name)', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await kind.open(clock);
    await loadRegionFixture(db.repos);
  });
  afterAll(async () => db.close());

  it('without a stored run: the default partition, computed and not saved', async () => {
    const shared = await sharedCommunities(db.repos, clock, await loadNetwork(db.repos));
    expect(shared.source).toMatchObject({
      source: 'computed',
      runId: null,
      resolution: 1,
      computedAt: '2026-06-01T00:00:00.000Z',
    });
    expect(shared.result.communities.map((c) => [...c.members].sort())).toEqual([
      ['f-c1', 'f-c2', 'f-p', 'f-u'],
      ['h-c1', 'h-c2', 'h-u'],
    ]);
    expect(await db.repos.analysisRuns.list('communities')).toEqual([]);
    const report = await buildRegionReport(db.repos, clock, { communityId: 'c1' });
    expect(report.communitySource).toMatchObject({ source: 'computed', runId: null });
    expect(report.network.actors).toBe(4);
  });

  it('after a run at a non-default resolution, portfolio and report use its members', async () => {
    const [run] = await analyzeCommunities(db.repos, clock, [{ resolution: 0.05 }]);
    expect(run?.runId).toBeTruthy();
    const stored = run?.communities.find((c) => c.id === 'c1');
    // at this resolution c1 spans both clusters; at the default it is Fukuoka alone
    expect([...(stored?.members ?? [])].sort()).toEqual([
      'f-c1',
      'f-c2',
      'f-p',
      'f-u',
      'h-c1',
      'h-c2',
      'h-u',
    ]);
    const shared = await sharedCommunities(db.repos, clock, await loadNetwork(db.repos));
    expect(shared.source).toMatchObject({ source: 'stored', runId: run?.runId, resolution: 0.05 });
    expect(shared.result.communities).toEqual(
      run?.communities.map((c) => expect.objectContaining({ id: c.id, members: c.members })),
    );

    const report = await buildRegionReport(db.repos, clock, { communityId: 'c1' });
    expect(report.communitySource).toMatchObject({
      source: 'stored',
      runId: run?.runId,
      resolution: 0.05,
    });
    expect(report.network.actors).toBe(7);
    expect(report.scope.prefectureCodes.sort()).toEqual(['01', '40']);
    expect(report.communities.map((c) => [c.id, c.size])).toEqual([['c1', 7]]);

    const portfolio = await analyzePortfolio(db.repos, clock, { communityId: 'c1' });
    expect(portfolio.communitySource).toEqual(report.communitySource);
    expect(portfolio.projects.map((p) => p.id)).toEqual(['pj-1']);
    // an id the stored run does not have is not found, naming the run
    await expect(analyzePortfolio(db.repos, clock, { communityId: 'c2' })).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining(`stored run ${run?.runId} (resolution 0.05)`),
    });
    const prefecture = await analyzePortfolio(db.repos, clock, { prefectureCode: '40' });
    expect(prefecture.communitySource).toBeNull();
  });
});
