import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFromStdin, to as copyToStdout } from 'pg-copy-streams';
import { DomainError } from '#core/domain-error.ts';
import type { SqlClient, SqlParam } from './sql-client.ts';
import { toDollarPlaceholders } from './sql-client.ts';

type Queryable = pg.Pool | pg.PoolClient;

/** A PostgreSQL client inside a transaction can also stream text into `COPY … FROM STDIN`. */
export interface PgCopyClient extends SqlClient {
  /** Runs `sql` (a `COPY … FROM STDIN` statement) fed with `chunks`; returns the rows copied. */
  copyFrom(sql: string, chunks: Iterable<string> | AsyncIterable<string>): Promise<number>;
  /** The bytes `sql` (a `COPY … TO STDOUT` statement) writes, in chunks as they arrive. */
  copyTo(sql: string): AsyncIterable<Uint8Array>;
}

export function canCopyFrom(client: SqlClient): client is PgCopyClient {
  return typeof (client as Partial<PgCopyClient>).copyFrom === 'function';
}

const converted = new Map<string, string>();
function convert(sql: string): string {
  let out = converted.get(sql);
  if (out === undefined) {
    out = toDollarPlaceholders(sql);
    converted.set(sql, out);
  }
  return out;
}

/**
 * PostgreSQL text and jsonb cannot hold U+0000 (SQLite can): a value holding it is refused as
 * invalid input rather than failing as an unexpected error (found by fuzzing, issue 12).
 */
const NUL_REFUSED = new Set(['22021', '22P05']);

async function query<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (NUL_REFUSED.has(String((error as { code?: unknown }).code))) {
      throw new DomainError(
        'validation_failed',
        'text must not contain the NUL character (U+0000) / NUL 文字 (U+0000) は使えません',
      );
    }
    throw error;
  }
}

function copyInto(connection: pg.PoolClient): PgCopyClient['copyFrom'] {
  return (sql, chunks) =>
    query(async () => {
      const stream = connection.query(copyFromStdin(sql));
      await pipeline(Readable.from(chunks, { objectMode: false }), stream);
      return stream.rowCount;
    });
}

function copyOutOf(connection: pg.PoolClient): PgCopyClient['copyTo'] {
  return (sql) => connection.query(copyToStdout(sql));
}

/** A client over the pool, or over one pooled connection holding a transaction (which can also COPY). */
function clientOver(pool: pg.Pool, txConnection?: pg.PoolClient): SqlClient {
  const connection: Queryable = txConnection ?? pool;
  const inTransaction = txConnection !== undefined;
  const self: SqlClient = {
    dialect: 'postgres',
    async all<T>(sql: string, params: readonly SqlParam[] = []) {
      const result = await query(() => connection.query(convert(sql), params as SqlParam[]));
      return result.rows as T[];
    },
    async values(sql, params = []) {
      const result = await query(() =>
        connection.query<unknown[]>({
          text: convert(sql),
          values: params as SqlParam[],
          rowMode: 'array',
        }),
      );
      return result.rows;
    },
    async run(sql, params = []) {
      const result = await query(() => connection.query(convert(sql), params as SqlParam[]));
      return result.rowCount ?? 0;
    },
    async runMany(sql, rows) {
      let changes = 0;
      const text = convert(sql);
      for (const row of rows) {
        const result = await query(() => connection.query(text, row as SqlParam[]));
        changes += result.rowCount ?? 0;
      }
      return changes;
    },
    async exec(sql) {
      await connection.query(sql);
    },
    async transaction<T>(work: (c: SqlClient) => Promise<T>): Promise<T> {
      if (inTransaction) return work(self);
      const held = await pool.connect();
      try {
        await held.query('BEGIN');
        const result = await work(clientOver(pool, held));
        await held.query('COMMIT');
        return result;
      } catch (error) {
        await held.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        held.release();
      }
    },
    async close() {
      if (!inTransaction) await pool.end();
    },
  };
  if (txConnection) {
    const copying: PgCopyClient = Object.assign(self, {
      copyFrom: copyInto(txConnection),
      copyTo: copyOutOf(txConnection),
    });
    return copying;
  }
  return self;
}

/** PostgreSQL through node-postgres, for production. */
export function createPgClient(url: string): SqlClient {
  // DOUBLE PRECISION and NUMERIC come back as numbers; counts (BIGINT) are converted where read.
  pg.types.setTypeParser(pg.types.builtins.FLOAT8, (value) => Number(value));
  pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  return clientOver(pool);
}
