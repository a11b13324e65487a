import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { createApiFixture, expectProblem, type ApiFixture } from '../api-test-fixture.ts';

describe.each(TEST_DATABASES)('region analyses API on $name', (kind) => {
  let f: ApiFixture;
  beforeEach(async () => {
    f = await createApiFixture(kind);
    const repos = f.database.repos;
    await repos.entity('region-strategies').upsertMany([
      {
        id: 'rs-22',
        name: '静岡 光の戦略',
        areaType: 'prefecture',
        areaCode: '22',
        kpiTargets: [
          { metric: 'joint_research', value: 'industrial', year: 2023, target: 120, unit: '件' },
        ],
      },
    ]);
    await repos.entity('indicators').upsertMany([
      {
        areaType: 'prefecture',
        areaCode: '22',
        year: 2023,
        metric: 'joint_research',
        value: 130,
        unit: '件',
      },
    ]);
    await repos.entity('training-programmes').upsertMany([
      {
        id: 'tp',
        name: '講座',
        areaType: 'prefecture',
        areaCode: '22',
        cohorts: [{ fiscalYear: 2024, enrolled: 5, completed: 4, stayedLocal: 3, leftRegion: 1 }],
      },
    ]);
    await repos
      .entity('projects')
      .upsertMany([{ id: 'p', title: '実証', stage: 'development', prefectureCode: '22' }]);
    await repos
      .entity('funding')
      .upsertMany([
        { id: 'f1', sourceType: 'company', projectId: 'p', fiscalYear: 2023, amount: 100 },
      ]);
  });
  afterEach(async () => f.close());

  it('answers the three analyses for a prefecture', async () => {
    const strategy = (await (
      await f.call('/api/analyses/region-strategy?prefecture=22')
    ).json()) as {
      strategies: { targets: { status: string }[] }[];
    };
    expect(strategy.strategies[0]?.targets.map((t) => t.status)).toEqual(['on_track']);
    const money = await f.call('/api/analyses/money?prefecture=22&asOfFy=2024');
    expect(money.status).toBe(200);
    const body = (await money.json()) as {
      region: { total: number; sufficient: boolean };
      projects: { projectId: string; outlook: string }[];
    };
    expect(body.region).toMatchObject({ total: 100, sufficient: false });
    expect(body.projects).toMatchObject([{ projectId: 'p', outlook: 'no_national_money' }]);
    const people = (await (await f.call('/api/analyses/people?prefecture=22')).json()) as {
      retention: { rate: number; claim: boolean; note: string };
    };
    expect(people.retention).toMatchObject({ rate: 0.75, claim: false });
    expect(people.retention.note).toMatch(/only 4 known destinations/);
  });

  it('answers money for a named consortium: its members’ flows', async () => {
    const repos = f.database.repos;
    await repos.entity('actors').upsertMany([
      {
        id: 'council',
        kind: 'organization',
        sector: 'support_org',
        name: '浜松光協議会',
        prefectureCode: '22',
        flags: [],
        keywords: [],
      },
      {
        id: 'm1',
        kind: 'organization',
        sector: 'company',
        name: '浜松光学',
        prefectureCode: '22',
        flags: [],
        keywords: [],
      },
      {
        id: 'm2',
        kind: 'organization',
        sector: 'company',
        name: '豊橋精機',
        prefectureCode: '23',
        flags: [],
        keywords: [],
      },
    ]);
    await repos.entity('relations').upsertMany([
      { sourceId: 'm1', targetId: 'council', type: 'membership', weight: 1 },
      { sourceId: 'm2', targetId: 'council', type: 'participation', weight: 1 },
    ]);
    await repos.entity('funding').upsertMany([
      { id: 'c1', sourceType: 'bank', recipientId: 'm1', fiscalYear: 2024, amount: 400 },
      { id: 'c2', sourceType: 'municipality', recipientId: 'm2', fiscalYear: 2024, amount: 600 },
    ]);
    const money = await f.call('/api/analyses/money?consortium=council&asOfFy=2024');
    expect(money.status).toBe(200);
    const body = (await money.json()) as {
      scope: { kind: string; name: string; prefectureCodes: string[] };
      region: { total: number; bySource: Record<string, number> };
    };
    expect(body.scope).toMatchObject({
      kind: 'consortium',
      name: '浜松光協議会',
      prefectureCodes: ['22', '23'],
    });
    expect(body.region).toMatchObject({ total: 1000, bySource: { bank: 400, municipality: 600 } });
    await expectProblem(await f.call('/api/analyses/money?consortium=nobody'), 404);
    await expectProblem(await f.call('/api/analyses/money?consortium=council&prefecture=22'), 422);
  });

  it('lists the recorded consortia (flagged consortium) for the picker, to everyone alike', async () => {
    const repos = f.database.repos;
    await repos.entity('actors').upsertMany([
      {
        id: 'council',
        kind: 'organization',
        sector: 'support_org',
        name: '浜松光協議会',
        prefectureCode: '22',
        flags: ['consortium'],
        keywords: [],
      },
      {
        id: 'chamber',
        kind: 'organization',
        sector: 'support_org',
        name: '浜松商工会議所',
        prefectureCode: '22',
        flags: ['incubator'],
        keywords: [],
      },
      {
        id: 'm1',
        kind: 'organization',
        sector: 'company',
        name: '浜松光学',
        prefectureCode: '22',
        flags: ['sme'],
        keywords: [],
      },
    ]);
    await repos.entity('relations').upsertMany([
      { sourceId: 'm1', targetId: 'council', type: 'membership', weight: 1 },
      { sourceId: 'm1', targetId: 'chamber', type: 'membership', weight: 1 },
    ]);
    const query = '/api/actors?flags=consortium&sort=name&limit=1000&fields=id,name,nameEn';
    const anonymous = await f.call(query);
    expect(anonymous.status).toBe(200);
    const listed = (await anonymous.json()) as { items: { id: string; name: string }[] };
    expect(listed.items).toEqual([{ id: 'council', name: '浜松光協議会' }]);
    const viewer = await f.signIn('viewer@test.example');
    expect(await (await f.call(query, { as: viewer })).json()).toEqual(listed);
    const money = await f.call('/api/analyses/money?consortium=council&asOfFy=2024');
    expect(((await money.json()) as { scope: { kind: string } }).scope.kind).toBe('consortium');
    // A flag that is not in the vocabulary lists nothing rather than everything.
    const unknown = (await (await f.call('/api/actors?flags=nothing-such')).json()) as {
      items: unknown[];
    };
    expect(unknown.items).toEqual([]);
  });

  it('refuses bad or missing regions and an unknown strategy', async () => {
    await expectProblem(await f.call('/api/analyses/money'), 422);
    await expectProblem(await f.call('/api/analyses/money?prefecture=22&community=c1'), 422);
    await expectProblem(await f.call('/api/analyses/money?prefecture=99'), 422);
    await expectProblem(await f.call('/api/analyses/people?community=x'), 422);
    await expectProblem(await f.call('/api/analyses/money?community=c99'), 404);
    await expectProblem(await f.call('/api/analyses/people?prefecture=22&consortium=x'), 422);
    expect((await f.call('/api/analyses/people?consortium=hamamatsu')).status).toBe(200);
    await expectProblem(await f.call('/api/analyses/region-strategy?strategy=nope'), 404);
  });

  it('keeps strategies and training programmes through the entity API, refusing bad records by field', async () => {
    const as = await f.signIn('admin@test.example');
    const created = await f.call('/api/region-strategies', {
      as,
      body: {
        id: 'rs-c',
        name: '浜松・豊橋コンソーシアム',
        areaType: 'consortium',
        areaCode: 'hamamatsu-toyohashi',
        kpiTargets: [
          { metric: 'joint_research', value: 'industrial', year: 2026, target: 30, unit: '件' },
        ],
      },
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      kpiTargets: [{ direction: 'increase' }],
      pdca: [],
    });
    const badArea = await f.call('/api/region-strategies', {
      as,
      body: { id: 'rs-x', name: 'x', areaType: 'prefecture', areaCode: '99' },
    });
    expect(badArea.status).toBe(422);
    expect(JSON.stringify(await badArea.json())).toContain('areaCode');
    const badCohort = await f.call('/api/training-programmes', {
      as,
      body: {
        id: 'tp-x',
        name: 'x',
        areaType: 'prefecture',
        areaCode: '22',
        cohorts: [{ fiscalYear: 2024, enrolled: 5, completed: 9 }],
      },
    });
    expect(badCohort.status).toBe(422);
    expect(JSON.stringify(await badCohort.json())).toContain('exceeds enrolled');
    const anonymous = await f.call('/api/region-strategies', {
      body: { id: 'rs-y', name: 'y', areaType: 'prefecture', areaCode: '22' },
    });
    expect(anonymous.status).toBe(401);
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = (await (await f.call('/api/openapi.json')).json()) as {
      paths: Record<string, unknown>;
    };
    for (const path of [
      '/api/analyses/money',
      '/api/analyses/region-strategy',
      '/api/analyses/people',
    ])
      expect(doc.paths[path]).toBeDefined();
    expect(doc.paths['/api/region-strategies']).toBeDefined();
  });
});
