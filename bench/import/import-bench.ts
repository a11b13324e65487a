/**
 * The import benchmark (issue 2 "Speed"): the same generated CSV files loaded, in one run, by
 * (a) `musubi import` into a fresh SQLite file, (b) the sqlite3 CLI's `.import`, (c) `musubi import`
 * into a fresh PostgreSQL database and (d) psql `\copy` (COPY … FROM STDIN). Each load runs as its own
 * child process under GNU time: wall seconds and peak RSS. Then `musubi stats --json` on the loads.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '#db/open-database.ts';
import { generateImportData, type ImportDataFiles, type ImportDataSize } from './generate-data.ts';
import { assertSucceeded, measureProcess, type ProcessMeasure } from './measure-process.ts';
import {
  postgresActorsScript,
  postgresRelationsScript,
  sqliteActorsScript,
  sqliteRelationsScript,
} from './reference-scripts.ts';
import { renderImportMarkdown } from './import-report.ts';
import { adminQuery, withDatabase } from '#db/pg-admin.ts';

export const IMPORT_SIZES = {
  tiny: { actors: 10_000, relations: 50_000 },
  small: { actors: 100_000, relations: 500_000 },
  full: { actors: 1_000_000, relations: 5_000_000 },
} as const satisfies Record<string, ImportDataSize>;
export type ImportSize = keyof typeof IMPORT_SIZES;

export type ImportEngine = 'sqlite' | 'postgres';

export interface ImportBenchOptions {
  readonly size?: ImportSize;
  readonly seed?: number;
  readonly engines?: readonly ImportEngine[];
  /** A server URL whose user may create databases; default $BENCH_DATABASE_URL or the local CI one. */
  readonly postgresUrl?: string;
  /** Rounds of (Musubi, reference), best time of each kept; default 3, 1 for the full size. */
  readonly repeats?: number;
  /** Repository root; default process.cwd(). */
  readonly root?: string;
  readonly log?: (line: string) => void;
}

/** One load of one file by one loader. */
export interface LoadFigure {
  readonly entity: 'actors' | 'relations';
  readonly rows: number;
  readonly seconds: number;
  readonly rowsPerSecond: number;
  readonly peakMiB: number;
}

export interface LoaderResult {
  readonly loader: string;
  readonly description: string;
  readonly loads: readonly LoadFigure[];
  readonly totalSeconds: number;
  readonly rowsPerSecond: number;
  readonly peakMiB: number;
}

export interface StatsLatency {
  /** `musubi stats --json` as a child process (Node start-up, tsx, open, migrate check, query). */
  readonly cliMedianSeconds: number;
  /** `repos.counts()` alone, in process, after a warm-up. */
  readonly queryMedianMs: number;
  readonly counts: Record<string, number>;
}

export interface EngineResult {
  readonly engine: ImportEngine;
  readonly measuredAt: string;
  readonly musubi: LoaderResult;
  readonly reference: LoaderResult;
  /** Musubi seconds / reference seconds, per entity and in total. */
  readonly ratio: { readonly actors: number; readonly relations: number; readonly total: number };
  readonly stats: StatsLatency;
  readonly referenceStats: StatsLatency;
}

export interface ImportBenchReport {
  readonly generatedAt: string;
  readonly machine: { cpus: string; cpuCount: number; memoryGiB: number; node: string };
  readonly loadAverage: { atStart: number; atEnd: number };
  readonly size: ImportSize;
  readonly repeats: number;
  readonly rows: ImportDataSize;
  readonly files: { actorsMiB: number; relationsMiB: number; generatedSeconds: number };
  readonly target: string;
  readonly engines: readonly EngineResult[];
  readonly skipped: readonly string[];
}

const DEFAULT_POSTGRES_URL = 'postgres://postgres:musubi@127.0.0.1:5432/postgres';
const MIB = 1024 * 1024;

async function postgresReachable(url: string): Promise<boolean> {
  try {
    await adminQuery(url, 'SELECT 1');
    return true;
  } catch {
    return false;
  }
}

/** Drops and re-creates a database; returns its URL. */
async function freshPostgres(adminUrl: string, name: string): Promise<string> {
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  return withDatabase(adminUrl, name);
}

function freshSqlitePath(path: string): string {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
  return path;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function loaderResult(loader: string, description: string, loads: LoadFigure[]): LoaderResult {
  const totalSeconds = loads.reduce((s, l) => s + l.seconds, 0);
  const rows = loads.reduce((s, l) => s + l.rows, 0);
  return {
    loader,
    description,
    loads,
    totalSeconds,
    rowsPerSecond: rows / totalSeconds,
    peakMiB: Math.max(...loads.map((l) => l.peakMiB)),
  };
}

function figure(entity: LoadFigure['entity'], rows: number, measure: ProcessMeasure): LoadFigure {
  return {
    entity,
    rows,
    seconds: measure.seconds,
    rowsPerSecond: rows / measure.seconds,
    peakMiB: measure.peakMiB,
  };
}

async function musubiImport(
  root: string,
  entity: LoadFigure['entity'],
  file: string,
  db: string,
  rows: number,
  log: (line: string) => void,
): Promise<LoadFigure> {
  log(`  musubi import ${entity} …`);
  const measure = assertSucceeded(
    await measureProcess(
      process.execPath,
      [join(root, 'bin/musubi.mjs'), 'import', entity, file, '--db', db, '--json'],
      { cwd: root },
    ),
  );
  const report = JSON.parse(measure.stdout.trim().split('\n').pop() ?? '{}') as {
    written?: number;
    rowsRead?: number;
  };
  if (report.written !== rows)
    throw new Error(`musubi import ${entity}: wrote ${String(report.written)} of ${rows} rows`);
  const result = figure(entity, rows, measure);
  log(
    `    ${result.seconds.toFixed(1)} s, ${Math.round(result.rowsPerSecond).toLocaleString('en')} rows/s, peak ${Math.round(result.peakMiB)} MiB`,
  );
  return result;
}

async function statsLatency(root: string, db: string, runs = 3): Promise<StatsLatency> {
  const cli: number[] = [];
  let counts: Record<string, number> = {};
  for (let i = 0; i < runs; i++) {
    const measure = assertSucceeded(
      await measureProcess(
        process.execPath,
        [join(root, 'bin/musubi.mjs'), 'stats', '--json', '--db', db],
        { cwd: root },
      ),
    );
    cli.push(measure.seconds);
    counts = JSON.parse(measure.stdout) as Record<string, number>;
  }
  const database = await openDatabase(db);
  const query: number[] = [];
  try {
    await database.repos.counts();
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await database.repos.counts();
      query.push(performance.now() - started);
    }
  } finally {
    await database.close();
  }
  return { cliMedianSeconds: median(cli), queryMedianMs: median(query), counts };
}

function checkCounts(label: string, stats: StatsLatency, size: ImportDataSize): void {
  if (stats.counts['actors'] !== size.actors || stats.counts['relations'] !== size.relations)
    throw new Error(
      `${label}: counts ${JSON.stringify(stats.counts)} do not match ${JSON.stringify(size)}`,
    );
}

async function runSqlite(
  root: string,
  files: ImportDataFiles,
  size: ImportDataSize,
  dir: string,
  repeats: number,
  log: (line: string) => void,
): Promise<EngineResult> {
  log('SQLite');
  const musubiDb = join(dir, 'musubi.sqlite');
  const referenceDb = join(dir, 'reference.sqlite');
  const loadMusubi = async (): Promise<LoadFigure[]> => {
    freshSqlitePath(musubiDb);
    return [
      await musubiImport(root, 'actors', files.actorsPath, musubiDb, size.actors, log),
      await musubiImport(root, 'relations', files.relationsPath, musubiDb, size.relations, log),
    ];
  };
  const loadReference = async (): Promise<LoadFigure[]> => {
    freshSqlitePath(referenceDb);
    // The exact migration-1 schema, made by Musubi itself; the load is then the sqlite3 CLI's alone.
    await (await openDatabase(referenceDb)).close();
    const loads: LoadFigure[] = [];
    for (const [entity, script, rows] of [
      ['actors', sqliteActorsScript(files.actorsPath), size.actors],
      ['relations', sqliteRelationsScript(files.relationsPath), size.relations],
    ] as const) {
      log(`  sqlite3 .import ${entity} …`);
      const scriptPath = join(dir, `reference-${entity}.sql`);
      writeFileSync(scriptPath, script);
      const measure = assertSucceeded(
        await measureProcess('/usr/bin/sqlite3', ['-bail', referenceDb, `.read ${scriptPath}`]),
      );
      if (measure.stderr.trim() !== '') throw new Error(`sqlite3 ${entity}: ${measure.stderr}`);
      const result = figure(entity, rows, measure);
      log(`    ${result.seconds.toFixed(1)} s, peak ${Math.round(result.peakMiB)} MiB`);
      loads.push(result);
    }
    return loads;
  };
  const [musubiLoads, referenceLoads] = await interleave(repeats, loadMusubi, loadReference, log);
  const stats = await statsLatency(root, musubiDb);
  checkCounts('musubi sqlite', stats, size);
  const referenceStats = await statsLatency(root, referenceDb);
  checkCounts('sqlite3 reference', referenceStats, size);
  return engineResult(
    'sqlite',
    loaderResult(
      'musubi import',
      '`musubi import actors|relations FILE --db file.sqlite`, two child processes',
      musubiLoads,
    ),
    loaderResult(
      'sqlite3 .import',
      'sqlite3 3.40 CLI: `.import --csv --skip 1` into a TEMP staging table of the CSV columns, then one INSERT … SELECT into the migration-1 table (derived relation id, flags as JSON, NULLIF for empty cells), same indexes, foreign_keys=ON, WAL, synchronous=NORMAL, cache_size 64 MiB, one transaction per file',
      referenceLoads,
    ),
    stats,
    referenceStats,
  );
}

async function runPostgres(
  root: string,
  files: ImportDataFiles,
  size: ImportDataSize,
  adminUrl: string,
  dir: string,
  repeats: number,
  log: (line: string) => void,
): Promise<EngineResult> {
  log('PostgreSQL');
  let musubiUrl = '';
  let referenceUrl = '';
  const loadMusubi = async (): Promise<LoadFigure[]> => {
    musubiUrl = await freshPostgres(adminUrl, 'musubi_bench_import');
    return [
      await musubiImport(root, 'actors', files.actorsPath, musubiUrl, size.actors, log),
      await musubiImport(root, 'relations', files.relationsPath, musubiUrl, size.relations, log),
    ];
  };
  const loadReference = async (): Promise<LoadFigure[]> => {
    referenceUrl = await freshPostgres(adminUrl, 'musubi_bench_reference');
    await (await openDatabase(referenceUrl)).close();
    const loads: LoadFigure[] = [];
    for (const [entity, script, rows] of [
      ['actors', postgresActorsScript(files.actorsPath), size.actors],
      ['relations', postgresRelationsScript(files.relationsPath), size.relations],
    ] as const) {
      log(`  psql \\copy ${entity} …`);
      const scriptPath = join(dir, `reference-${entity}.psql`);
      writeFileSync(scriptPath, script);
      const measure = assertSucceeded(
        await measureProcess('psql', ['-q', '-X', '-d', referenceUrl, '-f', scriptPath]),
      );
      const result = figure(entity, rows, measure);
      log(`    ${result.seconds.toFixed(1)} s, peak ${Math.round(result.peakMiB)} MiB (client)`);
      loads.push(result);
    }
    return loads;
  };
  const [musubiLoads, referenceLoads] = await interleave(repeats, loadMusubi, loadReference, log);
  const stats = await statsLatency(root, musubiUrl);
  checkCounts('musubi postgres', stats, size);
  const referenceStats = await statsLatency(root, referenceUrl);
  checkCounts('psql reference', referenceStats, size);
  return engineResult(
    'postgres',
    loaderResult(
      'musubi import',
      '`musubi import actors|relations FILE --db postgres://…/musubi_bench_import` (fresh database), two child processes',
      musubiLoads,
    ),
    loaderResult(
      'psql \\copy',
      'psql `\\copy … FROM FILE (FORMAT csv, HEADER true)` (COPY … FROM STDIN) into a TEMP staging table of the CSV columns, then one INSERT … SELECT into the migration-1 table (derived relation id, flags as JSONB), same indexes and foreign keys, one transaction per file; peak memory is the psql client’s (the server is shared by both loaders)',
      referenceLoads,
    ),
    stats,
    referenceStats,
  );
}

/**
 * Runs Musubi's loads and the reference's alternately `repeats` times and keeps each side's best time
 * per file: on a shared machine a load spike then hurts one round, not one side.
 */
async function interleave(
  repeats: number,
  musubi: () => Promise<LoadFigure[]>,
  reference: () => Promise<LoadFigure[]>,
  log: (line: string) => void,
): Promise<[LoadFigure[], LoadFigure[]]> {
  const musubiRuns: LoadFigure[][] = [];
  const referenceRuns: LoadFigure[][] = [];
  for (let round = 1; round <= repeats; round++) {
    if (repeats > 1) log(`  round ${round} of ${repeats}`);
    musubiRuns.push(await musubi());
    referenceRuns.push(await reference());
  }
  const best = (runs: LoadFigure[][]): LoadFigure[] =>
    (runs[0] ?? []).map((first) =>
      runs
        .map((run) => run.find((l) => l.entity === first.entity) ?? first)
        .reduce((a, b) => (b.seconds < a.seconds ? b : a)),
    );
  return [best(musubiRuns), best(referenceRuns)];
}

function engineResult(
  engine: ImportEngine,
  musubi: LoaderResult,
  reference: LoaderResult,
  stats: StatsLatency,
  referenceStats: StatsLatency,
): EngineResult {
  const seconds = (r: LoaderResult, e: LoadFigure['entity']) =>
    r.loads.find((l) => l.entity === e)?.seconds ?? Number.NaN;
  return {
    engine,
    measuredAt: new Date().toISOString(),
    musubi,
    reference,
    ratio: {
      actors: seconds(musubi, 'actors') / seconds(reference, 'actors'),
      relations: seconds(musubi, 'relations') / seconds(reference, 'relations'),
      total: musubi.totalSeconds / reference.totalSeconds,
    },
    stats,
    referenceStats,
  };
}

/** Runs the import benchmark; writes bench/results/import-SIZE.{json,md}. */
export async function runImportBench(options: ImportBenchOptions = {}): Promise<ImportBenchReport> {
  const root = resolve(options.root ?? process.cwd());
  const sizeName = options.size ?? 'small';
  const size = IMPORT_SIZES[sizeName];
  const seed = options.seed ?? 1;
  const log = options.log ?? ((line: string) => console.log(line));
  const engines = options.engines ?? ['sqlite', 'postgres'];
  const repeats = options.repeats ?? (sizeName === 'full' ? 1 : 3);
  const postgresUrl =
    options.postgresUrl ?? process.env['BENCH_DATABASE_URL'] ?? DEFAULT_POSTGRES_URL;
  const atStart = loadavg()[0] ?? 0;
  const dataDir = join(root, 'bench', 'tmp', 'import');
  const workDir = join(dataDir, sizeName);
  mkdirSync(workDir, { recursive: true });
  const files = await generateImportData(dataDir, size, seed, log);
  log(
    `files: actors ${(files.actorsBytes / MIB).toFixed(0)} MiB, relations ${(files.relationsBytes / MIB).toFixed(0)} MiB${files.generated ? ` (generated in ${files.seconds.toFixed(0)} s)` : ' (reused)'}`,
  );

  const results: EngineResult[] = [];
  const skipped: string[] = [];
  if (engines.includes('sqlite'))
    results.push(await runSqlite(root, files, size, workDir, repeats, log));
  if (engines.includes('postgres')) {
    if (await postgresReachable(postgresUrl))
      results.push(await runPostgres(root, files, size, postgresUrl, workDir, repeats, log));
    else {
      const note = `PostgreSQL skipped: cannot connect to ${postgresUrl.replace(/:[^:@/]*@/, ':***@')} (start it with \`bash .ci/start-postgres.sh\`)`;
      skipped.push(note);
      log(note);
    }
  }

  const resultsDir = join(root, 'bench', 'results');
  const jsonPath = join(resultsDir, `import-${sizeName}.json`);
  // Engines not run this time keep their last result (each carries its own measuredAt).
  if (existsSync(jsonPath)) {
    const previous = JSON.parse(readFileSync(jsonPath, 'utf8')) as Partial<ImportBenchReport>;
    for (const old of previous.engines ?? []) {
      // Files written before measuredAt existed: the report's own date.
      const measuredAt =
        (old.measuredAt as string | undefined) ?? previous.generatedAt ?? 'unknown';
      if (!results.some((r) => r.engine === old.engine)) results.push({ ...old, measuredAt });
    }
    results.sort((a, b) => a.engine.localeCompare(b.engine) * -1);
  }
  const report: ImportBenchReport = {
    generatedAt: new Date().toISOString(),
    machine: {
      cpus: cpus()[0]?.model ?? 'unknown',
      cpuCount: cpus().length,
      memoryGiB: Math.round(totalmem() / 1024 ** 3),
      node: process.version,
    },
    loadAverage: { atStart, atEnd: loadavg()[0] ?? 0 },
    size: sizeName,
    repeats,
    rows: size,
    files: {
      actorsMiB: files.actorsBytes / MIB,
      relationsMiB: files.relationsBytes / MIB,
      generatedSeconds: files.seconds,
    },
    target:
      'Musubi / reference ≤ 3× in wall time, for SQLite and for PostgreSQL; peak memory < 2 GB',
    engines: results,
    skipped,
  };
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(resultsDir, `import-${sizeName}.md`), renderImportMarkdown(report));
  return report;
}
