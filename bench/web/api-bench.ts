/**
 * API load test (autocannon) on loopback against the demo ecosystem: list, sorted-list and
 * search endpoints at 50 concurrent clients, each for a bounded time after a warm-up; the
 * target is p95 < 100 ms. The server runs in its own process. Matching (a heavier search) is
 * measured too, at lower concurrency, for information.
 *   node bin/run-ts.mjs bench/web/run-api-bench.ts [--seconds 10] [--connections 50] [--scale 1]
 * Merges its figures into bench/results/web.json (key `api`) and writes bench/results/web.md.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { systemClock } from '#core/ports.ts';
import { openDatabase } from '#db/open-database.ts';
import { createDemoAccounts, DEMO_ACCOUNTS } from '#demo/demo-accounts.ts';
import { loadDemoEcosystem } from '#demo/load-demo-ecosystem.ts';

export interface ApiBenchOptions {
  root?: string;
  /** Measured seconds per endpoint (after a 2 s warm-up). */
  seconds?: number;
  connections?: number;
  scale?: number;
}

export interface EndpointResult {
  name: string;
  method: string;
  path: string;
  as: 'anonymous' | 'coordinator';
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  errors: number;
  non2xx: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  targetP95Ms?: number;
  meetsTarget?: boolean;
}

const TARGET_P95_MS = 100;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, index)] ?? 0) * 10) / 10;
}

export async function startServerProcess(
  root: string,
  database: string,
  options: { env?: NodeJS.ProcessEnv; onLine?: (line: string) => void } = {},
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [join(root, 'bin', 'run-ts.mjs'), join(root, 'bench', 'web', 'api-server.ts'), database],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...options.env },
    },
  );
  const lines = createInterface({ input: child.stdout ?? process.stdin });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the API server did not start in 120 s')),
      120_000,
    );
    child.once('exit', (code) => reject(new Error(`the API server exited (${code})`)));
    lines.on('line', (line) => {
      options.onLine?.(line);
      const match = /^listening (\S+)/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  return { url, child };
}

async function load(
  url: string,
  request: {
    method: 'GET' | 'POST';
    path: string;
    headers?: Record<string, string>;
    body?: string;
  },
  connections: number,
  seconds: number,
): Promise<{ times: number[]; requests: number; errors: number; non2xx: number }> {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: new URL(request.path, url).toString(),
        method: request.method,
        connections,
        duration: seconds,
        ...(request.headers ? { headers: request.headers } : {}),
        ...(request.body !== undefined ? { body: request.body } : {}),
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      times.push(responseTime);
    });
  });
  return { times, requests: result.requests.total, errors: result.errors, non2xx: result.non2xx };
}

export async function runApiBench(options: ApiBenchOptions = {}) {
  const root = options.root ?? process.cwd();
  const seconds = options.seconds ?? 10;
  const connections = options.connections ?? 50;
  const scale = options.scale ?? 1;
  const workDir = join(root, 'bench', 'tmp', 'web-api');
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const databasePath = join(workDir, 'bench.sqlite');

  const database = await openDatabase(databasePath);
  let started = performance.now();
  const loaded = await loadDemoEcosystem(database.repos, { scale });
  await createDemoAccounts(database.repos, { clock: systemClock });
  const loadSeconds = (performance.now() - started) / 1000;
  await database.close();
  console.log(
    `demo at scale ${scale}: ${loaded.counts.actors} actors, ${loaded.counts.needs} needs (${loadSeconds.toFixed(1)} s)`,
  );

  const { url, child } = await startServerProcess(root, databasePath);
  const loadBefore = Math.round((loadavg()[0] ?? 0) * 10) / 10;
  const results: EndpointResult[] = [];
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
    const csrf = /musubi_csrf=([^;]+)/.exec(cookie)?.[1] ?? '';
    // The web views' snapshot and the matching index start in the background: wait for both.
    await (await fetch(new URL('api/web/meta', url))).arrayBuffer();
    await (await fetch(new URL('api/web/communities', url))).arrayBuffer();
    // The matching index starts in the background: wait until a match answers.
    started = performance.now();
    const someNeed = (await (await fetch(new URL('api/needs?limit=1', url))).json()) as {
      items: { id: string }[];
    };
    const warmMatch = await fetch(
      new URL(`api/needs/${encodeURIComponent(someNeed.items[0]?.id ?? '')}/matches?limit=5`, url),
    );
    if (!warmMatch.ok) throw new Error(`matching did not answer: ${warmMatch.status}`);
    await warmMatch.arrayBuffer();
    const matchingReadySeconds = (performance.now() - started) / 1000;

    const q = encodeURIComponent('排水');
    const endpoints: {
      name: string;
      method: 'GET' | 'POST';
      path: string;
      as: 'anonymous' | 'coordinator';
      body?: unknown;
      connections?: number;
      target: boolean;
    }[] = [
      {
        name: 'list actors',
        method: 'GET',
        path: '/api/actors?limit=50',
        as: 'anonymous',
        target: true,
      },
      {
        name: 'list actors, sorted by name (desc), page 2',
        method: 'GET',
        path: '',
        as: 'anonymous',
        target: true,
      },
      {
        name: 'list seeds, sorted by TRL',
        method: 'GET',
        path: '/api/seeds?limit=50&sort=-trl',
        as: 'anonymous',
        target: true,
      },
      {
        name: 'list needs (signed in: confidentiality checked)',
        method: 'GET',
        path: '/api/needs?limit=50',
        as: 'coordinator',
        target: true,
      },
      {
        name: 'search seeds (q)',
        method: 'GET',
        path: `/api/seeds?limit=20&q=${q}`,
        as: 'anonymous',
        target: true,
      },
      {
        name: 'search actors (q)',
        method: 'GET',
        path: `/api/actors?limit=20&q=${encodeURIComponent('大学')}`,
        as: 'anonymous',
        target: true,
      },
      {
        name: 'search needs (q, signed in: confidentiality checked)',
        method: 'GET',
        path: `/api/needs?limit=20&q=${q}`,
        as: 'coordinator',
        target: true,
      },
      {
        name: 'list relations',
        method: 'GET',
        path: '/api/relations?limit=50',
        as: 'anonymous',
        target: true,
      },
      {
        name: 'list projects (the long logs are left out of lists by default)',
        method: 'GET',
        path: '/api/projects?limit=50',
        as: 'anonymous',
        target: true,
      },
      {
        name: 'list projects with every field, PDCA log, milestones, risks and KPIs (informational)',
        method: 'GET',
        path: '/api/projects?limit=50&fields=*',
        as: 'anonymous',
        target: false,
      },
      {
        name: 'consultation board',
        method: 'GET',
        path: '/api/consultations/board',
        as: 'coordinator',
        target: true,
      },
      {
        name: 'matching: a written need (informational)',
        method: 'POST',
        path: '/api/matching/needs',
        as: 'anonymous',
        body: { text: 'めっき工程の排水から銅を回収したい', limit: 10 },
        connections: 8,
        target: false,
      },
    ];
    // Page 2 of a sorted list: the cursor from page 1.
    const first = (await (await fetch(new URL('api/actors?limit=50&sort=-name', url))).json()) as {
      nextCursor: string | null;
    };
    const sortedPage2 = endpoints[1];
    if (sortedPage2)
      sortedPage2.path = `/api/actors?limit=50&sort=-name&cursor=${encodeURIComponent(first.nextCursor ?? '')}`;

    for (const endpoint of endpoints) {
      const headers: Record<string, string> = {
        accept: 'application/json',
        ...(endpoint.as === 'coordinator'
          ? { cookie, 'x-csrf-token': decodeURIComponent(csrf) }
          : {}),
        ...(endpoint.body !== undefined ? { 'content-type': 'application/json' } : {}),
      };
      const request = {
        method: endpoint.method,
        path: endpoint.path,
        headers,
        ...(endpoint.body !== undefined ? { body: JSON.stringify(endpoint.body) } : {}),
      };
      const clients = endpoint.connections ?? connections;
      await load(url, request, clients, 2); // warm-up
      const run = await load(url, request, clients, seconds);
      const sorted = [...run.times].sort((a, b) => a - b);
      const p95 = percentile(sorted, 95);
      const result: EndpointResult = {
        name: endpoint.name,
        method: endpoint.method,
        path: endpoint.path,
        as: endpoint.as,
        connections: clients,
        seconds,
        requests: run.requests,
        requestsPerSecond: Math.round(run.requests / seconds),
        errors: run.errors,
        non2xx: run.non2xx,
        latencyMs: {
          p50: percentile(sorted, 50),
          p95,
          p99: percentile(sorted, 99),
          max: percentile(sorted, 100),
        },
        ...(endpoint.target
          ? {
              targetP95Ms: TARGET_P95_MS,
              meetsTarget: p95 < TARGET_P95_MS && run.non2xx === 0 && run.errors === 0,
            }
          : {}),
      };
      results.push(result);
      console.log(
        `${endpoint.name}: ${result.requestsPerSecond} req/s, p50 ${result.latencyMs.p50} ms, p95 ${p95} ms, p99 ${result.latencyMs.p99} ms${run.non2xx ? `, ${run.non2xx} non-2xx` : ''}${run.errors ? `, ${run.errors} errors` : ''}`,
      );
    }

    const report = {
      date: new Date().toISOString(),
      machine: { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? '' },
      /** 1-minute load average before and after: other work on the machine skews the figures. */
      loadAverage: { before: loadBefore, after: Math.round((loadavg()[0] ?? 0) * 10) / 10 },
      tool: 'autocannon 8 (HTTP/1.1 keep-alive, loopback); server in its own process',
      demo: {
        scale,
        actors: loaded.counts.actors,
        needs: loaded.counts.needs,
        seeds: loaded.counts.seeds,
        loadSeconds,
      },
      matchingReadySeconds,
      targetP95Ms: TARGET_P95_MS,
      endpoints: results,
      allMeetTarget: results.every((r) => r.meetsTarget !== false),
    };
    writeResults(root, report);
    return report;
  } finally {
    child.kill('SIGTERM');
  }
}

type ApiReport = Awaited<ReturnType<typeof runApiBench>>;

function writeResults(root: string, api: ApiReport): void {
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const jsonPath = join(dir, 'web.json');
  const existing: Record<string, unknown> = existsSync(jsonPath)
    ? (JSON.parse(readFileSync(jsonPath, 'utf8')) as Record<string, unknown>)
    : { suite: 'web' };
  writeFileSync(jsonPath, `${JSON.stringify({ ...existing, api }, null, 2)}\n`);
  const network = existing['networkDraw'] as
    { medianDrawMs?: number; medianPageToDrawnMs?: number } | undefined;
  const bundle = existing['firstPageJavaScript'] as { gzipBytes?: number } | undefined;
  const lines = [
    '# Web: API speed, network drawing, bundle size',
    '',
    `## API under load (${api.tool})`,
    '',
    `Demo ecosystem at scale ${api.demo.scale} (${api.demo.actors.toLocaleString('en')} actors, ${api.demo.seeds.toLocaleString('en')} seeds, ${api.demo.needs.toLocaleString('en')} needs), embedded SQLite, ${api.machine.cpus} cores (${api.machine.cpu}), Node ${api.machine.node}. Each endpoint: 2 s warm-up, then ${api.endpoints[0]?.seconds ?? 0} s measured. Target: p95 < ${api.targetP95Ms} ms at 50 concurrent clients.`,
    '',
    '| endpoint | as | clients | req/s | p50 ms | p95 ms | p99 ms | non-2xx | target |',
    '|---|---|---|---|---|---|---|---|---|',
    ...api.endpoints.map(
      (e) =>
        `| ${e.name} \`${e.method} ${e.path.length > 60 ? `${e.path.slice(0, 57)}…` : e.path}\` | ${e.as} | ${e.connections} | ${e.requestsPerSecond} | ${e.latencyMs.p50} | **${e.latencyMs.p95}** | ${e.latencyMs.p99} | ${e.non2xx + e.errors} | ${e.meetsTarget === undefined ? 'info' : e.meetsTarget ? '✅' : '❌'} |`,
    ),
    '',
    `Load average (1 min) on the machine: ${api.loadAverage.before} before, ${api.loadAverage.after} after (${api.machine.cpus} cores); above ${api.machine.cpus} other work was competing and the figures are pessimistic.`,
    '',
    `The matching index was ready ${api.matchingReadySeconds.toFixed(1)} s after the server started listening (restored or built in the background).`,
    '',
  ];
  if (network?.medianDrawMs !== undefined)
    lines.push(
      '## Network view and bundle (bench/web/web-bench.ts)',
      '',
      `- 50,000-node network drawn in ${network.medianDrawMs} ms (median; page to drawn ${network.medianPageToDrawnMs ?? '?'} ms), target < 3000 ms.`,
      `- First page JavaScript: ${((bundle?.gzipBytes ?? 0) / 1024).toFixed(1)} KiB gzipped, target < 500 KiB.`,
      '',
    );
  lines.push(`Measured ${api.date}.`, '');
  writeFileSync(join(dir, 'web.md'), lines.join('\n'));
}
