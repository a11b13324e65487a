import { AUDIT_ACTIONS, type AuditAction, type AuditEntry, type AuditRepo } from '#core/ports.ts';
import { readJson } from './json-column.ts';
import type { SqlClient, SqlParam } from './sql-client.ts';

const COLUMNS = 'id, at, account_id, action, entity, entity_id, before_data, after_data';

function toAction(value: unknown): AuditAction {
  const action = AUDIT_ACTIONS.find((a) => a === value);
  if (action === undefined) throw new Error(`audit_log: unknown action ${String(value)}`);
  return action;
}

function toEntry(row: Record<string, unknown>): AuditEntry {
  const account = row['account_id'];
  const before = row['before_data'];
  const after = row['after_data'];
  return {
    id: String(row['id']),
    at: String(row['at']),
    accountId: account === null || account === undefined ? null : String(account),
    action: toAction(row['action']),
    entity: String(row['entity']),
    entityId: String(row['entity_id']),
    before: before === null || before === undefined ? null : readJson(before),
    after: after === null || after === undefined ? null : readJson(after),
  };
}

/** Cursor: the (at, id) of the last entry of a page, newest first. */
function encodeCursor(entry: AuditEntry): string {
  return Buffer.from(JSON.stringify([entry.at, entry.id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string'))
      return [String(value[0]), String(value[1])];
  } catch {
    // not a cursor of ours: start over
  }
  return undefined;
}

/** The append-only audit log (`audit_log`). */
export function createSqlAuditRepo(client: SqlClient): AuditRepo {
  return {
    async append(entry) {
      await client.run(`INSERT INTO audit_log (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, [
        entry.id,
        entry.at,
        entry.accountId,
        entry.action,
        entry.entity,
        entry.entityId,
        entry.before === null || entry.before === undefined ? null : JSON.stringify(entry.before),
        entry.after === null || entry.after === undefined ? null : JSON.stringify(entry.after),
      ]);
    },
    async list(query) {
      const parts: string[] = [];
      const params: SqlParam[] = [];
      if (query.entity !== undefined) {
        parts.push('entity = ?');
        params.push(query.entity);
      }
      if (query.entityId !== undefined) {
        parts.push('entity_id = ?');
        params.push(query.entityId);
      }
      if (query.accountId !== undefined) {
        parts.push('account_id = ?');
        params.push(query.accountId);
      }
      if (query.action !== undefined) {
        parts.push('action = ?');
        params.push(query.action);
      }
      if (query.from !== undefined) {
        parts.push('at >= ?');
        params.push(query.from);
      }
      if (query.to !== undefined) {
        parts.push('at < ?');
        params.push(query.to);
      }
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
      if (after) {
        parts.push('(at < ? OR (at = ? AND id < ?))');
        params.push(after[0], after[0], after[1]);
      }
      const where = parts.length ? `WHERE ${parts.join(' AND ')}` : '';
      const rows = await client.all(
        `SELECT ${COLUMNS} FROM audit_log ${where} ORDER BY at DESC, id DESC LIMIT ?`,
        [...params, query.limit + 1],
      );
      const items = rows.slice(0, query.limit).map(toEntry);
      const last = items[items.length - 1];
      return {
        items,
        ...(rows.length > query.limit && last ? { nextCursor: encodeCursor(last) } : {}),
      };
    },
  };
}
