import { afterEach, describe, expect, it } from 'vitest';
import { requestKeepingContract } from '#test/contract-responses.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import {
  createApiFixture,
  credentialsFrom,
  expectProblem,
  PASSWORD,
  type ApiFixture,
} from '../api-test-fixture.ts';

describe.each(TEST_DATABASES)('auth API on $name', (kind) => {
  let f: ApiFixture;
  afterEach(async () => {
    await f.close();
  });

  it('signs in with secure session cookies and tells who is signed in', async () => {
    f = await createApiFixture(kind);
    const response = await f.call('/api/auth/sign-in', {
      body: { email: 'A@Test.Example ', password: PASSWORD },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      account: { email: 'a@test.example', role: 'member', organisationId: 'co-a' },
    });
    expect(JSON.stringify(body)).not.toMatch(/hash|scrypt/);
    const cookies = response.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('musubi_session=')) ?? '';
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).toMatch(/Max-Age=43200/);
    expect(session).not.toMatch(/Secure/);
    const csrf = cookies.find((c) => c.startsWith('musubi_csrf=')) ?? '';
    expect(csrf).not.toMatch(/HttpOnly/i);
    expect(decodeURIComponent(csrf.split(';')[0]?.split('=')[1] ?? '')).toBe(body['csrfToken']);

    const as = credentialsFrom(response);
    const me = (await (await f.call('/api/auth/me', { as })).json()) as Record<string, unknown>;
    expect(me).toMatchObject({
      role: 'member',
      via: 'session',
      account: { organisationId: 'co-a' },
    });
    const anonymous = (await (await f.call('/api/auth/me')).json()) as Record<string, unknown>;
    expect(anonymous).toMatchObject({ role: 'anonymous', account: null });

    // Sessions are stored only hashed.
    const token = /musubi_session=([^;]+)/.exec(session)?.[1] ?? '';
    expect(await f.database.repos.sessions.findSession(token)).toBeUndefined();
  });

  it('marks cookies Secure behind https', async () => {
    f = await createApiFixture(kind, { trustProxy: true });
    const response = await requestKeepingContract(
      f.app,
      'https://musubi.example.jp/api/auth/sign-in',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'a@test.example', password: PASSWORD }),
      },
    );
    expect(response.status).toBe(200);
    for (const cookie of response.headers.getSetCookie()) expect(cookie).toMatch(/; Secure/);
  });

  it('refuses wrong passwords and unknown e-mails alike, and logs the failure', async () => {
    f = await createApiFixture(kind);
    const wrong = await expectProblem(
      await f.call('/api/auth/sign-in', {
        body: { email: 'a@test.example', password: 'not the password' },
      }),
      401,
      'unauthenticated',
    );
    const unknown = await expectProblem(
      await f.call('/api/auth/sign-in', {
        body: { email: 'nobody@test.example', password: 'not the password' },
      }),
      401,
    );
    expect(wrong['detail']).toBe(unknown['detail']);
    await expectProblem(
      await f.call('/api/auth/sign-in', { body: { email: 'not-an-email', password: 'x' } }),
      422,
    );
    const log = await f.database.repos.audit.list({ limit: 10, entity: 'sessions' });
    expect(log.items.filter((e) => e.action === 'sign_in_failed')).toHaveLength(2);
  });

  it('requires the CSRF token on changes made with the session cookie', async () => {
    f = await createApiFixture(kind);
    const as = await f.signIn('admin@test.example');
    const body = { id: 'p-1', name: 'プログラム' };
    const missing = await expectProblem(
      await f.call('/api/programmes', { as, body, headers: { 'X-CSRF-Token': '' } }),
      403,
      'csrf_rejected',
    );
    expect(String(missing['detail'])).toMatch(/X-CSRF-Token/);
    await expectProblem(
      await f.call('/api/programmes', { as, body, headers: { 'X-CSRF-Token': 'forged-token' } }),
      403,
      'csrf_rejected',
    );
    // Another session's token does not fit this session.
    const other = await f.signIn('coord@test.example');
    await expectProblem(
      await f.call('/api/programmes', { as, body, headers: { 'X-CSRF-Token': other.csrf } }),
      403,
    );
    expect((await f.call('/api/programmes', { as, body })).status).toBe(201);
    // Reads need no token.
    expect(
      (await f.call('/api/programmes/p-1', { as, headers: { 'X-CSRF-Token': '' } })).status,
    ).toBe(200);
    // Signing in again (as someone else) from a signed-in browser needs no token of the old session.
    const switched = await f.call('/api/auth/sign-in', {
      as,
      body: { email: 'a@test.example', password: PASSWORD },
      headers: { 'X-CSRF-Token': '' },
    });
    expect(switched.status).toBe(200);
    // A cross-site sign-in form post is refused.
    await expectProblem(
      await f.call('/api/auth/sign-in', {
        body: { email: 'a@test.example', password: PASSWORD },
        headers: { origin: 'https://evil.example' },
      }),
      403,
      'csrf_rejected',
    );
  });

  it('rejects non-JSON bodies, malformed JSON and oversized bodies', async () => {
    f = await createApiFixture(kind, { maxBodyBytes: 2048 });
    const as = await f.signIn('admin@test.example');
    await expectProblem(
      await f.call('/api/programmes', {
        as,
        body: 'id=p',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      415,
      'unsupported_format',
    );
    await expectProblem(
      await f.call('/api/programmes', { as, body: '{"id": ' }),
      400,
      'invalid_json',
    );
    const large = await f.call('/api/programmes', {
      as,
      body: { id: 'p', name: 'x'.repeat(5000) },
    });
    await expectProblem(large, 413, 'payload_too_large');
  });

  it('expires sessions with a clear message and signs out', async () => {
    f = await createApiFixture(kind, { sessionTtlSeconds: 3600 });
    const as = await f.signIn('a@test.example');
    expect(
      (await (await f.call('/api/auth/me', { as })).json()) as Record<string, unknown>,
    ).toMatchObject({ role: 'member' });
    f.clock.advance(3601 * 1000);
    const expired = await expectProblem(await f.call('/api/needs', { as }), 401, 'unauthenticated');
    expect(expired['detail']).toMatch(/expired/);
    expect(expired['reason']).toBe('session_expired');
    // The expired cookies are removed, and signing in again works with the stale cookie present.
    expect(expired).toBeDefined();
    const again = await f.call('/api/auth/sign-in', {
      as,
      body: { email: 'a@test.example', password: PASSWORD },
      headers: { 'X-CSRF-Token': '' },
    });
    expect(again.status).toBe(200);
    const fresh = credentialsFrom(again);
    expect((await f.call('/api/auth/sign-out', { method: 'POST', as: fresh })).status).toBe(204);
    const after = await expectProblem(await f.call('/api/needs', { as: fresh }), 401);
    expect(after['reason']).toBe('session_invalid');
  });

  it('sends cookie-removing headers when a session is refused', async () => {
    f = await createApiFixture(kind, { sessionTtlSeconds: 60 });
    const as = await f.signIn('a@test.example');
    f.clock.advance(61_000);
    const response = await f.call('/api/needs', { as });
    expect(response.status).toBe(401);
    expect(response.headers.getSetCookie().join('\n')).toMatch(/musubi_session=; Max-Age=0/);
  });

  it('issues API tokens for machines: bearer without CSRF, hashed at rest, revocable', async () => {
    f = await createApiFixture(kind);
    const as = await f.signIn('coord@test.example');
    const created = await f.call('/api/auth/tokens', {
      as,
      body: { name: 'import robot', expiresInDays: 30 },
    });
    expect(created.status).toBe(201);
    const { token, id } = (await created.json()) as { token: string; id: string };
    expect(token).toMatch(/^musubi_[A-Za-z0-9_-]{40,}$/);
    const bearer = { authorization: `Bearer ${token}` };
    const me = (await (await f.call('/api/auth/me', { headers: bearer })).json()) as Record<
      string,
      unknown
    >;
    expect(me).toMatchObject({ role: 'coordinator', via: 'token' });
    // Machines change data without cookies or CSRF tokens; they see what their account sees.
    expect(
      (await f.call('/api/programmes', { headers: bearer, body: { id: 'p-bot', name: 'bot' } }))
        .status,
    ).toBe(201);
    const needs = (await (await f.call('/api/needs', { headers: bearer })).json()) as {
      items: { id: string }[];
    };
    expect(needs.items.map((n) => n.id)).toContain('need-b-secret');
    expect(needs.items.map((n) => n.id)).not.toContain('need-a-secret');
    // Listed without secrets.
    const listed = await (await f.call('/api/auth/tokens', { as })).text();
    expect(listed).toContain('import robot');
    expect(listed).not.toContain(token);
    const stored = await f.database.repos.sessions.listTokens(f.accounts.coordinator.id);
    expect(stored[0]?.tokenHash).not.toContain(token.slice(7, 20));
    expect((await f.call(`/api/auth/tokens/${id}`, { method: 'DELETE', as })).status).toBe(204);
    const revoked = await expectProblem(await f.call('/api/auth/me', { headers: bearer }), 401);
    expect(revoked['detail']).toMatch(/revoked/);
    await expectProblem(
      await f.call('/api/needs', { headers: { authorization: 'Bearer musubi_forged' } }),
      401,
    );
    await expectProblem(
      await f.call('/api/needs', { headers: { authorization: 'Basic abc' } }),
      401,
    );
    await expectProblem(await f.call('/api/auth/tokens', { body: { name: 'x' } }), 401);
  });

  it('expires API tokens', async () => {
    f = await createApiFixture(kind);
    const as = await f.signIn('viewer@test.example');
    const { token } = (await (
      await f.call('/api/auth/tokens', { as, body: { name: 'short', expiresInDays: 1 } })
    ).json()) as {
      token: string;
    };
    f.clock.advance(2 * 86_400_000);
    const body = await expectProblem(
      await f.call('/api/actors', { headers: { authorization: `Bearer ${token}` } }),
      401,
    );
    expect(body['detail']).toMatch(/expired/);
  });

  it('rate limits sign-in per address and per (account, client) with 429 and Retry-After', async () => {
    f = await createApiFixture(kind, {
      rateLimits: {
        signInPerAddress: { capacity: 100, refillPerSecond: 1 },
        signInBackoff: {
          freeFailures: 2,
          baseDelaySeconds: 10,
          maxDelaySeconds: 60,
          forgetAfterSeconds: 600,
        },
      },
    });
    for (let i = 0; i < 3; i++)
      await expectProblem(
        await f.call('/api/auth/sign-in', {
          body: { email: 'a@test.example', password: 'wrong password' },
        }),
        401,
      );
    const limited = await f.call('/api/auth/sign-in', {
      body: { email: 'a@test.example', password: PASSWORD },
    });
    const body = await expectProblem(limited, 429, 'rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(body['retryAfterSeconds']).toBeGreaterThanOrEqual(1);
    // Another account from the same address is still served; after the wait, so is this one.
    expect(
      (await f.call('/api/auth/sign-in', { body: { email: 'b@test.example', password: PASSWORD } }))
        .status,
    ).toBe(200);
    f.clock.advance(11_000);
    expect(
      (await f.call('/api/auth/sign-in', { body: { email: 'a@test.example', password: PASSWORD } }))
        .status,
    ).toBe(200);
  });

  it('rate limits searches per caller', async () => {
    f = await createApiFixture(kind, {
      rateLimits: { search: { capacity: 2, refillPerSecond: 1 } },
    });
    expect((await f.call('/api/actors?q=a')).status).toBe(200);
    expect((await f.call('/api/actors?q=b')).status).toBe(200);
    await expectProblem(await f.call('/api/actors?q=c'), 429, 'rate_limited');
    // Lists without a search are not limited; a signed-in caller has its own bucket.
    expect((await f.call('/api/actors')).status).toBe(200);
    const as = await f.signIn('viewer@test.example');
    expect((await f.call('/api/actors?q=d', { as })).status).toBe(200);
    f.clock.advance(1000);
    expect((await f.call('/api/actors?q=e')).status).toBe(200);
  });
});
