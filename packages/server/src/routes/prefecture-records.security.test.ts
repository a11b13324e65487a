/**
 * A prefecture's own members record its indicators, strategies and adoptions through the entity
 * API, and only its own: another prefecture's records, a municipality's or a community's, shared
 * adoptions, programmes and other organisations' records stay out of reach, and a company member
 * cannot turn its organisation into a prefecture to get there.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccount } from '#services/accounts/create-account.ts';
import { buildActor } from '#test/factories.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import {
  createApiFixture,
  expectProblem,
  PASSWORD,
  TEST_COST,
  type ApiFixture,
  type Credentials,
} from '../api-test-fixture.ts';

const indicator = (areaCode: string, value = 12, areaType = 'prefecture') => ({
  areaType,
  areaCode,
  year: 2025,
  metric: 'joint_research',
  value,
  unit: '件',
});
const strategy = (id: string, areaCode: string) => ({
  id,
  name: `${areaCode} の地域ビジョン`,
  areaType: 'prefecture',
  areaCode,
  vision: 'ものづくりと光技術の集積',
});

describe.each(TEST_DATABASES)('a prefecture’s own records on $name', (kind) => {
  let f: ApiFixture;
  let official: Credentials;
  beforeEach(async () => {
    f = await createApiFixture(kind);
    const { repos } = f.database;
    await repos
      .entity('actors')
      .upsertMany([
        buildActor({ id: 'pref-22', name: '静岡県', sector: 'prefecture', prefectureCode: '22' }),
        buildActor({ id: 'pref-13', name: '東京都', sector: 'prefecture', prefectureCode: '13' }),
      ]);
    await createAccount(
      repos,
      { principal: { kind: 'anonymous' }, clock: f.clock },
      {
        email: 'pref22@test.example',
        displayName: '静岡県 担当',
        role: 'member',
        organisationId: 'pref-22',
        password: PASSWORD,
      },
      { bootstrap: true, cost: TEST_COST },
    );
    official = await f.signIn('pref22@test.example');
  });
  afterEach(async () => f.close());

  const patch = async (as: Credentials, path: string, body: unknown) => {
    const stored = await f.call(path, { as });
    return f.call(path, {
      method: 'PATCH',
      as,
      body,
      headers: {
        'content-type': 'application/merge-patch+json',
        'if-match': stored.headers.get('etag') ?? '',
      },
    });
  };

  it('records and corrects its own prefecture’s indicator and strategy', async () => {
    const me = (await (await f.call('/api/auth/me', { as: official })).json()) as Record<
      string,
      unknown
    >;
    expect(me['organisation']).toEqual({
      id: 'pref-22',
      name: '静岡県',
      sector: 'prefecture',
      prefectureCode: '22',
      municipalityCode: null,
    });
    expect((await f.call('/api/indicators', { as: official, body: indicator('22') })).status).toBe(
      201,
    );
    const key = encodeURIComponent('prefecture:22:2025:joint_research');
    expect((await patch(official, `/api/indicators/${key}`, { value: 15 })).status).toBe(200);
    const stored = await f.database.repos
      .entity('indicators')
      .get('prefecture:22:2025:joint_research');
    expect(stored?.record['value']).toBe(15);
    expect(
      (await f.call('/api/region-strategies', { as: official, body: strategy('st-22', '22') }))
        .status,
    ).toBe(201);
    const adoption = {
      id: 'ad-22',
      programmeId: 'prog-x',
      regionName: '浜松地域',
      prefectureCodes: ['22'],
      startFy: 2022,
    };
    await f.database.repos
      .entity('programmes')
      .upsertMany([{ id: 'prog-x', name: '地域イノベーション・エコシステム形成プログラム' }]);
    expect((await f.call('/api/adoptions', { as: official, body: adoption })).status).toBe(201);
  });

  it('refuses another prefecture’s, a municipality’s and a shared record', async () => {
    const { repos } = f.database;
    await repos.entity('indicators').upsertMany([indicator('13', 40)]);
    await repos.entity('region-strategies').upsertMany([strategy('st-13', '13')]);
    for (const body of [
      indicator('13'),
      indicator('221309', 1, 'municipality'),
      indicator('c1', 1, 'community'),
    ])
      await expectProblem(
        await f.call('/api/indicators', { as: official, body }),
        403,
        'forbidden',
      );
    const tokyo = encodeURIComponent('prefecture:13:2025:joint_research');
    await expectProblem(
      await patch(official, `/api/indicators/${tokyo}`, { value: 0 }),
      403,
      'forbidden',
    );
    await expectProblem(
      await patch(official, '/api/region-strategies/st-13', { vision: '乗っ取り' }),
      403,
      'forbidden',
    );
    const stored = await f.call(`/api/indicators/${tokyo}`, { as: official });
    await expectProblem(
      await f.call(`/api/indicators/${tokyo}`, {
        method: 'DELETE',
        as: official,
        headers: { 'if-match': stored.headers.get('etag') ?? '' },
      }),
      403,
      'forbidden',
    );
    await repos.entity('programmes').upsertMany([{ id: 'prog-x', name: '広域の事業' }]);
    const shared = {
      id: 'ad-w',
      programmeId: 'prog-x',
      regionName: '三遠南信',
      prefectureCodes: ['22', '23'],
      startFy: 2022,
    };
    await expectProblem(
      await f.call('/api/adoptions', { as: official, body: shared }),
      403,
      'forbidden',
    );
    await expectProblem(
      await f.call('/api/programmes', { as: official, body: { id: 'prog-own', name: '県の事業' } }),
      403,
      'forbidden',
    );
    // others' organisation records stay as before
    await expectProblem(
      await f.call('/api/seeds', {
        as: official,
        body: { id: 's-x', ownerId: 'co-a', title: '乗っ取り' },
      }),
      403,
      'forbidden',
    );
    expect(
      (await repos.entity('indicators').get('prefecture:13:2025:joint_research'))?.record['value'],
    ).toBe(40);
    expect((await repos.entity('region-strategies').get('st-13'))?.record['vision']).toBe(
      'ものづくりと光技術の集積',
    );
    expect(await repos.entity('indicators').count()).toBe(1);
  });

  it('gives a company member nothing of its prefecture, even after it renames itself one', async () => {
    const memberA = await f.signIn('a@test.example');
    await expectProblem(
      await f.call('/api/indicators', { as: memberA, body: indicator('22') }),
      403,
      'forbidden',
    );
    const disguise = await patch(memberA, '/api/actors/co-a', {
      sector: 'prefecture',
      prefectureCode: '22',
    });
    const body = await expectProblem(disguise, 403, 'forbidden');
    expect(body['detail']).toMatch(/^sector:/);
    await expectProblem(
      await f.call('/api/indicators', { as: memberA, body: indicator('22') }),
      403,
      'forbidden',
    );
    const viewer = await f.signIn('viewer@test.example');
    await expectProblem(
      await f.call('/api/indicators', { as: viewer, body: indicator('22') }),
      403,
      'forbidden',
    );
    await expectProblem(await f.call('/api/indicators', { body: indicator('22') }), 401);
  });

  it('keeps a prefecture in its own place', async () => {
    const moved = await patch(official, '/api/actors/pref-22', { prefectureCode: '13' });
    const body = await expectProblem(moved, 403, 'forbidden');
    expect(body['detail']).toMatch(/^prefectureCode:/);
    expect(
      (await patch(official, '/api/actors/pref-22', { url: 'https://www.pref.shizuoka.jp/' }))
        .status,
    ).toBe(200);
  });
});
