import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/open-database.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { loadRegionFixture } from '#test/region-report-fixture.ts';
import type { Project } from '#core/entities/project.ts';
import {
  analyzePortfolio,
  analyzeProjectHealth,
  projectHealth,
  sumKpis,
} from './project-portfolio.ts';

const clock = { now: () => new Date('2026-06-01T00:00:00Z') };

describe('sumKpis', () => {
  const project = (id: string, kpis: Project['kpis']): Project => ({
    id,
    title: id,
    stage: 'development',
    members: [],
    sdgs: [],
    kpis,
  });

  it('sums only reported actuals and counts the KPIs still without one', () => {
    const { kpis } = sumKpis([
      project('a', [
        { name: '雇用', value: 'industrial', unit: '人', target: 10, actual: 4, sdgs: [] },
      ]),
      project('b', [{ name: '雇用', value: 'industrial', unit: '人', target: 30, sdgs: [] }]),
      project('c', [
        { name: '雇用', value: 'industrial', unit: '人', target: 10, actual: 6, sdgs: [] },
      ]),
    ]);
    expect(kpis).toEqual([
      {
        value: 'industrial',
        name: '雇用',
        unit: '人',
        projects: 3,
        target: 50,
        actual: 10,
        reported: 2,
        missing: 1,
        reportedTarget: 20,
        attainment: 0.5,
        sdgs: [],
      },
    ]);
  });
});

describe('projectHealth: alerts only for live projects', () => {
  const troubled = (stage: Project['stage'], endDate: string): Project => ({
    id: 'p',
    title: 'p',
    stage,
    startDate: '2010-04-01',
    endDate,
    budget: 10_000_000,
    spent: 9_900_000,
    members: [{ actorId: 'missing', role: 'lead' }],
    sdgs: [],
    milestones: [{ id: 'm1', title: '試作', plannedDate: '2011-06-01' }],
    risks: [
      { riskId: 'r', title: '資金', date: '2011-05-01', likelihood: 2, impact: 2 },
      { riskId: 'r', title: '資金', date: '2012-09-01', likelihood: 3, impact: 3 },
    ],
    pdca: [{ phase: 'check', date: '2011-05-01', note: 'review' }],
  });

  it.each([
    ['completed', 'completed', '2014-03-31'],
    ['stopped (cancelled)', 'stopped', '2014-03-31'],
    ['past its end date though never closed', 'development', '2014-03-31'],
  ] as const)('a %s project raises no delay, risk, budget or PDCA alert', (_, stage, end) => {
    const h = projectHealth(troubled(stage, end), [], '2026-06-01');
    expect(h.live).toBe(false);
    expect(h.alertDetails).toEqual([]);
    // the analysis itself is still there for the record
    expect(h.progress.overdue).toBe(1);
  });

  it('the same project while live raises them all', () => {
    const h = projectHealth(troubled('development', '2027-03-31'), [], '2012-10-01');
    expect(h.live).toBe(true);
    expect(h.alertDetails.map((a) => a.code)).toEqual([
      'milestones_overdue',
      'milestone_slipped',
      'overspending',
      'risk_rising',
      'no_pdca_check',
      'team_incomplete',
    ]);
  });
});

describe.each(TEST_DATABASES)('project health and portfolio ($name)', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await kind.open(clock);
    await loadRegionFixture(db.repos);
    await db.repos.entity('projects').upsertMany([
      {
        id: 'pj-2',
        title: '地域エネルギーの実証',
        stage: 'demonstration',
        prefectureCode: '40',
        startDate: '2024-04-01',
        endDate: '2027-03-31',
        budget: 100_000_000,
        spent: 90_000_000,
        members: [
          { actorId: 'f-c2', role: 'lead' },
          { actorId: 'f-p', role: 'government' },
        ],
        sdgs: [7],
        pdca: [
          { phase: 'plan', date: '2024-04-01', note: '計画' },
          { phase: 'do', date: '2024-05-01', note: '実施' },
          { phase: 'check', date: '2025-01-10', note: '評価' },
          { phase: 'act', date: '2025-02-01', note: '改善' },
        ],
        milestones: [
          { id: 'm1', title: '設計', plannedDate: '2024-10-01', actualDate: '2024-12-30' },
          { id: 'm2', title: '実証開始', plannedDate: '2026-01-31' },
        ],
        risks: [
          {
            riskId: 'r1',
            title: '資金',
            date: '2025-01-01',
            likelihood: 2,
            impact: 4,
            owner: 'PD',
          },
          {
            riskId: 'r1',
            title: '資金',
            date: '2025-12-01',
            likelihood: 4,
            impact: 4,
            owner: 'PD',
          },
        ],
        kpis: [
          { name: '新規雇用', value: 'industrial', unit: '人', target: 10, actual: 4, sdgs: [8] },
          { name: '参加住民', value: 'social', unit: '人', target: 200, actual: 150, sdgs: [11] },
          { name: 'ライセンス収入', value: 'economic', unit: '円', target: 1_000_000, sdgs: [] },
        ],
      },
    ]);
  });
  afterAll(async () => db.close());

  it('stores the management fields and reads slip, burn, rising risks, PDCA and team', async () => {
    const stored = await db.repos.entity('projects').get('pj-2');
    expect(stored?.record['kpis']).toHaveLength(3);
    const h = await analyzeProjectHealth(db.repos, clock, 'pj-2');
    expect(h.progress).toMatchObject({ done: 1, overdue: 1 });
    expect(h.progress.maxSlipDays).toBeGreaterThan(60);
    expect(h.budget?.status).toBe('overspending');
    expect(h.risks[0]).toMatchObject({
      riskId: 'r1',
      latestScore: 16,
      previousScore: 8,
      rising: true,
    });
    expect(h.pdca.completedCycles).toBe(1);
    expect(h.team.missing).toEqual(['university', 'finance']);
    expect(h.alerts.join(' ')).toMatch(/overdue.*ahead of time.*risk rising.*team lacks/s);
    expect(h.alertDetails.map((a) => [a.code, a.values])).toEqual([
      ['milestones_overdue', { count: 1 }],
      ['milestone_slipped', { milestoneId: 'm2', milestone: '実証開始', days: 121 }],
      ['overspending', { spentShare: 0.9, elapsedShare: expect.closeTo(0.723, 3) }],
      ['risk_rising', { riskId: 'r1', risk: '資金', from: 8, to: 16 }],
      ['no_pdca_check', { days: 507 }],
      ['team_incomplete', { missing: ['university', 'finance'] }],
    ]);
    expect(h.alerts).toEqual(h.alertDetails.map((a) => a.text));
    await expect(analyzeProjectHealth(db.repos, clock, 'none')).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('without management data there is no budget burn, and no error', async () => {
    const h = await analyzeProjectHealth(db.repos, clock, 'pj-1');
    expect(h.budget).toBeNull();
    expect(h.budgetNote).toContain('not recorded');
    expect(h.progress.milestones).toEqual([]);
  });

  it('sums a prefecture portfolio: stages, team gaps, KPIs per value and SDGs', async () => {
    const p = await analyzePortfolio(db.repos, clock, { prefectureCode: '40' });
    expect(p.scope.name).toBe('福岡県');
    expect(p.projects.map((x) => x.id)).toEqual(['pj-2', 'pj-1']);
    expect(p.byStage).toEqual({ development: 1, demonstration: 1 });
    // pj-1 gives no end date and its stage does not close it: unknown, not assumed running
    expect(p.byEnd).toEqual({ ended: 0, notEnded: 1, unknown: 1 });
    expect(p.teamGaps).toEqual({ government: 1, finance: 2, university: 1 });
    expect(p.kpis.map((k) => k.value)).toEqual(['social', 'industrial', 'economic']);
    expect(p.kpis[1]).toMatchObject({
      unit: '人',
      target: 10,
      actual: 4,
      reported: 1,
      missing: 0,
      attainment: 0.4,
    });
    // a KPI without an actual is not counted as 0: no actual, one missing, no attainment
    expect(p.kpis[2]).toMatchObject({
      name: 'ライセンス収入',
      target: 1_000_000,
      actual: null,
      reported: 0,
      missing: 1,
      attainment: null,
    });
    expect(p.projects.find((x) => x.id === 'pj-2')?.alertCodes).toEqual([
      'milestones_overdue',
      'milestone_slipped',
      'overspending',
      'risk_rising',
      'no_pdca_check',
      'team_incomplete',
    ]);
    expect(p.sdgs.map((s) => s.sdg)).toEqual([7, 8, 11]);
    const { buildRegionReport } = await import('../reports/build-region-report.ts');
    const report = await buildRegionReport(db.repos, clock, { prefectureCode: '40' });
    expect(report.kpis).toEqual(p.kpis);
    const empty = await analyzePortfolio(db.repos, clock, { prefectureCode: '13' });
    expect(empty.projects).toEqual([]);
    await expect(analyzePortfolio(db.repos, clock, {})).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('takes a community portfolio by the lead’s community', async () => {
    const fukuoka = await analyzePortfolio(db.repos, clock, { prefectureCode: '40' });
    expect(fukuoka.projects).toHaveLength(2);
    const { buildRegionReport } = await import('../reports/build-region-report.ts');
    const report = await buildRegionReport(db.repos, clock, { prefectureCode: '40' });
    const community = report.communities[0]?.id ?? '';
    const p = await analyzePortfolio(db.repos, clock, { communityId: community });
    expect(p.projects.map((x) => x.id).sort()).toEqual(['pj-1', 'pj-2']);
  });
});
