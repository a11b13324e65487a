/**
 * Sign-in throttling as an outsider would attack it (issue 12): M4, one account locked out by
 * strangers failing from elsewhere; M5, clients behind a proxy sharing one bucket, and a client
 * spoofing X-Forwarded-For to get fresh ones.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { requestKeepingContract } from '#test/contract-responses.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { createApiFixture, expectProblem, PASSWORD, type ApiFixture } from './api-test-fixture.ts';

/** A sign-in as it reaches the server from a socket at `peer`, with extra headers. */
function signInFrom(
  f: ApiFixture,
  peer: string,
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return requestKeepingContract(
    f.app,
    '/api/auth/sign-in',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ email, password }),
    },
    { incoming: { socket: { remoteAddress: peer } } },
  );
}

const OWNER = 'a@test.example';
const WRONG = 'not the password';

describe.each(TEST_DATABASES)('sign-in throttling on $name', (kind) => {
  let f: ApiFixture;
  afterEach(async () => {
    await f.close();
  });

  it('M4: strangers failing from six addresses do not lock the owner out', async () => {
    f = await createApiFixture(kind);
    for (let i = 1; i <= 6; i++)
      await expectProblem(await signInFrom(f, `198.51.100.${i}`, OWNER, WRONG), 401);
    expect((await signInFrom(f, '192.0.2.10', OWNER, PASSWORD)).status).toBe(200);
    // Keeping it up (one wrong password every 12 s from ever new addresses) changes nothing.
    for (let i = 0; i < 30; i++) {
      f.clock.advance(12_000);
      await expectProblem(await signInFrom(f, `203.0.113.${i + 1}`, OWNER, WRONG), 401);
    }
    expect((await signInFrom(f, '192.0.2.10', OWNER, PASSWORD)).status).toBe(200);
  });

  it('M4: the same stranger from one address cannot lock the owner out either', async () => {
    f = await createApiFixture(kind);
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      statuses.push((await signInFrom(f, '198.51.100.7', OWNER, WRONG)).status);
      f.clock.advance(6_000);
    }
    expect(statuses).toContain(429);
    expect((await signInFrom(f, '192.0.2.10', OWNER, PASSWORD)).status).toBe(200);
  });

  it('M4: one client hammering one account waits longer after each wrong password', async () => {
    f = await createApiFixture(kind, {
      rateLimits: { signInPerAddress: { capacity: 1000, refillPerSecond: 100 } },
    });
    const attacker = '198.51.100.9';
    for (let i = 0; i < 5; i++)
      await expectProblem(await signInFrom(f, attacker, OWNER, WRONG), 401);
    const waits: number[] = [];
    for (let round = 0; round < 5; round++) {
      // One more wrong password now is the one that starts the next wait…
      await expectProblem(await signInFrom(f, attacker, OWNER, WRONG), 401);
      // …during which even the right password is not tried.
      const refused = await signInFrom(f, attacker, OWNER, PASSWORD);
      await expectProblem(refused, 429, 'rate_limited');
      const wait = Number(refused.headers.get('retry-after'));
      waits.push(wait);
      f.clock.advance(wait * 1000);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16]);
    // The owner, from their own client, is served throughout; a success clears the attacker's
    // pair only for the attacker's own client, so nothing is reset for it here.
    expect((await signInFrom(f, '192.0.2.10', OWNER, PASSWORD)).status).toBe(200);
    await expectProblem(await signInFrom(f, attacker, OWNER, WRONG), 401);
    await expectProblem(await signInFrom(f, attacker, OWNER, PASSWORD), 429, 'rate_limited');
  });

  it('M4: spraying many accounts from one client is limited per client', async () => {
    f = await createApiFixture(kind);
    const sprayer = '198.51.100.20';
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await signInFrom(f, sprayer, `user${i}@test.example`, WRONG)).status);
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    // Another client is not affected.
    expect((await signInFrom(f, '192.0.2.10', OWNER, PASSWORD)).status).toBe(200);
  });

  it('M5: without trust-proxy a client cannot spoof X-Forwarded-For to get fresh buckets', async () => {
    f = await createApiFixture(kind);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push(
        (
          await signInFrom(f, '198.51.100.30', `user${i}@test.example`, WRONG, {
            'x-forwarded-for': `203.0.113.${i + 1}`,
          })
        ).status,
      );
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it('M5: behind a trusted proxy each client has its own bucket, from the rightmost hop', async () => {
    f = await createApiFixture(kind, { trustProxy: true, trustedProxies: ['10.0.0.2'] });
    const proxy = '10.0.0.1';
    // One client behind the proxy uses up its bucket; writing anything left of the hop the proxy
    // adds does not help it.
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push(
        (
          await signInFrom(f, proxy, `user${i}@test.example`, WRONG, {
            'x-forwarded-for': `203.0.113.${i + 1}, 198.51.100.40, 10.0.0.2`,
          })
        ).status,
      );
    expect(statuses.slice(10)).toEqual([429, 429]);
    // Another client behind the same proxy is served, and the audit log names each client.
    const other = await signInFrom(f, proxy, OWNER, PASSWORD, {
      'x-forwarded-for': '192.0.2.50',
    });
    expect(other.status).toBe(200);
    const log = await f.database.repos.audit.list({ limit: 50 });
    const clients = log.items
      .filter((entry) => entry.action === 'sign_in' || entry.action === 'sign_in_failed')
      .map((entry) => (entry.after as { client?: string }).client);
    expect(clients).toContain('192.0.2.50');
    expect(clients).toContain('198.51.100.40');
    expect(clients).not.toContain('203.0.113.1');
  });

  it('M5: --secure-cookies marks cookies Secure even when TLS ends at a proxy', async () => {
    f = await createApiFixture(kind, { secureCookies: true });
    const response = await signInFrom(f, '10.0.0.1', OWNER, PASSWORD);
    expect(response.status).toBe(200);
    const cookies = response.headers.getSetCookie();
    expect(cookies).toHaveLength(2);
    for (const cookie of cookies) expect(cookie).toMatch(/; Secure/);
  });
});
