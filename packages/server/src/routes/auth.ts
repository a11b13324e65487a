/** Sign-in, sign-out, who am I, and the caller's API tokens (`/api/auth/*`). */
import type { Hono } from 'hono';
import { z } from 'zod';
import { describeAccount, ZEmail } from '#core/accounts.ts';
import { DomainError, isDomainError } from '#core/domain-error.ts';
import { pageInMemory, parseSort } from '#core/list-sort.ts';
import { signOut } from '#services/accounts/authenticate.ts';
import {
  createApiToken,
  describeToken,
  listApiTokens,
  revokeApiToken,
} from '#services/accounts/manage-api-tokens.ts';
import { signIn } from '#services/accounts/sign-in.ts';
import { writeAudit } from '#services/accounts/write-audit.ts';
import type { ApiServices, AppEnv } from '../app-env.ts';
import { parseQuery, readJsonBody } from '../http-input.ts';
import {
  clearSessionCookies,
  clientAddress,
  CSRF_COOKIE,
  CSRF_HEADER,
  SESSION_COOKIE,
  setSessionCookies,
} from '../request-auth.ts';

/** `GET /api/auth/tokens`: the list contract (limit, cursor, sort). */
export const ZTokenListParams = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(500).optional(),
  sort: z.string().max(61).optional(),
});

export const TOKEN_SORT_FIELDS = ['name', 'createdAt', 'expiresAt', 'lastUsedAt'] as const;

export function registerAuthRoutes(api: Hono<AppEnv>, services: ApiServices): void {
  const { repos, clock, config, limiters } = services;

  api.post('/auth/sign-in', async (c) => {
    const body = await readJsonBody(c);
    const address = clientAddress(c, config);
    const email =
      typeof body === 'object' && body !== null && 'email' in body
        ? ZEmail.safeParse(body.email)
        : undefined;
    const refuse = (retryAfterSeconds: number) =>
      new DomainError(
        'rate_limited',
        `too many sign-in attempts; try again in ${retryAfterSeconds} s`,
        { retryAfterSeconds },
      );
    // Against spraying: every attempt from one client, whatever the account.
    const taken = limiters.signInPerAddress.take(`address:${address}`);
    if (!taken.ok) throw refuse(taken.retryAfterSeconds);
    // Against guessing one password: growing waits per (account, client) after wrong passwords.
    const pair = email?.success ? `${email.data}\n${address}` : undefined;
    const waiting = pair === undefined ? undefined : limiters.signInBackoff.check(pair);
    if (waiting && !waiting.ok) throw refuse(waiting.retryAfterSeconds);
    let signedIn;
    try {
      signedIn = await signIn(repos, body, {
        clock,
        sessionTtlMs: config.sessionTtlSeconds * 1000,
        client: address,
      });
    } catch (error) {
      if (pair !== undefined && isDomainError(error) && error.code === 'unauthenticated')
        limiters.signInBackoff.failed(pair);
      throw error;
    }
    if (pair !== undefined) limiters.signInBackoff.succeeded(pair);
    setSessionCookies(c, config, signedIn, clock.now());
    c.header('cache-control', 'no-store');
    return c.json({
      account: describeAccount(signedIn.account),
      csrfToken: signedIn.csrfToken,
      csrfHeader: CSRF_HEADER,
      expiresAt: signedIn.expiresAt.toISOString(),
    });
  });

  api.post('/auth/sign-out', async (c) => {
    const token = c.get('sessionToken');
    if (token !== undefined) {
      await signOut(repos, token);
      const principal = c.get('principal');
      if (principal.kind === 'account')
        await writeAudit(
          repos,
          { principal, clock },
          {
            action: 'sign_out',
            entity: 'sessions',
            entityId: principal.account.id,
          },
        );
    }
    clearSessionCookies(c, config);
    return c.body(null, 204);
  });

  api.get('/auth/me', (c) => {
    const principal = c.get('principal');
    const session = c.get('session');
    return c.json({
      role: principal.kind === 'account' ? principal.account.role : 'anonymous',
      account: principal.kind === 'account' ? describeAccount(principal.account) : null,
      via: principal.kind === 'account' ? principal.via : null,
      sessionExpiresAt: session?.expiresAt ?? null,
      cookies: { session: SESSION_COOKIE, csrf: CSRF_COOKIE },
      csrfHeader: CSRF_HEADER,
    });
  });

  api.get('/auth/tokens', async (c) => {
    const params = parseQuery(ZTokenListParams, c.req.query());
    const sort = parseSort(params.sort ?? '-createdAt', TOKEN_SORT_FIELDS);
    const tokens = (await listApiTokens(repos, c.get('principal'))).map(describeToken);
    const page = pageInMemory(tokens, {
      limit: params.limit,
      cursor: params.cursor,
      sort,
      idOf: (t) => String(t['id']),
      valueOf: (t, field) => t[field],
    });
    return c.json({ items: page.items, nextCursor: page.nextCursor ?? null });
  });

  api.post('/auth/tokens', async (c) => {
    const body = await readJsonBody(c);
    const principal = c.get('principal');
    const callerToken =
      principal.kind === 'account' && principal.via === 'token'
        ? /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1]
        : undefined;
    const { token, record } = await createApiToken(
      repos,
      { principal, clock },
      body,
      callerToken === undefined ? {} : { callerToken },
    );
    c.header('cache-control', 'no-store');
    return c.json({ ...describeToken(record), token }, 201);
  });

  api.delete('/auth/tokens/:id', async (c) => {
    await revokeApiToken(repos, { principal: c.get('principal'), clock }, c.req.param('id'));
    return c.body(null, 204);
  });
}
