import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SqlClient, SqlParam } from './sql-client.ts';

type Statement = Database.Statement<unknown[]>;

/** The embedded client can say whether it holds a transaction (bulk loads only defer work inside one). */
export interface SqliteClient extends SqlClient {
  inTransaction(): boolean;
}

export function isSqliteClient(client: SqlClient): client is SqliteClient {
  return (
    client.dialect === 'sqlite' &&
    typeof (client as Partial<SqliteClient>).inTransaction === 'function'
  );
}

/** Embedded database: SQLite through better-sqlite3, WAL journal, foreign keys enforced. */
export function createSqliteClient(path: string): SqliteClient {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
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

  const client: SqliteClient = {
    dialect: 'sqlite',
    // Parameters go as one array (better-sqlite3 binds its elements): no spread of long lists.
    async all<T>(sql: string, params: readonly SqlParam[] = []) {
      return prepare(sql).all(toSqlite(params)) as T[];
    },
    async values(sql, params = []) {
      return prepareRaw(sql).all(toSqlite(params)) as unknown[][];
    },
    async run(sql, params = []) {
      return prepare(sql).run(toSqlite(params)).changes;
    },
    async runMany(sql, rows) {
      const statement = prepare(sql);
      let changes = 0;
      for (const row of rows) changes += statement.run(toSqlite(row)).changes;
      return changes;
    },
    inTransaction() {
      return inTransaction && db.inTransaction;
    },
    async exec(sql) {
      db.exec(sql);
    },
    transaction<T>(work: (c: SqlClient) => Promise<T>): Promise<T> {
      if (inTransaction) return work(client);
      // Transactions queue one behind another: the connection holds one at a time.
      const run = queue.then(async () => {
        inTransaction = true;
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(client);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        } finally {
          inTransaction = false;
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
