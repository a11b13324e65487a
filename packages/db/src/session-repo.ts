import type { ApiTokenRecord, SessionRecord, SessionRepo } from '#core/ports.ts';
import { optionalText } from './json-column.ts';
import type { SqlClient } from './sql-client.ts';

const TOKEN_COLUMNS =
  'id, account_id, name, prefix, token_hash, created_at, expires_at, last_used_at, revoked_at';

function toSession(row: Record<string, unknown>): SessionRecord {
  return {
    tokenHash: String(row['token_hash']),
    accountId: String(row['account_id']),
    csrfHash: String(row['csrf_hash']),
    createdAt: String(row['created_at']),
    expiresAt: String(row['expires_at']),
  };
}

function toToken(row: Record<string, unknown>): ApiTokenRecord {
  return {
    id: String(row['id']),
    accountId: String(row['account_id']),
    name: String(row['name']),
    prefix: String(row['prefix']),
    tokenHash: String(row['token_hash']),
    createdAt: String(row['created_at']),
    expiresAt: optionalText(row['expires_at']) ?? null,
    lastUsedAt: optionalText(row['last_used_at']) ?? null,
    revokedAt: optionalText(row['revoked_at']) ?? null,
  };
}

/** Browser sessions (`sessions`) and API tokens (`api_tokens`), stored by the hashes of their secrets. */
export function createSqlSessionRepo(client: SqlClient): SessionRepo {
  return {
    async createSession(session) {
      await client.run(
        'INSERT INTO sessions (token_hash, account_id, csrf_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
        [
          session.tokenHash,
          session.accountId,
          session.csrfHash,
          session.createdAt,
          session.expiresAt,
        ],
      );
    },
    async findSession(tokenHash) {
      const rows = await client.all(
        'SELECT token_hash, account_id, csrf_hash, created_at, expires_at FROM sessions WHERE token_hash = ?',
        [tokenHash],
      );
      return rows[0] ? toSession(rows[0]) : undefined;
    },
    async deleteSession(tokenHash) {
      await client.run('DELETE FROM sessions WHERE token_hash = ?', [tokenHash]);
    },
    async deleteSessionsOf(accountId) {
      return client.run('DELETE FROM sessions WHERE account_id = ?', [accountId]);
    },
    async deleteExpiredSessions(now) {
      return client.run('DELETE FROM sessions WHERE expires_at < ?', [now]);
    },
    async createToken(token) {
      await client.run(
        `INSERT INTO api_tokens (${TOKEN_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          token.id,
          token.accountId,
          token.name,
          token.prefix,
          token.tokenHash,
          token.createdAt,
          token.expiresAt,
          token.lastUsedAt,
          token.revokedAt,
        ],
      );
    },
    async findToken(tokenHash) {
      const rows = await client.all(
        `SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE token_hash = ?`,
        [tokenHash],
      );
      return rows[0] ? toToken(rows[0]) : undefined;
    },
    async listTokens(accountId) {
      const rows = await client.all(
        `SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE account_id = ? ORDER BY created_at DESC, id DESC`,
        [accountId],
      );
      return rows.map(toToken);
    },
    async revokeToken(id, accountId, at) {
      const changed = await client.run(
        'UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND account_id = ? AND revoked_at IS NULL',
        [at, id, accountId],
      );
      return changed > 0;
    },
    async touchToken(id, at) {
      await client.run('UPDATE api_tokens SET last_used_at = ? WHERE id = ?', [at, id]);
    },
  };
}
