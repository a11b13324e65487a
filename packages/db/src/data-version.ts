/**
 * Data versions: per entity table, a number that changes with every committed write to it, so
 * caches built from the records (the web views' snapshot, the loaded network) are keyed on the
 * content rather than on record counts (an edit that keeps every count, such as a need made
 * confidential, changes it), and a cache of several tables rebuilds only what a write touched.
 * Kept by the database itself (migration 9), so writes by any process (the server, an import from
 * the command line) count.
 *
 * - SQLite: one row per table in `data_version`, bumped by row triggers on the table (SQLite has
 *   a single writer, so the rows are never contended). Bulk loads into an empty table drop the
 *   table's triggers and bump its version once at the end.
 * - PostgreSQL: statement triggers append the table's name to `data_changes`; a table's version is
 *   the sum of its rows' weights. Appending never waits on another transaction (a counter row would
 *   make every writer wait behind a long import), and only committed writes count. When the log
 *   grows, it is folded into one row per table of the same totals.
 */
import type { Dialect, SqlClient } from './sql-client.ts';

/** The entity tables as of migration 9 (a new entity table needs a migration adding its triggers). */
const TABLES = [
  'actors',
  'relations',
  'seeds',
  'needs',
  'projects',
  'programmes',
  'adoptions',
  'funding_flows',
  'support_measures',
  'case_stories',
  'indicators',
] as const;

/** Entity tables added by migration 13 (region strategies and training programmes, issue 14). */
export const TABLES_OF_MIGRATION_13 = ['region_strategies', 'training_programmes'] as const;

/** SQLite: the statement that bumps a table's version (its name is one of ours, never input). */
export function bumpSqliteDataVersion(table: string): string {
  return `UPDATE data_version SET version = version + 1 WHERE name = '${table}'`;
}

/** Migration 9: the data versions and the triggers that keep them. */
export function dataVersionMigration(dialect: Dialect): string[] {
  if (dialect === 'sqlite') {
    return [
      'CREATE TABLE data_version (name TEXT PRIMARY KEY, version INTEGER NOT NULL)',
      ...TABLES.map((table) => `INSERT INTO data_version (name, version) VALUES ('${table}', 0)`),
      ...TABLES.flatMap((table) =>
        (['INSERT', 'UPDATE', 'DELETE'] as const).map(
          (event) =>
            `CREATE TRIGGER ${table}_data_version_${event.toLowerCase()} AFTER ${event} ON ${table} BEGIN ${bumpSqliteDataVersion(table)}; END`,
        ),
      ),
    ];
  }
  return [
    'CREATE TABLE data_changes (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, weight BIGINT NOT NULL DEFAULT 1)',
    `CREATE FUNCTION musubi_note_data_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO data_changes (name) VALUES (TG_TABLE_NAME);
  RETURN NULL;
END $$`,
    ...TABLES.map(
      (table) =>
        `CREATE TRIGGER ${table}_data_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION musubi_note_data_change()`,
    ),
  ];
}

/** Data versions and their triggers for entity tables added after migration 9 (`tables` are ours). */
export function dataVersionTablesMigration(dialect: Dialect, tables: readonly string[]): string[] {
  if (dialect === 'sqlite')
    return [
      ...tables.map((table) => `INSERT INTO data_version (name, version) VALUES ('${table}', 0)`),
      ...tables.flatMap((table) =>
        (['INSERT', 'UPDATE', 'DELETE'] as const).map(
          (event) =>
            `CREATE TRIGGER ${table}_data_version_${event.toLowerCase()} AFTER ${event} ON ${table} BEGIN ${bumpSqliteDataVersion(table)}; END`,
        ),
      ),
    ];
  return tables.map(
    (table) =>
      `CREATE TRIGGER ${table}_data_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION musubi_note_data_change()`,
  );
}

/** Rows of `data_changes` above which reading the versions folds them, one row per table. */
const FOLD_ABOVE = 1000;

/** The current version of each entity table (equal versions, equal records). */
export async function readDataVersions(client: SqlClient): Promise<Record<string, number>> {
  const versions: Record<string, number> = Object.fromEntries(
    [...TABLES, ...TABLES_OF_MIGRATION_13].map((t) => [t, 0]),
  );
  if (client.dialect === 'sqlite') {
    const rows = await client.all<{ name: string; version: number }>(
      'SELECT name, version FROM data_version',
    );
    for (const row of rows) versions[row.name] = Number(row.version);
    return versions;
  }
  const rows = await client.all<{ name: string; n: number | string; v: number | string }>(
    'SELECT name, count(*) AS n, sum(weight) AS v FROM data_changes GROUP BY name',
  );
  for (const row of rows) versions[row.name] = Number(row.v);
  if (rows.reduce((total, row) => total + Number(row.n), 0) > FOLD_ABOVE) {
    // Deletes the rows it sees and inserts their totals: the sums stay the same, and rows of
    // transactions still running are not seen, so they are neither lost nor counted twice.
    await client.run(
      `WITH folded AS (DELETE FROM data_changes RETURNING name, weight)
       INSERT INTO data_changes (name, weight) SELECT name, sum(weight) FROM folded GROUP BY name`,
    );
  }
  return versions;
}
