/** `musubi serve --trust-proxy / --secure-cookies` and their environment variables (issue 12, M5). */
import { afterEach, describe, expect, it } from 'vitest';
import { createAccount } from '#services/accounts/create-account.ts';
import { startServer, type RunningServer } from '#server/start-server.ts';
import type { Database } from '#db/open-database.ts';
import { sqliteTestDatabase } from '#test/test-databases.ts';
import { readConfig } from '../config.ts';
import { serveConfig } from './serve-command.ts';

describe('serve configuration (M5)', () => {
  it('M5: is off by default: no proxy trusted, cookies Secure only over https', () => {
    expect(serveConfig({}, readConfig({}, '/'))).toMatchObject({
      trustProxy: false,
      trustedProxies: [],
      secureCookies: 'auto',
    });
  });

  it('M5: reads MUSUBI_TRUST_PROXY and MUSUBI_SECURE_COOKIES once, flags win', () => {
    const env = readConfig(
      { MUSUBI_TRUST_PROXY: '10.0.0.2, 10.0.0.3', MUSUBI_SECURE_COOKIES: 'true' },
      '/',
    );
    expect(serveConfig({}, env)).toMatchObject({
      trustProxy: true,
      trustedProxies: ['10.0.0.2', '10.0.0.3'],
      secureCookies: true,
    });
    expect(serveConfig({ trustProxy: true }, readConfig({}, '/'))).toMatchObject({
      trustProxy: true,
      trustedProxies: [],
    });
    expect(serveConfig({ trustProxy: 'false' }, env)).toMatchObject({ trustProxy: false });
    expect(serveConfig({ secureCookies: true }, readConfig({}, '/'))).toMatchObject({
      secureCookies: true,
    });
  });

  it('M5: refuses a proxy list that is not IP addresses, naming the setting', () => {
    expect(() => serveConfig({ trustProxy: 'proxy.example' }, readConfig({}, '/'))).toThrow(
      /--trust-proxy: "proxy.example" is not an IP address/,
    );
    expect(() => readConfig({ MUSUBI_TRUST_PROXY: 'yes please' }, '/')).toThrow(
      /MUSUBI_TRUST_PROXY/,
    );
    expect(() => readConfig({ MUSUBI_SECURE_COOKIES: 'always' }, '/')).toThrow(
      /MUSUBI_SECURE_COOKIES/,
    );
  });
});

describe('a server started with the serve configuration (M5)', () => {
  let database: Database | undefined;
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    await database?.close();
  });

  it('M5: MUSUBI_SECURE_COOKIES=true gives Secure cookies on plain http behind a TLS proxy', async () => {
    database = await sqliteTestDatabase.open();
    await createAccount(
      database.repos,
      { principal: { kind: 'anonymous' }, clock: { now: () => new Date() } },
      {
        email: 'owner@test.example',
        displayName: 'owner',
        role: 'admin',
        organisationId: null,
        password: 'correct horse battery',
      },
      { bootstrap: true, cost: { log2N: 10, r: 8, p: 1 } },
    );
    const config = serveConfig({}, readConfig({ MUSUBI_SECURE_COOKIES: 'true' }, '/'));
    server = await startServer({ repos: database.repos, port: 0, config });
    const response = await fetch(new URL('api/auth/sign-in', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@test.example', password: 'correct horse battery' }),
    });
    expect(response.status).toBe(200);
    const cookies = response.headers.getSetCookie();
    expect(cookies).toHaveLength(2);
    for (const cookie of cookies) expect(cookie).toMatch(/; Secure/);
  });
});
