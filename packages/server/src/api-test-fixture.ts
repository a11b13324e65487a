/**
 * A small world for the API tests: three organisations, seeds and needs of every confidentiality
 * level, one account per role (cheap scrypt cost), and an app with a clock the test can move.
 */
import { expect } from 'vitest';
import type { Account } from '#core/accounts.ts';
import type { Clock } from '#core/ports.ts';
import type { Database } from '#db/open-database.ts';
import { createAccount } from '#services/accounts/create-account.ts';
import type { TestDatabaseKind } from '#test/test-databases.ts';
import { expectContractAnswer } from '#test/contract-responses.ts';
import { buildActor, buildNeed, buildSeed } from '#test/factories.ts';
import { createApp } from './app.ts';
import { CSRF_HEADER } from './request-auth.ts';
import type { ServerConfigInput } from './server-config.ts';
import type { WorkflowOptions } from './workflow-services.ts';

export const TEST_COST = { log2N: 10, r: 8, p: 1 };
export const PASSWORD = 'correct horse battery';

export interface MovableClock extends Clock {
  advance(ms: number): void;
}

export function movableClock(start = '2025-06-01T00:00:00Z'): MovableClock {
  let now = Date.parse(start);
  return { now: () => new Date(now), advance: (ms) => void (now += ms) };
}

export interface Credentials {
  cookie: string;
  csrf: string;
}

export type AccountKey =
  'admin' | 'coordinator' | 'otherCoordinator' | 'memberA' | 'memberB' | 'memberU' | 'viewer';

export interface ApiFixture {
  database: Database;
  clock: MovableClock;
  app: ReturnType<typeof createApp>;
  accounts: Record<AccountKey, Account>;
  signIn(email: string, password?: string): Promise<Credentials>;
  /** Signs every fixture account in, by its key. */
  signInAll(): Promise<Record<AccountKey, Credentials>>;
  /**
   * A request as someone (credentials) or anonymously; JSON bodies are encoded. The answer is
   * checked against the contract (the route's documented statuses, media type and JSON schema).
   */
  call(
    path: string,
    options?: {
      method?: string;
      as?: Credentials;
      body?: unknown;
      headers?: Record<string, string>;
    },
  ): Promise<Response>;
  close(): Promise<void>;
}

/** Parses Set-Cookie headers into a Cookie header and the CSRF cookie's value. */
export function credentialsFrom(response: Response): Credentials {
  // Like a browser: later Set-Cookie lines win, empty values remove the cookie.
  const jar = new Map<string, string>();
  for (const line of response.headers.getSetCookie()) {
    const pair = line.split(';')[0] ?? '';
    const at = pair.indexOf('=');
    const value = pair.slice(at + 1);
    if (value === '') jar.delete(pair.slice(0, at));
    else jar.set(pair.slice(0, at), value);
  }
  const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  return { cookie, csrf: decodeURIComponent(jar.get('musubi_csrf') ?? '') };
}

export async function expectProblem(response: Response, status: number, code?: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toMatchObject({
    status,
    type: expect.stringMatching(/^https:\/\//),
    title: expect.any(String),
    detail: expect.any(String),
  });
  if (code) expect(body['code']).toBe(code);
  return body;
}

export async function createApiFixture(
  kind: TestDatabaseKind,
  config: ServerConfigInput = {},
  workflow: WorkflowOptions = {},
): Promise<ApiFixture> {
  const clock = movableClock();
  const database = await kind.open(clock);
  const { repos } = database;
  await repos
    .entity('actors')
    .upsertMany([
      buildActor({ id: 'co-a', name: '株式会社エー', sector: 'company' }),
      buildActor({ id: 'co-b', name: '株式会社ビー', sector: 'company' }),
      buildActor({ id: 'uni-u', name: 'ユー大学', sector: 'university' }),
    ]);
  await repos.entity('seeds').upsertMany([
    buildSeed({
      id: 'seed-u1',
      ownerId: 'uni-u',
      title: 'キレート樹脂による重金属イオンの選択的吸着',
    }),
    buildSeed({ id: 'seed-a1', ownerId: 'co-a', title: '工場排水の処理装置' }),
  ]);
  await repos.entity('needs').upsertMany([
    buildNeed({
      id: 'need-a-public',
      ownerId: 'co-a',
      title: '公開ニーズ 銅の回収',
      confidentiality: 'public',
    }),
    buildNeed({
      id: 'need-a-members',
      ownerId: 'co-a',
      title: '会員限定ニーズ 銅の回収',
      confidentiality: 'members',
    }),
    buildNeed({
      id: 'need-a-secret',
      ownerId: 'co-a',
      title: '秘密ニーズ 銅の回収 A',
      confidentiality: 'confidential',
    }),
    buildNeed({
      id: 'need-b-secret',
      ownerId: 'co-b',
      title: '秘密ニーズ 銅の回収 B',
      confidentiality: 'confidential',
    }),
  ]);
  const bootstrap = { principal: { kind: 'anonymous' } as const, clock };
  const make = (email: string, role: Account['role'], organisationId: string | null = null) =>
    createAccount(
      repos,
      bootstrap,
      { email, displayName: email.split('@')[0], role, organisationId, password: PASSWORD },
      { bootstrap: true, cost: TEST_COST },
    );
  const accounts = {
    admin: await make('admin@test.example', 'admin'),
    coordinator: await make('coord@test.example', 'coordinator'),
    otherCoordinator: await make('coord2@test.example', 'coordinator'),
    memberA: await make('a@test.example', 'member', 'co-a'),
    memberB: await make('b@test.example', 'member', 'co-b'),
    memberU: await make('u@test.example', 'member', 'uni-u'),
    viewer: await make('viewer@test.example', 'viewer'),
  };
  await repos.accounts.assignNeed({
    needId: 'need-b-secret',
    accountId: accounts.coordinator.id,
    assignedBy: accounts.admin.id,
    assignedAt: clock.now().toISOString(),
  });
  const app = createApp({
    repos,
    clock,
    config,
    webDistDir: '/nonexistent-web-dist/',
    warmWebData: false,
    onUnexpectedError: () => undefined,
    workflow: { refreshIntervalMs: 0, persist: false, ...workflow },
  });

  const call: ApiFixture['call'] = async (path, options = {}) => {
    const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.as) {
      headers['cookie'] = options.as.cookie;
      if (method !== 'GET' && !(CSRF_HEADER in headers)) headers[CSRF_HEADER] = options.as.csrf;
    }
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await app.request(path, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    // every answer of a route in the contract must match the contract (status, media type, JSON)
    await expectContractAnswer(method, path, response);
    return response;
  };

  const signIn = async (email: string, password = PASSWORD) => {
    const response = await call('/api/auth/sign-in', { body: { email, password } });
    expect(response.status, `sign in ${email}`).toBe(200);
    return credentialsFrom(response);
  };
  return {
    database,
    clock,
    app,
    accounts,
    call,
    signIn,
    async signInAll() {
      const entries = await Promise.all(
        Object.entries(accounts).map(async ([key, account]) => [key, await signIn(account.email)]),
      );
      return Object.fromEntries(entries) as Record<AccountKey, Credentials>;
    },
    close: () => database.close(),
  };
}
