/**
 * The data version: a number that changes with every committed write to an entity table, so
 * caches built from the records (the web views' snapshot, the loaded network) are keyed on the
 * content rather than on record counts (an edit that keeps every count, such as a need made
 * confidential, changes it). Kept by the database itself (migration 9), so writes by any process
 * (the server, an import from the command line) count.
 *
 * - SQLite: one row `data_version`, bumped by row triggers on each entity table (SQLite has a
 *   single writer, so the row is never contended). Bulk loads into an empty table drop the
 *   table's triggers and bump the version once at the end.
 * - PostgreSQL: statement triggers append to `data_changes`; the version is the sum of its
 *   weights. Appending never waits on another transaction (a counter row would serialise every
 *   writer behind a long import), and it counts only committed writes. When the log grows, it is
 *   folded into one row of the same total.
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

export const BUMP_SQLITE_DATA_VERSION =
  'UPDATE data_version SET version = version + 1 WHERE id = 1';

/** Migration 9: the data version and the triggers that keep it. */
export function dataVersionMigration(dialect: Dialect): string[] {
  if (dialect === 'sqlite') {
    return [
      'CREATE TABLE data_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)',
      'INSERT INTO data_version (id, version) VALUES (1, 0)',
      ...TABLES.flatMap((table) =>
        (['INSERT', 'UPDATE', 'DELETE'] as const).map(
          (event) =>
            `CREATE TRIGGER ${table}_data_version_${event.toLowerCase()} AFTER ${event} ON ${table} BEGIN ${BUMP_SQLITE_DATA_VERSION}; END`,
        ),
      ),
    ];
  }
  return [
    'CREATE TABLE data_changes (id BIGSERIAL PRIMARY KEY, weight BIGINT NOT NULL DEFAULT 1)',
    `CREATE FUNCTION musubi_note_data_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO data_changes DEFAULT VALUES;
  RETURN NULL;
END $$`,
    ...TABLES.map(
      (table) =>
        `CREATE TRIGGER ${table}_data_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION musubi_note_data_change()`,
    ),
  ];
}

/** Rows of `data_changes` above which reading the version folds them into one. */
const FOLD_ABOVE = 1000;

/** The current data version (an opaque text: equal texts, equal data). */
export async function readDataVersion(client: SqlClient): Promise<string> {
  if (client.dialect === 'sqlite') {
    const [row] = await client.all<{ version: number }>(
      'SELECT version FROM data_version WHERE id = 1',
    );
    return String(row?.version ?? 0);
  }
  const [row] = await client.all<{ n: number | string; v: number | string }>(
    'SELECT count(*) AS n, coalesce(sum(weight), 0) AS v FROM data_changes',
  );
  if (Number(row?.n ?? 0) > FOLD_ABOVE) {
    // Deletes the rows it sees and inserts their total: the sum stays the same, and rows of
    // transactions still running are not seen, so they are neither lost nor counted twice.
    await client.run(
      `WITH folded AS (DELETE FROM data_changes RETURNING weight)
       INSERT INTO data_changes (weight) SELECT coalesce(sum(weight), 0) FROM folded`,
    );
  }
  return String(row?.v ?? 0);
}
