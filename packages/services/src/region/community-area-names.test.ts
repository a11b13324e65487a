import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/open-database.ts';
import { loadRegionFixture } from '#test/region-report-fixture.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { communityNames } from '../analysis/community-names.ts';
import { sharedCommunities } from '../analysis/current-communities.ts';
import { loadNetwork } from '../analysis/load-network.ts';
import { analyzePortfolio } from '../programmes/project-portfolio.ts';
import { analyzeMoney } from './analyze-money.ts';
import { analyzePeople } from './analyze-people.ts';
import { analyzeRegionStrategy } from './analyze-region-strategy.ts';

const clock = { now: () => new Date('2026-06-01T00:00:00Z') };

/**
 * A community is named by its members wherever a region analysis names it (「九州大学・…圏」, the
 * name the web's community list shows), never `ABC c1`.
 */
describe.each(TEST_DATABASES)('a community area named from its members ($name)', (kind) => {
  let db: Database;
  let expected = '';
  let expectedEn = '';
  beforeAll(async () => {
    db = await kind.open(clock);
    await loadRegionFixture(db.repos);
    // The university the community is named after has an English name.
    const university = await db.repos.entity('actors').get('f-u');
    await db.repos
      .entity('actors')
      .upsertMany([{ ...university?.record, id: 'f-u', nameEn: 'Kyushu University' }]);
    await db.repos.entity('region-strategies').upsertMany([
      { id: 'rs-c1', name: '九州の戦略', areaType: 'community', areaCode: 'c1', kpiTargets: [] },
      {
        id: 'rs-c9',
        name: '消えた圏の戦略',
        areaType: 'community',
        areaCode: 'c9',
        kpiTargets: [],
      },
    ]);
    const network = await loadNetwork(db.repos);
    const shared = await sharedCommunities(db.repos, clock, network);
    const named = communityNames(network, shared.result.communities).get('c1');
    expected = named?.name ?? '';
    expectedEn = named?.nameEn ?? '';
  });
  afterAll(async () => db.close());

  it('is the name of the community list, made from its members', () => {
    expect(expected).toContain('九州大学');
    expect(expectedEn).toContain('Kyushu');
  });

  it('answers with the English name beside the name, for a community and a prefecture', async () => {
    const english = { name: expected, nameEn: expectedEn };
    expect((await analyzePortfolio(db.repos, clock, { communityId: 'c1' })).scope).toMatchObject(
      english,
    );
    expect((await analyzeMoney(db.repos, clock, { communityId: 'c1' })).scope).toMatchObject(
      english,
    );
    expect((await analyzeRegionStrategy(db.repos, clock, { strategyId: 'rs-c1' })).area).toEqual({
      areaType: 'community',
      areaCode: 'c1',
      ...english,
    });
    expect((await analyzePeople(db.repos, { communityId: 'c1' }, clock)).area).toMatchObject(
      english,
    );
    const fukuoka = { name: '福岡県', nameEn: 'Fukuoka' };
    expect((await analyzePortfolio(db.repos, clock, { prefectureCode: '40' })).scope).toMatchObject(
      fukuoka,
    );
    expect((await analyzeMoney(db.repos, clock, { prefectureCode: '40' })).scope).toMatchObject(
      fukuoka,
    );
    expect((await analyzeRegionStrategy(db.repos, clock, { prefectureCode: '40' })).area).toEqual({
      areaType: 'prefecture',
      areaCode: '40',
      ...fukuoka,
    });
    expect((await analyzePeople(db.repos, { prefectureCode: '40' }, clock)).area).toMatchObject(
      fukuoka,
    );
  });

  it('in the portfolio and the money scope', async () => {
    expect((await analyzePortfolio(db.repos, clock, { communityId: 'c1' })).scope.name).toBe(
      expected,
    );
    expect((await analyzeMoney(db.repos, clock, { communityId: 'c1' })).scope.name).toBe(expected);
  });

  it('in the region strategy, asked by community and by strategy, and in the people analysis', async () => {
    const byArea = await analyzeRegionStrategy(db.repos, clock, { communityId: 'c1' });
    expect(byArea.area).toEqual({
      areaType: 'community',
      areaCode: 'c1',
      name: expected,
      nameEn: expectedEn,
    });
    expect(byArea.strategies.map((s) => s.id)).toEqual(['rs-c1']);
    const byId = await analyzeRegionStrategy(db.repos, clock, { strategyId: 'rs-c1' });
    expect(byId.area.name).toBe(expected);
    const people = await analyzePeople(db.repos, { communityId: 'c1' }, clock);
    expect(people.area.name).toBe(expected);
    expect(people.note).toContain(`no training programme recorded for ${expected}`);
  });

  it('a community the current partition does not hold keeps its id', async () => {
    const gone = await analyzeRegionStrategy(db.repos, clock, { strategyId: 'rs-c9' });
    expect(gone.area.name).toBe('c9');
    const none = await analyzeRegionStrategy(db.repos, clock, { communityId: 'c7' });
    expect(none.area.name).toBe('c7');
    expect(none.note).toContain('for c7');
  });
});
