import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DomainError } from '#core/domain-error.ts';
import type { TransactionOptions } from '#core/ports.ts';
import type { SqlClient, SqlParam } from './sql-client.ts';

type Statement = Database.Statement<unknown[]>;

/** The embedded client can say whether it holds a transaction (bulk loads only defer work inside one). */
export interface SqliteClient extends SqlClient {
  inTransaction(): boolean;
  /**
   * Runs a statement once per row, row i's parameters put into one reused array by `fill` and the
   * statement chosen by `sqlOf` for them; only inside this client's transaction (no retry between
   * rows). Returns the rows changed.
   */
  runRows(
    count: number,
    fill: (i: number, out: SqlParam[]) => void,
    sqlOf: (params: readonly SqlParam[]) => string,
  ): number;
}

export function isSqliteClient(client: SqlClient): client is SqliteClient {
  return (
    client.dialect === 'sqlite' &&
    typeof (client as Partial<SqliteClient>).inTransaction === 'function'
  );
}

/**
 * SQLite's own wait for a lock (ms). It blocks the thread, so it stays short: longer waits are
 * retries with backoff that let the event loop run (`withBusyRetry`).
 */
export const SQLITE_BUSY_TIMEOUT_MS = 20;

export interface BusyRetryOptions {
  /** How long to keep retrying a locked database before giving up (default 2 s). */
  readonly budgetMs?: number;
}

/** SQLITE_BUSY / SQLITE_LOCKED and their extended codes: another connection holds the lock. */
export function isDatabaseBusyError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const { code } = error;
  return (
    typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
  );
}

/** What a caller sees when the lock did not come free in time: 503 with Retry-After. */
export function databaseBusy(retryAfterSeconds: number): DomainError {
  return new DomainError(
    'storage_unavailable',
    `the database is busy (another process, e.g. an import, is writing); try again in ${retryAfterSeconds} s`,
    { retryAfterSeconds, reason: 'database_busy' },
  );
}

/**
 * Runs `attempt`; while the database is locked by another connection, tries again after 10, 20,
 * 40… ms (at most 250 ms apart) without blocking the event loop, then throws `databaseBusy`.
 */
export async function withBusyRetry<T>(
  attempt: () => T,
  options: BusyRetryOptions = {},
): Promise<T> {
  const budgetMs = options.budgetMs ?? 2_000;
  const deadline = performance.now() + budgetMs;
  let pause = 10;
  for (;;) {
    try {
      return attempt();
    } catch (error) {
      if (!isDatabaseBusyError(error)) throw error;
      if (performance.now() + pause > deadline)
        throw databaseBusy(Math.max(1, Math.ceil(budgetMs / 1000)));
      await sleep(pause);
      pause = Math.min(pause * 2, 250);
    }
  }
}

/** Embedded database: SQLite through better-sqlite3, WAL journal, foreign keys enforced. */
export function createSqliteClient(path: string, retry: BusyRetryOptions = {}): SqliteClient {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -65536');
  const statements = new Map<string, Statement>();
  let queue: Promise<unknown> = Promise.resolve();
  let inTransaction = false;

  function prepare(sql: string): Statement {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  }

  const rawStatements = new Map<string, Statement>();
  function prepareRaw(sql: string): Statement {
    let statement = rawStatements.get(sql);
    if (!statement) {
      statement = db.prepare(sql).raw(true);
      rawStatements.set(sql, statement);
    }
    return statement;
  }

  function toSqlite(params: readonly SqlParam[]): readonly unknown[] {
    let copy: unknown[] | undefined;
    for (let i = 0; i < params.length; i++) {
      const p = params[i];
      if (typeof p !== 'boolean') continue;
      copy ??= [...params];
      copy[i] = p ? 1 : 0;
    }
    return copy ?? params;
  }

  /** The rows of `table` naming a record that does not exist: none, or the transaction fails. */
  function checkForeignKeys(table: string): void {
    const found = db
      .prepare('SELECT count(*) AS n FROM pragma_foreign_key_check(?)')
      .get(table) as { n: number };
    if (found.n > 0)
      throw new Error(
        `${found.n} rows of ${table} name records that do not exist; nothing written`,
      );
  }

  /** Inside our own transaction the lock is held: nothing to wait for, and no retry mid-way. */
  const retrying = async <T>(attempt: () => T): Promise<T> =>
    inTransaction && db.inTransaction ? attempt() : withBusyRetry(attempt, retry);

  const client: SqliteClient = {
    dialect: 'sqlite',
    // Parameters go as one array (better-sqlite3 binds its elements): no spread of long lists.
    all<T>(sql: string, params: readonly SqlParam[] = []) {
      return retrying(() => prepare(sql).all(toSqlite(params)) as T[]);
    },
    values(sql, params = []) {
      return retrying(() => prepareRaw(sql).all(toSqlite(params)) as unknown[][]);
    },
    run(sql, params = []) {
      return retrying(() => prepare(sql).run(toSqlite(params)).changes);
    },
    async runMany(sql, rows) {
      const statement = prepare(sql);
      let changes = 0;
      // Row by row outside a transaction: a retry never writes a row twice.
      for (const row of rows) changes += await retrying(() => statement.run(toSqlite(row)).changes);
      return changes;
    },
    inTransaction() {
      return inTransaction && db.inTransaction;
    },
    runRows(count, fill, sqlOf) {
      if (!(inTransaction && db.inTransaction))
        throw new Error('runRows runs inside a transaction only');
      const row: SqlParam[] = [];
      let changes = 0;
      for (let i = 0; i < count; i++) {
        fill(i, row);
        changes += prepare(sqlOf(row)).run(toSqlite(row)).changes;
      }
      return changes;
    },
    async exec(sql) {
      await retrying(() => db.exec(sql));
    },
    transaction<T>(work: (c: SqlClient) => Promise<T>, options?: TransactionOptions): Promise<T> {
      if (inTransaction) return work(client);
      const checkedAtCommit = options?.foreignKeysAtCommit ?? [];
      // Transactions queue one behind another: the connection holds one at a time.
      const run = queue.then(async () => {
        // Only outside a transaction does SQLite take this pragma.
        if (checkedAtCommit.length > 0) db.pragma('foreign_keys = OFF');
        try {
          // Waiting for another process's write lock must not block the event loop.
          await withBusyRetry(() => db.exec('BEGIN IMMEDIATE'), retry);
          inTransaction = true;
          try {
            const result = await work(client);
            for (const table of checkedAtCommit) checkForeignKeys(table);
            db.exec('COMMIT');
            return result;
          } catch (error) {
            if (db.inTransaction) db.exec('ROLLBACK');
            throw error;
          } finally {
            inTransaction = false;
          }
        } finally {
          if (checkedAtCommit.length > 0) db.pragma('foreign_keys = ON');
        }
      });
      queue = run.catch(() => undefined);
      return run;
    },
    async close() {
      await queue;
      db.close();
    },
  };
  return client;
}
