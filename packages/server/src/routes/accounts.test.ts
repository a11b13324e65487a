import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { createApiFixture, expectProblem, type ApiFixture } from '../api-test-fixture.ts';

type Page = { items: Record<string, unknown>[]; nextCursor: string | null };

describe.each(TEST_DATABASES)('accounts, assignments and audit API on $name', (kind) => {
  let f: ApiFixture;
  beforeEach(async () => {
    f = await createApiFixture(kind);
  });
  afterEach(async () => {
    await f.close();
  });

  it('lets only administrators list, create and change accounts', async () => {
    const admin = await f.signIn('admin@test.example');
    const list = (await (await f.call('/api/accounts', { as: admin })).json()) as Page;
    expect(list.items).toHaveLength(7);
    expect(JSON.stringify(list)).not.toMatch(/scrypt|password/i);
    for (const email of ['coord@test.example', 'a@test.example', 'viewer@test.example']) {
      const as = await f.signIn(email);
      await expectProblem(await f.call('/api/accounts', { as }), 403, 'forbidden');
      await expectProblem(
        await f.call('/api/accounts', {
          as,
          body: {
            email: 'x@test.example',
            displayName: 'x',
            role: 'admin',
            password: 'long enough pw',
          },
        }),
        403,
      );
    }
    await expectProblem(await f.call('/api/accounts'), 401);

    const created = await f.call('/api/accounts', {
      as: admin,
      body: {
        email: 'New@Test.Example',
        displayName: '新会員',
        role: 'member',
        organisationId: 'co-b',
        password: 'long enough pw',
      },
    });
    expect(created.status).toBe(201);
    const account = (await created.json()) as { id: string; email: string };
    expect(account.email).toBe('new@test.example');
    const newcomer = await f.signIn('new@test.example', 'long enough pw');
    expect(
      ((await (await f.call('/api/needs', { as: newcomer })).json()) as Page).items.map(
        (n) => n['id'],
      ),
    ).toContain('need-b-secret');

    const bad = await expectProblem(
      await f.call('/api/accounts', {
        as: admin,
        body: {
          email: 'm@test.example',
          displayName: 'm',
          role: 'member',
          password: 'long enough pw',
        },
      }),
      422,
    );
    expect(bad['field']).toBe('organisationId');
    const short = await expectProblem(
      await f.call('/api/accounts', {
        as: admin,
        body: { email: 'm@test.example', displayName: 'm', role: 'viewer', password: 'short' },
      }),
      422,
    );
    expect(short['field']).toBe('password');
    await expectProblem(
      await f.call('/api/accounts', {
        as: admin,
        body: {
          email: 'new@test.example',
          displayName: 'dup',
          role: 'viewer',
          password: 'long enough pw',
        },
      }),
      409,
    );

    // Disabling signs the account out everywhere.
    const disabled = await f.call(`/api/accounts/${account.id}`, {
      method: 'PATCH',
      as: admin,
      body: { disabled: true },
    });
    expect(disabled.status).toBe(200);
    await expectProblem(await f.call('/api/needs', { as: newcomer }), 401);
    await expectProblem(
      await f.call('/api/auth/sign-in', {
        body: { email: 'new@test.example', password: 'long enough pw' },
      }),
      401,
    );
  });

  it('assigns coordinators to needs, which lets them see confidential ones', async () => {
    const coord2 = await f.signIn('coord2@test.example');
    await expectProblem(await f.call('/api/needs/need-a-secret', { as: coord2 }), 404);
    const memberA = await f.signIn('a@test.example');
    const assign = await f.call(
      `/api/needs/need-a-secret/assignments/${f.accounts.otherCoordinator.id}`,
      {
        method: 'PUT',
        as: memberA,
      },
    );
    expect(assign.status).toBe(200);
    expect((await f.call('/api/needs/need-a-secret', { as: coord2 })).status).toBe(200);
    const listed = (await (
      await f.call('/api/needs/need-a-secret/assignments', { as: memberA })
    ).json()) as Page;
    expect(listed.items.map((a) => a['accountId'])).toEqual([f.accounts.otherCoordinator.id]);
    // A coordinator cannot assign themselves; another organisation cannot assign to this need.
    const self = await f.signIn('coord@test.example');
    await expectProblem(
      await f.call(`/api/needs/need-a-public/assignments/${f.accounts.coordinator.id}`, {
        method: 'PUT',
        as: self,
      }),
      403,
    );
    const memberB = await f.signIn('b@test.example');
    await expectProblem(
      await f.call(`/api/needs/need-a-secret/assignments/${f.accounts.coordinator.id}`, {
        method: 'PUT',
        as: memberB,
      }),
      404,
    );
    await expectProblem(
      await f.call(`/api/needs/need-a-secret/assignments/${f.accounts.viewer.id}`, {
        method: 'PUT',
        as: memberA,
      }),
      422,
    );
    expect(
      (
        await f.call(`/api/needs/need-a-secret/assignments/${f.accounts.otherCoordinator.id}`, {
          method: 'DELETE',
          as: memberA,
        })
      ).status,
    ).toBe(204);
    await expectProblem(await f.call('/api/needs/need-a-secret', { as: coord2 }), 404);
  });

  it('writes every change to the audit log with who, when, before and after, for administrators only', async () => {
    const coord = await f.signIn('coord@test.example');
    await f.call('/api/programmes', { as: coord, body: { id: 'p-1', name: '旧名' } });
    await f.call('/api/programmes/p-1', {
      method: 'PATCH',
      as: coord,
      headers: { 'if-match': '"1"' },
      body: { name: '新名' },
    });
    await f.call('/api/programmes/p-1', {
      method: 'DELETE',
      as: coord,
      headers: { 'if-match': '"2"' },
    });
    await expectProblem(await f.call('/api/audit', { as: coord }), 403);
    await expectProblem(await f.call('/api/audit'), 401);

    const admin = await f.signIn('admin@test.example');
    const page = (await (
      await f.call('/api/audit?entity=programmes&entityId=p-1', { as: admin })
    ).json()) as Page;
    expect(page.items.map((e) => e['action'])).toEqual(['delete', 'update', 'create']);
    const [deleted, updated, created] = page.items;
    expect(created).toMatchObject({
      accountId: f.accounts.coordinator.id,
      before: null,
      after: { name: '旧名' },
    });
    expect(updated).toMatchObject({ before: { name: '旧名' }, after: { name: '新名' } });
    expect(deleted).toMatchObject({ before: { name: '新名' }, after: null });
    expect(typeof created?.['at']).toBe('string');

    // Paging and filters.
    const first = (await (await f.call('/api/audit?limit=2', { as: admin })).json()) as Page;
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const next = (await (
      await f.call(`/api/audit?limit=50&cursor=${first.nextCursor}`, { as: admin })
    ).json()) as Page;
    const seen = new Set([...first.items, ...next.items].map((e) => e['id']));
    expect(seen.size).toBe(first.items.length + next.items.length);
    const byAccount = (await (
      await f.call(`/api/audit?accountId=${f.accounts.coordinator.id}`, { as: admin })
    ).json()) as Page;
    expect(byAccount.items.every((e) => e['accountId'] === f.accounts.coordinator.id)).toBe(true);
    // Account changes are audited without password hashes.
    await f.call('/api/accounts', {
      as: admin,
      body: {
        email: 'z@test.example',
        displayName: 'z',
        role: 'viewer',
        password: 'long enough pw',
      },
    });
    const accounts = await (await f.call('/api/audit?entity=accounts', { as: admin })).text();
    expect(accounts).toContain('z@test.example');
    expect(accounts).not.toMatch(/scrypt|long enough pw/);
  });
});
