/**
 * The network page's data alone (`GET /api/web/network?maxEdges=40000`, as the web app asks it),
 * warm, on the demo: `musubi start` on a copy of the demo database, the first answer awaited (the
 * snapshot built), then the request timed again several times, as a browser sends it (gzip
 * accepted, or `--encoding identity`). Prints the median and the fastest; writes nothing. A shorter check than the whole
 * pages bench (`npm run bench -- --only pages`), whose "brokers (network)" row holds this request.
 *   node bin/run-ts.mjs bench/web/network-request.ts [--times N] [--encoding identity]
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { prepareDemo, startCli, stop } from './page-bench.ts';

const PATH = 'api/web/network?maxEdges=40000';

const e = process.argv.indexOf('--encoding');
const encoding = e >= 0 ? (process.argv[e + 1] ?? 'gzip') : 'gzip';

async function timeOnce(url: string): Promise<{ seconds: number; bytes: number; status: number }> {
  const started = performance.now();
  const response = await fetch(new URL(PATH, url), {
    headers: { 'accept-encoding': encoding },
    signal: AbortSignal.timeout(180_000),
  });
  const body = await response.arrayBuffer();
  return {
    seconds: (performance.now() - started) / 1000,
    bytes: body.byteLength,
    status: response.status,
  };
}

const root = process.cwd();
const i = process.argv.indexOf('--times');
const times = i >= 0 ? Number(process.argv[i + 1]) : 7;
const workDir = join(root, 'bench', 'tmp', 'pages');
mkdirSync(workDir, { recursive: true });
const demo = join(workDir, 'demo.sqlite');
await prepareDemo(demo);
const copy = join(workDir, 'network-request.sqlite');
for (const suffix of ['', '-wal', '-shm']) rmSync(copy + suffix, { force: true });
copyFileSync(demo, copy);

const started = await startCli(root, copy);
try {
  const first = await timeOnce(started.url);
  console.log(`first: ${first.status} ${first.seconds.toFixed(2)} s, ${first.bytes} bytes`);
  const seconds: number[] = [];
  for (let n = 0; n < times; n++) seconds.push((await timeOnce(started.url)).seconds);
  seconds.sort((a, b) => a - b);
  const median = seconds[Math.floor(seconds.length / 2)] ?? 0;
  console.log(
    `warm ${PATH} (${encoding}, ${times} times, load ${loadavg()[0]?.toFixed(1)}): median ${median.toFixed(3)} s, fastest ${seconds[0]?.toFixed(3)} s`,
  );
} finally {
  await stop(started.child);
}
