import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract } from '#contract/contract.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { createApiFixture, expectProblem, type ApiFixture } from '../api-test-fixture.ts';

describe.each(TEST_DATABASES)('programme analyses API on $name', (kind) => {
  let f: ApiFixture;
  beforeEach(async () => {
    f = await createApiFixture(kind);
    const repos = f.database.repos;
    await repos.entity('actors').upsertMany([
      {
        id: 'co-1',
        kind: 'organization',
        sector: 'company',
        name: '博多精機株式会社',
        prefectureCode: '40',
        flags: ['sme'],
        keywords: [],
      },
    ]);
    await repos
      .entity('support-measures')
      .upsertMany([{ id: 'sm-1', name: '県補助', provider: '福岡県', prefectureCodes: ['40'] }]);
    await repos.entity('cases').upsertMany([
      { id: 'c1', title: '成功', outcome: 'success', factors: ['伴走支援'] },
      { id: 'c2', title: '失敗', outcome: 'failure', factors: ['資金計画なし'] },
    ]);
    await repos.entity('programmes').upsertMany([{ id: 'prog-1', name: 'RSP' }]);
    await repos.entity('adoptions').upsertMany([
      {
        id: 'a1',
        programmeId: 'prog-1',
        regionName: '福岡',
        prefectureCodes: ['40'],
        startFy: 2011,
        endFy: 2015,
        finalGrade: 'S',
        continuation: 'successor',
      },
    ]);
  });
  afterEach(async () => f.close());

  it('serves the continuation analysis to anonymous callers, with the reason when data are thin', async () => {
    const response = await f.call('/api/analyses/continuation?asOfFy=2024');
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ records: 1, factors: [], asOfFy: 2024 });
    expect(body['summary']).toContain('要因の回帰分析は行えませんでした');
    expect(JSON.stringify(body)).not.toContain('NaN');
    await expectProblem(await f.call('/api/analyses/continuation?asOfFy=soon'), 422);
  });

  it('fits support measures to an actor and refuses a bad query', async () => {
    const response = await f.call('/api/support/fit?actor=co-1');
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      matches: {
        measure: { id: string };
        reasons: { criterion: string; code: string; values: unknown; reason: string }[];
      }[];
      stageReason: string;
      stageReasonCode: string;
      stageReasonJa: string;
    };
    expect(body.matches.map((m) => m.measure.id)).toEqual(['sm-1']);
    // reasons name the prefecture in words, and carry a code with values for the web app
    expect(body.matches[0]?.reasons.find((r) => r.criterion === 'region')).toEqual({
      criterion: 'region',
      ok: true,
      code: 'region_in',
      values: { prefectureCode: '40' },
      reason: 'offered in Fukuoka',
      reasonJa: '所在地（福岡県）が対象地域',
    });
    expect(body).toMatchObject({
      stageReason: 'established organisation: 1→100',
      stageReasonCode: 'established',
      stageReasonJa: '事業を営む組織なので 1→100',
    });
    await expectProblem(await f.call('/api/support/fit'), 422);
    await expectProblem(await f.call('/api/support/fit?actor=nobody'), 404, 'not_found');
  });

  it('searches the case library and compares factors', async () => {
    await f.database.repos
      .entity('cases')
      .upsertMany([
        { id: 'c3', title: '成功2', outcome: 'success', factors: ['伴走支援'] },
        ...[4, 5, 6, 7].map((i) => ({ id: `c${i}`, title: `失敗${i}`, outcome: 'failure' })),
      ]);
    const found = (await (await f.call('/api/case-library/cases?outcome=failure')).json()) as {
      total: number;
    };
    expect(found.total).toBe(5);
    // The answer is the one the contract documents.
    expect(contract.caseSearch.responses[200].schema.safeParse(found).error?.issues ?? []).toEqual(
      [],
    );
    const factors = (await (await f.call('/api/case-library/factors')).json()) as {
      successes: number;
      rule: string;
      factors: Record<string, unknown>[];
    };
    expect(factors.successes).toBe(2);
    expect(factors.factors.map((x) => x['factor']).sort()).toEqual(['伴走支援', '資金計画なし']);
    expect(factors.rule).toMatch(/Fisher’s exact p < alpha and the exact/);
    // [[2, 0], [0, 5]]: Fisher p = 1/21 < 0.05, but the exact interval 0.65–∞ includes 1
    const support = factors.factors.find((x) => x['factor'] === '伴走支援');
    expect(support).toMatchObject({
      table: [
        [2, 0],
        [0, 5],
      ],
      conditionalOddsRatio: null,
      exactCiHigh: null,
      leansTowards: 'unclear',
    });
    expect(support?.['fisherP']).toBeCloseTo(1 / 21, 10);
    expect(support?.['exactCiLow']).toBeCloseTo(0.650552, 5);
    // the entity routes still answer for the stored cases
    expect((await f.call('/api/cases/c1')).status).toBe(200);
  });
  it('serves a prefecture portfolio and one project’s health', async () => {
    await f.database.repos.entity('projects').upsertMany([
      {
        id: 'pj-1',
        title: '試作',
        stage: 'research',
        prefectureCode: '40',
        members: [{ actorId: 'co-1', role: 'lead' }],
        kpis: [
          { name: '新規雇用', value: 'industrial', unit: '人', target: 5, actual: 1 },
          { name: '参加住民', value: 'social', unit: '人', target: 100 },
        ],
      },
      {
        id: 'pj-2',
        title: '実証',
        stage: 'research',
        prefectureCode: '40',
        members: [{ actorId: 'co-1', role: 'lead' }],
        kpis: [{ name: '新規雇用', value: 'industrial', unit: '人', target: 5 }],
      },
    ]);
    const portfolio = (await (await f.call('/api/portfolio/projects?prefecture=40')).json()) as {
      projects: { id: string; alerts: number; alertCodes: string[] }[];
      kpis: Record<string, unknown>[];
    };
    expect(portfolio.projects.map((p) => p.id)).toEqual(['pj-1', 'pj-2']);
    expect(portfolio.projects[0]).toMatchObject({ alerts: 1, alertCodes: ['team_incomplete'] });
    // missing actuals are neither summed as 0 nor hidden: counted apart
    expect(portfolio.kpis).toMatchObject([
      { name: '参加住民', unit: '人', target: 100, actual: null, reported: 0, missing: 1 },
      {
        name: '新規雇用',
        unit: '人',
        target: 10,
        actual: 1,
        reported: 1,
        missing: 1,
        attainment: 0.2,
      },
    ]);
    const health = await f.call('/api/portfolio/projects/pj-1/health');
    expect(health.status).toBe(200);
    const body = (await health.json()) as {
      team: { missing: string[] };
      alerts: string[];
      alertDetails: { code: string; values: Record<string, unknown>; text: string }[];
    };
    expect(body.team.missing).toContain('university');
    // the English sentences stay, and each comes with a code and typed values
    expect(body.alerts).toEqual(['team lacks university, government, finance']);
    expect(body.alertDetails).toEqual([
      {
        code: 'team_incomplete',
        values: { missing: ['university', 'government', 'finance'] },
        text: 'team lacks university, government, finance',
      },
    ]);
    await expectProblem(await f.call('/api/portfolio/projects'), 422);
    await expectProblem(await f.call('/api/portfolio/projects/none/health'), 404, 'not_found');
  });
});
