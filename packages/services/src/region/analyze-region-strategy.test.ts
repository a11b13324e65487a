import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '#db/open-database.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { analyzePeople } from './analyze-people.ts';
import { analyzeRegionStrategy } from './analyze-region-strategy.ts';

const clock = { now: () => new Date('2025-06-01T00:00:00Z') };

describe.each(TEST_DATABASES)('region strategy and people on $name', (kind) => {
  let db: Database;
  beforeEach(async () => {
    db = await kind.open(clock);
    await db.repos.entity('region-strategies').upsertMany([
      {
        id: 'rs-22',
        name: '静岡 光の戦略',
        areaType: 'prefecture',
        areaCode: '22',
        vision: '光で地域をつくる',
        startFy: 2021,
        endFy: 2027,
        kpiTargets: [
          {
            metric: 'joint_research',
            value: 'industrial',
            year: 2023,
            target: 120,
            baseline: 100,
            baselineYear: 2020,
            unit: '件',
          },
          {
            metric: 'joint_research',
            value: 'industrial',
            year: 2027,
            target: 170,
            baseline: 100,
            baselineYear: 2020,
            unit: '件',
          },
          { metric: 'ventures', value: 'economic', year: 2024, target: 5, unit: '社' },
        ],
        pdca: [
          { phase: 'plan', date: '2021-04-01', note: '策定' },
          { phase: 'check', date: '2025-03-02', note: '点検' },
        ],
      },
      { id: 'rs-40', name: '福岡', areaType: 'prefecture', areaCode: '40' },
    ]);
    await db.repos.entity('indicators').upsertMany([
      {
        areaType: 'prefecture',
        areaCode: '22',
        year: 2023,
        metric: 'joint_research',
        value: 118,
        unit: '件',
      },
      {
        areaType: 'prefecture',
        areaCode: '22',
        year: 2024,
        metric: 'joint_research',
        value: 150,
        unit: '件',
      },
      {
        areaType: 'prefecture',
        areaCode: '40',
        year: 2024,
        metric: 'joint_research',
        value: 999,
        unit: '件',
      },
      {
        areaType: 'prefecture',
        areaCode: '22',
        year: 2023,
        metric: 'coordinators',
        value: 10,
        unit: '人',
      },
      {
        areaType: 'prefecture',
        areaCode: '22',
        year: 2023,
        metric: 'coordinator_departures',
        value: 2,
        unit: '人',
      },
    ]);
    await db.repos.entity('training-programmes').upsertMany([
      {
        id: 'tp',
        name: '浜松リスキリング',
        areaType: 'prefecture',
        areaCode: '22',
        cohorts: [
          {
            fiscalYear: 2024,
            enrolled: 40,
            completed: 30,
            stayedLocal: 18,
            leftRegion: 6,
            unknown: 6,
          },
        ],
      },
    ]);
  });
  afterEach(async () => db.close());

  it('judges each target on the prefecture’s own indicators', async () => {
    const out = await analyzeRegionStrategy(db.repos, clock, { prefectureCode: '22' });
    expect(out.asOfFy).toBe(2025);
    expect(out.strategies).toHaveLength(1);
    const [strategy] = out.strategies;
    // 2023: 118 < 120 behind; 2027: 150 in 2024 against the line 100 → 170 (140 by 2024) on track;
    // ventures: never measured
    expect(strategy?.targets.map((t) => [t.metric, t.year, t.status])).toEqual([
      ['joint_research', 2023, 'behind'],
      ['joint_research', 2027, 'on_track'],
      ['ventures', 2024, 'no_data'],
    ]);
    expect(strategy?.summary.valuesWithoutTargets).toEqual(['social']);
    expect(strategy?.lastCheck).toBe('2025-03-02');
    expect(strategy?.daysSinceCheck).toBe(91);
  });

  it('finds a strategy by id, says when a region has none and refuses an unknown id', async () => {
    expect((await analyzeRegionStrategy(db.repos, clock, { strategyId: 'rs-40' })).area.name).toBe(
      '福岡県',
    );
    const none = await analyzeRegionStrategy(db.repos, clock, { prefectureCode: '13' });
    expect(none.strategies).toEqual([]);
    expect(none.note).toMatch(/no region strategy recorded for 東京都/);
    await expect(
      analyzeRegionStrategy(db.repos, clock, { strategyId: 'nope' }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('people: retention with its interval, coordinator turnover, and no claim on thin data', async () => {
    const out = await analyzePeople(db.repos, { prefectureCode: '22' });
    expect(out.programmes.map((p) => p.id)).toEqual(['tp']);
    expect(out.retention.rate).toBe(0.75);
    expect(out.retention.n).toBe(24);
    expect(out.retention.claim).toBe(true);
    expect(out.coordinators.years).toEqual([
      { fiscalYear: 2023, staff: 10, departures: 2, turnover: 0.2 },
    ]);
    expect(out.coordinators.turnover.claim).toBe(false);
    await db.repos.entity('training-programmes').upsertMany([
      {
        id: 'tp-c',
        name: '浜松・豊橋 コーディネーター養成',
        areaType: 'consortium',
        areaCode: 'hamamatsu-toyohashi',
        cohorts: [{ fiscalYear: 2024, enrolled: 10, completed: 10, stayedLocal: 9, leftRegion: 1 }],
      },
    ]);
    const consortium = await analyzePeople(db.repos, { consortium: 'hamamatsu-toyohashi' });
    expect(consortium.programmes.map((p) => p.id)).toEqual(['tp-c']);
    expect(consortium.retention.claim).toBe(false);
    const empty = await analyzePeople(db.repos, { communityId: 'c2' });
    expect(empty.retention.rate).toBeNull();
    expect(empty.note).toMatch(/no training programme recorded for c2/);
  });
});
