/**
 * Who is calling: a session cookie (browsers) or a bearer API token (machines). Expired, revoked
 * or unknown credentials are refused with a message that says which, never silently downgraded.
 */
import type { Principal } from '#core/accounts.ts';
import { DomainError } from '#core/domain-error.ts';
import type { Clock, Repositories, SessionRecord } from '#core/ports.ts';
import { equalSecrets, hashSecret } from './secrets.ts';

/** API tokens start with this, so leaked tokens are easy to recognise (e.g. by secret scanners). */
export const API_TOKEN_PREFIX = 'musubi_';

/**
 * Token use is recorded at most this often, and never at the request's cost: a read stays a read
 * (the note is written after, and dropped when the database is busy, e.g. during an import).
 */
export const TOUCH_EVERY_MS = 60 * 60_000;

export interface SessionPrincipal {
  principal: Extract<Principal, { kind: 'account' }>;
  session: SessionRecord;
}

async function enabledAccount(repos: Repositories, accountId: string) {
  const stored = await repos.accounts.get(accountId);
  if (!stored)
    throw new DomainError('unauthenticated', 'the account no longer exists; sign in again');
  if (stored.account.disabled) throw new DomainError('unauthenticated', 'this account is disabled');
  return stored.account;
}

export async function authenticateSession(
  repos: Repositories,
  sessionToken: string,
  clock: Clock,
): Promise<SessionPrincipal> {
  const tokenHash = hashSecret(sessionToken);
  const session = await repos.sessions.findSession(tokenHash);
  if (!session)
    throw new DomainError(
      'unauthenticated',
      'your session is not valid (signed out or expired); sign in again',
      {
        reason: 'session_invalid',
      },
    );
  if (Date.parse(session.expiresAt) <= clock.now().getTime()) {
    // Tidying up must not turn "expired" into "busy" while another process writes.
    void repos.sessions.deleteSession(tokenHash).catch(() => undefined);
    throw new DomainError('unauthenticated', 'your session has expired; sign in again', {
      reason: 'session_expired',
    });
  }
  const account = await enabledAccount(repos, session.accountId);
  return { principal: { kind: 'account', account, via: 'session' }, session };
}

/** Whether the CSRF token sent with a change belongs to the session. */
export function isSessionCsrfToken(session: SessionRecord, token: string | undefined): boolean {
  if (token === undefined || token === '' || token.length > 200) return false;
  return equalSecrets(hashSecret(token), session.csrfHash);
}

export async function authenticateApiToken(
  repos: Repositories,
  token: string,
  clock: Clock,
): Promise<Principal> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200)
    throw new DomainError(
      'unauthenticated',
      `not a Musubi API token (they start with ${API_TOKEN_PREFIX})`,
    );
  const record = await repos.sessions.findToken(hashSecret(token));
  if (!record) throw new DomainError('unauthenticated', 'unknown API token');
  if (record.revokedAt !== null)
    throw new DomainError('unauthenticated', 'this API token was revoked');
  const now = clock.now();
  if (record.expiresAt !== null && Date.parse(record.expiresAt) <= now.getTime())
    throw new DomainError('unauthenticated', 'this API token has expired');
  const account = await enabledAccount(repos, record.accountId);
  if (record.lastUsedAt === null || now.getTime() - Date.parse(record.lastUsedAt) > TOUCH_EVERY_MS)
    void repos.sessions.touchToken(record.id, now.toISOString()).catch(() => undefined);
  return { kind: 'account', account, via: 'token' };
}

/** Ends a session (sign-out). */
export async function signOut(repos: Repositories, sessionToken: string): Promise<void> {
  await repos.sessions.deleteSession(hashSecret(sessionToken));
}
