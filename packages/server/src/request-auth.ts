/**
 * Authentication and CSRF for `/api/*`.
 *
 * - Browsers: `POST /api/auth/sign-in` sets two cookies: `musubi_session` (HttpOnly, SameSite=Lax,
 *   Secure over https) holding the session secret, and `musubi_csrf` (readable by the page) holding
 *   a CSRF token. Every state-changing request made with the session cookie must repeat the CSRF
 *   token in the `X-CSRF-Token` header; the server checks it against the hash stored with the
 *   session (a double-submit token bound to the session, so a cookie planted by a sibling domain
 *   does not help an attacker).
 * - Machines: `Authorization: Bearer musubi_…` with an API token; no cookies, no CSRF token.
 * Expired or unknown sessions and tokens are refused with 401 and a message that says why.
 */
import { isIP } from 'node:net';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { ANONYMOUS_PRINCIPAL } from '#core/accounts.ts';
import { DomainError, isDomainError } from '#core/domain-error.ts';
import {
  authenticateApiToken,
  authenticateSession,
  isSessionCsrfToken,
} from '#services/accounts/authenticate.ts';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '#contract/session-names.ts';
import type { ApiServices, AppEnv } from './app-env.ts';
import { problemFromError } from './problem.ts';
import type { ServerConfig } from './server-config.ts';

export { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE };

const SIGN_IN_PATH = '/api/auth/sign-in';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Paths where a stale session cookie is dropped instead of refused (so one can sign in again). */
const LENIENT_PATHS = new Set([SIGN_IN_PATH, '/api/auth/sign-out', '/api/auth/me']);

export function isHttps(c: Context, config: ServerConfig): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return config.trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

function secureFor(c: Context, config: ServerConfig): boolean {
  return config.secureCookies === 'auto' ? isHttps(c, config) : config.secureCookies;
}

export function setSessionCookies(
  c: Context,
  config: ServerConfig,
  session: { sessionToken: string; csrfToken: string; expiresAt: Date },
  now: Date,
): void {
  const maxAge = Math.max(1, Math.floor((session.expiresAt.getTime() - now.getTime()) / 1000));
  const common = { path: '/', sameSite: 'Lax' as const, secure: secureFor(c, config), maxAge };
  setCookie(c, SESSION_COOKIE, session.sessionToken, { ...common, httpOnly: true });
  setCookie(c, CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false });
}

/** Set-Cookie values that remove both cookies (for responses built outside the context). */
function expiredCookies(secure: boolean): string[] {
  const attributes = `Max-Age=0; Path=/; SameSite=Lax${secure ? '; Secure' : ''}`;
  return [`${SESSION_COOKIE}=; ${attributes}; HttpOnly`, `${CSRF_COOKIE}=; ${attributes}`];
}

export function clearSessionCookies(c: Context, config: ServerConfig): void {
  const common = { path: '/', secure: secureFor(c, config) };
  deleteCookie(c, SESSION_COOKIE, common);
  deleteCookie(c, CSRF_COOKIE, common);
}

function socketAddress(c: Context): string | undefined {
  const env: unknown = c.env;
  if (typeof env === 'object' && env !== null && 'incoming' in env) {
    const incoming: unknown = env.incoming;
    if (typeof incoming === 'object' && incoming !== null && 'socket' in incoming) {
      const socket: unknown = incoming.socket;
      if (typeof socket === 'object' && socket !== null && 'remoteAddress' in socket) {
        const address: unknown = socket.remoteAddress;
        if (typeof address === 'string') return plainAddress(address);
      }
    }
  }
  return undefined;
}

/** `::ffff:192.0.2.1` (IPv4 on a dual-stack socket) is 192.0.2.1. */
function plainAddress(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/**
 * The client's address, for rate limits and the audit log: the socket's peer; behind a trusted
 * proxy (`trustProxy`), the rightmost X-Forwarded-For hop that is not one of `trustedProxies`.
 * Hops left of it were written by the client or by proxies we do not know, so they are never used;
 * without `trustProxy` the header is ignored altogether.
 */
export function clientAddress(c: Context, config: ServerConfig): string {
  const peer = socketAddress(c) ?? 'local';
  if (!config.trustProxy) return peer;
  const hops = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => plainAddress(hop.trim()))
    .filter((hop) => hop !== '');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] ?? '';
    if (isIP(hop) === 0) return peer;
    if (!config.trustedProxies.includes(hop)) return hop;
  }
  return peer;
}

/** Same-origin check for requests without credentials that still change state (sign-in). */
function isCrossSite(c: Context): boolean {
  const origin = c.req.header('origin');
  if (origin === undefined || origin === 'null') return origin === 'null';
  try {
    return (
      new URL(origin).host !== new URL(c.req.url).host &&
      new URL(origin).host !== c.req.header('host')
    );
  } catch {
    return true;
  }
}

export function authenticateRequests(services: ApiServices): MiddlewareHandler<AppEnv> {
  const { repos, clock, config } = services;
  return async (c, next) => {
    c.set('principal', ANONYMOUS_PRINCIPAL);
    c.set('session', undefined);
    c.set('sessionToken', undefined);
    const unsafe = !SAFE_METHODS.has(c.req.method);
    const authorization = c.req.header('authorization');
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!match?.[1])
        throw new DomainError('unauthenticated', 'use "Authorization: Bearer <API token>"');
      c.set('principal', await authenticateApiToken(repos, match[1], clock));
      return next();
    }
    const sessionToken = getCookie(c, SESSION_COOKIE);
    if (sessionToken !== undefined && sessionToken !== '') {
      try {
        const { principal, session } = await authenticateSession(repos, sessionToken, clock);
        c.set('principal', principal);
        c.set('session', session);
        c.set('sessionToken', sessionToken);
      } catch (error) {
        if (!isDomainError(error) || error.code !== 'unauthenticated') throw error;
        if (!LENIENT_PATHS.has(c.req.path)) {
          const response = problemFromError(error);
          for (const cookie of expiredCookies(secureFor(c, config)))
            response.headers.append('set-cookie', cookie);
          return response;
        }
        clearSessionCookies(c, config);
      }
      const session = c.get('session');
      // Signing in again (e.g. as another account) needs no token of the old session; the
      // same-origin check below covers it.
      const signingIn = c.req.path === SIGN_IN_PATH;
      if (
        unsafe &&
        session &&
        !signingIn &&
        !isSessionCsrfToken(session, c.req.header(CSRF_HEADER))
      )
        throw new DomainError(
          'forbidden',
          `the ${CSRF_HEADER} header is missing or does not match your session; reload the page and try again`,
          { problem: 'csrf_rejected' },
        );
    }
    if (unsafe && (c.get('session') === undefined || c.req.path === SIGN_IN_PATH) && isCrossSite(c))
      throw new DomainError('forbidden', 'cross-site request refused', {
        problem: 'csrf_rejected',
      });
    return next();
  };
}
