/**
 * The engine's own loader of a relations CSV (`source_id,target_id,type,weight` with a header, as
 * the end-to-end benchmark writes it) into the same `relations` table Musubi fills (issue 16,
 * point 3; the peer of decision 015 for relations): sqlite3 `.import` / psql `\copy` into a staging
 * table, then one `INSERT … SELECT` building each row's identity and columns as Musubi stores them,
 * into the database that already holds the actors. The loader gets the treatment its best users
 * give it: secondary indexes (and SQLite's triggers and search index) dropped inside the
 * transaction and built once at the end; the foreign keys checked set-wise once after the rows are
 * in (SQLite: foreign keys off for the load, then `PRAGMA foreign_key_check`; PostgreSQL: the
 * constraints dropped and added again, which validates them with one join each), as a dump is
 * restored.
 */
import { writeFileSync } from 'node:fs';
import pg from 'pg';
import type { Dialect } from '#db/sql-client.ts';
import {
  measureProcess,
  postgresDeferredIndexes,
  serverCpuWhile,
  sqliteDeferredIndexes,
  withServerCpu,
  type ProcessMeasure,
} from '../engine-load.ts';

/** `INSERT INTO relations … SELECT` from the staging table, in Musubi's stored form. */
export function insertRelationsFromStagingSql(dialect: Dialect, staging: string): string {
  const now = dialect === 'sqlite' ? `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')` : `now()::text`;
  const weight = dialect === 'sqlite' ? 'CAST(weight AS REAL)' : 'weight::double precision';
  // The identity Musubi gives a relation: source>target:type@start (no start date here).
  return `INSERT INTO relations (id, source_id, target_id, type, weight, version, updated_at) SELECT source_id || '>' || target_id || ':' || type || '@', source_id, target_id, type, ${weight}, 1, ${now} FROM ${staging}`;
}

const STAGING =
  'CREATE TEMP TABLE relations_file (source_id TEXT, target_id TEXT, type TEXT, weight TEXT)';

/** sqlite3 loading `csv` into the `relations` of the SQLite database at `path` (actors already in). */
export async function loadRelationsWithSqlite3(
  root: string,
  path: string,
  csv: string,
): Promise<ProcessMeasure> {
  const deferred = await sqliteDeferredIndexes(path, 'relations');
  const measured = await measureProcess(
    'sqlite3',
    [
      path,
      'PRAGMA journal_mode=WAL;',
      'PRAGMA synchronous=NORMAL;',
      'PRAGMA cache_size=-65536;',
      'PRAGMA foreign_keys=OFF;',
      `${STAGING};`,
      '.mode csv',
      `.import --schema temp --skip 1 ${csv} relations_file`,
      'BEGIN;',
      ...deferred.drop,
      `${insertRelationsFromStagingSql('sqlite', 'temp.relations_file')};`,
      ...deferred.create,
      '.mode list',
      "SELECT 'foreign key violations: ' || count(*) FROM pragma_foreign_key_check('relations');",
      'COMMIT;',
    ],
    root,
  );
  if (!/foreign key violations: 0\b/.test(measured.stdout))
    throw new Error(`sqlite3 relations load: ${measured.stdout.trim()}`);
  const { stdout: _stdout, ...figures } = measured;
  return figures;
}

/** The relations table's foreign keys, as the DDL that adds them again. */
async function foreignKeys(url: string): Promise<{ name: string; sql: string }[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; sql: string }>(
      `SELECT conname AS name, pg_get_constraintdef(oid) AS sql FROM pg_constraint
       WHERE conrelid = to_regclass('relations') AND contype = 'f'`,
    );
    return rows;
  } finally {
    await client.end();
  }
}

/** psql loading `csv` into the `relations` of database `database` (actors already in). */
export async function loadRelationsWithPsql(
  root: string,
  adminUrl: string,
  database: string,
  url: string,
  csv: string,
  scriptPath: string,
): Promise<ProcessMeasure> {
  const deferred = await postgresDeferredIndexes(url, 'relations');
  const keys = await foreignKeys(url);
  writeFileSync(
    scriptPath,
    [
      '\\set ON_ERROR_STOP on',
      `${STAGING};`,
      `\\copy relations_file FROM '${csv}' (FORMAT csv, HEADER true)`,
      'BEGIN;',
      ...deferred.drop,
      ...keys.map((k) => `ALTER TABLE relations DROP CONSTRAINT "${k.name}";`),
      `${insertRelationsFromStagingSql('postgres', 'relations_file')};`,
      ...deferred.create,
      ...keys.map((k) => `ALTER TABLE relations ADD CONSTRAINT "${k.name}" ${k.sql};`),
      'COMMIT;',
    ].join('\n') + '\n',
  );
  const { stdout: _stdout, ...figures } = withServerCpu(
    await serverCpuWhile(
      adminUrl,
      database,
      measureProcess('psql', ['-q', '-X', '-d', url, '-f', scriptPath], root),
    ),
  );
  return figures;
}
