/**
 * A confidential need whose owner is not registered yet (issue 10) belongs to no organisation:
 * only administrators and the coordinators assigned to it see it. Tried as an outsider would:
 * every other account, an organisation whose id is the text "undefined", and a member writing
 * their own organisation into the need to claim it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccount } from '#services/accounts/create-account.ts';
import { buildActor, buildNeed } from '#test/factories.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import {
  createApiFixture,
  PASSWORD,
  TEST_COST,
  type AccountKey,
  type ApiFixture,
  type Credentials,
} from '../api-test-fixture.ts';

const ORPHAN = 'need-orphan-secret';

describe.each(TEST_DATABASES)('needs whose owner is not registered yet on $name', (kind) => {
  let f: ApiFixture;
  let as: Record<AccountKey | 'undefinedOrg', Credentials>;
  beforeEach(async () => {
    f = await createApiFixture(kind);
    const { repos } = f.database;
    const { ownerId: _none, ...orphan } = buildNeed({
      id: ORPHAN,
      ownerId: 'co-a',
      title: '秘密ニーズ 所有者未登録',
      confidentiality: 'confidential',
    });
    await repos.entity('needs').upsertMany([{ ...orphan, ownerName: '株式会社シー' }]);
    await repos.accounts.assignNeed({
      needId: ORPHAN,
      accountId: f.accounts.coordinator.id,
      assignedBy: f.accounts.admin.id,
      assignedAt: f.clock.now().toISOString(),
    });
    // An organisation whose id is the text a missing owner turns into when carelessly stringified.
    await repos.entity('actors').upsertMany([buildActor({ id: 'undefined', name: '偽装組織' })]);
    await createAccount(
      repos,
      { principal: { kind: 'anonymous' }, clock: f.clock },
      {
        email: 'undef@test.example',
        displayName: 'undef',
        role: 'member',
        organisationId: 'undefined',
        password: PASSWORD,
      },
      { bootstrap: true, cost: TEST_COST },
    );
    as = { ...(await f.signInAll()), undefinedOrg: await f.signIn('undef@test.example') };
  });
  afterEach(async () => {
    await f.close();
  });

  const listed = async (who?: Credentials) =>
    (await (await f.call('/api/needs?limit=100', who ? { as: who } : {})).text()).includes(ORPHAN);

  it('only administrators and assigned coordinators see it, by GET or in a list', async () => {
    for (const key of ['admin', 'coordinator'] as const) {
      expect((await f.call(`/api/needs/${ORPHAN}`, { as: as[key] })).status, key).toBe(200);
      expect(await listed(as[key]), key).toBe(true);
    }
    const outsiders = [
      'otherCoordinator',
      'memberA',
      'memberB',
      'memberU',
      'viewer',
      'undefinedOrg',
    ] as const;
    for (const key of outsiders) {
      expect((await f.call(`/api/needs/${ORPHAN}`, { as: as[key] })).status, key).toBe(404);
      expect(await listed(as[key]), key).toBe(false);
    }
    expect((await f.call(`/api/needs/${ORPHAN}`)).status).toBe(404);
    expect(await listed()).toBe(false);
  });

  it('a member cannot claim it by writing their organisation as its owner, nor create an ownerless need', async () => {
    const claim = await f.call(`/api/needs/${ORPHAN}`, {
      method: 'PUT',
      as: as['memberA'],
      headers: { 'if-match': '"1"' },
      body: { title: '乗っ取り', ownerId: 'co-a', confidentiality: 'public' },
    });
    expect([403, 404]).toContain(claim.status);
    const stored = await f.database.repos.entity('needs').get(ORPHAN);
    expect(stored?.record['ownerId']).toBeUndefined();
    expect(stored?.record['title']).toBe('秘密ニーズ 所有者未登録');
    const ownerless = await f.call('/api/needs', {
      as: as['memberA'],
      body: { id: 'need-mine', title: '所有者なし', confidentiality: 'public' },
    });
    expect(ownerless.status).toBe(403);
  });
});
