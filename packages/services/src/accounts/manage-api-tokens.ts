import { randomUUID } from 'node:crypto';
import { ZApiTokenCreate, type Principal } from '#core/accounts.ts';
import { DomainError } from '#core/domain-error.ts';
import { canHoldTokens } from '#core/permissions.ts';
import type { ApiTokenRecord, Repositories } from '#core/ports.ts';
import { API_TOKEN_PREFIX } from './authenticate.ts';
import { hashSecret, randomSecret } from './secrets.ts';
import { writeAudit, type ActingContext } from './write-audit.ts';

/** What a token list shows: never the hash, never the secret, nor whose it is (the caller's). */
export type ApiTokenView = Omit<ApiTokenRecord, 'accountId' | 'tokenHash'>;

export function describeToken(token: ApiTokenRecord): ApiTokenView {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    createdAt: token.createdAt,
    expiresAt: token.expiresAt,
    lastUsedAt: token.lastUsedAt,
    revokedAt: token.revokedAt,
  };
}

function requireHolder(principal: Principal): Extract<Principal, { kind: 'account' }> {
  const decision = canHoldTokens(principal);
  if (!decision.allowed || principal.kind !== 'account')
    throw new DomainError('unauthenticated', decision.allowed ? 'sign in first' : decision.reason);
  return principal;
}

/** When a token made with `parent` must stop at the latest: never after the parent token. */
function cappedExpiry(requested: string | null, parent: ApiTokenRecord | undefined): string | null {
  if (parent === undefined || parent.expiresAt === null) return requested;
  if (requested === null) return parent.expiresAt;
  return Date.parse(requested) < Date.parse(parent.expiresAt) ? requested : parent.expiresAt;
}

/**
 * Issues an API token for the caller's own account; the secret is shown once, stored hashed. A
 * token made by a caller signed in with a token (`callerToken`) never outlives that token.
 */
export async function createApiToken(
  repos: Repositories,
  context: ActingContext,
  input: unknown,
  options: { callerToken?: string } = {},
): Promise<{ token: string; record: ApiTokenRecord }> {
  const holder = requireHolder(context.principal);
  const parsed = ZApiTokenCreate.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') || '(record)';
    throw new DomainError('validation_failed', `${field}: ${issue?.message ?? 'not valid'}`, {
      field,
    });
  }
  const parent =
    options.callerToken === undefined
      ? undefined
      : await repos.sessions.findToken(hashSecret(options.callerToken));
  const token = `${API_TOKEN_PREFIX}${randomSecret(32)}`;
  const now = context.clock.now();
  const record: ApiTokenRecord = {
    id: randomUUID(),
    accountId: holder.account.id,
    name: parsed.data.name,
    prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
    tokenHash: hashSecret(token),
    createdAt: now.toISOString(),
    expiresAt: cappedExpiry(
      parsed.data.expiresInDays === undefined
        ? null
        : new Date(now.getTime() + parsed.data.expiresInDays * 86_400_000).toISOString(),
      parent,
    ),
    lastUsedAt: null,
    revokedAt: null,
  };
  await repos.transaction(async (tx) => {
    await tx.sessions.createToken(record);
    await writeAudit(tx, context, {
      action: 'token_created',
      entity: 'api-tokens',
      entityId: record.id,
      after: describeToken(record),
    });
  });
  return { token, record };
}

export async function listApiTokens(
  repos: Repositories,
  principal: Principal,
): Promise<ApiTokenRecord[]> {
  return repos.sessions.listTokens(requireHolder(principal).account.id);
}

export async function revokeApiToken(
  repos: Repositories,
  context: ActingContext,
  tokenId: string,
): Promise<void> {
  const holder = requireHolder(context.principal);
  await repos.transaction(async (tx) => {
    const revoked = await tx.sessions.revokeToken(
      tokenId,
      holder.account.id,
      context.clock.now().toISOString(),
    );
    if (!revoked) throw new DomainError('not_found', `no live API token ${tokenId} of yours`);
    await writeAudit(tx, context, {
      action: 'token_revoked',
      entity: 'api-tokens',
      entityId: tokenId,
    });
  });
}
