import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '#core/entities/actor.ts';
import type { Relation } from '#core/entities/relation.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { createApiFixture, expectProblem, type ApiFixture } from '../api-test-fixture.ts';
import { ZStrengthsMap } from '#contract/routes/strengths-map.ts';
import { ZAnalysisProgress } from '#contract/routes/analyses.ts';

const actor = (id: string, prefectureCode: string): Actor => ({
  id,
  kind: 'organization',
  sector: 'company',
  name: `会社${id}`,
  prefectureCode,
  flags: [],
  keywords: [],
});
const tie = (sourceId: string, targetId: string): Relation => ({
  sourceId,
  targetId,
  type: 'joint_research',
  weight: 3,
  startDate: '2023-04-01',
});
const clique = (ids: string[]): Relation[] =>
  ids.flatMap((a, i) => ids.slice(i + 1).map((b) => tie(a, b)));
const WEST = ['w0', 'w1', 'w2', 'w3', 'w4'];
const EAST = ['e0', 'e1', 'e2', 'e3', 'e4'];

describe.each(TEST_DATABASES)('analyses API on $name', (kind) => {
  let f: ApiFixture;
  beforeEach(async () => {
    f = await createApiFixture(kind);
    await f.database.repos
      .entity('actors')
      .upsertMany([
        ...WEST.map((id) => actor(id, '40')),
        ...EAST.map((id) => actor(id, '13')),
        actor('bridge', '23'),
      ]);
    await f.database.repos
      .entity('relations')
      .upsertMany([...clique(WEST), ...clique(EAST), tie('w0', 'bridge'), tie('bridge', 'e0')]);
  });
  afterEach(async () => f.close());

  it('counts what was computed, without a warm-up when the server runs none, and never shows parameters', async () => {
    const before = ZAnalysisProgress.parse(await (await f.call('/api/analyses/progress')).json());
    expect(before).toMatchObject({ warmUp: null, computing: [], computed: 0 });
    expect((await f.call('/api/analyses/brokers?limit=3')).status).toBe(200);
    const after = await (await f.call('/api/analyses/progress')).text();
    expect(ZAnalysisProgress.parse(JSON.parse(after)).computed).toBe(1);
    expect(after).not.toContain('limit');
  });

  it('ranks the bridge between two communities first', async () => {
    const response = await f.call('/api/analyses/brokers');
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      brokers: {
        actorId: string;
        betweenness: number;
        constraint: number | null;
        communitiesBridged: string[];
      }[];
      method: { betweenness: string; errorBound: number };
    };
    expect(body.brokers[0]).toMatchObject({ actorId: 'bridge' });
    expect(body.brokers[0]?.betweenness).toBeGreaterThan(body.brokers[1]?.betweenness ?? 1);
    expect(body.brokers[0]?.communitiesBridged).toHaveLength(2);
    expect(body.method).toMatchObject({ betweenness: 'exact', errorBound: 0 });
    const west = body.brokers.find((b) => b.actorId === 'w0')?.communitiesBridged ?? [];
    const community = west.length > 0 ? west : (body.brokers[0]?.communitiesBridged ?? []);
    const only = (await (
      await f.call(`/api/analyses/brokers?community=${community[0]}&limit=3`)
    ).json()) as { brokers: { actorId: string }[]; community: string };
    expect(only.community).toBe(community[0]);
    expect(only.brokers[0]?.actorId).toBe('bridge');
  });

  it('names the bad parameter and the unknown community', async () => {
    await expectProblem(await f.call('/api/analyses/brokers?community=x'), 422);
    await expectProblem(await f.call('/api/analyses/brokers?limit=0'), 422);
    await expectProblem(await f.call('/api/analyses/brokers?community=c99'), 404);
  });
});

describe.each(TEST_DATABASES)('regional strengths API on $name', (kind) => {
  let f: ApiFixture;
  beforeEach(async () => {
    f = await createApiFixture(kind);
    const firm = (id: string, prefectureCode: string, field: string): Actor => ({
      ...actor(id, prefectureCode),
      field,
    });
    await f.database.repos
      .entity('actors')
      .upsertMany([
        ...Array.from({ length: 25 }, (_, i) => firm(`fk${i}`, '40', 'ロボット')),
        ...Array.from({ length: 25 }, (_, i) => firm(`tk${i}`, '13', '食品')),
      ]);
  });
  afterEach(async () => f.close());

  it('a field concentrated in one prefecture has LQ > 1 with an interval above 1', async () => {
    const response = await f.call('/api/analyses/strengths?prefecture=40');
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      fields: { field: string; lq: number; ciLow: number; ciHigh: number; count: number }[];
      method: string;
    };
    expect(body.fields[0]).toMatchObject({ field: 'ロボット', lq: 2, count: 25 });
    expect(body.fields[0]?.ciLow).toBeGreaterThan(1);
    expect(body.fields.find((x) => x.field === '食品')).toMatchObject({ lq: 0, count: 0 });
    expect(body.method).toMatch(/Garwood/);
  });

  it('maps one field across the prefectures: LQ with its interval in each', async () => {
    const response = await f.call(
      '/api/analyses/strengths/map?field=%E3%83%AD%E3%83%9C%E3%83%83%E3%83%88',
    );
    expect(response.status).toBe(200);
    const body = ZStrengthsMap.parse(await response.json());
    expect(body.field).toBe('ロボット');
    expect(body.fieldEn).toBe('robotics');
    expect(body.places).toHaveLength(47);
    expect(body.places.find((p) => p.code === '40')).toMatchObject({
      lq: 2,
      count: 25,
      specialised: true,
    });
    expect(body.places.find((p) => p.code === '40')?.ciLow).toBeGreaterThan(1);
    expect(body.places.find((p) => p.code === '13')).toMatchObject({ lq: 0, count: 0 });
    // a prefecture with no unit at all makes no claim
    expect(body.places.find((p) => p.code === '01')).toMatchObject({ lq: null, ciLow: null });
    expect(body.fields.map((x) => x.field).sort()).toEqual(['ロボット', '食品']);
    // no field asked: the largest one
    const first = ZStrengthsMap.parse(await (await f.call('/api/analyses/strengths/map')).json());
    expect(first.field).toBe(body.fields[0]?.field);
    expect((await f.call('/api/analyses/strengths/map?measure=spaceships')).status).toBe(422);
    // KAKEN projects are a measure of their own (none held here: nothing counted)
    const kaken = ZStrengthsMap.parse(
      await (await f.call('/api/analyses/strengths/map?measure=kaken')).json(),
    );
    expect(kaken).toMatchObject({ measure: 'kaken', total: 0, field: null, units: [] });
    expect(body.units).toEqual([
      expect.objectContaining({ unit: 'companies', count: 50, source: expect.any(String) }),
    ]);
  });

  it('a municipality counts its own actors (a designated city with its wards)', async () => {
    await f.database.repos.entity('actors').upsertMany(
      Array.from({ length: 20 }, (_, i) => ({
        ...actor(`hm${i}`, '22'),
        municipalityCode: i % 2 === 0 ? '221309' : '221317',
        field: '光・量子',
      })),
    );
    const body = (await (await f.call('/api/analyses/strengths?municipality=221317')).json()) as {
      scope: { kind: string; id: string; name: string };
      regionTotal: number;
      fields: { field: string; lq: number; ciLow: number }[];
    };
    expect(body.scope).toEqual({ kind: 'municipality', id: '221309', name: '浜松市' });
    expect(body.regionTotal).toBe(20);
    expect(body.fields[0]).toMatchObject({ field: '光・量子', lq: 3.5 });
    expect(body.fields[0]?.ciLow).toBeGreaterThan(1);
    await expectProblem(await f.call('/api/analyses/strengths?municipality=999999'), 422);
    await expectProblem(
      await f.call('/api/analyses/strengths?municipality=221309&prefecture=22'),
      422,
    );
  });

  it('names the bad parameter', async () => {
    await expectProblem(await f.call('/api/analyses/strengths'), 422);
    await expectProblem(await f.call('/api/analyses/strengths?prefecture=99'), 422);
    await expectProblem(await f.call('/api/analyses/strengths?prefecture=40&measure=x'), 422);
    await expectProblem(await f.call('/api/analyses/strengths?community=c99'), 404);
  });
});

describe.each(TEST_DATABASES)('SDG suggestions API on $name', (kind) => {
  let f: ApiFixture;
  beforeEach(async () => {
    f = await createApiFixture(kind);
    await f.database.repos.entity('actors').upsertMany([actor('owner', '22')]);
    await f.database.repos.entity('seeds').upsertMany([
      {
        id: 's-sea',
        title: '藻場再生による沿岸漁業の振興',
        ownerId: 'owner',
        keywords: ['養殖'],
        sdgs: [],
      },
      { id: 's-tag', title: '希少糖の量産', ownerId: 'owner', keywords: [], sdgs: [14] },
      { id: 's-none', title: '精密加工', ownerId: 'owner', keywords: [], sdgs: [] },
    ]);
  });
  afterEach(async () => f.close());

  it('suggests goals for a seed with evidence, and lists a goal’s records tagged or suggested', async () => {
    const one = (await (await f.call('/api/analyses/sdgs?entity=seeds&id=s-sea')).json()) as {
      tagged: number[];
      suggestions: { sdg: number; evidence: { field: string; term: string }[] }[];
    };
    expect(one.tagged).toEqual([]);
    expect(one.suggestions[0]?.sdg).toBe(14);
    expect(one.suggestions[0]?.evidence).toContainEqual(
      expect.objectContaining({ field: 'title', term: '漁業' }),
    );
    const goal = (await (await f.call('/api/analyses/sdgs?entity=seeds&sdg=14')).json()) as {
      records: { id: string; tagged: boolean; suggested: boolean }[];
    };
    expect(goal.records.map((r) => [r.id, r.tagged, r.suggested])).toEqual([
      ['s-tag', true, false],
      ['s-sea', false, true],
    ]);
  });

  it('refuses needs, a missing record and a bad goal', async () => {
    await expectProblem(await f.call('/api/analyses/sdgs?entity=needs&sdg=14'), 422);
    await expectProblem(await f.call('/api/analyses/sdgs?entity=seeds&sdg=18'), 422);
    await expectProblem(await f.call('/api/analyses/sdgs?entity=seeds'), 422);
    await expectProblem(await f.call('/api/analyses/sdgs?entity=seeds&id=nope'), 404);
  });
});
