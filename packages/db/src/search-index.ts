/**
 * Indexes behind `?q=` (substring search over an entity's search columns; decision 005).
 *
 * - SQLite: an FTS5 table `<table>_search` with the trigram tokenizer holds the search columns
 *   of every row that has one, under the row's rowid, each value followed by two sentinel
 *   characters (U+0001) so that every character of a value starts a trigram; triggers keep it in
 *   step with the table. A fts5vocab table `<table>_search_terms` lists its trigrams with their
 *   rows, so a query of one or two characters is answered from the trigrams that start with it.
 *   The index only proposes candidate rows: the repository keeps the original `LIKE` test, so
 *   results are the same as a scan.
 * - PostgreSQL: pg_trgm GIN indexes on the same columns serve the `ILIKE` test directly; for
 *   queries of one or two characters, GIN indexes of each value's characters narrow the rows.
 *
 * The table and column lists are those of migration 8; a later change to an entity's search
 * fields needs a new migration.
 */
import type { Dialect, SqlClient } from './sql-client.ts';

/** Search columns of each table, as indexed by migration 8. */
export const SEARCH_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  actors: ['name', 'name_en', 'name_kana'],
  relations: ['note'],
  seeds: ['title', 'abstract'],
  needs: ['title', 'description'],
  projects: ['title', 'description'],
  programmes: ['name', 'name_en'],
  adoptions: ['region_name', 'theme', 'core_institution'],
  funding_flows: ['note'],
  support_measures: ['name', 'provider', 'eligibility'],
  case_stories: ['title', 'summary', 'lessons'],
  indicators: ['metric'],
};

/** PostgreSQL: the characters of a column's value, lower-cased (the expression its index holds). */
export function charactersOf(column: string): string {
  return `string_to_array(lower("${column}"), NULL)`;
}

/** Appended to every indexed value (SQL): each character then starts a trigram. */
const SENTINEL_SQL = 'char(1, 1)';

export function searchTableOf(table: string): string {
  return `${table}_search`;
}

export function searchTermsTableOf(table: string): string {
  return `${table}_search_terms`;
}

function quoted(columns: readonly string[]): string {
  return columns.map((c) => `"${c}"`).join(', ');
}

function indexedValues(prefix: string, columns: readonly string[]): string {
  return columns.map((c) => `${prefix}"${c}" || ${SENTINEL_SQL}`).join(', ');
}

function anyPresent(prefix: string, columns: readonly string[]): string {
  return columns.map((c) => `${prefix}"${c}" IS NOT NULL`).join(' OR ');
}

/**
 * Fills the SQLite search table of `table` from the table's rows: all of them (into an empty search
 * table), or those `rowsWhere` (SQL over the table's columns) selects, not yet in it.
 */
export function fillSearchIndexSql(
  table: string,
  columns: readonly string[],
  rowsWhere?: string,
): string {
  const where = rowsWhere === undefined ? '' : ` AND (${rowsWhere})`;
  return `INSERT INTO ${searchTableOf(table)} (rowid, id, ${quoted(columns)}) SELECT rowid, id, ${indexedValues('', columns)} FROM ${table} WHERE (${anyPresent('', columns)})${where}`;
}

/** The triggers that keep the SQLite search table of `table` in step (dropped during bulk loads). */
export function searchTriggersSql(table: string, columns: readonly string[]): string[] {
  const search = searchTableOf(table);
  const insert = `INSERT INTO ${search} (rowid, id, ${quoted(columns)}) SELECT new.rowid, new.id, ${indexedValues('new.', columns)} WHERE ${anyPresent('new.', columns)};`;
  const remove = `DELETE FROM ${search} WHERE rowid = old.rowid;`;
  return [
    `CREATE TRIGGER ${search}_insert AFTER INSERT ON ${table} BEGIN ${insert} END`,
    `CREATE TRIGGER ${search}_delete AFTER DELETE ON ${table} BEGIN ${remove} END`,
    `CREATE TRIGGER ${search}_update AFTER UPDATE ON ${table} BEGIN ${remove} ${insert} END`,
  ];
}

/** Migration 8: the search indexes of every entity table, filled from the rows already there. */
export function searchIndexMigration(dialect: Dialect): string[] {
  if (dialect === 'postgres') {
    // pg_trgm ships with PostgreSQL (contrib) and is a trusted extension, so a database owner may
    // create it. Where it cannot be created the indexes are left out with a notice: search still
    // answers the same, by scanning.
    const indexes = Object.entries(SEARCH_COLUMNS).flatMap(([table, columns]) =>
      columns.map(
        (c) =>
          `CREATE INDEX IF NOT EXISTS ${table}_${c}_trgm_idx ON ${table} USING gin ("${c}" gin_trgm_ops);`,
      ),
    );
    // pg_trgm cannot serve a query shorter than a trigram: for those, a GIN index of each value's
    // characters (lower-cased, as ILIKE compares) finds the rows holding all of the query's.
    const characters = Object.entries(SEARCH_COLUMNS).flatMap(([table, columns]) =>
      columns.map(
        (c) =>
          `CREATE INDEX IF NOT EXISTS ${table}_${c}_chars_idx ON ${table} USING gin (${charactersOf(c)})`,
      ),
    );
    return [
      ...characters,
      `DO $$ BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'musubi: pg_trgm is not available (%); text search will scan', SQLERRM;
END $$`,
      `DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    ${indexes.join('\n    ')}
  END IF;
END $$`,
    ];
  }
  return Object.entries(SEARCH_COLUMNS).flatMap(([table, columns]) => [
    `CREATE VIRTUAL TABLE ${searchTableOf(table)} USING fts5(id UNINDEXED, ${quoted(columns)}, tokenize = 'trigram')`,
    `CREATE VIRTUAL TABLE ${searchTermsTableOf(table)} USING fts5vocab(${searchTableOf(table)}, 'instance')`,
    fillSearchIndexSql(table, columns),
    ...searchTriggersSql(table, columns),
  ]);
}

/**
 * SQLite: the search tables follow their table by rowid. SQLite's own VACUUM keeps the rowids of
 * these tables (tested), but a copy of the file made row by row, or an older or differently
 * built SQLite, may number the rows anew. Any renumbering keeps the rows' order, so the last
 * indexed row moves whenever an indexed row moved: at open, when the table's row under the
 * search table's last rowid has another id (or is gone), the search table is filled again from
 * its table. Two point queries per table. Returns the tables whose search index was refilled.
 */
export async function repairSearchIndexes(client: SqlClient): Promise<string[]> {
  if (client.dialect !== 'sqlite') return [];
  const repaired: string[] = [];
  for (const [table, columns] of Object.entries(SEARCH_COLUMNS)) {
    const [last] = await client.all<{ rowid: number; id: string }>(
      `SELECT rowid, id FROM ${searchTableOf(table)} ORDER BY rowid DESC LIMIT 1`,
    );
    if (last === undefined) continue;
    const [row] = await client.all<{ id: string }>(`SELECT id FROM ${table} WHERE rowid = ?`, [
      last.rowid,
    ]);
    if (row?.id === last.id) continue;
    await client.transaction(async (tx) => {
      await tx.exec(`DELETE FROM ${searchTableOf(table)}`);
      await tx.exec(fillSearchIndexSql(table, columns));
    });
    repaired.push(table);
  }
  return repaired;
}
