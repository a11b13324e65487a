import pg from 'pg';
import type { SqlClient, SqlParam } from './sql-client.ts';
import { toDollarPlaceholders } from './sql-client.ts';

type Queryable = pg.Pool | pg.PoolClient;

const converted = new Map<string, string>();
function convert(sql: string): string {
  let out = converted.get(sql);
  if (out === undefined) {
    out = toDollarPlaceholders(sql);
    converted.set(sql, out);
  }
  return out;
}

function clientOver(connection: Queryable, pool: pg.Pool, inTransaction: boolean): SqlClient {
  const self: SqlClient = {
    dialect: 'postgres',
    async all<T>(sql: string, params: readonly SqlParam[] = []) {
      const result = await connection.query(convert(sql), params as SqlParam[]);
      return result.rows as T[];
    },
    async run(sql, params = []) {
      const result = await connection.query(convert(sql), params as SqlParam[]);
      return result.rowCount ?? 0;
    },
    async runMany(sql, rows) {
      let changes = 0;
      const text = convert(sql);
      for (const row of rows) {
        const result = await connection.query(text, row as SqlParam[]);
        changes += result.rowCount ?? 0;
      }
      return changes;
    },
    async exec(sql) {
      await connection.query(sql);
    },
    async transaction<T>(work: (c: SqlClient) => Promise<T>): Promise<T> {
      if (inTransaction) return work(self);
      const txConnection = await pool.connect();
      try {
        await txConnection.query('BEGIN');
        const result = await work(clientOver(txConnection, pool, true));
        await txConnection.query('COMMIT');
        return result;
      } catch (error) {
        await txConnection.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        txConnection.release();
      }
    },
    async close() {
      if (!inTransaction) await pool.end();
    },
  };
  return self;
}

/** PostgreSQL through node-postgres, for production. */
export function createPgClient(url: string): SqlClient {
  // DOUBLE PRECISION and NUMERIC come back as numbers; counts (BIGINT) are converted where read.
  pg.types.setTypeParser(pg.types.builtins.FLOAT8, (value) => Number(value));
  pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  return clientOver(pool, pool, false);
}
