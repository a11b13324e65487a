/**
 * Pages that compute, on the demo (issue 16 point 4, issue 11 "Speed"): `musubi start` on a
 * database that already holds the demo (a fresh data dir: no analysis kept yet) and on an empty one
 * (it loads the demo first) until its first answer; each analysis page of the web app (its requests
 * together, as the page sends them) right after start (cold), again (warm) and right after a
 * restart on the same data (answers kept in the database); each role's journey, page by page; then
 * each computing endpoint's answer time after the restart, first request and next. Targets: start
 * within 5 s on a database holding the demo, every page within 1 s. The server is the real CLI
 * (`node bin/musubi.mjs start`) in its own process. Writes bench/results/pages.json and pages.md.
 * `--cold-only`: only the start on a fresh data dir and the analysis pages right after it and again
 * (no empty database, journeys or restart), written to pages-LABEL.{json,md}.
 *   node bin/run-ts.mjs bench/web/run-page-bench.ts [--label NAME] [--cold-only]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { systemClock } from '#core/ports.ts';
import { openDatabase } from '#db/open-database.ts';
import { createDemoAccounts } from '#demo/demo-accounts.ts';
import { createDemoWorkflow } from '#demo/demo-workflow.ts';
import { loadDemoEcosystem } from '#demo/load-demo-ecosystem.ts';
import {
  analysisPages,
  timeJourneys,
  timePage,
  type JourneyTime,
  type TimedRequests,
} from './page-journeys.ts';

export const TARGET_PAGE_SECONDS = 1;
export const TARGET_START_SECONDS = 5;

export interface PageTime {
  name: string;
  path: string;
  status: number;
  coldSeconds: number;
  warmSeconds: number;
  meetsTarget: boolean;
}

export interface StartTime {
  /** warm: holds the demo, nothing kept yet; restart: the same again, answers kept; cold: empty. */
  database: 'warm' | 'cold' | 'restart';
  /** From spawning the process to the line that gives the URL. */
  listeningSeconds: number;
  /** From spawning the process to the first answer of `/api/health`. */
  firstAnswerSeconds: number;
  /** From spawning the process to the first answer of the home page's data (`/api/web/summary`). */
  homeDataSeconds: number;
  meetsTarget?: boolean;
}

export interface PageBenchReport {
  label: string;
  when: string;
  machine: { cpus: number; loadBefore: number };
  targets: { pageSeconds: number; startSeconds: number };
  start: StartTime[];
  /** The web app's analysis pages: right after start, again, and right after a restart. */
  views: { cold: TimedRequests[]; warm: TimedRequests[]; restart: TimedRequests[] };
  journeys: JourneyTime[];
  pages: PageTime[];
  allPagesMeetTarget: boolean;
}

interface Started {
  child: ChildProcess;
  url: string;
  spawnedAt: number;
  listeningSeconds: number;
}

export function startCli(root: string, database: string): Promise<Started> {
  const spawnedAt = performance.now();
  const child = spawn(
    process.execPath,
    [join(root, 'bin', 'musubi.mjs'), 'start', '--db', database, '--port', '0'],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout ?? process.stdin });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('musubi start gave no URL in 180 s')), 180_000);
    child.once('exit', (code) => reject(new Error(`musubi start exited (${code})`)));
    lines.on('line', (line) => {
      const match = /at (http:\/\/\S+)/.exec(line);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve({
        child,
        url: match[1],
        spawnedAt,
        listeningSeconds: (performance.now() - spawnedAt) / 1000,
      });
    });
  });
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}

async function timed(url: string, path: string): Promise<{ seconds: number; status: number }> {
  const started = performance.now();
  try {
    const response = await fetch(new URL(path, url), { signal: AbortSignal.timeout(180_000) });
    await response.arrayBuffer();
    return { seconds: (performance.now() - started) / 1000, status: response.status };
  } catch {
    // No answer within 180 s: recorded as status 0 with the time waited.
    return { seconds: (performance.now() - started) / 1000, status: 0 };
  }
}

/** Polls until `path` answers (any status), returning the seconds since the process started. */
async function firstAnswer(started: Started, path: string): Promise<number> {
  for (;;) {
    try {
      const response = await fetch(new URL(path, started.url), {
        signal: AbortSignal.timeout(180_000),
      });
      await response.arrayBuffer();
      return (performance.now() - started.spawnedAt) / 1000;
    } catch {
      await new Promise((done) => setTimeout(done, 50));
    }
  }
}

async function json<T>(url: string, path: string): Promise<T> {
  const response = await fetch(new URL(path, url));
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** The computing pages, with the parameters the web app asks by default. */
async function pagesOf(url: string): Promise<{ name: string; path: string }[]> {
  const communities = await json<{ communities: { id: string }[] }>(url, 'api/web/communities');
  const community = communities.communities[0]?.id ?? 'c1';
  const projects = await json<{ items: { id: string }[] }>(url, 'api/projects?limit=1');
  const project = projects.items[0]?.id ?? '';
  const actors = await json<{ items: { id: string }[] }>(url, 'api/actors?limit=1');
  const actor = actors.items[0]?.id ?? '';
  return [
    { name: 'continuation', path: '/api/analyses/continuation' },
    { name: 'portfolio (Tokyo)', path: '/api/portfolio/projects?prefecture=13' },
    {
      name: 'project health',
      path: `/api/portfolio/projects/${encodeURIComponent(project)}/health`,
    },
    { name: 'region report (Tokyo)', path: '/api/reports/region?prefecture=13' },
    { name: 'gap filling', path: `/api/analyses/gap-fill?community=${community}` },
    { name: 'brokers', path: '/api/analyses/brokers' },
    { name: 'strengths (Shizuoka)', path: '/api/analyses/strengths?prefecture=22' },
    { name: 'region strategy (Shizuoka)', path: '/api/analyses/region-strategy?prefecture=22' },
    { name: 'money (Shizuoka)', path: '/api/analyses/money?prefecture=22' },
    { name: 'people (Shizuoka)', path: '/api/analyses/people?prefecture=22' },
    { name: 'support fit', path: `/api/support/fit?actor=${encodeURIComponent(actor)}` },
    { name: 'case factors', path: '/api/case-library/factors' },
    { name: 'roles (communities view)', path: '/api/web/communities' },
  ];
}

async function measureStart(
  root: string,
  database: string,
  kind: StartTime['database'],
  holdsDemo = false,
): Promise<{ time: StartTime; started: Started }> {
  const started = await startCli(root, database);
  const firstAnswerSeconds = await firstAnswer(started, 'api/health');
  const homeDataSeconds = await firstAnswer(started, 'api/web/summary');
  return {
    started,
    time: {
      database: kind,
      listeningSeconds: round(started.listeningSeconds),
      firstAnswerSeconds: round(firstAnswerSeconds),
      homeDataSeconds: round(homeDataSeconds),
      ...(holdsDemo ? { meetsTarget: firstAnswerSeconds <= TARGET_START_SECONDS } : {}),
    },
  };
}

function report(result: PageBenchReport): string {
  const s = (n: number) => n.toFixed(2);
  return [
    `# Computing pages and start (${result.label})`,
    '',
    `${result.when}; ${result.machine.cpus} cores, load ${result.machine.loadBefore} before.`,
    `Targets: every page within ${result.targets.pageSeconds} s on the demo, \`musubi start\` on a database`,
    `that holds the demo answering within ${result.targets.startSeconds} s.`,
    '',
    '## `musubi start` to first answer',
    '',
    '| database | URL printed (s) | first answer, /api/health (s) | home data, /api/web/summary (s) | target met |',
    '|---|---|---|---|---|',
    ...result.start.map(
      (t) =>
        `| ${t.database === 'warm' ? 'holds the demo (fresh data dir)' : t.database === 'restart' ? 'the same, restarted (answers kept)' : 'empty (loads the demo)'} | ${s(t.listeningSeconds)} | ${s(t.firstAnswerSeconds)} | ${s(t.homeDataSeconds)} | ${t.meetsTarget === undefined ? '–' : t.meetsTarget ? 'yes' : '**no**'} |`,
    ),
    '',
    '## Analysis pages of the web app (their requests together, until the last answer)',
    '',
    '| page | requests | cold: right after start (s) | warm (s) | after a restart (s) | status |',
    '|---|---|---|---|---|---|',
    ...result.views.cold.map((cold, i) => {
      const warm = result.views.warm[i];
      const restart = result.views.restart[i];
      return `| ${cold.name} | ${cold.requests.map((r) => `\`${r}\``).join('<br>')} | ${s(cold.seconds)} | ${warm ? s(warm.seconds) : '–'} | ${restart ? s(restart.seconds) : '–'} | ${cold.status} |`;
    }),
    '',
    "## Journeys by role (warm server; each page its requests together, with the header's)",
    '',
    ...result.journeys.flatMap((j) => [
      `### ${j.role}: ${s(j.totalSeconds)} s`,
      '',
      '| page | requests | status | time (s) |',
      '|---|---|---|---|',
      ...j.steps.map(
        (step) =>
          `| ${step.name} | ${step.requests.map((r) => `\`${r}\``).join('<br>')} | ${step.status} | ${s(step.seconds)} |`,
      ),
      '',
    ]),
    '## Computing endpoints after a restart (first request, then again)',
    '',
    `All within ${result.targets.pageSeconds} s: **${result.allPagesMeetTarget ? 'yes' : 'no'}**.`,
    '',
    '| page | path | status | cold (s) | warm (s) | target met |',
    '|---|---|---|---|---|---|',
    ...result.pages.map(
      (p) =>
        `| ${p.name} | \`${p.path}\` | ${p.status} | ${s(p.coldSeconds)} | ${s(p.warmSeconds)} | ${p.meetsTarget ? 'yes' : '**no**'} |`,
    ),
    '',
  ].join('\n');
}

export async function prepareDemo(path: string): Promise<void> {
  if (existsSync(path)) return;
  const database = await openDatabase(path);
  try {
    await loadDemoEcosystem(database.repos, { seed: 1 });
    await createDemoAccounts(database.repos, { clock: systemClock });
    await createDemoWorkflow(database.repos, { clock: systemClock });
  } finally {
    await database.close();
  }
}

/**
 * A copy of the demo as a fresh data dir would hold it right after loading: no analysis answer and
 * no network snapshot kept.
 */
async function forgetKeptAnswers(path: string): Promise<void> {
  const database = await openDatabase(path);
  try {
    await database.client.run('DELETE FROM analysis_results');
    await database.client.run('DELETE FROM graph_snapshot_chunks');
  } finally {
    await database.close();
  }
}

export async function runPageBench(
  options: { root?: string; label?: string; coldOnly?: boolean } = {},
): Promise<PageBenchReport> {
  const root = options.root ?? process.cwd();
  // A partial run never replaces the full report (pages.md).
  const label = options.label ?? (options.coldOnly ? 'cold' : 'current');
  const workDir = join(root, 'bench', 'tmp', 'pages');
  mkdirSync(workDir, { recursive: true });
  const demo = join(workDir, 'demo.sqlite');
  await prepareDemo(demo);
  const loadBefore = Math.round((loadavg()[0] ?? 0) * 10) / 10;

  const starts: StartTime[] = [];
  if (!options.coldOnly) {
    const emptyDb = join(workDir, 'empty.sqlite');
    for (const suffix of ['', '-wal', '-shm']) rmSync(emptyDb + suffix, { force: true });
    const cold = await measureStart(root, emptyDb, 'cold');
    await stop(cold.started.child);
    console.log(`start, empty database: first answer ${cold.time.firstAnswerSeconds} s`);
    starts.push(cold.time);
  }

  // A fresh data dir holding the demo: nothing computed or kept yet.
  const fresh = join(workDir, 'fresh.sqlite');
  for (const suffix of ['', '-wal', '-shm']) rmSync(fresh + suffix, { force: true });
  copyFileSync(demo, fresh);
  await forgetKeptAnswers(fresh);
  const warm = await measureStart(root, fresh, 'warm', true);
  console.log(`start, demo database: first answer ${warm.time.firstAnswerSeconds} s`);
  const views: PageBenchReport['views'] = { cold: [], warm: [], restart: [] };
  let journeys: JourneyTime[] = [];
  const timeViews = async (url: string, into: TimedRequests[], phase: string) => {
    const communities = await json<{ communities: { id: string }[] }>(url, 'api/web/communities');
    for (const page of analysisPages(communities.communities[0]?.id ?? 'c1')) {
      const { answers: _answers, ...timed } = await timePage(url, page.name, page.requests);
      console.log(`${phase} ${page.name}: ${timed.status} ${timed.seconds} s`);
      into.push(timed);
    }
  };
  try {
    await timeViews(warm.started.url, views.cold, 'cold');
    await timeViews(warm.started.url, views.warm, 'warm');
    if (!options.coldOnly) journeys = await timeJourneys(warm.started.url);
    for (const j of journeys) console.log(`journey ${j.role}: ${j.totalSeconds} s`);
  } finally {
    await stop(warm.started.child);
  }

  const pages: PageTime[] = [];
  const restartTimes: StartTime[] = [];
  if (!options.coldOnly) {
    const restart = await measureStart(root, fresh, 'restart', true);
    console.log(`restart: first answer ${restart.time.firstAnswerSeconds} s`);
    restartTimes.push(restart.time);
    try {
      await timeViews(restart.started.url, views.restart, 'after restart');
      for (const page of await pagesOf(restart.started.url)) {
        const first = await timed(restart.started.url, page.path);
        const second = await timed(restart.started.url, page.path);
        const time: PageTime = {
          ...page,
          status: first.status,
          coldSeconds: round(first.seconds),
          warmSeconds: round(second.seconds),
          meetsTarget: Math.max(first.seconds, second.seconds) <= TARGET_PAGE_SECONDS,
        };
        console.log(
          `${page.name}: ${time.status} cold ${time.coldSeconds} s, warm ${time.warmSeconds} s`,
        );
        pages.push(time);
      }
    } finally {
      await stop(restart.started.child);
    }
  }
  const result: PageBenchReport = {
    label,
    when: new Date().toISOString(),
    machine: { cpus: cpus().length, loadBefore },
    targets: { pageSeconds: TARGET_PAGE_SECONDS, startSeconds: TARGET_START_SECONDS },
    start: [warm.time, ...restartTimes, ...starts],
    views,
    journeys,
    pages,
    allPagesMeetTarget:
      pages.every((p) => p.meetsTarget) &&
      views.warm.every((v) => v.seconds <= TARGET_PAGE_SECONDS),
  };
  const out = join(root, 'bench', 'results');
  mkdirSync(out, { recursive: true });
  const name = label === 'current' ? 'pages' : `pages-${label}`;
  writeFileSync(join(out, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(out, `${name}.md`), report(result));
  return result;
}
