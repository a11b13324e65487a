/**
 * The benchmark runner (`npm run bench`):
 *   npm run bench -- [--only demo,import,embedded,analytics,analytics-e2e,matching,web,pages,houjin] [--size tiny|small|full] [--seed N]
 *                    [--engines sqlite,postgres] [--postgres-url URL] [--repeats N]
 *                    [--rows N] [--diff-rows M]   (houjin: 全件 and 差分 rows; 100,000 and 50,000 unless set)
 *   npm run bench -- --index      (rebuild bench/results/README.md from the result files, run nothing)
 * Runs the suites, writes bench/results/<suite>*.json and .md, and bench/results/README.md with
 * the headline ratios of every suite that has results.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runDemoBench, type DemoBenchReport } from './demo/demo-bench.ts';
import { runEmbeddedBench, type EmbeddedBenchReport } from './import/embedded-bench.ts';
import {
  IMPORT_SIZES,
  runImportBench,
  type ImportBenchReport,
  type ImportEngine,
  type ImportSize,
} from './import/import-bench.ts';

const SUITES = [
  'demo',
  'import',
  'embedded',
  'analytics',
  'analytics-e2e',
  'matching',
  'web',
  'pages',
  'houjin',
] as const;
/**
 * Suites run when `--only` is not given: houjin (national sizes) and the end-to-end communities
 * suite take hours at full size, so they are asked for by name.
 */
const DEFAULT_SUITES: readonly Suite[] = [
  'demo',
  'import',
  'embedded',
  'analytics',
  'matching',
  'web',
  'pages',
];
type Suite = (typeof SUITES)[number];

interface RunOptions {
  suites: Suite[];
  size: ImportSize;
  seed: number;
  engines: ImportEngine[];
  postgresUrl?: string;
  repeats?: number;
  rows?: number;
  diffRows?: number;
}

function isSuite(name: string): name is Suite {
  return (SUITES as readonly string[]).includes(name);
}

function isSize(name: string): name is ImportSize {
  return Object.hasOwn(IMPORT_SIZES, name);
}

function isEngine(name: string): name is ImportEngine {
  return name === 'sqlite' || name === 'postgres';
}

function parseArgs(argv: readonly string[]): RunOptions {
  const options: RunOptions = {
    suites: [...DEFAULT_SUITES],
    size: 'small',
    seed: 1,
    engines: ['sqlite', 'postgres'],
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    const need = (): string => {
      if (value === undefined) throw new Error(`${String(flag)} needs a value`);
      i++;
      return value;
    };
    if (flag === '--only') {
      options.suites = need()
        .split(',')
        .map((s) => {
          if (!isSuite(s)) throw new Error(`unknown suite ${s}; one of ${SUITES.join(', ')}`);
          return s;
        });
    } else if (flag === '--size') {
      const size = need();
      if (!isSize(size))
        throw new Error(`unknown size ${size}; one of ${Object.keys(IMPORT_SIZES).join(', ')}`);
      options.size = size;
    } else if (flag === '--seed') {
      options.seed = Number(need());
    } else if (flag === '--engines') {
      options.engines = need()
        .split(',')
        .map((e) => {
          if (!isEngine(e)) throw new Error(`unknown engine ${e}; sqlite or postgres`);
          return e;
        });
    } else if (flag === '--repeats') {
      options.repeats = Number(need());
      if (!Number.isInteger(options.repeats) || options.repeats < 1)
        throw new Error('--repeats needs a positive integer');
    } else if (flag === '--rows' || flag === '--diff-rows') {
      const rows = Number(need());
      if (!Number.isInteger(rows) || rows < 1) throw new Error(`${flag} needs a positive integer`);
      if (flag === '--rows') options.rows = rows;
      else options.diffRows = rows;
    } else if (flag === '--postgres-url') {
      options.postgresUrl = need();
    } else if (flag === '--index') {
      options.suites = [];
    } else if (flag === '--help' || flag === '-h') {
      console.log(
        'npm run bench -- [--only demo,import,embedded,analytics,analytics-e2e,matching,web,pages,houjin] [--size tiny|small|full] [--seed N] [--engines sqlite,postgres] [--postgres-url URL] [--repeats N] [--rows N] [--diff-rows M] | --index',
      );
      process.exit(0);
    } else {
      throw new Error(`unknown flag ${String(flag)}`);
    }
  }
  return options;
}

/**
 * Loads a suite another engineer owns, if its file is there. Both entry files run their own
 * benchmark when imported, so the runner imports the side-effect-free module they re-export from.
 */
async function loadOptional<T>(
  root: string,
  entry: string,
  module: string,
  name: string,
): Promise<T | undefined> {
  if (!existsSync(join(root, entry))) return undefined;
  const path = existsSync(join(root, module)) ? module : entry;
  const loaded = (await import(pathToFileURL(join(root, path)).href)) as Record<string, unknown>;
  const fn = loaded[name];
  return typeof fn === 'function' ? (fn as T) : undefined;
}

interface SuiteOutcome {
  suite: Suite;
  status: 'ran' | 'skipped' | 'failed';
  note: string;
  seconds: number;
}

function headlineImport(report: ImportBenchReport): string[] {
  return report.engines.map(
    (e) =>
      `| import, ${e.engine}, ${report.size} (${report.rows.actors.toLocaleString('en')} actors + ${report.rows.relations.toLocaleString('en')} relations) | Musubi / ${e.reference.loader} wall time | **${e.ratio.total.toFixed(2)}×** (actors ${e.ratio.actors.toFixed(2)}×, relations ${e.ratio.relations.toFixed(2)}×); Musubi ${Math.round(e.musubi.rowsPerSecond).toLocaleString('en')} rows/s, peak ${Math.round(e.musubi.peakMiB)} MiB | [import-${report.size}.md](import-${report.size}.md) |`,
  );
}

function headlineEmbedded(report: EmbeddedBenchReport): string[] {
  return [
    `| embedded database (${report.rows.actors.toLocaleString('en')} actors + ${report.rows.relations.toLocaleString('en')} relations) | PGlite / SQLite time | ${report.ratios.map((r) => `${r.name} **${r.ratio.toFixed(1)}×**`).join('; ')} | [embedded.md](embedded.md) |`,
  ];
}

/** The part of bench/results/analytics.json the index shows. */
interface AnalyticsBenchSummary {
  results: {
    size: string;
    nodes: number;
    edges: number;
    ratios: {
      timeRatio: number;
      modularityDifference: number;
      nmiDifference: number;
      musubiPeakRssGiB: number;
    };
  }[];
}

/** The part of bench/results/matching.json the index shows. */
interface MatchingSummary {
  size?: string;
  corpus?: { documents: number };
  ratios?: { recallVsBestPeer?: number; p95VsGroonga?: number };
}

/** The part of bench/results/houjin-national.json the index shows. */
interface HoujinSummary {
  rows: number;
  diffRows: number;
  engines: {
    engine: string;
    loader: string;
    connectFull: { peakMiB: number };
    ratios: {
      fullVsFileWall: number;
      fullVsFileCpu: number;
      /** Absent in results written before decision 015. */
      fullVsSameTableWall?: number;
      fullVsSameTableCpu?: number;
      diffShareWall: number;
    };
  }[];
}

/** The part of bench/results/web.json the index shows. */
interface WebSummary {
  api?: {
    allMeetTarget: boolean;
    endpoints: { name: string; meetsTarget?: boolean; latencyMs: { p95: number } }[];
  };
  networkDraw?: { medianDrawMs: number; targetMs: number };
  firstPageJavaScript?: { gzipBytes: number; targetGzipBytes: number };
}

function readJson<T>(path: string): T | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : undefined;
}

/** bench/results/README.md, from every result file present (not only the suites run this time). */
function writeIndex(root: string, outcomes: SuiteOutcome[]): void {
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const rows: string[] = [];
  for (const size of ['full', 'small', 'tiny'] as const) {
    const report = readJson<ImportBenchReport>(join(dir, `import-${size}.json`));
    if (report) rows.push(...headlineImport(report));
  }
  if (existsSync(join(dir, 'import-full-before.md')))
    rows.push(
      '| import, sqlite, full, before the optimisation (kept for comparison) | Musubi / sqlite3 .import wall time | see its page | [import-full-before.md](import-full-before.md) |',
    );
  const demo = readJson<DemoBenchReport>(join(dir, 'demo.json'));
  if (demo)
    rows.push(
      `| musubi demo / musubi stats (embedded) | seconds against the targets 60 s / 1 s${demo.sqlite3Counts ? '; stats / sqlite3 CLI counts' : ''} | demo **${demo.demo.seconds.toFixed(1)} s**, stats **${demo.stats.medianSeconds.toFixed(2)} s**${demo.sqlite3Counts ? ` (**${demo.sqlite3Counts.ratio.toFixed(1)}×**)` : ''} | [demo.md](demo.md) |`,
    );
  const embedded = readJson<EmbeddedBenchReport>(join(dir, 'embedded.json'));
  if (embedded) rows.push(...headlineEmbedded(embedded));
  const analytics = readJson<AnalyticsBenchSummary>(join(dir, 'analytics.json'));
  for (const result of analytics?.results ?? [])
    rows.push(
      `| analytics: Leiden vs python-igraph, ${result.size} (${result.nodes.toLocaleString('en')} nodes, ${result.edges.toLocaleString('en')} edges) | Musubi / igraph time; modularity and NMI differences | **${result.ratios.timeRatio.toFixed(2)}×**; Δmodularity ${result.ratios.modularityDifference.toFixed(5)}, ΔNMI ${result.ratios.nmiDifference.toFixed(4)}; peak ${result.ratios.musubiPeakRssGiB.toFixed(2)} GiB | [analytics.md](analytics.md) |`,
    );
  const matching = readJson<MatchingSummary>(join(dir, 'matching.json'));
  if (matching?.ratios !== undefined)
    rows.push(
      `| matching vs Groonga and SQLite FTS5, ${matching.size ?? ''} (${(matching.corpus?.documents ?? 0).toLocaleString('en')} seeds) | recall@20 / best peer; query p95 / Groonga | **${(matching.ratios.recallVsBestPeer ?? 0).toFixed(2)}×**; **${(matching.ratios.p95VsGroonga ?? 0).toFixed(2)}×** | [matching.md](matching.md) |`,
    );
  const web = readJson<WebSummary>(join(dir, 'web.json'));
  if (web?.api) {
    const targeted = web.api.endpoints.filter((e) => e.meetsTarget !== undefined);
    const worst = targeted.reduce((a, b) => (b.latencyMs.p95 > a.latencyMs.p95 ? b : a));
    rows.push(
      `| web: API under load (${targeted.length} list and search endpoints, 50 clients), network view, bundle | worst p95 / 100 ms; draw of 50,000 nodes / 3 s; first-page JavaScript gzipped / 500 KiB | **${(worst.latencyMs.p95 / 100).toFixed(2)}×** (${worst.name}, ${worst.latencyMs.p95} ms; all met: ${web.api.allMeetTarget ? 'yes' : 'no'}); ${web.networkDraw ? `**${(web.networkDraw.medianDrawMs / web.networkDraw.targetMs).toFixed(2)}×**` : '–'}; ${web.firstPageJavaScript ? `**${(web.firstPageJavaScript.gzipBytes / web.firstPageJavaScript.targetGzipBytes).toFixed(2)}×**` : '–'} | [web.md](web.md) |`,
    );
  }
  const houjin = readJson<HoujinSummary>(join(dir, 'houjin-national.json'));
  for (const e of houjin?.engines ?? [])
    rows.push(
      e.ratios.fullVsSameTableWall === undefined
        ? `| 法人番号 national scale, ${e.engine}, ${(houjin?.rows ?? 0).toLocaleString('en')} rows | musubi connect / ${e.loader} of the file, wall (CPU); 差分 ${(houjin?.diffRows ?? 0).toLocaleString('en')} / 全件 | **${e.ratios.fullVsFileWall.toFixed(1)}×** (${e.ratios.fullVsFileCpu.toFixed(1)}×), peak ${e.connectFull.peakMiB} MiB; 差分 **${e.ratios.diffShareWall.toFixed(3)}** | [houjin-national.md](houjin-national.md) |`
        : `| 法人番号 national scale, ${e.engine}, ${(houjin?.rows ?? 0).toLocaleString('en')} rows | musubi connect / ${e.loader} of the file into the same table (decision 015), wall (CPU); raw file; 差分 ${(houjin?.diffRows ?? 0).toLocaleString('en')} / 全件 | **${e.ratios.fullVsSameTableWall.toFixed(2)}×** (${(e.ratios.fullVsSameTableCpu ?? 0).toFixed(2)}×); raw ${e.ratios.fullVsFileWall.toFixed(1)}×, peak ${e.connectFull.peakMiB} MiB; 差分 **${e.ratios.diffShareWall.toFixed(3)}** | [houjin-national.md](houjin-national.md) |`,
    );
  const text = [
    '# Benchmark results',
    '',
    'Ratios first; every suite writes its own JSON and markdown beside this file. Regenerate with',
    '`npm run bench -- --only SUITE --size small|full`, or this index alone with `npm run bench -- --index`',
    '(see bench/README.md). Targets: import ≤ 3× the engine’s own bulk path, peak memory < 2 GB.',
    '',
    '| suite | ratio of | result | details |',
    '|---|---|---|---|',
    ...rows,
    '',
    ...(outcomes.length > 0
      ? [
          '## Last run',
          '',
          '| suite | status | seconds | note |',
          '|---|---|---|---|',
          ...outcomes.map(
            (o) => `| ${o.suite} | ${o.status} | ${o.seconds.toFixed(0)} | ${o.note} |`,
          ),
          '',
        ]
      : []),
  ].join('\n');
  writeFileSync(join(dir, 'README.md'), text);
}

async function main(): Promise<void> {
  const root = resolve(process.cwd());
  const options = parseArgs(process.argv.slice(2));
  const outcomes: SuiteOutcome[] = [];
  for (const suite of options.suites) {
    const started = performance.now();
    const done = (status: SuiteOutcome['status'], note: string) =>
      outcomes.push({ suite, status, note, seconds: (performance.now() - started) / 1000 });
    console.log(`\n=== ${suite} ===`);
    try {
      if (suite === 'demo') {
        const report = await runDemoBench({
          root,
          ...(options.repeats ? { repeats: options.repeats } : {}),
        });
        done(
          'ran',
          `bench/results/demo.md (demo ${report.demo.seconds.toFixed(1)} s, stats ${report.stats.medianSeconds.toFixed(2)} s)`,
        );
      } else if (suite === 'import') {
        const report = await runImportBench({
          size: options.size,
          seed: options.seed,
          engines: options.engines,
          ...(options.postgresUrl ? { postgresUrl: options.postgresUrl } : {}),
          ...(options.repeats ? { repeats: options.repeats } : {}),
          root,
        });
        done(
          'ran',
          `bench/results/import-${options.size}.md${report.skipped.length ? `; ${report.skipped.join('; ')}` : ''}`,
        );
      } else if (suite === 'embedded') {
        const report = await runEmbeddedBench({ root, seed: options.seed });
        const sqliteWins = report.ratios.filter((r) => r.ratio > 1).length;
        done(
          'ran',
          `bench/results/embedded.md (SQLite faster on ${sqliteWins} of ${report.ratios.length})`,
        );
      } else if (suite === 'houjin') {
        const { runHoujinBench } = await import('./houjin/houjin-bench.ts');
        const postgresUrl = options.postgresUrl ?? process.env['TEST_DATABASE_URL'];
        const report = await runHoujinBench({
          rows: options.rows ?? 100_000,
          ...(options.diffRows ? { diffRows: options.diffRows } : {}),
          engines: options.engines,
          ...(postgresUrl ? { postgresUrl } : {}),
          root,
        });
        done(
          'ran',
          `bench/results/houjin-national.md (${report.engines.map((e) => `${e.engine} ${e.ratios.fullVsSameTableWall}× the loader into the same table`).join(', ')})`,
        );
      } else if (suite === 'web') {
        const { runApiBench } = await import('./web/api-bench.ts');
        const report = await runApiBench({ root });
        done('ran', `bench/results/web.md (API p95 within 100 ms: ${report.allMeetTarget})`);
      } else if (suite === 'analytics-e2e') {
        const { runEndToEndBench } = await import('./analytics/end-to-end-bench.ts');
        const postgresUrl = options.postgresUrl ?? process.env.BENCH_DATABASE_URL;
        await runEndToEndBench({
          root,
          sizes: [
            options.size === 'full' ? 'e2e-1m' : options.size === 'tiny' ? 'e2e-30k' : 'e2e-100k',
          ],
          engines: postgresUrl ? options.engines : options.engines.filter((e) => e === 'sqlite'),
          rounds: options.repeats ?? (options.size === 'full' ? 1 : 3),
          reuse: process.argv.includes('--reuse'),
          ...(postgresUrl ? { postgresUrl } : {}),
        });
        done('ran', 'bench/results/analytics-e2e.md');
      } else if (suite === 'pages') {
        const { runPageBench } = await import('./web/page-bench.ts');
        const report = await runPageBench({ root });
        done('ran', `bench/results/pages.md (every page within 1 s: ${report.allPagesMeetTarget})`);
      } else if (suite === 'analytics') {
        const run = await loadOptional<
          (o: { sizes?: string[]; seed?: number; root?: string }) => Promise<unknown>
        >(
          root,
          'bench/analytics/leiden-vs-igraph.ts',
          'bench/analytics/analytics-bench.ts',
          'runAnalyticsBench',
        );
        if (!run) {
          done('skipped', 'bench/analytics/leiden-vs-igraph.ts not present');
          continue;
        }
        await run({
          sizes: [options.size === 'full' ? 'large' : options.size === 'tiny' ? 'tiny' : 'small'],
          seed: options.seed,
          root,
        });
        done('ran', 'bench/results/analytics.md');
      } else {
        const run = await loadOptional<
          (o: { seed?: number; size?: string; root?: string }) => Promise<unknown>
        >(
          root,
          'bench/matching/tokenize-throughput.ts',
          'bench/matching/matching-bench.ts',
          'runMatchingBench',
        );
        if (!run) {
          done('skipped', 'bench/matching/tokenize-throughput.ts not present');
          continue;
        }
        // tiny 10 k, small 100 k, full 1 M seeds (bench/matching/matching-bench.ts).
        await run({ seed: options.seed, size: options.size, root });
        done('ran', `bench/results/matching-${options.size}.md`);
      }
    } catch (error) {
      console.error(error);
      done('failed', (error as Error).message.split('\n')[0] ?? 'failed');
    }
  }
  writeIndex(root, outcomes);
  console.log('\nresults: bench/results/README.md');
  for (const o of outcomes)
    console.log(`  ${o.suite}: ${o.status} (${o.seconds.toFixed(0)} s) ${o.note}`);
  if (outcomes.some((o) => o.status === 'failed')) process.exitCode = 1;
}

await main();
