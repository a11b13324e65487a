/**
 * National-scale 法人番号 benchmark (issue 10, point 5):
 *   npm run bench -- --only houjin --rows N [--diff-rows M] [--engines sqlite,postgres] [--postgres-url URL]
 *   node bin/run-ts.mjs bench/houjin/houjin-national.ts [ROWS]  (SQLite and, with TEST_DATABASE_URL, PostgreSQL)
 * Generates a 全件 file of N rows in the published format and a 差分 file of M rows (50,000 unless
 * set, at most N), then per engine, side by side in one run:
 * - `musubi connect houjin-bangou FULL` into a fresh database: the whole command, a cold process;
 * - the engine's own loader on the same file: sqlite3 `.import` / psql `\copy` (COPY FROM STDIN)
 *   into a plain table of the 30 columns (the raw file as it is);
 * - the engine's own loader of the same file into the same table (decision 015, the 2× target's
 *   peer): `.import` / `\copy` into a staging table, then one `INSERT … SELECT` into the `actors`
 *   table of a freshly migrated database, its indexes and search index built once at the end
 *   (`same-table-load.ts`);
 * - optionally (`storedRows`) the engine's loader of the rows Musubi stored, as they are, into the
 *   same `actors` table with its indexes and triggers kept row by row;
 * - `musubi connect houjin-bangou DIFF` after the full load.
 * Wall time, CPU time (user + system) and peak RSS of each process (GNU time); on PostgreSQL also
 * the server's CPU for the benchmark's database (its backends sampled from /proc when the server
 * runs on this machine). Writes bench/results/houjin-national.{json,md}.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '#db/open-database.ts';
import { adminQuery, withDatabase } from '#db/pg-admin.ts';
import {
  measureProcess,
  postgresDeferredIndexes,
  serverCpuWhile,
  sqliteDeferredIndexes,
  type ProcessMeasure,
} from '../engine-load.ts';
import { writeHoujinFile } from './generate-houjin-file.ts';
import { insertActorsFromStagingSql, stagingTableSql } from './same-table-load.ts';

export type HoujinEngine = 'sqlite' | 'postgres';

export interface HoujinBenchOptions {
  rows: number;
  diffRows?: number;
  engines?: HoujinEngine[];
  postgresUrl?: string;
  root?: string;
  /**
   * Also time the engine's loader of the stored rows into `actors` with its indexes and triggers
   * kept row by row (false unless set): at 1 M rows on SQLite it alone takes half an hour.
   */
  storedRows?: boolean;
}

type Measure = ProcessMeasure;

interface EngineFigures {
  engine: HoujinEngine;
  loader: string;
  connectFull: Measure & { report: unknown };
  connectDiff: Measure & { report: unknown };
  engineFile: Measure;
  /** The engine's loader of the same file into the same table (decision 015). */
  engineSameTable: Measure;
  /** Undefined when not run (`storedRows: false`). */
  engineStoredRows: Measure | undefined;
  ratios: {
    /** connect full / engine loader of the file, wall and CPU. */
    fullVsFileWall: number;
    fullVsFileCpu: number;
    /** connect full / engine loader of the same file into the same table, wall and CPU. */
    fullVsSameTableWall: number;
    fullVsSameTableCpu: number;
    /** connect full / engine loader of the stored rows into the same table. */
    fullVsStoredWall: number | undefined;
    fullVsStoredCpu: number | undefined;
    /** connect 差分 / connect full, wall and CPU. */
    diffShareWall: number;
    diffShareCpu: number;
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

const ratio = (a: number, b: number): number => Math.round((a / Math.max(b, 0.001)) * 100) / 100;
/** A share near a target of 1/20 needs more than two decimals (0.0512 is not 0.05). */
const share = (a: number, b: number): number =>
  Math.round((a / Math.max(b, 0.001)) * 10_000) / 10_000;

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
  const { stdout, ...figures } = await measureProcess(
    'node',
    ['bin/musubi.mjs', 'connect', 'houjin-bangou', file, '--db', target, '--json'],
    root,
  );
  return { ...figures, report: JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as unknown };
}

async function connectPostgres(
  root: string,
  file: string,
  adminUrl: string,
  database: string,
): Promise<Measure & { report: unknown }> {
  const { result, serverCpuSeconds } = await serverCpuWhile(
    adminUrl,
    database,
    connect(root, file, withDatabase(adminUrl, database)),
  );
  return serverCpuSeconds === undefined ? result : { ...result, serverCpuSeconds };
}

function strip<T extends Measure>(m: T): Measure {
  return {
    wallSeconds: m.wallSeconds,
    cpuSeconds: m.cpuSeconds,
    peakMiB: m.peakMiB,
    ...(m.serverCpuSeconds === undefined ? {} : { serverCpuSeconds: m.serverCpuSeconds }),
  };
}

/** Client and, where sampled, server CPU. */
const cpuOf = (m: Measure): number => m.cpuSeconds + (m.serverCpuSeconds ?? 0);

function figures(
  engine: HoujinEngine,
  loader: string,
  connectFull: Measure & { report: unknown },
  connectDiff: Measure & { report: unknown },
  engineFile: Measure,
  engineSameTable: Measure,
  engineStoredRows: Measure | undefined,
): EngineFigures {
  return {
    engine,
    loader,
    connectFull,
    connectDiff,
    engineFile,
    engineSameTable,
    engineStoredRows,
    ratios: {
      fullVsFileWall: ratio(connectFull.wallSeconds, engineFile.wallSeconds),
      fullVsFileCpu: ratio(cpuOf(connectFull), cpuOf(engineFile)),
      fullVsSameTableWall: ratio(connectFull.wallSeconds, engineSameTable.wallSeconds),
      fullVsSameTableCpu: ratio(cpuOf(connectFull), cpuOf(engineSameTable)),
      fullVsStoredWall:
        engineStoredRows && ratio(connectFull.wallSeconds, engineStoredRows.wallSeconds),
      fullVsStoredCpu: engineStoredRows && ratio(cpuOf(connectFull), cpuOf(engineStoredRows)),
      diffShareWall: share(connectDiff.wallSeconds, connectFull.wallSeconds),
      diffShareCpu: share(cpuOf(connectDiff), cpuOf(connectFull)),
    },
  };
}

/** What a bulk load drops and builds again: the table's secondary indexes (SQLite: and triggers). */
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
    await measureProcess(
      'sqlite3',
      ['-csv', db, `.output ${rowsCsv}`, 'SELECT * FROM actors;'],
      root,
    );
  log(`  sqlite: connect 全件 ${JSON.stringify(connectFull)}`);
  log('  sqlite: musubi connect (差分)');
  const connectDiff = await connect(root, diff, db);
  log(`  sqlite: connect 差分 ${JSON.stringify(connectDiff)}`);
  freshFile(db);
  log('  sqlite: sqlite3 .import of the file');
  const engineFile = await measureProcess(
    'sqlite3',
    [
      freshFile(join(dir, 'engine.db')),
      `${stagingTableSql('houjin', false)};`,
      '.mode csv',
      `.import ${full} houjin`,
    ],
    root,
  );
  freshFile(join(dir, 'engine.db'));
  log(`  sqlite: raw file ${JSON.stringify(engineFile)}`);
  log('  sqlite: sqlite3 .import of the file into actors (staging, INSERT … SELECT)');
  const sameTablePath = freshFile(join(dir, 'same-table.db'));
  const deferred = await sqliteDeferredIndexes(sameTablePath, 'actors');
  const engineSameTable = await measureProcess(
    'sqlite3',
    [
      sameTablePath,
      'PRAGMA journal_mode=WAL;',
      'PRAGMA synchronous=NORMAL;',
      'PRAGMA cache_size=-65536;',
      `${stagingTableSql('houjin', true)};`,
      '.mode csv',
      `.import --schema temp ${full} houjin`,
      'BEGIN;',
      ...deferred.drop,
      `${insertActorsFromStagingSql('sqlite', 'temp.houjin')};`,
      ...deferred.create,
      'COMMIT;',
    ],
    root,
  );
  freshFile(sameTablePath);
  log(`  sqlite: same table ${JSON.stringify(engineSameTable)}`);
  const engineStoredRows = storedRows
    ? await (async () => {
        log('  sqlite: sqlite3 .import of the stored rows into actors');
        const storedPath = freshFile(join(dir, 'stored-rows.db'));
        await (await openDatabase(storedPath)).close();
        const measured = await measureProcess(
          'sqlite3',
          [
            storedPath,
            'PRAGMA journal_mode=WAL;',
            'PRAGMA synchronous=NORMAL;',
            'PRAGMA cache_size=-65536;',
            'BEGIN;',
            '.mode csv',
            `.import ${rowsCsv} actors`,
            'COMMIT;',
          ],
          root,
        );
        freshFile(storedPath);
        return measured;
      })()
    : undefined;
  freshFile(rowsCsv);
  return figures(
    'sqlite',
    'sqlite3 .import',
    connectFull,
    connectDiff,
    strip(engineFile),
    strip(engineSameTable),
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
  const musubiDb = 'musubi_bench_houjin';
  const musubiUrl = await freshPostgres(adminUrl, musubiDb);
  log('  postgres: musubi connect (全件)');
  const connectFull = await connectPostgres(root, full, adminUrl, musubiDb);
  const rowsCsv = join(dir, 'actors-pg.csv');
  if (storedRows)
    await measureProcess(
      'psql',
      ['-q', '-X', '-d', musubiUrl, '-c', `\\copy actors TO '${rowsCsv}' (FORMAT csv)`],
      root,
    );
  log(`  postgres: connect 全件 ${JSON.stringify(connectFull)}`);
  log('  postgres: musubi connect (差分)');
  const connectDiff = await connectPostgres(root, diff, adminUrl, musubiDb);
  log(`  postgres: connect 差分 ${JSON.stringify(connectDiff)}`);
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${musubiDb} WITH (FORCE)`);
  const engineDb = 'musubi_bench_houjin_engine';
  const engineUrl = await freshPostgres(adminUrl, engineDb);
  await adminQuery(engineUrl, stagingTableSql('houjin', false));
  log('  postgres: psql \\copy of the file');
  const engineFile = await serverCpuWhile(
    adminUrl,
    engineDb,
    measureProcess(
      'psql',
      ['-q', '-X', '-d', engineUrl, '-c', `\\copy houjin FROM '${full}' (FORMAT csv)`],
      root,
    ),
  );
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${engineDb} WITH (FORCE)`);
  log(`  postgres: raw file ${JSON.stringify(engineFile)}`);
  log('  postgres: psql \\copy of the file into actors (staging, INSERT … SELECT)');
  const sameDb = 'musubi_bench_houjin_same';
  const sameUrl = await freshPostgres(adminUrl, sameDb);
  await (await openDatabase(sameUrl)).close();
  const deferred = await postgresDeferredIndexes(sameUrl, 'actors');
  const script = join(dir, 'same-table.sql');
  writeFileSync(
    script,
    [
      '\\set ON_ERROR_STOP on',
      `${stagingTableSql('houjin', true)};`,
      `\\copy houjin FROM '${full}' (FORMAT csv)`,
      'BEGIN;',
      ...deferred.drop,
      `${insertActorsFromStagingSql('postgres', 'houjin')};`,
      ...deferred.create,
      'COMMIT;',
    ].join('\n') + '\n',
  );
  const engineSameTable = await serverCpuWhile(
    adminUrl,
    sameDb,
    measureProcess('psql', ['-q', '-X', '-d', sameUrl, '-f', script], root),
  );
  log(`  postgres: same table ${JSON.stringify(engineSameTable)}`);
  const engineStoredRows = storedRows
    ? await (async () => {
        log('  postgres: psql \\copy of the stored rows into actors');
        const storedDb = 'musubi_bench_houjin_stored';
        const storedUrl = await freshPostgres(adminUrl, storedDb);
        await (await openDatabase(storedUrl)).close();
        const measured = await serverCpuWhile(
          adminUrl,
          storedDb,
          measureProcess(
            'psql',
            ['-q', '-X', '-d', storedUrl, '-c', `\\copy actors FROM '${rowsCsv}' (FORMAT csv)`],
            root,
          ),
        );
        await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${storedDb} WITH (FORCE)`);
        return measured;
      })()
    : undefined;
  freshFile(rowsCsv);
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${sameDb} WITH (FORCE)`);
  const withServer = (m: { result: Measure; serverCpuSeconds: number | undefined }): Measure =>
    strip(
      m.serverCpuSeconds === undefined
        ? m.result
        : { ...m.result, serverCpuSeconds: m.serverCpuSeconds },
    );
  return figures(
    'postgres',
    'psql \\copy',
    connectFull,
    connectDiff,
    withServer(engineFile),
    withServer(engineSameTable),
    engineStoredRows && withServer(engineStoredRows),
  );
}

const fmt = (n: number, digits = 1): string => n.toFixed(digits);

const cpuText = (m: Measure): string =>
  m.serverCpuSeconds === undefined
    ? `${fmt(m.cpuSeconds)} s`
    : `${fmt(m.cpuSeconds)} + ${fmt(m.serverCpuSeconds)} s`;

function markdown(report: HoujinBenchReport, after: string): string {
  const lines = [
    '# 法人番号 national scale (issue 10, point 5)',
    '',
    '`npm run bench -- --only houjin --rows N [--diff-rows M]` (`bench/houjin/houjin-bench.ts`): a generated',
    '全件 file of N rows in the published format (UTF-8, no header, 30 columns, valid check digits, real',
    'prefectures and municipalities; `bench/houjin/generate-houjin-file.ts`) and a 差分 file of M rows',
    '(changes, closures, new corporations). Per engine, in one run: `musubi connect houjin-bangou` (whole',
    'command, cold process) into a fresh database; the engine’s own loader of the same file into the same',
    'table (decision 015, the peer of the 2× target): sqlite3 `.import` / psql `\\copy` into a staging table,',
    'then one `INSERT … SELECT` into the `actors` table of a fresh migrated database, its indexes and',
    'search index built once at the end (`bench/houjin/same-table-load.ts`); the same loader of the raw',
    'file into a plain 30-column table; then the 差分 file after the full load. Wall and CPU (user +',
    'system) time and peak RSS per process (GNU time); on PostgreSQL CPU is client + server (the',
    'backends of the benchmark’s database, read from /proc). Targets: connect within 2× the loader,',
    'peak < 2 GB, 差分 of 50k < 1/20 of the full load.',
    '',
    `Run of ${report.startedAt}: ${report.rows.toLocaleString('en')} rows, 差分 ${report.diffRows.toLocaleString('en')} rows; ${report.cores}; load average at start ${report.loadAverage.start.map((l) => fmt(l)).join(' / ')}, at end ${report.loadAverage.end.map((l) => fmt(l)).join(' / ')} (1/5/15 min).`,
    '',
    '| engine | connect 全件 wall / CPU | peak | loader into the same table wall / CPU | **ratio to it** wall / CPU | loader of the raw file wall / CPU | ratio to it wall / CPU | connect 差分 wall / CPU (peak) | **差分 / 全件** wall / CPU |',
    '|---|---|---|---|---|---|---|---|---|',
    ...report.engines.map(
      (e) =>
        `| ${e.engine} (${e.loader}) | ${fmt(e.connectFull.wallSeconds)} s / ${cpuText(e.connectFull)} | ${e.connectFull.peakMiB} MiB | ${fmt(e.engineSameTable.wallSeconds)} s / ${cpuText(e.engineSameTable)} | **${fmt(e.ratios.fullVsSameTableWall, 2)}× / ${fmt(e.ratios.fullVsSameTableCpu, 2)}×** | ${fmt(e.engineFile.wallSeconds)} s / ${cpuText(e.engineFile)} | ${fmt(e.ratios.fullVsFileWall)}× / ${fmt(e.ratios.fullVsFileCpu)}× | ${fmt(e.connectDiff.wallSeconds)} s / ${cpuText(e.connectDiff)} (${e.connectDiff.peakMiB} MiB) | **${fmt(e.ratios.diffShareWall, 4)}** / ${fmt(e.ratios.diffShareCpu, 4)} |`,
    ),
    ...report.engines.flatMap((e) =>
      e.engineStoredRows
        ? [
            '',
            `${e.engine}: the loader of the rows Musubi stored, into \`actors\` with its indexes and triggers kept row by row: ${fmt(e.engineStoredRows.wallSeconds)} s / ${cpuText(e.engineStoredRows)} (connect ${fmt(e.ratios.fullVsStoredWall ?? 0, 2)}× / ${fmt(e.ratios.fullVsStoredCpu ?? 0, 2)}× of it).`,
          ]
        : [],
    ),
    ...(report.skipped.length > 0 ? ['', `Skipped: ${report.skipped.join('; ')}`] : []),
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
    const storedRows = options.storedRows ?? false;
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
