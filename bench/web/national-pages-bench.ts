/**
 * The analysis pages at national scale (issue 16 point 4: under 3 s at 1 M organisations, once the
 * analyses are computed for the data): `musubi start` on a copy of the planted 1 M-organisation
 * database of the communities bench (bench/analytics, `--sizes e2e-1m`), its first answer, the
 * warm-up followed through `GET /api/analyses/progress` until it finishes, then each analysis page of
 * the web app (its requests together, as the page sends them) asked for the first time and again,
 * and the server's peak memory. Writes bench/results/national-pages.{json,md}.
 *   node bin/run-ts.mjs bench/web/run-national-pages.ts [--db PATH] [--wait-minutes 60]
 */
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { startCli, stop } from './page-bench.ts';
import { analysisPages, timePage, type TimedRequests } from './page-journeys.ts';

export const TARGET_NATIONAL_PAGE_SECONDS = 3;

interface ProgressSample {
  atSeconds: number;
  done: number;
  total: number;
  computing: string[];
  peakMiB: number;
}

export interface NationalPagesReport {
  when: string;
  machine: string;
  database: string;
  load: { before: number; after: number };
  firstAnswerSeconds: number;
  /** From spawning the server until its warm-up finished (null: not within the wait). */
  warmUpSeconds: number | null;
  progress: ProgressSample[];
  pages: { first: TimedRequests; again: TimedRequests; meetsTarget: boolean }[];
  peakMiB: number;
}

/** The server process's peak resident memory (its worker threads included). */
function peakMiBOf(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return Math.round(kib / 1024);
  } catch {
    return 0;
  }
}

async function progressOf(url: string) {
  const response = await fetch(new URL('api/analyses/progress', url), {
    signal: AbortSignal.timeout(60_000),
  });
  return (await response.json()) as {
    warmUp: { total: number; done: number; finishedAt: string | null } | null;
    computing: string[];
  };
}

export async function runNationalPagesBench(options: {
  root: string;
  database: string;
  waitMinutes: number;
}): Promise<NationalPagesReport> {
  if (!existsSync(options.database))
    throw new Error(
      `${options.database} is missing: run the communities bench at e2e-1m on SQLite first`,
    );
  const work = join(options.root, 'bench', 'tmp', 'national-pages');
  mkdirSync(work, { recursive: true });
  const copy = join(work, 'national.sqlite');
  for (const suffix of ['', '-wal', '-shm']) rmSync(copy + suffix, { force: true });
  copyFileSync(options.database, copy);
  const loadBefore = loadavg()[0] ?? 0;
  const started = await startCli(options.root, copy);
  const pid = started.child.pid;
  try {
    let firstAnswerSeconds = Number.NaN;
    for (;;) {
      try {
        await fetch(new URL('api/health', started.url));
        firstAnswerSeconds = (performance.now() - started.spawnedAt) / 1000;
        break;
      } catch {
        await new Promise((done) => setTimeout(done, 50));
      }
    }
    const progress: ProgressSample[] = [];
    let warmUpSeconds: number | null = null;
    const deadline = performance.now() + options.waitMinutes * 60_000;
    while (performance.now() < deadline) {
      const now = await progressOf(started.url);
      const atSeconds = (performance.now() - started.spawnedAt) / 1000;
      const last = progress.at(-1);
      if (last?.done !== now.warmUp?.done || last?.computing.join() !== now.computing.join())
        progress.push({
          atSeconds: Math.round(atSeconds),
          done: now.warmUp?.done ?? 0,
          total: now.warmUp?.total ?? 0,
          computing: now.computing,
          peakMiB: peakMiBOf(pid),
        });
      if (now.warmUp?.finishedAt) {
        warmUpSeconds = Math.round(atSeconds);
        break;
      }
      await new Promise((done) => setTimeout(done, 2000));
    }
    const communities = (await (
      await fetch(new URL('api/web/communities', started.url), {
        signal: AbortSignal.timeout(600_000),
      })
    ).json()) as { communities?: { id: string }[] };
    const list = communities.communities ?? [];
    const community = list[0]?.id ?? 'c1';
    // The warm-up prepares the largest community; one from the middle of the list is not prepared.
    const another = list[Math.floor(list.length / 2)]?.id ?? 'c2';
    const pages = [];
    for (const page of [
      ...analysisPages(community),
      // Point 4's other pages: on the planted network (no projects or programmes) they are
      // computed from the network and the empty project tables.
      { name: 'continuation', requests: [{ path: '/api/analyses/continuation' }] },
      { name: 'portfolio (Tokyo)', requests: [{ path: '/api/portfolio/projects?prefecture=13' }] },
      { name: 'region report (Tokyo)', requests: [{ path: '/api/reports/region?prefecture=13' }] },
      {
        name: `another community (${another}, not warmed)`,
        requests: [
          { path: `/api/web/summary?community=${another}` },
          { path: `/api/analyses/gap-fill?community=${another}` },
        ],
      },
    ]) {
      const first = await timePage(started.url, page.name, page.requests);
      const again = await timePage(started.url, page.name, page.requests);
      pages.push({
        first: { ...first, answers: undefined },
        again: { ...again, answers: undefined },
        meetsTarget: first.seconds <= TARGET_NATIONAL_PAGE_SECONDS && first.status === 200,
      });
    }
    return {
      when: new Date().toISOString(),
      machine: `${cpus()[0]?.model ?? 'unknown'} (${cpus().length} CPUs, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB), Node ${process.version}`,
      database: options.database,
      load: { before: loadBefore, after: loadavg()[0] ?? 0 },
      firstAnswerSeconds: Math.round(firstAnswerSeconds * 1000) / 1000,
      warmUpSeconds,
      progress,
      pages: pages.map((p) => ({
        first: stripAnswers(p.first),
        again: stripAnswers(p.again),
        meetsTarget: p.meetsTarget,
      })),
      peakMiB: peakMiBOf(pid),
    };
  } finally {
    await stop(started.child);
  }
}

function stripAnswers(timed: TimedRequests & { answers?: unknown }): TimedRequests {
  const { name, requests, status, seconds } = timed;
  return { name, requests, status, seconds };
}

export function writeNationalPagesReport(root: string, report: NationalPagesReport): void {
  const results = join(root, 'bench', 'results');
  writeFileSync(join(results, 'national-pages.json'), `${JSON.stringify(report, null, 2)}\n`);
  const lines = [
    '# Analysis pages at 1 M organisations (issue 16 point 4)',
    '',
    `Measured ${report.when} on ${report.machine}; load average ${report.load.before.toFixed(1)} before, ${report.load.after.toFixed(1)} after.`,
    `Database: a copy of \`${report.database}\` (planted network: 1 M organisations, about 10 M ties; no seeds, needs or projects).`,
    `Target: each page within ${TARGET_NATIONAL_PAGE_SECONDS} s once the analyses are computed for the data (the warm-up after a start or a data load; \`GET /api/analyses/progress\` says how far it is).`,
    '',
    `First answer after \`musubi start\`: ${report.firstAnswerSeconds} s. Warm-up finished after ${report.warmUpSeconds === null ? '**not within the wait**' : `${report.warmUpSeconds} s`}. Server peak memory: ${report.peakMiB} MiB.`,
    '',
    '| page | requests | first ask (s) | again (s) | status | within target |',
    '|---|---|---:|---:|---|---|',
    ...report.pages.map(
      (p) =>
        `| ${p.first.name} | ${p.first.requests.join('<br>')} | ${p.first.seconds} | ${p.again.seconds} | ${p.first.status} | ${p.meetsTarget ? 'yes' : '**no**'} |`,
    ),
    '',
    '## Warm-up, as `GET /api/analyses/progress` told it',
    '',
    '| at (s) | done / total | computing | server peak (MiB) |',
    '|---:|---|---|---:|',
    ...report.progress.map(
      (s) =>
        `| ${s.atSeconds} | ${s.done} / ${s.total} | ${s.computing.join(', ')} | ${s.peakMiB} |`,
    ),
  ];
  writeFileSync(join(results, 'national-pages.md'), `${lines.join('\n')}\n`);
}
