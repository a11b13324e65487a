/**
 * `musubi demo` and `musubi stats --json` as a user runs them: child processes of bin/musubi.mjs on
 * a fresh embedded database. Targets (issue 2): demo under 60 s, stats under 1 s. The reference for
 * stats is the sqlite3 command line counting the same tables in one process.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertSucceeded, measureProcess } from '../import/measure-process.ts';

export interface DemoBenchReport {
  measuredAt: string;
  demo: { seconds: number; peakMiB: number; targetSeconds: 60 };
  stats: { medianSeconds: number; runs: number[]; targetSeconds: 1 };
  sqlite3Counts?: { medianSeconds: number; ratio: number };
  counts: Record<string, number>;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

function hasSqlite3(): boolean {
  try {
    execFileSync('sqlite3', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const COUNT_SQL = `select count(*) from actors; select count(*) from relations; select count(*) from seeds;
select count(*) from needs; select count(*) from projects; select count(*) from programmes;
select count(*) from adoptions; select count(*) from funding_flows; select count(*) from support_measures;
select count(*) from case_stories; select count(*) from indicators;
select count(distinct prefecture_code) from actors;`;

export async function runDemoBench(options: {
  root: string;
  repeats?: number;
}): Promise<DemoBenchReport> {
  const dir = mkdtempSync(join(tmpdir(), 'musubi-bench-demo-'));
  const db = join(dir, 'demo.sqlite');
  const cli = join(options.root, 'bin', 'musubi.mjs');
  const repeats = options.repeats ?? 7;
  try {
    const demo = assertSucceeded(await measureProcess('node', [cli, 'demo', '--db', db]));
    console.log(`demo: ${demo.seconds.toFixed(1)} s, peak ${Math.round(demo.peakMiB)} MiB`);
    const runs: number[] = [];
    let counts: Record<string, number> = {};
    for (let i = 0; i < repeats; i++) {
      const stats = assertSucceeded(
        await measureProcess('node', [cli, 'stats', '--json', '--db', db]),
      );
      runs.push(stats.seconds);
      counts = JSON.parse(stats.stdout) as Record<string, number>;
    }
    const statsMedian = median(runs);
    console.log(`stats: median ${statsMedian.toFixed(2)} s over ${repeats} runs`);
    const report: DemoBenchReport = {
      measuredAt: new Date().toISOString(),
      demo: { seconds: demo.seconds, peakMiB: demo.peakMiB, targetSeconds: 60 },
      stats: { medianSeconds: statsMedian, runs, targetSeconds: 1 },
      counts,
    };
    if (hasSqlite3()) {
      const reference: number[] = [];
      for (let i = 0; i < repeats; i++)
        reference.push(assertSucceeded(await measureProcess('sqlite3', [db, COUNT_SQL])).seconds);
      const referenceMedian = median(reference);
      report.sqlite3Counts = {
        medianSeconds: referenceMedian,
        ratio: statsMedian / referenceMedian,
      };
    }
    writeDemoReport(options.root, report);
    return report;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function writeDemoReport(root: string, report: DemoBenchReport): void {
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'demo.json'), `${JSON.stringify(report, null, 2)}\n`);
  const ok = (value: number, target: number) => (value < target ? '✅' : '❌');
  const lines = [
    '# `musubi demo` and `musubi stats` (embedded database)',
    '',
    'Child processes of `node bin/musubi.mjs`, as a user runs them, on a fresh SQLite file.',
    '',
    '| command | seconds | target | peak MiB |',
    '|---|---|---|---|',
    `| musubi demo | ${report.demo.seconds.toFixed(1)} | < 60 ${ok(report.demo.seconds, 60)} | ${Math.round(report.demo.peakMiB)} |`,
    `| musubi stats --json (median of ${report.stats.runs.length}) | ${report.stats.medianSeconds.toFixed(2)} | < 1 ${ok(report.stats.medianSeconds, 1)} | |`,
    ...(report.sqlite3Counts
      ? [
          `| sqlite3 CLI, the same counts (median) | ${report.sqlite3Counts.medianSeconds.toFixed(2)} | reference: stats is **${report.sqlite3Counts.ratio.toFixed(1)}×** | |`,
        ]
      : []),
    '',
    `Counts: ${Object.entries(report.counts)
      .map(([k, v]) => `${k} ${v.toLocaleString('en')}`)
      .join(', ')}.`,
    '',
    `Measured ${report.measuredAt}.`,
    '',
  ];
  writeFileSync(join(dir, 'demo.md'), lines.join('\n'));
}
