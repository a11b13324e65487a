import type { TransactionOptions } from '#core/ports.ts';

export type Dialect = 'sqlite' | 'postgres';
export type SqlParam = string | number | boolean | null;

/**
 * The little the repositories need from a database: `?` placeholders in both dialects
 * (rewritten to $n for PostgreSQL), and one transaction at a time per client.
 */
export interface SqlClient {
  readonly dialect: Dialect;
  all<T = Record<string, unknown>>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
  /** Rows as arrays of column values in select-list order (cheaper than objects for wide rows). */
  values(sql: string, params?: readonly SqlParam[]): Promise<unknown[][]>;
  run(sql: string, params?: readonly SqlParam[]): Promise<number>;
  /** Runs many rows through one statement (prepared once); returns rows changed. */
  runMany(sql: string, rows: readonly (readonly SqlParam[])[]): Promise<number>;
  exec(sql: string): Promise<void>;
  transaction<T>(work: (client: SqlClient) => Promise<T>, options?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
}

/** Rewrites `?` placeholders to `$1, $2…`, leaving quoted strings alone. */
export function toDollarPlaceholders(sql: string): string {
  let index = 0;
  let out = '';
  let quote: string | undefined;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = undefined;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === '?') {
      index += 1;
      out += `$${index}`;
    } else {
      out += ch;
    }
  }
  return out;
}
