/**
 * Load with matching saturated (issue 12, M2): for a set duration, at the same time,
 *   - 50 clients on lists and searches (anonymous and a signed-in coordinator),
 *   - 2 clients on /api/health,
 *   - 30 clients asking for matches (reverse matches of seeds and written needs, anonymous),
 * against the demo ecosystem served by `api-server.ts` in its own process (search rate limit
 * lifted, so only matching's own bounded queue stands between the clients and the workers).
 * Targets: health and list p95 < 100 ms; every match answered (200) or refused with 429; no
 * 5xx, no connection errors; the server's live heap (after full collections) stable. Its RSS is
 * sampled and reported: V8 lets the heap grow between collections, so RSS alone cannot tell a leak.
 *   node bin/run-ts.mjs bench/web/run-saturation-bench.ts [--seconds 600] [--sample 5] [--scale 1]
 * Writes bench/results/web-saturation.json and web-saturation.md.
 */
import autocannon from 'autocannon';
import { readFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '#core/ports.ts';
import { openDatabase } from '#db/open-database.ts';
import { createDemoAccounts, DEMO_ACCOUNTS } from '#demo/demo-accounts.ts';
import { loadDemoEcosystem } from '#demo/load-demo-ecosystem.ts';
import { startServerProcess } from './api-bench.ts';

export interface SaturationBenchOptions {
  root?: string;
  /** Measured seconds (default 600). */
  seconds?: number;
  /** RSS sampling interval in seconds (default 5). */
  sampleSeconds?: number;
  scale?: number;
  listClients?: number;
  matchClients?: number;
  /** Result file name in bench/results (default web-saturation). */
  resultName?: string;
}

interface StreamResult {
  readonly name: string;
  readonly connections: number;
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly statuses: Record<string, number>;
  /** Connection errors and timeouts (autocannon `errors`). */
  readonly errors: number;
  readonly latencyMs: { p50: number; p95: number; p99: number; max: number };
}

const TARGET_P95_MS = 100;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, index)] ?? 0) * 10) / 10;
}

function stream(
  name: string,
  url: string,
  requests: autocannon.Request[],
  connections: number,
  seconds: number,
): Promise<StreamResult> {
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url, connections, duration: seconds, requests, timeout: 30 },
      (error, done) => {
        if (error) {
          reject(error);
          return;
        }
        const sorted = times.sort((a, b) => a - b);
        resolve({
          name,
          connections,
          requests: done.requests.total,
          requestsPerSecond: Math.round(done.requests.total / seconds),
          statuses,
          errors: done.errors,
          latencyMs: {
            p50: percentile(sorted, 50),
            p95: percentile(sorted, 95),
            p99: percentile(sorted, 99),
            max: percentile(sorted, 100),
          },
        });
      },
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      times.push(responseTime);
      statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
    });
  });
}

function rssMiB(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kb === undefined ? undefined : Math.round(Number(kb) / 1024);
  } catch {
    return undefined;
  }
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

export async function runSaturationBench(options: SaturationBenchOptions = {}) {
  const root = options.root ?? process.cwd();
  const seconds = options.seconds ?? 600;
  const sampleSeconds = options.sampleSeconds ?? 5;
  const scale = options.scale ?? 1;
  const listClients = options.listClients ?? 50;
  const matchClients = options.matchClients ?? 30;
  const workDir = join(root, 'bench', 'tmp', 'web-saturation');
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const databasePath = join(workDir, 'bench.sqlite');

  const database = await openDatabase(databasePath);
  const loaded = await loadDemoEcosystem(database.repos, { scale });
  await createDemoAccounts(database.repos, { clock: systemClock });
  await database.close();
  console.log(
    `demo at scale ${scale}: ${loaded.counts.actors} actors, ${loaded.counts.seeds} seeds`,
  );

  /** The server's heap after each full collection (its live data), from its own log. */
  const heapAfterGc: { atSeconds: number; mib: number }[] = [];
  let measuring: number | undefined;
  const { url, child } = await startServerProcess(root, databasePath, {
    env: { MUSUBI_BENCH_MEMORY_LOG: '1' },
    onLine: (line) => {
      if (measuring === undefined || !line.startsWith('memory ')) return;
      const { heapUsedMiB } = JSON.parse(line.slice('memory '.length)) as { heapUsedMiB: number };
      heapAfterGc.push({
        atSeconds: Math.round((performance.now() - measuring) / 1000),
        mib: heapUsedMiB,
      });
    },
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('no server process id');
  const loadBefore = Math.round((loadavg()[0] ?? 0) * 10) / 10;
  try {
    const coordinator = DEMO_ACCOUNTS.find((a) => a.key === 'coordinator');
    const signIn = await fetch(new URL('api/auth/sign-in', url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: coordinator?.email, password: coordinator?.password }),
    });
    if (!signIn.ok) throw new Error(`sign-in failed: ${signIn.status}`);
    const cookie = signIn.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
    // Wait for the web views' snapshot and the matching index (both start in the background).
    await (await fetch(new URL('api/web/meta', url))).arrayBuffer();
    const seeds = (await (await fetch(new URL('api/seeds?limit=20', url))).json()) as {
      items: { id: string }[];
    };
    const warm = await fetch(new URL(`api/seeds/${seeds.items[0]?.id ?? ''}/matches`, url));
    if (!warm.ok) throw new Error(`matching did not answer: ${warm.status}`);
    await warm.arrayBuffer();

    const q = encodeURIComponent('排水');
    const signedIn = { cookie, accept: 'application/json' };
    const lists: autocannon.Request[] = [
      { method: 'GET', path: '/api/actors?limit=50' },
      { method: 'GET', path: '/api/seeds?limit=50&sort=-trl' },
      { method: 'GET', path: `/api/seeds?limit=20&q=${q}` },
      { method: 'GET', path: `/api/actors?limit=20&q=${encodeURIComponent('大学')}` },
      { method: 'GET', path: '/api/needs?limit=50', headers: signedIn },
      { method: 'GET', path: `/api/needs?limit=20&q=${q}`, headers: signedIn },
      { method: 'GET', path: '/api/relations?limit=50' },
      { method: 'GET', path: '/api/projects?limit=50' },
    ];
    const texts = [
      'めっき工程の排水から銅を回収したい',
      '工場の省エネと排熱の再利用を進めたい',
      '農産物の鮮度を画像で判定したい',
    ];
    const matches: autocannon.Request[] = [
      ...seeds.items.map((s) => ({ method: 'GET' as const, path: `/api/seeds/${s.id}/matches` })),
      ...texts.map((text) => ({
        method: 'POST' as const,
        path: '/api/matching/needs',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text, limit: 10 }),
      })),
    ];

    const rss: { atSeconds: number; mib: number }[] = [];
    const started = performance.now();
    measuring = started;
    const sampler = setInterval(() => {
      const mib = rssMiB(pid);
      if (mib !== undefined)
        rss.push({ atSeconds: Math.round((performance.now() - started) / 1000), mib });
    }, sampleSeconds * 1000);
    const [listStream, healthStream, matchStream] = await Promise.all([
      stream('lists and searches', url, lists, listClients, seconds),
      stream('health', url, [{ method: 'GET', path: '/api/health' }], 2, seconds),
      // No matching clients: the same load without matching, for comparison.
      matchClients > 0
        ? stream('matching (reverse and written needs)', url, matches, matchClients, seconds)
        : undefined,
    ]).finally(() => clearInterval(sampler));
    const streams = [listStream, healthStream, ...(matchStream ? [matchStream] : [])];

    // Stable: the last third's mean within 10 % of the second third's (the first is warm-up).
    const third = Math.max(1, Math.floor(rss.length / 3));
    const middle = mean(rss.slice(third, 2 * third).map((r) => r.mib));
    const last = mean(rss.slice(-third).map((r) => r.mib));
    const growth = middle > 0 ? (last - middle) / middle : 0;
    // No leak: the live heap (after full collections) of the last third within 10 % of the
    // middle third's. The RSS is reported: V8 grows its heap between collections as it likes.
    const inThird = (from: number, to: number) =>
      heapAfterGc.filter((h) => h.atSeconds >= from && h.atSeconds < to).map((h) => h.mib);
    const heapMiddle = mean(inThird(seconds / 3, (2 * seconds) / 3));
    const heapLast = mean(inThird((2 * seconds) / 3, Infinity));
    const heapGrowth = heapMiddle > 0 ? (heapLast - heapMiddle) / heapMiddle : Infinity;
    const fiveXX = (s: StreamResult) =>
      Object.entries(s.statuses)
        .filter(([code]) => code.startsWith('5'))
        .reduce((sum, [, n]) => sum + n, 0);
    const matchOther = Object.entries(matchStream?.statuses ?? {})
      .filter(([code]) => code !== '200' && code !== '429')
      .reduce((sum, [, n]) => sum + n, 0);
    const checks = {
      healthP95: healthStream.latencyMs.p95 < TARGET_P95_MS,
      listP95: listStream.latencyMs.p95 < TARGET_P95_MS,
      matchingAnsweredOr429: matchOther === 0,
      no5xx: streams.every((s) => fiveXX(s) === 0),
      noConnectionErrors: streams.every((s) => s.errors === 0),
      liveHeapStable: heapGrowth < 0.1,
    };
    const report = {
      date: new Date().toISOString(),
      machine: { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? '' },
      loadAverage: { before: loadBefore, after: Math.round((loadavg()[0] ?? 0) * 10) / 10 },
      demo: {
        scale,
        actors: loaded.counts.actors,
        seeds: loaded.counts.seeds,
        needs: loaded.counts.needs,
      },
      seconds,
      sampleSeconds,
      matchClients,
      streams,
      rss: {
        samples: rss,
        minMiB: Math.min(...rss.map((r) => r.mib)),
        maxMiB: Math.max(...rss.map((r) => r.mib)),
        middleThirdMeanMiB: Math.round(middle),
        lastThirdMeanMiB: Math.round(last),
        growth: Math.round(growth * 1000) / 1000,
      },
      heapAfterFullGc: {
        samples: heapAfterGc,
        middleThirdMeanMiB: Math.round(heapMiddle),
        lastThirdMeanMiB: Math.round(heapLast),
        growth: Number.isFinite(heapGrowth) ? Math.round(heapGrowth * 1000) / 1000 : null,
      },
      targetP95Ms: TARGET_P95_MS,
      checks,
      allMet: Object.values(checks).every(Boolean),
    };
    writeResults(root, report, options.resultName ?? 'web-saturation');
    return report;
  } finally {
    child.kill('SIGTERM');
  }
}

type SaturationReport = Awaited<ReturnType<typeof runSaturationBench>>;

function writeResults(root: string, report: SaturationReport, name: string): void {
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(report, null, 2)}\n`);
  const mark = (ok: boolean) => (ok ? '✅' : '❌');
  const lines = [
    '# API with matching saturated (issue 12, M2)',
    '',
    ...(report.matchClients === 0
      ? ['**Comparison run: no matching clients** (the same lists and health load alone).', '']
      : []),
    `Demo ecosystem at scale ${report.demo.scale} (${report.demo.actors.toLocaleString('en')} actors, ${report.demo.seeds.toLocaleString('en')} seeds, ${report.demo.needs.toLocaleString('en')} needs), embedded SQLite, server in its own process (matching in worker threads behind a bounded queue), ${report.machine.cpus} cores (${report.machine.cpu}), Node ${report.machine.node}. All streams at once for **${report.seconds} s** (autocannon, keep-alive, loopback; the load generator shares the machine).`,
    '',
    '| stream | clients | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | statuses | connection errors |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...report.streams.map(
      (s) =>
        `| ${s.name} | ${s.connections} | ${s.requests} | ${s.requestsPerSecond} | ${s.latencyMs.p50} | **${s.latencyMs.p95}** | ${s.latencyMs.p99} | ${s.latencyMs.max} | ${Object.entries(
          s.statuses,
        )
          .map(([code, n]) => `${code}: ${n}`)
          .join(', ')} | ${s.errors} |`,
    ),
    '',
    `| check | met |`,
    '|---|---|',
    `| health p95 < ${report.targetP95Ms} ms | ${mark(report.checks.healthP95)} |`,
    `| lists and searches p95 < ${report.targetP95Ms} ms | ${mark(report.checks.listP95)} |`,
    `| every match answered (200) or refused (429) | ${mark(report.checks.matchingAnsweredOr429)} |`,
    `| no 5xx | ${mark(report.checks.no5xx)} |`,
    `| no connection errors (resets, timeouts) | ${mark(report.checks.noConnectionErrors)} |`,
    `| live heap stable: after full collections, the last third within 10 % of the middle third | ${mark(report.checks.liveHeapStable)} |`,
    '',
    `Server heap after full collections: ${report.heapAfterFullGc.samples.length} collections; middle third ${report.heapAfterFullGc.middleThirdMeanMiB} MiB, last third ${report.heapAfterFullGc.lastThirdMeanMiB} MiB (${report.heapAfterFullGc.growth === null ? 'no collection in a third' : `${(report.heapAfterFullGc.growth * 100).toFixed(1)} %`}); over time (s: MiB): ${report.heapAfterFullGc.samples
      .filter(
        (_, i) => i % Math.max(1, Math.ceil(report.heapAfterFullGc.samples.length / 20)) === 0,
      )
      .map((h) => `${h.atSeconds}: ${h.mib}`)
      .join(', ')}.`,
    '',
    `Server RSS sampled every ${report.sampleSeconds} s: min ${report.rss.minMiB} MiB, max ${report.rss.maxMiB} MiB; middle third ${report.rss.middleThirdMeanMiB} MiB, last third ${report.rss.lastThirdMeanMiB} MiB (${(report.rss.growth * 100).toFixed(1)} %).`,
    '',
    `RSS over time (s: MiB): ${report.rss.samples
      .filter((_, i) => i % Math.max(1, Math.ceil(report.rss.samples.length / 20)) === 0)
      .map((r) => `${r.atSeconds}: ${r.mib}`)
      .join(', ')}.`,
    '',
    `Load average (1 min): ${report.loadAverage.before} before, ${report.loadAverage.after} after (${report.machine.cpus} cores; other work on the machine competes).`,
    '',
    `Measured ${report.date}.`,
    '',
  ];
  writeFileSync(join(dir, `${name}.md`), lines.join('\n'));
}
