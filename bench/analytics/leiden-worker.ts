/**
 * Child process of the analytics benchmark: loads an edge file, builds the CSR
 * graph, runs Musubi's Leiden (or Louvain), writes the membership (int32 LE)
 * and prints one JSON line with timings and peak RSS. Run in its own process
 * so its peak memory is measured alone.
 *
 * usage: node bin/run-ts.mjs bench/analytics/leiden-worker.ts EDGES NODE_COUNT leiden|louvain ITERATIONS SEED OUT
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { buildCsrGraph } from '../../packages/analytics/src/csr-graph.ts';
import { leiden, louvain } from '../../packages/analytics/src/leiden.ts';
import { createRng } from '../../packages/analytics/src/random.ts';
import { parseEdgeList } from './edge-file.ts';

const [edgesPath, nodeCountText, algorithm, iterationsText, seedText, outPath] =
  process.argv.slice(2);
if (outPath === undefined || edgesPath === undefined || seedText === undefined) {
  console.error('usage: leiden-worker.ts EDGES NODE_COUNT leiden|louvain ITERATIONS SEED OUT');
  process.exit(2);
}
const nodeCount = Number(nodeCountText);
const t0 = performance.now();
const edges = parseEdgeList(readFileSync(edgesPath));
const tParsed = performance.now();
const graph = buildCsrGraph(nodeCount, edges);
const t1 = performance.now();
const options = { iterations: Number(iterationsText), rng: createRng(Number(seedText)) };
const cpu0 = process.cpuUsage();
const result = algorithm === 'louvain' ? louvain(graph, options) : leiden(graph, options);
const cpu = process.cpuUsage(cpu0);
const t2 = performance.now();
writeFileSync(
  outPath,
  new Uint8Array(
    result.membership.buffer,
    result.membership.byteOffset,
    result.membership.byteLength,
  ),
);
console.log(
  JSON.stringify({
    implementation: `musubi ${algorithm} (node ${process.version})`,
    parseSeconds: (tParsed - t0) / 1000,
    loadSeconds: (t1 - t0) / 1000,
    algorithmSeconds: (t2 - t1) / 1000,
    algorithmCpuSeconds: (cpu.user + cpu.system) / 1e6,
    iterations: result.iterations,
    communities: result.communityCount,
    modularity: result.modularity,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  }),
);
