/**
 * One side of the embedded-database comparison, run as its own process so peak memory is its own:
 *   node bin/run-ts.mjs bench/import/embedded-worker.ts sqlite|pglite ACTORS.csv RELATIONS.csv DIR
 * Loads the rows with a minimal loader (no validation: the rows are prepared in JS the same way for
 * both), then times full scans; prints one JSON object (EmbeddedSideResult) on stdout.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PGlite } from '@electric-sql/pglite';
import { MIGRATIONS } from '#db/migrations.ts';

type Cell = string | number | null;
type Row = Cell[];

export interface TimedFigure {
  readonly name: string;
  readonly seconds: number;
  readonly rows?: number;
}

export interface EmbeddedSideResult {
  readonly engine: string;
  readonly loads: readonly TimedFigure[];
  readonly scans: readonly TimedFigure[];
  readonly diskMiB: number;
}

const ACTOR_COLUMNS = [
  'id',
  'kind',
  'sector',
  'name',
  'name_kana',
  'prefecture_code',
  'corporate_number',
  'lat',
  'lon',
  'flags',
  'keywords',
  'employees',
  'founded_year',
  'version',
  'updated_at',
];
const RELATION_COLUMNS = [
  'id',
  'source_id',
  'target_id',
  'type',
  'weight',
  'start_date',
  'end_date',
  'version',
  'updated_at',
];

export const SCANS = [
  { name: 'count(*) relations', sql: 'SELECT count(*) AS n FROM relations' },
  { name: 'read all relations into JS', sql: 'SELECT * FROM relations' },
  {
    name: 'GROUP BY prefecture (actors)',
    sql: 'SELECT prefecture_code, count(*) AS n FROM actors GROUP BY prefecture_code',
  },
  {
    name: 'join + GROUP BY (relations by source prefecture)',
    sql: 'SELECT a.prefecture_code, count(*) AS n, sum(r.weight) AS w FROM relations r JOIN actors a ON a.id = r.source_id GROUP BY a.prefecture_code',
  },
] as const;

const orNull = (text: string | undefined): string | null =>
  text === undefined || text === '' ? null : text;
const numberOrNull = (text: string | undefined): number | null =>
  text === undefined || text === '' ? null : Number(text);

/** The generated files have no quoted cells: a split is a faithful parser for them. */
function readRows(path: string, toRow: (cells: string[]) => Row): Row[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const rows: Row[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line) rows.push(toRow(line.split(',')));
  }
  return rows;
}

function prepareRows(
  actorsPath: string,
  relationsPath: string,
): { actors: Row[]; relations: Row[] } {
  const now = new Date().toISOString();
  const actors = readRows(actorsPath, (c) => [
    c[0] ?? '',
    c[1] ?? '',
    c[2] ?? '',
    c[3] ?? '',
    orNull(c[4]),
    c[5] ?? '',
    orNull(c[6]),
    numberOrNull(c[7]),
    numberOrNull(c[8]),
    JSON.stringify(c[9] ? c[9].split(';') : []),
    '[]',
    numberOrNull(c[10]),
    numberOrNull(c[11]),
    1,
    now,
  ]);
  const relations = readRows(relationsPath, (c) => [
    `${c[0]}>${c[1]}:${c[2]}@${c[4] ?? ''}`,
    c[0] ?? '',
    c[1] ?? '',
    c[2] ?? '',
    Number(c[3]),
    orNull(c[4]),
    orNull(c[5]),
    1,
    now,
  ]);
  return { actors, relations };
}

function time<T>(work: () => T): [T, number] {
  const started = performance.now();
  const result = work();
  return [result, (performance.now() - started) / 1000];
}

async function timeAsync<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, (performance.now() - started) / 1000];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function directoryBytes(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + directoryBytes(join(path, name)), 0);
}

const placeholders = (columns: number, rows: number, dollar: boolean): string => {
  const out: string[] = [];
  let n = 0;
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c < columns; c++) cells.push(dollar ? `$${++n}` : '?');
    out.push(`(${cells.join(', ')})`);
  }
  return out.join(', ');
};

function runSqlite(
  dir: string,
  actors: Row[],
  relations: Row[],
  rowsPerStatement: number,
): EmbeddedSideResult {
  const path = join(dir, `sqlite-${rowsPerStatement}.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -65536');
  for (const migration of MIGRATIONS)
    for (const sql of migration.statements('sqlite')) db.exec(sql);

  const load = (table: string, columns: string[], rows: Row[]): number => {
    const [, seconds] = time(() => {
      const insert = (n: number) =>
        db.prepare(
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${placeholders(columns.length, n, false)}`,
        );
      const full = insert(rowsPerStatement);
      db.transaction(() => {
        let i = 0;
        for (; i + rowsPerStatement <= rows.length; i += rowsPerStatement) {
          full.run(rowsPerStatement === 1 ? rows[i] : rows.slice(i, i + rowsPerStatement).flat());
        }
        if (i < rows.length) insert(rows.length - i).run(rows.slice(i).flat());
      })();
    });
    return seconds;
  };
  const loads: TimedFigure[] = [
    { name: 'load actors', seconds: load('actors', ACTOR_COLUMNS, actors), rows: actors.length },
    {
      name: 'load relations',
      seconds: load('relations', RELATION_COLUMNS, relations),
      rows: relations.length,
    },
  ];
  const scans = SCANS.map((scan) => {
    const statement = db.prepare(scan.sql);
    statement.all();
    const runs: number[] = [];
    let rows = 0;
    for (let i = 0; i < 3; i++) {
      const [result, seconds] = time(() => statement.all());
      rows = result.length;
      runs.push(seconds);
    }
    return { name: scan.name, seconds: median(runs), rows };
  });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return {
    engine: `SQLite ${String(new Database(':memory:').prepare('SELECT sqlite_version() AS v').pluck().get())} (better-sqlite3), ${rowsPerStatement === 1 ? 'prepared single-row INSERT' : `prepared ${rowsPerStatement}-row INSERT`} in one transaction`,
    loads,
    scans,
    diskMiB: directoryBytes(path) / 2 ** 20,
  };
}

function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  return `"${value.replace(/"/g, '""')}"`;
}

async function runPglite(
  dir: string,
  actors: Row[],
  relations: Row[],
  mode: 'copy' | 'insert',
): Promise<EmbeddedSideResult> {
  const dataDir = join(dir, `pglite-${mode}`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir });
  for (const migration of MIGRATIONS)
    for (const sql of migration.statements('postgres')) await db.exec(sql);

  const load = async (table: string, columns: string[], rows: Row[]): Promise<number> => {
    const [, seconds] = await timeAsync(async () => {
      await db.transaction(async (tx) => {
        if (mode === 'copy') {
          const lines: string[] = [];
          for (const row of rows) lines.push(row.map(csvCell).join(','));
          const blob = new Blob([lines.join('\n'), '\n']);
          await tx.query(
            `COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`,
            [],
            {
              blob,
            },
          );
        } else {
          const perStatement = Math.floor(30_000 / columns.length);
          for (let i = 0; i < rows.length; i += perStatement) {
            const batch = rows.slice(i, i + perStatement);
            await tx.query(
              `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${placeholders(columns.length, batch.length, true)}`,
              // Text parameters: PostgreSQL casts them to the column types.
              batch.flat().map((v) => (v === null ? null : String(v))),
            );
          }
        }
      });
    });
    return seconds;
  };
  const loads: TimedFigure[] = [
    {
      name: 'load actors',
      seconds: await load('actors', ACTOR_COLUMNS, actors),
      rows: actors.length,
    },
    {
      name: 'load relations',
      seconds: await load('relations', RELATION_COLUMNS, relations),
      rows: relations.length,
    },
  ];
  await db.exec('ANALYZE');
  const scans: TimedFigure[] = [];
  for (const scan of SCANS) {
    await db.query(scan.sql);
    const runs: number[] = [];
    let rows = 0;
    for (let i = 0; i < 3; i++) {
      const [result, seconds] = await timeAsync(() => db.query(scan.sql));
      rows = result.rows.length;
      runs.push(seconds);
    }
    scans.push({ name: scan.name, seconds: median(runs), rows });
  }
  const version =
    (await db.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ??
    '?';
  await db.close();
  return {
    engine: `PGlite 0.3 (PostgreSQL ${version} in WASM, file dataDir), ${mode === 'copy' ? "COPY … FROM '/dev/blob' (CSV built in JS)" : 'batched multi-row INSERT (≈30,000 text parameters per statement)'} in one transaction`,
    loads,
    scans,
    diskMiB: directoryBytes(dataDir) / 2 ** 20,
  };
}

async function main(): Promise<void> {
  const [engine, actorsPath, relationsPath, dir] = process.argv.slice(2);
  if (!engine || !actorsPath || !relationsPath || !dir)
    throw new Error(
      'usage: embedded-worker.ts sqlite-1|sqlite-100|pglite-copy|pglite-insert ACTORS RELATIONS DIR',
    );
  mkdirSync(dir, { recursive: true });
  const [{ actors, relations }, prepareSeconds] = time(() =>
    prepareRows(actorsPath, relationsPath),
  );
  let result: EmbeddedSideResult;
  if (engine === 'sqlite-1') result = runSqlite(dir, actors, relations, 1);
  else if (engine === 'sqlite-100') result = runSqlite(dir, actors, relations, 100);
  else if (engine === 'pglite-copy') result = await runPglite(dir, actors, relations, 'copy');
  else if (engine === 'pglite-insert') result = await runPglite(dir, actors, relations, 'insert');
  else throw new Error(`unknown engine ${engine}`);
  process.stdout.write(`${JSON.stringify({ ...result, prepareSeconds })}\n`);
}

await main();
