/**
 * Web benchmark (not a unit test): the network view's draw time for a 50,000-node ABC network in
 * headless chromium (Debian's, software WebGL), and the first page's JavaScript size.
 *   node bin/run-ts.mjs bench/web/web-bench.ts [--scale 2.6] [--runs 3]
 * Writes bench/results/web.json.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openDatabase } from '#db/open-database.ts';
import { loadDemoEcosystem } from '#demo/load-demo-ecosystem.ts';
import type { WebNetwork } from '#server/routes/web-data-types.ts';
import { CHROMIUM_ARGS, launchBrowser, waitForDraw } from '../../e2e/support/browser.ts';
import { ensureWebBuild, WEB_DIST } from '../../e2e/support/web-build.ts';
import { startWebServer } from '../../e2e/support/web-server.ts';

function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** JavaScript the first page loads: the entry script and its module preloads (lazy views excluded). */
function firstPageJavaScript(): {
  files: { file: string; bytes: number; gzipBytes: number }[];
  gzipBytes: number;
} {
  const html = readFileSync(join(WEB_DIST, 'index.html'), 'utf8');
  const referenced = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map(
    (m) => m[1] ?? '',
  );
  const files = referenced.map((file) => {
    const body = readFileSync(join(WEB_DIST, file));
    return { file, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
  });
  return { files, gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0) };
}

function allChunks() {
  return readdirSync(join(WEB_DIST, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((file) => {
      const body = readFileSync(join(WEB_DIST, 'assets', file));
      return { file, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
    });
}

const scale = argument('scale', 2.6);
const runs = argument('runs', 3);
const workDir = join(process.cwd(), 'bench', 'tmp', 'web');
rmSync(workDir, { recursive: true, force: true });
mkdirSync(workDir, { recursive: true });

await ensureWebBuild();
const bundle = firstPageJavaScript();
console.log(`first page JavaScript: ${(bundle.gzipBytes / 1024).toFixed(1)} KiB gzipped`);

const database = await openDatabase(join(workDir, 'bench.sqlite'));
let started = performance.now();
const loaded = await loadDemoEcosystem(database.repos, { scale });
const loadSeconds = (performance.now() - started) / 1000;
console.log(
  `demo at scale ${scale}: ${loaded.counts.actors} actors, ${loaded.counts.relations} relations (${loadSeconds.toFixed(1)} s)`,
);

const server = await startWebServer(database.repos);
started = performance.now();
const response = await fetch(new URL('api/web/network?maxEdges=40000', server.url), {
  headers: { 'accept-encoding': 'gzip' },
});
const network = (await response.json()) as WebNetwork;
const firstResponseSeconds = (performance.now() - started) / 1000;
started = performance.now();
const warm = await fetch(new URL('api/web/network?maxEdges=40000', server.url));
const warmBytes = (await warm.arrayBuffer()).byteLength;
const warmResponseMs = performance.now() - started;
console.log(
  `network endpoint: ${network.nodeCount} nodes, ${network.edgeCount} edges; first call ${firstResponseSeconds.toFixed(1)} s (snapshot build), warm ${warmResponseMs.toFixed(0)} ms, ${(warmBytes / 1e6).toFixed(1)} MB`,
);

const browser = await launchBrowser();
const samples: {
  drawMs: number;
  buildMs: number;
  renderMs: number;
  pageToDrawnMs: number;
  nodes: number;
  edges: number;
}[] = [];
for (let run = 0; run < runs; run++) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const begin = Date.now();
  await page.goto(new URL('network', server.url).toString());
  const stats = await waitForDraw(page);
  const pageToDrawnMs = Date.now() - begin;
  if (!stats) throw new Error('no draw statistics');
  if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
  samples.push({ ...stats, pageToDrawnMs });
  console.log(
    `run ${run + 1}: ${stats.nodes} nodes, ${stats.edges} edges drawn in ${stats.drawMs} ms (graph ${stats.buildMs} ms, sigma ${stats.renderMs} ms); page to drawn ${pageToDrawnMs} ms`,
  );
  if (run === 0) {
    mkdirSync(join(process.cwd(), 'artifacts'), { recursive: true });
    await page.screenshot({ path: join(process.cwd(), 'artifacts', 'bench-network-50k.png') });
  }
  await page.close();
}
await browser.close();
await server.close();
await database.close();

const result = {
  suite: 'web',
  date: new Date().toISOString(),
  machine: { node: process.version, browser: '/usr/bin/chromium', args: CHROMIUM_ARGS },
  demo: { scale, actors: loaded.counts.actors, relations: loaded.counts.relations, loadSeconds },
  networkEndpoint: {
    nodes: network.nodeCount,
    edges: network.edgeCount,
    droppedEdges: network.droppedEdges,
    firstCallSeconds: firstResponseSeconds,
    warmMs: Math.round(warmResponseMs),
    bytes: warmBytes,
  },
  networkDraw: {
    runs: samples,
    medianDrawMs: median(samples.map((s) => s.drawMs)),
    medianPageToDrawnMs: median(samples.map((s) => s.pageToDrawnMs)),
    targetMs: 3000,
  },
  firstPageJavaScript: { ...bundle, targetGzipBytes: 500 * 1024 },
  chunks: allChunks(),
};
mkdirSync(join(process.cwd(), 'bench', 'results'), { recursive: true });
writeFileSync(
  join(process.cwd(), 'bench', 'results', 'web.json'),
  `${JSON.stringify(result, null, 2)}\n`,
);
console.log(
  `median draw ${result.networkDraw.medianDrawMs} ms (target < 3000); wrote bench/results/web.json`,
);
