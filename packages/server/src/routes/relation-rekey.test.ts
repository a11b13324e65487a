/**
 * `POST /api/relations/{id}/rekey`: a relation's new type, start date or other actor in one
 * request, under If-Match; every refusal leaves the old relation as it was.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { createApiFixture, expectProblem, type ApiFixture } from '../api-test-fixture.ts';

const OLD = {
  sourceId: 'co-a',
  targetId: 'uni-u',
  type: 'joint_research',
  startDate: '2025-04-01',
};
const OLD_PATH = `/api/relations/${encodeURIComponent('co-a>uni-u:joint_research@2025-04-01')}`;

describe.each(TEST_DATABASES)('relation rekey on $name', (kind) => {
  let f: ApiFixture;
  beforeEach(async () => {
    f = await createApiFixture(kind);
    await f.database.repos
      .entity('relations')
      .upsertMany([{ ...OLD, weight: 2, note: '共同研究' }]);
  });
  afterEach(async () => f.close());

  const rekey = (
    body: unknown,
    options: { as?: { cookie: string; csrf: string }; etag?: string; path?: string } = {},
  ) =>
    f.call(`${options.path ?? OLD_PATH}/rekey`, {
      method: 'POST',
      body,
      ...(options.as ? { as: options.as } : {}),
      headers: options.etag === undefined ? {} : { 'if-match': options.etag },
    });

  async function expectUnchanged() {
    const relations = f.database.repos.entity('relations');
    expect(await relations.count()).toBe(1);
    const kept = await relations.get('co-a>uni-u:joint_research@2025-04-01');
    expect(kept?.version).toBe(1);
    expect(kept?.record).toMatchObject({ note: '共同研究', weight: 2 });
  }

  it('moves the relation under the old ETag and answers the new one', async () => {
    const member = await f.signIn('a@test.example');
    const moved = await rekey(
      { ...OLD, type: 'supply', startDate: '2025-10-01', weight: 2, note: '共同研究' },
      { as: member, etag: '"1"' },
    );
    expect(moved.status).toBe(201);
    const newPath = `/api/relations/${encodeURIComponent('co-a>uni-u:supply@2025-10-01')}`;
    expect(moved.headers.get('location')).toBe(newPath);
    expect(moved.headers.get('etag')).toBe('"1"');
    expect((await f.call(OLD_PATH, { as: member })).status).toBe(404);
    const read = await f.call(newPath, { as: member });
    expect(await read.json()).toMatchObject({ type: 'supply', note: '共同研究' });
    expect(await f.database.repos.entity('relations').count()).toBe(1);
  });

  it('reverses the relation: the swapped one stored, the old one gone, or nothing changed', async () => {
    const member = await f.signIn('a@test.example');
    const reversed = { ...OLD, sourceId: 'uni-u', targetId: 'co-a', weight: 2, note: '共同研究' };
    const reversedKey = 'uni-u>co-a:joint_research@2025-04-01';
    const reversedPath = `/api/relations/${encodeURIComponent(reversedKey)}`;
    // Someone saved in between: refused, the old relation kept as it was.
    await expectProblem(await rekey(reversed, { as: member, etag: '"2"' }), 412);
    await expectUnchanged();
    const moved = await rekey(reversed, { as: member, etag: '"1"' });
    expect(moved.status).toBe(201);
    expect(moved.headers.get('location')).toBe(reversedPath);
    const relations = f.database.repos.entity('relations');
    expect(await relations.get('co-a>uni-u:joint_research@2025-04-01')).toBeUndefined();
    expect((await relations.get(reversedKey))?.record).toMatchObject({
      sourceId: 'uni-u',
      targetId: 'co-a',
      weight: 2,
      note: '共同研究',
    });
    expect(await relations.count()).toBe(1);
    // Back again while a relation already runs that way: a conflict, both kept.
    await relations.upsertMany([{ ...OLD, weight: 5 }]);
    await expectProblem(
      await rekey(
        { ...reversed, sourceId: 'co-a', targetId: 'uni-u' },
        {
          as: member,
          etag: '"1"',
          path: reversedPath,
        },
      ),
      409,
      'conflict',
    );
    expect(await relations.count()).toBe(2);
    expect((await relations.get(reversedKey))?.version).toBe(1);
  });

  it('refuses outsiders, stale versions, taken keys and a missing If-Match, changing nothing', async () => {
    const next = { ...OLD, type: 'supply' };
    await expectProblem(await rekey(next, { etag: '"1"' }), 401, 'unauthenticated');
    const memberB = await f.signIn('b@test.example');
    await expectProblem(await rekey(next, { as: memberB, etag: '"1"' }), 403, 'forbidden');
    // A member may not move its organisation's tie onto two other organisations.
    const memberA = await f.signIn('a@test.example');
    await expectProblem(
      await rekey({ ...OLD, sourceId: 'co-b' }, { as: memberA, etag: '"1"' }),
      403,
      'forbidden',
    );
    const viewer = await f.signIn('viewer@test.example');
    await expectProblem(await rekey(next, { as: viewer, etag: '"1"' }), 403, 'forbidden');
    const coordinator = await f.signIn('coord@test.example');
    await expectProblem(
      await rekey(next, { as: coordinator, etag: '"1"', path: '/api/relations/nothing' }),
      404,
      'not_found',
    );
    await expectProblem(await rekey(next, { as: coordinator, etag: '"9"' }), 412);
    await expectProblem(await rekey(next, { as: coordinator }), 428);
    await f.database.repos.entity('relations').upsertMany([{ ...next, weight: 1 }]);
    await expectProblem(await rekey(next, { as: coordinator, etag: '"1"' }), 409, 'conflict');
    await f.database.repos.entity('relations').delete('co-a>uni-u:supply@2025-04-01');
    await expectProblem(
      await rekey({ ...OLD, type: 'no-such-type' }, { as: coordinator, etag: '"1"' }),
      422,
    );
    await expectUnchanged();
  });
});
