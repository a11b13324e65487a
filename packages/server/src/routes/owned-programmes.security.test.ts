/**
 * A prefecture's and a municipality's own programmes through the entity API: their members create
 * programmes owned by their organisation and change or delete only those. The national catalogue
 * (no owner) and another body's programmes stay out of reach of every member, tried as an
 * outsider would: another prefecture's member, a company member, a viewer, anonymous callers,
 * owners and programmes that do not exist, and a member handing its programme to someone else.
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

const programme = (id: string, ownerId?: string) => ({
  id,
  name: `${id} 事業`,
  ministry: '静岡県 経済産業部',
  startFy: 2024,
  type: 'other',
  ...(ownerId === undefined ? {} : { ownerId }),
});

describe.each(TEST_DATABASES)('a government body’s own programmes on $name', (kind) => {
  let f: ApiFixture;
  let shizuoka: Credentials;
  let tokyo: Credentials;
  let hamamatsu: Credentials;
  beforeEach(async () => {
    f = await createApiFixture(kind);
    const { repos } = f.database;
    await repos.entity('actors').upsertMany([
      buildActor({ id: 'pref-22', name: '静岡県', sector: 'prefecture', prefectureCode: '22' }),
      buildActor({ id: 'pref-13', name: '東京都', sector: 'prefecture', prefectureCode: '13' }),
      buildActor({
        id: 'city-hamamatsu',
        name: '浜松市',
        sector: 'municipality',
        prefectureCode: '22',
        municipalityCode: '221309',
      }),
    ]);
    await repos
      .entity('programmes')
      .upsertMany([
        { id: 'national', name: '地域イノベーション・エコシステム形成プログラム' },
        programme('tokyo-own', 'pref-13'),
      ]);
    const member = async (email: string, organisationId: string) => {
      await createAccount(
        repos,
        { principal: { kind: 'anonymous' }, clock: f.clock },
        { email, displayName: email, role: 'member', organisationId, password: PASSWORD },
        { bootstrap: true, cost: TEST_COST },
      );
      return f.signIn(email);
    };
    shizuoka = await member('pref22@test.example', 'pref-22');
    tokyo = await member('pref13@test.example', 'pref-13');
    hamamatsu = await member('hamamatsu@test.example', 'city-hamamatsu');
  });
  afterEach(async () => f.close());

  const etagOf = async (as: Credentials | undefined, path: string) =>
    (await f.call(path, as ? { as } : {})).headers.get('etag') ?? '';
  const patch = async (as: Credentials | undefined, path: string, body: unknown) =>
    f.call(path, {
      method: 'PATCH',
      ...(as ? { as } : {}),
      body,
      headers: {
        'content-type': 'application/merge-patch+json',
        'if-match': await etagOf(as, path),
      },
    });
  const remove = async (as: Credentials | undefined, path: string) =>
    f.call(path, {
      method: 'DELETE',
      ...(as ? { as } : {}),
      headers: { 'if-match': await etagOf(as, path) },
    });

  it('lets a prefecture and a municipality create, edit and delete their own programmes', async () => {
    const created = await f.call('/api/programmes', {
      as: shizuoka,
      body: programme('shizuoka-own', 'pref-22'),
    });
    expect(created.status).toBe(201);
    expect(((await created.json()) as Record<string, unknown>)['ownerId']).toBe('pref-22');
    expect(
      (await patch(shizuoka, '/api/programmes/shizuoka-own', { name: '静岡県 新事業創出補助金' }))
        .status,
    ).toBe(200);
    const city = await f.call('/api/programmes', {
      as: hamamatsu,
      body: programme('hamamatsu-own', 'city-hamamatsu'),
    });
    expect(city.status).toBe(201);
    const { repos } = f.database;
    expect((await repos.entity('programmes').get('shizuoka-own'))?.record).toMatchObject({
      name: '静岡県 新事業創出補助金',
      ownerId: 'pref-22',
    });
    expect((await remove(hamamatsu, '/api/programmes/hamamatsu-own')).status).toBe(204);
    expect(await repos.entity('programmes').get('hamamatsu-own')).toBeUndefined();
  });

  it('refuses the national catalogue, another body’s programme and unowned new ones', async () => {
    for (const body of [
      programme('no-owner'),
      programme('for-tokyo', 'pref-13'),
      programme('for-the-city', 'city-hamamatsu'),
      programme('for-a-company', 'co-a'),
      programme('for-nobody', 'no-such-actor'),
    ])
      await expectProblem(
        await f.call('/api/programmes', { as: shizuoka, body }),
        403,
        'forbidden',
      );
    await expectProblem(
      await patch(shizuoka, '/api/programmes/national', { name: '乗っ取り' }),
      403,
      'forbidden',
    );
    // Claiming the national programme as one's own is a change of its owner, refused too.
    await expectProblem(
      await patch(shizuoka, '/api/programmes/national', { ownerId: 'pref-22' }),
      403,
      'forbidden',
    );
    await expectProblem(
      await patch(shizuoka, '/api/programmes/tokyo-own', { name: '乗っ取り' }),
      403,
      'forbidden',
    );
    await expectProblem(await remove(shizuoka, '/api/programmes/tokyo-own'), 403, 'forbidden');
    await expectProblem(await remove(hamamatsu, '/api/programmes/national'), 403, 'forbidden');
    // An id taken by another's programme is not a way in.
    await expectProblem(
      await f.call('/api/programmes', { as: shizuoka, body: programme('tokyo-own', 'pref-22') }),
      409,
    );
    const { repos } = f.database;
    expect((await repos.entity('programmes').get('national'))?.record['ownerId']).toBeUndefined();
    expect((await repos.entity('programmes').get('tokyo-own'))?.record).toMatchObject({
      name: 'tokyo-own 事業',
      ownerId: 'pref-13',
    });
  });

  it('keeps a member from handing its programme to someone else', async () => {
    await f.call('/api/programmes', { as: tokyo, body: programme('tokyo-2', 'pref-13') });
    for (const ownerId of ['pref-22', 'co-a', null])
      await expectProblem(await patch(tokyo, '/api/programmes/tokyo-2', { ownerId }), 403);
    expect((await f.database.repos.entity('programmes').get('tokyo-2'))?.record['ownerId']).toBe(
      'pref-13',
    );
  });

  it('gives a company member, a viewer and anonymous callers no programme, not even their own', async () => {
    const memberA = await f.signIn('a@test.example');
    await expectProblem(
      await f.call('/api/programmes', { as: memberA, body: programme('co-own', 'co-a') }),
      403,
      'forbidden',
    );
    await expectProblem(
      await patch(memberA, '/api/programmes/tokyo-own', { name: '乗っ取り' }),
      403,
      'forbidden',
    );
    const viewer = await f.signIn('viewer@test.example');
    await expectProblem(
      await f.call('/api/programmes', { as: viewer, body: programme('v', 'pref-22') }),
      403,
      'forbidden',
    );
    await expectProblem(
      await f.call('/api/programmes', { body: programme('anon', 'pref-22') }),
      401,
    );
    await expectProblem(await patch(undefined, '/api/programmes/tokyo-own', { name: 'x' }), 401);
    await expectProblem(await remove(undefined, '/api/programmes/tokyo-own'), 401);
    expect(await f.database.repos.entity('programmes').count()).toBeGreaterThan(0);
    expect(await f.database.repos.entity('programmes').get('co-own')).toBeUndefined();
  });

  it('answers 404 for a programme that does not exist, and 422 for an owner that does not', async () => {
    await expectProblem(
      await f.call('/api/programmes/nothing-here', {
        method: 'PATCH',
        as: shizuoka,
        body: { name: 'x' },
        headers: { 'content-type': 'application/merge-patch+json', 'if-match': '"1"' },
      }),
      404,
    );
    const admin = await f.signIn('admin@test.example');
    await expectProblem(
      await f.call('/api/programmes', { as: admin, body: programme('ghost', 'no-such-actor') }),
      422,
    );
  });

  it('lets coordinators keep every programme, owned or not, and sets the owner', async () => {
    const coordinator = await f.signIn('coord@test.example');
    expect(
      (await f.call('/api/programmes', { as: coordinator, body: programme('c-own', 'pref-22') }))
        .status,
    ).toBe(201);
    expect((await patch(coordinator, '/api/programmes/national', { name: '改称' })).status).toBe(
      200,
    );
    expect((await patch(coordinator, '/api/programmes/tokyo-own', { ownerId: null })).status).toBe(
      200,
    );
    // The owner set by the coordinator is the prefecture's to keep from then on.
    expect((await patch(shizuoka, '/api/programmes/c-own', { name: '静岡県の事業' })).status).toBe(
      200,
    );
  });

  it('refuses deleting an owned programme that adoptions use, and the owner while it owns one', async () => {
    await f.call('/api/programmes', { as: shizuoka, body: programme('used', 'pref-22') });
    await f.call('/api/adoptions', {
      as: shizuoka,
      body: {
        id: 'ad-22',
        programmeId: 'used',
        regionName: '浜松地域',
        prefectureCodes: ['22'],
        startFy: 2024,
      },
    });
    const refused = await expectProblem(
      await remove(shizuoka, '/api/programmes/used'),
      409,
      'conflict',
    );
    expect(refused['dependents']).toEqual([{ kind: 'adoptions', count: 1 }]);
    const admin = await f.signIn('admin@test.example');
    const owner = await expectProblem(await remove(admin, '/api/actors/pref-22'), 409, 'conflict');
    expect(owner['dependents']).toEqual(expect.arrayContaining([{ kind: 'programmes', count: 1 }]));
  });
});
