/**
 * A municipality's own members record its indicators through the entity API (area type
 * municipality, its own 6-digit code) and nothing else: not its prefecture's, not another
 * municipality's, no strategy or adoption; a company member cannot get there by naming a
 * municipality, nor a municipality member by moving its organisation.
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

const HAMAMATSU = '221309';
const NUMAZU = '222038';

const indicator = (areaCode: string, areaType = 'municipality', value = 7) => ({
  areaType,
  areaCode,
  year: 2025,
  metric: 'startups_supported',
  value,
  unit: '社',
});
const keyOf = (areaCode: string, areaType = 'municipality') =>
  encodeURIComponent(`${areaType}:${areaCode}:2025:startups_supported`);

describe.each(TEST_DATABASES)('a municipality’s own indicators on $name', (kind) => {
  let f: ApiFixture;
  let city: Credentials;
  beforeEach(async () => {
    f = await createApiFixture(kind);
    const { repos } = f.database;
    await repos.entity('actors').upsertMany([
      buildActor({ id: 'pref-22', name: '静岡県', sector: 'prefecture', prefectureCode: '22' }),
      buildActor({
        id: 'city-hamamatsu',
        name: '浜松市',
        sector: 'municipality',
        prefectureCode: '22',
        municipalityCode: HAMAMATSU,
      }),
      buildActor({
        id: 'city-unplaced',
        name: '所在地未登録の町',
        sector: 'municipality',
        prefectureCode: '22',
      }),
    ]);
    await repos
      .entity('indicators')
      .upsertMany([indicator(NUMAZU, 'municipality', 40), indicator('22', 'prefecture', 90)]);
    const member = async (email: string, organisationId: string) => {
      await createAccount(
        repos,
        { principal: { kind: 'anonymous' }, clock: f.clock },
        { email, displayName: email, role: 'member', organisationId, password: PASSWORD },
        { bootstrap: true, cost: TEST_COST },
      );
      return f.signIn(email);
    };
    city = await member('hamamatsu@test.example', 'city-hamamatsu');
  });
  afterEach(async () => f.close());

  const etagOf = async (as: Credentials, path: string) =>
    (await f.call(path, { as })).headers.get('etag') ?? '';
  const patch = async (as: Credentials, path: string, body: unknown) =>
    f.call(path, {
      method: 'PATCH',
      as,
      body,
      headers: {
        'content-type': 'application/merge-patch+json',
        'if-match': await etagOf(as, path),
      },
    });

  it('records, corrects and deletes its own municipality’s indicator', async () => {
    const me = (await (await f.call('/api/auth/me', { as: city })).json()) as Record<
      string,
      unknown
    >;
    expect(me['organisation']).toMatchObject({
      id: 'city-hamamatsu',
      sector: 'municipality',
      municipalityCode: HAMAMATSU,
    });
    expect((await f.call('/api/indicators', { as: city, body: indicator(HAMAMATSU) })).status).toBe(
      201,
    );
    const path = `/api/indicators/${keyOf(HAMAMATSU)}`;
    expect((await patch(city, path, { value: 9 })).status).toBe(200);
    expect(
      (
        await f.database.repos
          .entity('indicators')
          .get(`municipality:${HAMAMATSU}:2025:startups_supported`)
      )?.record['value'],
    ).toBe(9);
    const removed = await f.call(path, {
      method: 'DELETE',
      as: city,
      headers: { 'if-match': await etagOf(city, path) },
    });
    expect(removed.status).toBe(204);
  });

  it('refuses its prefecture’s, another municipality’s and every other area’s record', async () => {
    for (const body of [
      indicator('22', 'prefecture'),
      indicator(NUMAZU),
      indicator('22130'),
      indicator('c1', 'community'),
      indicator('JP', 'nation'),
    ])
      await expectProblem(await f.call('/api/indicators', { as: city, body }), 403, 'forbidden');
    await expectProblem(
      await patch(city, `/api/indicators/${keyOf(NUMAZU)}`, { value: 0 }),
      403,
      'forbidden',
    );
    await expectProblem(
      await patch(city, `/api/indicators/${keyOf('22', 'prefecture')}`, { value: 0 }),
      403,
      'forbidden',
    );
    const numazu = `/api/indicators/${keyOf(NUMAZU)}`;
    await expectProblem(
      await f.call(numazu, {
        method: 'DELETE',
        as: city,
        headers: { 'if-match': await etagOf(city, numazu) },
      }),
      403,
      'forbidden',
    );
    await expectProblem(
      await f.call('/api/region-strategies', {
        as: city,
        body: { id: 'st', name: '浜松の戦略', areaType: 'prefecture', areaCode: '22' },
      }),
      403,
      'forbidden',
    );
    await expectProblem(
      await f.call(`/api/indicators/${keyOf('999999')}`, {
        method: 'PATCH',
        as: city,
        body: { value: 1 },
        headers: { 'content-type': 'application/merge-patch+json', 'if-match': '"1"' },
      }),
      404,
    );
    const { repos } = f.database;
    expect(
      (await repos.entity('indicators').get(`municipality:${NUMAZU}:2025:startups_supported`))
        ?.record['value'],
    ).toBe(40);
    expect(await repos.entity('indicators').count()).toBe(2);
  });

  it('keeps a municipality in its own place, and one without a code records nothing', async () => {
    const moved = await patch(city, '/api/actors/city-hamamatsu', { municipalityCode: NUMAZU });
    expect((await expectProblem(moved, 403, 'forbidden'))['detail']).toMatch(/^municipalityCode:/);
    await createAccount(
      f.database.repos,
      { principal: { kind: 'anonymous' }, clock: f.clock },
      {
        email: 'unplaced@test.example',
        displayName: 'unplaced',
        role: 'member',
        organisationId: 'city-unplaced',
        password: PASSWORD,
      },
      { bootstrap: true, cost: TEST_COST },
    );
    const unplaced = await f.signIn('unplaced@test.example');
    await expectProblem(
      await f.call('/api/indicators', { as: unplaced, body: indicator(HAMAMATSU) }),
      403,
      'forbidden',
    );
  });

  it('gives a company member, a viewer and anonymous callers nothing of a municipality', async () => {
    const memberA = await f.signIn('a@test.example');
    await expectProblem(
      await f.call('/api/indicators', { as: memberA, body: indicator(HAMAMATSU) }),
      403,
      'forbidden',
    );
    const disguise = await patch(memberA, '/api/actors/co-a', {
      sector: 'municipality',
      prefectureCode: '22',
      municipalityCode: HAMAMATSU,
    });
    await expectProblem(disguise, 403, 'forbidden');
    const viewer = await f.signIn('viewer@test.example');
    await expectProblem(
      await f.call('/api/indicators', { as: viewer, body: indicator(HAMAMATSU) }),
      403,
      'forbidden',
    );
    await expectProblem(await f.call('/api/indicators', { body: indicator(HAMAMATSU) }), 401);
    expect(await f.database.repos.entity('indicators').count()).toBe(2);
  });
});
