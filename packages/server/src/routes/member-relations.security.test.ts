/**
 * A member declares its organisation's ties through the entity API, and only those: a relation
 * between two other organisations, or one moved away from its own, is refused.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { createApiFixture, expectProblem, type ApiFixture } from '../api-test-fixture.ts';

describe.each(TEST_DATABASES)('members and relations on $name', (kind) => {
  let f: ApiFixture;
  beforeEach(async () => {
    f = await createApiFixture(kind);
  });
  afterEach(async () => f.close());

  it('lets a member add its own organisation’s tie and nothing else', async () => {
    const memberA = await f.signIn('a@test.example');
    const own = {
      sourceId: 'co-a',
      targetId: 'uni-u',
      type: 'joint_research',
      startDate: '2025-04-01',
    };
    const created = await f.call('/api/relations', { as: memberA, body: own });
    expect(created.status).toBe(201);
    const theirs = { sourceId: 'co-b', targetId: 'uni-u', type: 'joint_research' };
    await expectProblem(
      await f.call('/api/relations', { as: memberA, body: theirs }),
      403,
      'forbidden',
    );
    await f.database.repos.entity('relations').upsertMany([{ ...theirs, weight: 1 }]);
    const key = encodeURIComponent('co-b>uni-u:joint_research@');
    const stored = await f.call(`/api/relations/${key}`, { as: memberA });
    expect(stored.status).toBe(200);
    await expectProblem(
      await f.call(`/api/relations/${key}`, {
        method: 'PATCH',
        as: memberA,
        body: { note: '私たちの共同研究' },
        headers: {
          'content-type': 'application/merge-patch+json',
          'if-match': stored.headers.get('etag') ?? '',
        },
      }),
      403,
      'forbidden',
    );
    const viewer = await f.signIn('viewer@test.example');
    await expectProblem(
      await f.call('/api/relations', { as: viewer, body: own }),
      403,
      'forbidden',
    );
    expect(await f.database.repos.entity('relations').count()).toBe(2);
  });
});
