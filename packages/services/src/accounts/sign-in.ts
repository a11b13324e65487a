import { ZSignIn, type Account, type Principal } from '#core/accounts.ts';
import { DomainError } from '#core/domain-error.ts';
import type { Clock, Repositories } from '#core/ports.ts';
import { decoyHash, verifyPassword } from './password-hash.ts';
import { hashSecret, randomSecret } from './secrets.ts';
import { writeAudit } from './write-audit.ts';

export interface SignedIn {
  account: Account;
  /** Goes into the HttpOnly session cookie; stored only hashed. */
  sessionToken: string;
  /** Sent back by the client in the X-CSRF-Token header on changes; stored only hashed. */
  csrfToken: string;
  expiresAt: Date;
}

const WRONG = 'e-mail address or password is wrong';

/** Checks the password (scrypt) and opens a session; the same answer for unknown and wrong. */
export async function signIn(
  repos: Repositories,
  input: unknown,
  options: {
    clock: Clock;
    sessionTtlMs: number;
    /** The client's address, recorded in the audit log. */
    client?: string;
  },
): Promise<SignedIn> {
  const parsed = ZSignIn.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') || '(record)';
    throw new DomainError('validation_failed', `${field}: ${issue?.message ?? 'not valid'}`, {
      field,
    });
  }
  const { email, password } = parsed.data;
  const client = options.client === undefined ? {} : { client: options.client };
  const stored = await repos.accounts.findByEmail(email);
  const matches = await verifyPassword(password, stored?.passwordHash ?? (await decoyHash()));
  const anonymous: Principal = { kind: 'anonymous' };
  if (!stored || !matches || stored.account.disabled) {
    await writeAudit(
      repos,
      { principal: anonymous, clock: options.clock },
      {
        action: 'sign_in_failed',
        entity: 'sessions',
        entityId: email,
        after: {
          reason: stored?.account.disabled && matches ? 'disabled' : 'wrong credentials',
          ...client,
        },
      },
    );
    throw new DomainError(
      'unauthenticated',
      stored?.account.disabled && matches ? 'this account is disabled' : WRONG,
    );
  }
  const now = options.clock.now();
  const expiresAt = new Date(now.getTime() + options.sessionTtlMs);
  const sessionToken = randomSecret();
  const csrfToken = randomSecret();
  await repos.sessions.deleteExpiredSessions(now.toISOString());
  await repos.sessions.createSession({
    tokenHash: hashSecret(sessionToken),
    accountId: stored.account.id,
    csrfHash: hashSecret(csrfToken),
    createdAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
  });
  const principal: Principal = { kind: 'account', account: stored.account, via: 'session' };
  await writeAudit(
    repos,
    { principal, clock: options.clock },
    {
      action: 'sign_in',
      entity: 'sessions',
      entityId: stored.account.id,
      after: { expiresAt: expiresAt.toISOString(), ...client },
    },
  );
  return { account: stored.account, sessionToken, csrfToken, expiresAt };
}
