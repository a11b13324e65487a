/**
 * National-scale 法人番号 benchmark (issue 10, point 5):
 *   npm run bench -- --only houjin --rows N [--diff-rows M] [--engines sqlite,postgres] [--postgres-url URL]
 *   node bin/run-ts.mjs bench/houjin/houjin-national.ts [ROWS]  (SQLite and, with TEST_DATABASE_URL, PostgreSQL)
 * Generates a 全件 file of N rows in the published format and a 差分 file of M rows (50,000 unless
 * set, at most N), then per engine, side by side in one run:
 * - `musubi connect houjin-bangou FULL` into a fresh database: the whole command, a cold process;
 * - the engine's own loader on the same file: sqlite3 `.import` / psql `\copy` (COPY FROM STDIN)
 *   into a plain table of the 30 columns (the issue's reference);
 * - the engine's own loader of the rows Musubi stored, into the same `actors` table of a fresh
 *   migrated database (indexes, triggers): what the stored form costs the engine by itself;
 * - `musubi connect houjin-bangou DIFF` after the full load.
 * Wall time, CPU time (user + system) and peak RSS of each process (GNU time). Writes
 * bench/results/houjin-national.{json,md}.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '#db/open-database.ts';
import { adminQuery, withDatabase } from '#db/pg-admin.ts';
import { writeHoujinFile } from './generate-houjin-file.ts';

export type HoujinEngine = 'sqlite' | 'postgres';

export interface HoujinBenchOptions {
  rows: number;
  diffRows?: number;
  engines?: HoujinEngine[];
  postgresUrl?: string;
  root?: string;
  /**
   * Also time the engine's loader of the stored rows into `actors` (true unless set): at 1 M rows
   * on SQLite it alone takes about half an hour on this machine.
   */
  storedRows?: boolean;
}

interface Measure {
  wallSeconds: number;
  cpuSeconds: number;
  peakMiB: number;
}

interface EngineFigures {
  engine: HoujinEngine;
  loader: string;
  connectFull: Measure & { report: unknown };
  connectDiff: Measure & { report: unknown };
  engineFile: Measure;
  /** Undefined when not run (`storedRows: false`). */
  engineStoredRows: Measure | undefined;
  ratios: {
    /** connect full / engine loader of the file, wall and CPU. */
    fullVsFileWall: number;
    fullVsFileCpu: number;
    /** connect full / engine loader of the stored rows into the same table. */
    fullVsStoredWall: number | undefined;
    fullVsStoredCpu: number | undefined;
    /** connect 差分 / connect full, wall. */
    diffShareWall: number;
  };
}

export interface HoujinBenchReport {
  rows: number;
  diffRows: number;
  startedAt: string;
  loadAverage: { start: number[]; end: number[] };
  cores: string;
  engines: EngineFigures[];
  skipped: string[];
}

const COLUMNS = Array.from({ length: 30 }, (_, i) => `c${i + 1} TEXT`).join(', ');

/** One child process under GNU time: wall, user + system CPU, peak RSS; throws when it fails. */
async function measure(
  command: string,
  args: readonly string[],
  cwd: string,
): Promise<Measure & { stdout: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'musubi-houjin-time-'));
  const timeFile = join(dir, 'time.txt');
  const child = spawn('/usr/bin/time', ['-f', '%e %U %S %M', '-o', timeFile, command, ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr
    .setEncoding('utf8')
    .on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-8000)));
  const code = await new Promise<number | null>((done, fail) => {
    child.on('error', fail);
    child.on('close', done);
  });
  const line = readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
  rmSync(dir, { recursive: true, force: true });
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed (${code}): ${stderr}`);
  const [wall, user, system, rssKb] = line.split(' ').map(Number);
  return {
    wallSeconds: wall ?? 0,
    cpuSeconds: Math.round(((user ?? 0) + (system ?? 0)) * 100) / 100,
    peakMiB: Math.round((rssKb ?? 0) / 1024),
    stdout,
  };
}

const ratio = (a: number, b: number): number => Math.round((a / Math.max(b, 0.001)) * 100) / 100;

function freshFile(path: string): string {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
  return path;
}

async function freshPostgres(adminUrl: string, name: string): Promise<string> {
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  return withDatabase(adminUrl, name);
}

async function connect(
  root: string,
  file: string,
  target: string,
): Promise<Measure & { report: unknown }> {
  const { stdout, ...figures } = await measure(
    'node',
    ['bin/musubi.mjs', 'connect', 'houjin-bangou', file, '--db', target, '--json'],
    root,
  );
  return { ...figures, report: JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as unknown };
}

function strip<T extends Measure>(m: T): Measure {
  return { wallSeconds: m.wallSeconds, cpuSeconds: m.cpuSeconds, peakMiB: m.peakMiB };
}

function figures(
  engine: HoujinEngine,
  loader: string,
  connectFull: Measure & { report: unknown },
  connectDiff: Measure & { report: unknown },
  engineFile: Measure,
  engineStoredRows: Measure | undefined,
): EngineFigures {
  return {
    engine,
    loader,
    connectFull,
    connectDiff,
    engineFile,
    engineStoredRows,
    ratios: {
      fullVsFileWall: ratio(connectFull.wallSeconds, engineFile.wallSeconds),
      fullVsFileCpu: ratio(connectFull.cpuSeconds, engineFile.cpuSeconds),
      fullVsStoredWall:
        engineStoredRows && ratio(connectFull.wallSeconds, engineStoredRows.wallSeconds),
      fullVsStoredCpu:
        engineStoredRows && ratio(connectFull.cpuSeconds, engineStoredRows.cpuSeconds),
      diffShareWall: ratio(connectDiff.wallSeconds, connectFull.wallSeconds),
    },
  };
}

async function runSqlite(
  root: string,
  dir: string,
  full: string,
  diff: string,
  storedRows: boolean,
  log: (line: string) => void,
): Promise<EngineFigures> {
  const db = freshFile(join(dir, 'connect.db'));
  log('  sqlite: musubi connect (全件)');
  const connectFull = await connect(root, full, db);
  // The rows Musubi stored, for the engine to load by itself into the same table.
  const rowsCsv = join(dir, 'actors.csv');
  if (storedRows)
    await measure('sqlite3', ['-csv', db, `.output ${rowsCsv}`, 'SELECT * FROM actors;'], root);
  log('  sqlite: musubi connect (差分)');
  const connectDiff = await connect(root, diff, db);
  log('  sqlite: sqlite3 .import of the file');
  const engineFile = await measure(
    'sqlite3',
    [
      freshFile(join(dir, 'engine.db')),
      `CREATE TABLE houjin (${COLUMNS});`,
      '.mode csv',
      `.import ${full} houjin`,
    ],
    root,
  );
  const sameTable = freshFile(join(dir, 'same-table.db'));
  await (await openDatabase(sameTable)).close();
  if (storedRows) log('  sqlite: sqlite3 .import of the stored rows into actors');
  const engineStoredRows = storedRows
    ? await measure(
        'sqlite3',
        [
          sameTable,
          'PRAGMA journal_mode=WAL;',
          'PRAGMA synchronous=NORMAL;',
          'PRAGMA cache_size=-65536;',
          'BEGIN;',
          '.mode csv',
          `.import ${rowsCsv} actors`,
          'COMMIT;',
        ],
        root,
      )
    : undefined;
  for (const path of [db, sameTable, join(dir, 'engine.db'), rowsCsv]) freshFile(path);
  return figures(
    'sqlite',
    'sqlite3 .import',
    connectFull,
    connectDiff,
    strip(engineFile),
    engineStoredRows && strip(engineStoredRows),
  );
}

async function runPostgres(
  root: string,
  dir: string,
  full: string,
  diff: string,
  adminUrl: string,
  storedRows: boolean,
  log: (line: string) => void,
): Promise<EngineFigures> {
  const musubiUrl = await freshPostgres(adminUrl, 'musubi_bench_houjin');
  log('  postgres: musubi connect (全件)');
  const connectFull = await connect(root, full, musubiUrl);
  const rowsCsv = join(dir, 'actors-pg.csv');
  if (storedRows)
    await measure(
      'psql',
      ['-q', '-X', '-d', musubiUrl, '-c', `\\copy actors TO '${rowsCsv}' (FORMAT csv)`],
      root,
    );
  log('  postgres: musubi connect (差分)');
  const connectDiff = await connect(root, diff, musubiUrl);
  const engineUrl = await freshPostgres(adminUrl, 'musubi_bench_houjin_engine');
  await adminQuery(engineUrl, `CREATE TABLE houjin (${COLUMNS})`);
  log('  postgres: psql \\copy of the file');
  const engineFile = await measure(
    'psql',
    ['-q', '-X', '-d', engineUrl, '-c', `\\copy houjin FROM '${full}' (FORMAT csv)`],
    root,
  );
  const sameUrl = await freshPostgres(adminUrl, 'musubi_bench_houjin_same');
  await (await openDatabase(sameUrl)).close();
  if (storedRows) log('  postgres: psql \\copy of the stored rows into actors');
  const engineStoredRows = storedRows
    ? await measure(
        'psql',
        ['-q', '-X', '-d', sameUrl, '-c', `\\copy actors FROM '${rowsCsv}' (FORMAT csv)`],
        root,
      )
    : undefined;
  freshFile(rowsCsv);
  for (const name of [
    'musubi_bench_houjin',
    'musubi_bench_houjin_engine',
    'musubi_bench_houjin_same',
  ])
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  return figures(
    'postgres',
    'psql \\copy',
    connectFull,
    connectDiff,
    strip(engineFile),
    engineStoredRows && strip(engineStoredRows),
  );
}

const fmt = (n: number, digits = 1): string => n.toFixed(digits);

function markdown(report: HoujinBenchReport, after: string): string {
  const lines = [
    '# 法人番号 national scale (issue 10, point 5)',
    '',
    '`npm run bench -- --only houjin --rows N [--diff-rows M]` (`bench/houjin/houjin-bench.ts`): a generated',
    '全件 file of N rows in the published format (UTF-8, no header, 30 columns, valid check digits, real',
    'prefectures and municipalities; `bench/houjin/generate-houjin-file.ts`) and a 差分 file of M rows',
    '(changes, closures, new corporations). Per engine, in one run: `musubi connect houjin-bangou` (whole',
    'command, cold process) into a fresh database; the engine’s own loader of the same file into a plain',
    '30-column table (sqlite3 `.import`, psql `\\copy`); the engine’s own loader of the rows Musubi stored',
    'into the same `actors` table of a fresh migrated database (its indexes, search index and triggers);',
    'then the 差分 file after the full load. Wall and CPU (user + system) time and peak RSS per process',
    '(GNU time). Targets: connect within 2× the loader, peak < 2 GB, 差分 of 50k < 1/20 of the full load.',
    '',
    `Run of ${report.startedAt}: ${report.rows.toLocaleString('en')} rows, 差分 ${report.diffRows.toLocaleString('en')} rows; ${report.cores}; load average at start ${report.loadAverage.start.map((l) => fmt(l)).join(' / ')}, at end ${report.loadAverage.end.map((l) => fmt(l)).join(' / ')} (1/5/15 min): wall times are stretched by the other work, CPU times less so.`,
    '',
    '| engine | connect 全件 wall / CPU | peak | loader of the file wall / CPU | **ratio** wall / CPU | loader of the stored rows into `actors` wall / CPU | ratio to it wall / CPU | connect 差分 wall / CPU (peak) | **差分 / 全件** wall / CPU |',
    '|---|---|---|---|---|---|---|---|---|',
    ...report.engines.map(
      (e) =>
        `| ${e.engine} (${e.loader}) | ${fmt(e.connectFull.wallSeconds)} s / ${fmt(e.connectFull.cpuSeconds)} s | ${e.connectFull.peakMiB} MiB | ${fmt(e.engineFile.wallSeconds)} s / ${fmt(e.engineFile.cpuSeconds)} s | **${fmt(e.ratios.fullVsFileWall)}× / ${fmt(e.ratios.fullVsFileCpu)}×** | ${e.engineStoredRows ? `${fmt(e.engineStoredRows.wallSeconds)} s / ${fmt(e.engineStoredRows.cpuSeconds)} s` : 'not run'} | ${e.ratios.fullVsStoredWall === undefined || e.ratios.fullVsStoredCpu === undefined ? '–' : `${fmt(e.ratios.fullVsStoredWall)}× / ${fmt(e.ratios.fullVsStoredCpu)}×`} | ${fmt(e.connectDiff.wallSeconds)} s / ${fmt(e.connectDiff.cpuSeconds)} s (${e.connectDiff.peakMiB} MiB) | **${fmt(e.ratios.diffShareWall, 3)}** / ${fmt(ratio(e.connectDiff.cpuSeconds, e.connectFull.cpuSeconds), 3)} |`,
    ),
    ...(report.skipped.length > 0 ? ['', `Skipped: ${report.skipped.join('; ')}`] : []),
    '',
    'PostgreSQL CPU times are the client process’s only (the server works in its own processes).',
    '',
    after,
  ];
  return lines.join('\n') + '\n';
}

/** bench/results/houjin-national.{json,md} from a report (the md again after notes change). */
export function writeHoujinResults(root: string, report: HoujinBenchReport): void {
  const results = join(root, 'bench', 'results');
  writeFileSync(join(results, 'houjin-national.json'), JSON.stringify(report, null, 2) + '\n');
  // Reading of the figures (written by hand after a run), kept when the table is regenerated.
  const notesPath = join(results, 'houjin-national-notes.md');
  let notes = '';
  try {
    notes = readFileSync(notesPath, 'utf8').trim();
  } catch {
    notes = '';
  }
  writeFileSync(
    join(results, 'houjin-national.md'),
    markdown(
      report,
      [
        notes,
        'The first figures, before the connector streamed: [houjin-national-before.md](houjin-national-before.md).',
      ]
        .filter(Boolean)
        .join('\n\n'),
    ),
  );
}

export async function runHoujinBench(options: HoujinBenchOptions): Promise<HoujinBenchReport> {
  const root = options.root ?? process.cwd();
  const log = (line: string): void => console.log(line);
  const rows = options.rows;
  const diffRows = Math.min(rows, options.diffRows ?? 50_000);
  const dir = mkdtempSync(join(tmpdir(), 'musubi-houjin-'));
  const full = join(dir, 'full.csv');
  const diff = join(dir, 'diff.csv');
  log(`法人番号: generating ${rows} 全件 rows and ${diffRows} 差分 rows`);
  await writeHoujinFile(full, { rows, kind: 'full' });
  await writeHoujinFile(diff, { rows: diffRows, kind: 'diff', seed: 2 });
  const report: HoujinBenchReport = {
    rows,
    diffRows,
    startedAt: new Date().toISOString(),
    loadAverage: { start: loadavg().map((l) => Math.round(l * 10) / 10), end: [] },
    cores: '2 cores shared with other engineers’ work',
    engines: [],
    skipped: [],
  };
  const engines = options.engines ?? ['sqlite', 'postgres'];
  // Results are written after each engine: a long national run keeps what it measured.
  const done = (figures: EngineFigures): void => {
    report.engines.push(figures);
    report.loadAverage.end = loadavg().map((l) => Math.round(l * 10) / 10);
    writeHoujinResults(root, report);
    log(`  ${JSON.stringify(figures)}`);
  };
  try {
    const storedRows = options.storedRows ?? true;
    if (engines.includes('sqlite')) done(await runSqlite(root, dir, full, diff, storedRows, log));
    if (engines.includes('postgres')) {
      if (options.postgresUrl)
        done(await runPostgres(root, dir, full, diff, options.postgresUrl, storedRows, log));
      else report.skipped.push('postgres: no --postgres-url or TEST_DATABASE_URL');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  report.loadAverage.end = loadavg().map((l) => Math.round(l * 10) / 10);
  writeHoujinResults(root, report);
  log(JSON.stringify(report.engines.map((e) => ({ engine: e.engine, ...e.ratios }))));
  return report;
}
