/**
 * Embedded database choice (docs/decisions/002-embedded-database.md): SQLite through better-sqlite3
 * against PGlite, on the same generated actors and relations: bulk load with a minimal loader for
 * each, then full scans. Each variant runs in its own process (bench/import/embedded-worker.ts) so
 * its peak memory is its own. Writes bench/results/embedded.{json,md}.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { generateImportData, type ImportDataSize } from './generate-data.ts';
import { assertSucceeded, measureProcess } from './measure-process.ts';
import type { EmbeddedSideResult, TimedFigure } from './embedded-worker.ts';

export const EMBEDDED_VARIANTS = [
  'sqlite-1',
  'sqlite-100',
  'pglite-copy',
  'pglite-insert',
] as const;
export type EmbeddedVariant = (typeof EMBEDDED_VARIANTS)[number];

export interface EmbeddedRun extends EmbeddedSideResult {
  readonly variant: EmbeddedVariant;
  readonly peakMiB: number;
  readonly processSeconds: number;
  readonly prepareSeconds: number;
}

export interface EmbeddedBenchReport {
  readonly generatedAt: string;
  readonly machine: { cpus: string; cpuCount: number; memoryGiB: number; node: string };
  readonly loadAverage: { atStart: number; atEnd: number };
  readonly rows: ImportDataSize;
  readonly runs: readonly EmbeddedRun[];
  /** PGlite's best time / SQLite's best time, per measurement (above 1: SQLite faster). */
  readonly ratios: readonly { name: string; sqlite: number; pglite: number; ratio: number }[];
}

export interface EmbeddedBenchOptions {
  readonly rows?: ImportDataSize;
  readonly seed?: number;
  readonly root?: string;
  readonly log?: (line: string) => void;
}

function best(
  runs: readonly EmbeddedRun[],
  prefix: string,
  pick: (r: EmbeddedRun) => TimedFigure[],
  name: string,
): number {
  const times = runs
    .filter((r) => r.variant.startsWith(prefix))
    .map((r) => pick(r).find((f) => f.name === name)?.seconds ?? Number.POSITIVE_INFINITY);
  return Math.min(...times);
}

function seconds(value: number): string {
  if (value < 0.01) return `${(value * 1000).toFixed(2)} ms`;
  if (value < 1) return `${(value * 1000).toFixed(0)} ms`;
  return `${value.toFixed(2)} s`;
}

function renderMarkdown(report: EmbeddedBenchReport): string {
  const lines = [
    `# Embedded database: SQLite (better-sqlite3) vs PGlite — ${report.rows.actors.toLocaleString('en')} actors, ${report.rows.relations.toLocaleString('en')} relations`,
    '',
    '## Ratios (PGlite best / SQLite best; above 1 means SQLite is faster)',
    '',
    '| measurement | SQLite | PGlite | ratio |',
    '|---|---|---|---|',
    ...report.ratios.map(
      (r) =>
        `| ${r.name} | ${seconds(r.sqlite)} | ${seconds(r.pglite)} | **${r.ratio.toFixed(1)}×** |`,
    ),
    '',
    '## Every variant',
    '',
    '| variant | ' +
      report.runs[0]?.loads.map((l) => l.name).join(' | ') +
      ' | ' +
      report.runs[0]?.scans.map((s) => s.name).join(' | ') +
      ' | peak MiB | on disk MiB |',
    '|---|' +
      '---|'.repeat((report.runs[0]?.loads.length ?? 0) + (report.runs[0]?.scans.length ?? 0) + 2),
    ...report.runs.map(
      (r) =>
        `| ${r.variant} | ${r.loads.map((l) => seconds(l.seconds)).join(' | ')} | ${r.scans.map((s) => seconds(s.seconds)).join(' | ')} | ${Math.round(r.peakMiB)} | ${Math.round(r.diskMiB)} |`,
    ),
    '',
    '## Variants',
    '',
    ...report.runs.map((r) => `- **${r.variant}**: ${r.engine}.`),
    '',
    'Both engines get the same rows, prepared in JS from the generated CSV files (no validation), the',
    'migration-1 schema (tables, indexes, foreign keys) and one transaction per table; SQLite with',
    'Musubi’s pragmas (WAL, synchronous=NORMAL, foreign_keys=ON, cache 64 MiB), PGlite with a dataDir on',
    'disk (the persistent mode Musubi would use). Scans: median of 3 after a warm-up. Peak memory is the',
    'whole process, including the prepared rows (the same for both).',
    '',
    `Run ${report.generatedAt}; ${report.machine.cpuCount} × ${report.machine.cpus}, ${report.machine.memoryGiB} GiB, Node ${report.machine.node}; load average ${report.loadAverage.atStart.toFixed(1)} → ${report.loadAverage.atEnd.toFixed(1)} (shared machine).`,
    '',
  ];
  return lines.join('\n');
}

export async function runEmbeddedBench(
  options: EmbeddedBenchOptions = {},
): Promise<EmbeddedBenchReport> {
  const root = resolve(options.root ?? process.cwd());
  const rows = options.rows ?? { actors: 100_000, relations: 500_000 };
  const log = options.log ?? ((line: string) => console.log(line));
  const atStart = loadavg()[0] ?? 0;
  const files = await generateImportData(
    join(root, 'bench', 'tmp', 'import'),
    rows,
    options.seed ?? 1,
    log,
  );
  const dir = join(root, 'bench', 'tmp', 'embedded');
  mkdirSync(dir, { recursive: true });
  const runs: EmbeddedRun[] = [];
  for (const variant of EMBEDDED_VARIANTS) {
    log(`  ${variant} …`);
    const measure = assertSucceeded(
      await measureProcess(
        process.execPath,
        [
          join(root, 'bin/run-ts.mjs'),
          'bench/import/embedded-worker.ts',
          variant,
          files.actorsPath,
          files.relationsPath,
          dir,
        ],
        { cwd: root },
      ),
    );
    const result = JSON.parse(
      measure.stdout.trim().split('\n').pop() ?? '{}',
    ) as EmbeddedSideResult & {
      prepareSeconds: number;
    };
    runs.push({ ...result, variant, peakMiB: measure.peakMiB, processSeconds: measure.seconds });
    log(
      `    ${result.loads.map((l) => `${l.name} ${seconds(l.seconds)}`).join(', ')}; ${result.scans.map((s) => `${s.name} ${seconds(s.seconds)}`).join(', ')}; peak ${Math.round(measure.peakMiB)} MiB`,
    );
  }
  const names = [
    ...(runs[0]?.loads.map((l) => ({ name: l.name, pick: (r: EmbeddedRun) => [...r.loads] })) ??
      []),
    ...(runs[0]?.scans.map((s) => ({ name: s.name, pick: (r: EmbeddedRun) => [...r.scans] })) ??
      []),
  ];
  const ratios = names.map(({ name, pick }) => {
    const sqlite = best(runs, 'sqlite', pick, name);
    const pglite = best(runs, 'pglite', pick, name);
    return { name, sqlite, pglite, ratio: pglite / sqlite };
  });
  const report: EmbeddedBenchReport = {
    generatedAt: new Date().toISOString(),
    machine: {
      cpus: cpus()[0]?.model ?? 'unknown',
      cpuCount: cpus().length,
      memoryGiB: Math.round(totalmem() / 1024 ** 3),
      node: process.version,
    },
    loadAverage: { atStart, atEnd: loadavg()[0] ?? 0 },
    rows,
    runs,
    ratios,
  };
  const resultsDir = join(root, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'embedded.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(resultsDir, 'embedded.md'), renderMarkdown(report));
  return report;
}
