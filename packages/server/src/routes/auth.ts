/**
 * Sign-in, sign-out, who am I, and the caller's API tokens (`/api/auth/*`), against their routes
 * of the contract. Answers that set cookies or carry no body are made here (raw routes).
 */
import type { Hono } from 'hono';
import * as routes from '#contract/routes/accounts.ts';
import { TOKEN_SORT_FIELDS } from '#contract/routes/accounts.ts';
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
import { organisationFacts } from '#services/accounts/record-checks.ts';
import { signIn } from '#services/accounts/sign-in.ts';
import { writeAudit } from '#services/accounts/write-audit.ts';
import type { ApiServices, AppEnv } from '../app-env.ts';
import { readJsonBody } from '../http-input.ts';
import { registerRawRoute, registerRoute } from '../register-route.ts';
import {
  clearSessionCookies,
  clientAddress,
  CSRF_COOKIE,
  CSRF_HEADER,
  SESSION_COOKIE,
  setSessionCookies,
} from '../request-auth.ts';

const on = { mountedAt: '/api' };

export function registerAuthRoutes(api: Hono<AppEnv>, services: ApiServices): void {
  const { repos, clock, config, limiters } = services;

  registerRawRoute(
    api,
    routes.signIn,
    async (_, c) => {
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
    },
    on,
  );

  registerRawRoute(
    api,
    routes.signOut,
    async (_, c) => {
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
    },
    on,
  );

  registerRoute(
    api,
    routes.me,
    async (_, c) => {
      const principal = c.get('principal');
      const session = c.get('session');
      const organisationId = principal.kind === 'account' ? principal.account.organisationId : null;
      const organisation =
        organisationId === null ? undefined : await organisationFacts(repos, organisationId);
      return {
        role: principal.kind === 'account' ? principal.account.role : ('anonymous' as const),
        account: principal.kind === 'account' ? describeAccount(principal.account) : null,
        organisation: organisation ?? null,
        via: principal.kind === 'account' ? principal.via : null,
        sessionExpiresAt: session?.expiresAt ?? null,
        cookies: { session: SESSION_COOKIE, csrf: CSRF_COOKIE },
        csrfHeader: CSRF_HEADER,
      };
    },
    on,
  );

  registerRoute(
    api,
    routes.listTokens,
    async ({ query: params }, c) => {
      const sort = parseSort(params.sort ?? '-createdAt', TOKEN_SORT_FIELDS);
      const tokens = (await listApiTokens(repos, c.get('principal'))).map(describeToken);
      const page = pageInMemory(tokens, {
        limit: params.limit,
        cursor: params.cursor,
        sort,
        idOf: (t) => t.id,
        valueOf: (t, field) => (t as Readonly<Record<string, unknown>>)[field],
      });
      return { items: page.items, nextCursor: page.nextCursor ?? null };
    },
    on,
  );

  registerRawRoute(
    api,
    routes.createToken,
    async (_, c) => {
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
    },
    on,
  );

  registerRawRoute(
    api,
    routes.revokeToken,
    async ({ params }, c) => {
      await revokeApiToken(repos, { principal: c.get('principal'), clock }, params.id);
      return c.body(null, 204);
    },
    on,
  );
}
