/**
 * Notifications (issue 11): `notifications` (an account's inbox), `notification_preferences`
 * (which kinds it gets by e-mail) and `mail_outbox` (mail waiting to go out, kept until sent or
 * given up).
 */
import {
  NOTIFICATION_KINDS,
  type EmailPreferences,
  type Notification,
  type NotificationKind,
  type OutgoingMail,
} from '#core/notifications.ts';
import type { NotificationRepo } from '#core/ports.ts';
import { optionalText, readJson } from './json-column.ts';
import type { Dialect, SqlClient } from './sql-client.ts';

export function notificationsMigration(dialect: Dialect): string[] {
  const json = dialect === 'sqlite' ? 'TEXT' : 'JSONB';
  return [
    `CREATE TABLE notifications (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  at TEXT NOT NULL,
  title_ja TEXT NOT NULL,
  title_en TEXT NOT NULL,
  link TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  subject ${json} NOT NULL,
  read_at TEXT
)`,
    'CREATE INDEX notifications_account_idx ON notifications (account_id, at, id)',
    'CREATE INDEX notifications_subject_idx ON notifications (account_id, kind, subject_id)',
    `CREATE TABLE notification_preferences (
  account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  email ${json} NOT NULL,
  updated_at TEXT NOT NULL
)`,
    `CREATE TABLE mail_outbox (
  id TEXT PRIMARY KEY,
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  sent_at TEXT,
  failed_at TEXT,
  last_error TEXT
)`,
    'CREATE INDEX mail_outbox_due_idx ON mail_outbox (sent_at, failed_at, next_attempt_at)',
  ];
}

const COLUMNS = 'id, account_id, kind, at, title_ja, title_en, link, subject, read_at';
const MAIL_COLUMNS =
  'id, to_address, subject, body, created_at, attempts, next_attempt_at, sent_at, failed_at, last_error';

function toKind(value: unknown): NotificationKind {
  const kind = NOTIFICATION_KINDS.find((k) => k === value);
  if (kind === undefined) throw new Error(`notifications: unknown kind ${String(value)}`);
  return kind;
}

function toSubject(value: unknown): Record<string, string> {
  const parsed = readJson(value);
  const out: Record<string, string> = {};
  if (parsed !== null && typeof parsed === 'object') {
    for (const [key, v] of Object.entries(parsed)) if (typeof v === 'string') out[key] = v;
  }
  return out;
}

function toNotification(row: Record<string, unknown>): Notification {
  const readAt = optionalText(row['read_at']);
  return {
    id: String(row['id']),
    accountId: String(row['account_id']),
    kind: toKind(row['kind']),
    at: String(row['at']),
    titleJa: String(row['title_ja']),
    titleEn: String(row['title_en']),
    link: String(row['link']),
    subject: toSubject(row['subject']),
    ...(readAt !== undefined ? { readAt } : {}),
  };
}

function toMail(row: Record<string, unknown>): OutgoingMail {
  const sentAt = optionalText(row['sent_at']);
  const failedAt = optionalText(row['failed_at']);
  const lastError = optionalText(row['last_error']);
  return {
    id: String(row['id']),
    to: String(row['to_address']),
    subject: String(row['subject']),
    text: String(row['body']),
    createdAt: String(row['created_at']),
    attempts: Number(row['attempts']),
    nextAttemptAt: String(row['next_attempt_at']),
    ...(sentAt !== undefined ? { sentAt } : {}),
    ...(failedAt !== undefined ? { failedAt } : {}),
    ...(lastError !== undefined ? { lastError } : {}),
  };
}

function encodeCursor(n: Notification): string {
  return Buffer.from(JSON.stringify([n.at, n.id])).toString('base64url');
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

export function createSqlNotificationRepo(client: SqlClient): NotificationRepo {
  return {
    async insert(n) {
      const subjectId = n.subject['consultationId'] ?? n.subject['actorId'] ?? n.subject['seedId'];
      await client.run(
        `INSERT INTO notifications (${COLUMNS}, subject_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          n.id,
          n.accountId,
          n.kind,
          n.at,
          n.titleJa,
          n.titleEn,
          n.link,
          JSON.stringify(n.subject),
          n.readAt ?? null,
          subjectId ?? n.subject['requestId'] ?? '',
        ],
      );
    },
    async list(accountId, query) {
      const params: (string | number)[] = [accountId];
      let where = 'account_id = ?';
      if (query.unreadOnly === true) where += ' AND read_at IS NULL';
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
      if (after) {
        where += ' AND (at < ? OR (at = ? AND id < ?))';
        params.push(after[0], after[0], after[1]);
      }
      const rows = await client.all(
        `SELECT ${COLUMNS} FROM notifications WHERE ${where} ORDER BY at DESC, id DESC LIMIT ?`,
        [...params, query.limit + 1],
      );
      const items = rows.slice(0, query.limit).map(toNotification);
      const last = items[items.length - 1];
      return {
        items,
        ...(rows.length > query.limit && last ? { nextCursor: encodeCursor(last) } : {}),
      };
    },
    async unreadCount(accountId) {
      const rows = await client.all(
        'SELECT count(*) AS n FROM notifications WHERE account_id = ? AND read_at IS NULL',
        [accountId],
      );
      return Number(rows[0]?.['n'] ?? 0);
    },
    async markRead(accountId, id, at) {
      const exists = await client.all(
        'SELECT read_at FROM notifications WHERE account_id = ? AND id = ?',
        [accountId, id],
      );
      if (exists.length === 0) return false;
      await client.run(
        'UPDATE notifications SET read_at = ? WHERE account_id = ? AND id = ? AND read_at IS NULL',
        [at, accountId, id],
      );
      return true;
    },
    markAllRead: (accountId, at) =>
      client.run('UPDATE notifications SET read_at = ? WHERE account_id = ? AND read_at IS NULL', [
        at,
        accountId,
      ]),
    async lastAt(accountId, kind, subjectId) {
      const rows = await client.all(
        'SELECT max(at) AS at FROM notifications WHERE account_id = ? AND kind = ? AND subject_id = ?',
        [accountId, kind, subjectId],
      );
      return optionalText(rows[0]?.['at']);
    },
    async preferences(accountId) {
      const rows = await client.all(
        'SELECT email FROM notification_preferences WHERE account_id = ?',
        [accountId],
      );
      const parsed = rows[0] === undefined ? {} : readJson(rows[0]['email']);
      const out: Partial<EmailPreferences> = {};
      if (parsed !== null && typeof parsed === 'object') {
        for (const [key, value] of Object.entries(parsed)) {
          const kind = NOTIFICATION_KINDS.find((k) => k === key);
          if (kind !== undefined && typeof value === 'boolean') out[kind] = value;
        }
      }
      return out;
    },
    async savePreferences(accountId, preferences) {
      const at = new Date().toISOString();
      await client.run(
        `INSERT INTO notification_preferences (account_id, email, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (account_id) DO UPDATE SET email = excluded.email, updated_at = excluded.updated_at`,
        [accountId, JSON.stringify(preferences), at],
      );
    },
    async enqueueMail(mail) {
      await client.run(
        `INSERT INTO mail_outbox (${MAIL_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          mail.id,
          mail.to,
          mail.subject,
          mail.text,
          mail.createdAt,
          mail.attempts,
          mail.nextAttemptAt,
          mail.sentAt ?? null,
          mail.failedAt ?? null,
          mail.lastError ?? null,
        ],
      );
    },
    async dueMail(now, limit) {
      const rows = await client.all(
        `SELECT ${MAIL_COLUMNS} FROM mail_outbox
         WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ?
         ORDER BY next_attempt_at, id LIMIT ?`,
        [now, limit],
      );
      return rows.map(toMail);
    },
    async saveMail(mail) {
      await client.run(
        `UPDATE mail_outbox SET attempts = ?, next_attempt_at = ?, sent_at = ?, failed_at = ?, last_error = ?
         WHERE id = ?`,
        [
          mail.attempts,
          mail.nextAttemptAt,
          mail.sentAt ?? null,
          mail.failedAt ?? null,
          mail.lastError ?? null,
          mail.id,
        ],
      );
    },
    async listMail() {
      const rows = await client.all(
        `SELECT ${MAIL_COLUMNS} FROM mail_outbox ORDER BY created_at, id`,
      );
      return rows.map(toMail);
    },
  };
}
