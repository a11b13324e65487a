/**
 * The low findings of issue 12, replayed as an outsider would: token minting, sign-outs on a
 * password change, deep JSON, a database that cannot be written, the last administrator,
 * security headers and wrong methods.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sqliteTestDatabase, TEST_DATABASES } from '#test/test-databases.ts';
import { createApiFixture, expectProblem, type ApiFixture } from './api-test-fixture.ts';

type Token = { id: string; token: string; expiresAt: string | null };

describe.each(TEST_DATABASES)('hardening on $name', (kind) => {
  let f: ApiFixture;
  afterEach(async () => {
    await f.close();
  });

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  async function mint(headers: Record<string, string>, body: unknown): Promise<Response> {
    return f.call('/api/auth/tokens', { body, headers });
  }

  it('L-token: a token cannot mint a token that outlives it', async () => {
    f = await createApiFixture(kind);
    const as = await f.signIn('viewer@test.example');
    const parent = (await (
      await f.call('/api/auth/tokens', { as, body: { name: 'parent', expiresInDays: 1 } })
    ).json()) as Token;
    const forever = await mint(bearer(parent.token), { name: 'child forever' });
    expect(forever.status).toBe(201);
    const child = (await forever.json()) as Token;
    expect(child.expiresAt).toBe(parent.expiresAt);
    const longer = (await (
      await mint(bearer(parent.token), { name: 'child long', expiresInDays: 30 })
    ).json()) as Token;
    expect(longer.expiresAt).toBe(parent.expiresAt);
    const shorter = (await (
      await mint(bearer(parent.token), { name: 'child short', expiresInDays: 1 })
    ).json()) as Token;
    expect(Date.parse(shorter.expiresAt ?? '')).toBeLessThanOrEqual(
      Date.parse(parent.expiresAt ?? ''),
    );
    // Once the parent has expired, so have all its children.
    f.clock.advance(86_400_000 + 1000);
    for (const token of [child, longer, shorter])
      await expectProblem(await f.call('/api/auth/me', { headers: bearer(token.token) }), 401);
  });

  it('L-password: a new password revokes every API token and every other session', async () => {
    f = await createApiFixture(kind);
    const viewer = await f.signIn('viewer@test.example');
    const otherSession = await f.signIn('viewer@test.example');
    const token = (await (
      await f.call('/api/auth/tokens', { as: viewer, body: { name: 'script' } })
    ).json()) as Token;
    expect((await f.call('/api/auth/me', { headers: bearer(token.token) })).status).toBe(200);

    const admin = await f.signIn('admin@test.example');
    const adminToken = (await (
      await f.call('/api/auth/tokens', { as: admin, body: { name: 'admin script' } })
    ).json()) as Token;
    const changed = await f.call(`/api/accounts/${f.accounts.viewer.id}`, {
      method: 'PATCH',
      as: admin,
      body: { password: 'a brand new password' },
    });
    expect(changed.status).toBe(200);
    await expectProblem(await f.call('/api/auth/me', { headers: bearer(token.token) }), 401);
    for (const as of [viewer, otherSession])
      await expectProblem(await f.call('/api/actors', { as }), 401);

    // An administrator changing their own password keeps the session they did it from.
    const adminElsewhere = await f.signIn('admin@test.example');
    const own = await f.call(`/api/accounts/${f.accounts.admin.id}`, {
      method: 'PATCH',
      as: admin,
      body: { password: 'another new password' },
    });
    expect(own.status).toBe(200);
    expect((await f.call('/api/accounts', { as: admin })).status).toBe(200);
    await expectProblem(await f.call('/api/accounts', { as: adminElsewhere }), 401);
    await expectProblem(await f.call('/api/auth/me', { headers: bearer(adminToken.token) }), 401);
  });

  it('L-json: a body nested 5,000 deep is a 400 problem, not a 500', async () => {
    f = await createApiFixture(kind);
    const as = await f.signIn('a@test.example');
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const body = await expectProblem(
      await f.call('/api/needs/need-a-public', {
        method: 'PATCH',
        as,
        body: `{"title":${deep}}`,
        headers: { 'if-match': '"1"' },
      }),
      400,
      'invalid_json',
    );
    expect(String(body['detail'])).toMatch(/deep/);
    const objects = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    await expectProblem(
      await f.call('/api/auth/tokens', { as, body: objects }),
      400,
      'invalid_json',
    );
    // Brackets inside strings do not count.
    const fine = await f.call('/api/auth/tokens', {
      as,
      body: { name: '['.repeat(90) },
    });
    expect(fine.status).toBe(201);
  });

  it('L-admin: the only active administrator can neither disable nor demote itself', async () => {
    f = await createApiFixture(kind);
    const admin = await f.signIn('admin@test.example');
    const path = `/api/accounts/${f.accounts.admin.id}`;
    for (const change of [{ disabled: true }, { role: 'viewer' }, { role: 'coordinator' }]) {
      const body = await expectProblem(
        await f.call(path, { method: 'PATCH', as: admin, body: change }),
        409,
        'conflict',
      );
      expect(String(body['detail'])).toMatch(/only active administrator/);
    }
    expect((await f.call('/api/auth/me', { as: admin })).status).toBe(200);
    // With a second administrator, the first may step down.
    const second = await f.call(`/api/accounts/${f.accounts.coordinator.id}`, {
      method: 'PATCH',
      as: admin,
      body: { role: 'admin' },
    });
    expect(second.status).toBe(200);
    expect(
      (await f.call(path, { method: 'PATCH', as: admin, body: { role: 'viewer' } })).status,
    ).toBe(200);
    // …and now the second is the only one left and is protected in turn.
    const other = await f.signIn('coord@test.example');
    await expectProblem(
      await f.call(`/api/accounts/${f.accounts.coordinator.id}`, {
        method: 'PATCH',
        as: other,
        body: { disabled: true },
      }),
      409,
      'conflict',
    );
  });

  it('L-headers: pages and API answers carry CSP, frame, sniffing and referrer headers', async () => {
    f = await createApiFixture(kind);
    for (const path of ['/api/health', '/api/actors', '/about', '/', '/api/docs', '/api/nope']) {
      const response = await f.call(path);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).toMatch(/default-src 'self'/);
      expect(csp, path).toMatch(/frame-ancestors 'none'/);
      expect(csp, path).toMatch(/object-src 'none'/);
      expect(csp, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBeTruthy();
    }
    // The region report is shown by the web app in a frame: framed by the same origin only.
    const report = await f.call('/api/reports/region?prefecture=37');
    expect(report.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self'/);
    expect(report.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    // The docs page runs its one inline script by hash, nothing else inline.
    const docs = await f.call('/api/docs');
    expect(docs.headers.get('content-security-policy')).toMatch(/script-src 'self' 'sha256-/);
  });

  it('L-method: a wrong method on an existing path is 405 with Allow, not 404', async () => {
    f = await createApiFixture(kind);
    const as = await f.signIn('admin@test.example');
    const cases: [string, string, string[]][] = [
      ['/api/health', 'POST', ['GET']],
      ['/api/auth/sign-in', 'GET', ['POST']],
      ['/api/accounts/x', 'DELETE', ['GET', 'PATCH']],
      ['/api/auth/tokens/abc', 'GET', ['DELETE']],
      ['/api/actors', 'DELETE', ['GET', 'POST']],
      ['/about', 'POST', ['GET', 'HEAD']],
    ];
    for (const [path, method, allowed] of cases) {
      const response = await f.call(path, { method, as });
      await expectProblem(response, 405, 'method_not_allowed');
      const allow = (response.headers.get('allow') ?? '').split(/,\s*/);
      for (const m of allowed) expect(allow, `${method} ${path}`).toContain(m);
      expect(allow).not.toContain(method);
    }
    await expectProblem(await f.call('/api/no-such-thing/x/y/z'), 404, 'not_found');
  });
});

describe('L-storage: a database that cannot be written', () => {
  let f: ApiFixture;
  afterEach(async () => {
    await f.close();
  });

  async function createActor(as: { cookie: string; csrf: string }, id: string) {
    return f.call('/api/actors', {
      as,
      body: {
        id,
        kind: 'organization',
        sector: 'company',
        name: `株式会社${id}`,
        prefectureCode: '37',
      },
    });
  }

  it('L-storage: read-only → 503 problem+json, reads still answer', async () => {
    f = await createApiFixture(sqliteTestDatabase);
    const as = await f.signIn('admin@test.example');
    await f.database.client.exec('PRAGMA query_only = ON');
    const body = await expectProblem(await createActor(as, 'ro-1'), 503, 'storage_not_writable');
    expect(String(body['detail'])).toMatch(/read-only/);
    expect((await f.call('/api/actors', { as })).status).toBe(200);
  });

  it('L-storage: a full disk → 503 problem+json', async () => {
    f = await createApiFixture(sqliteTestDatabase);
    const as = await f.signIn('admin@test.example');
    const [pages] = await f.database.client.all<{ page_count: number }>('PRAGMA page_count');
    await f.database.client.exec(`PRAGMA max_page_count = ${pages?.page_count ?? 1}`);
    let last: Response | undefined;
    for (let i = 0; i < 200 && (last === undefined || last.status === 201); i++)
      last = await createActor(as, `full-${i}`);
    const body = await expectProblem(last ?? new Response(), 503, 'storage_not_writable');
    expect(String(body['detail'])).toMatch(/full/);
  });
});
