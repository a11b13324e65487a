/**
 * The brokers' betweenness on a real database's graph (the demo's, say), before and after taking
 * the trees out:
 *   node bin/run-ts.mjs bench/analytics/brokers-betweenness.ts --db data/demo.sqlite [--samples 500]
 *     [--max-error 0.01] [--exact [--exact-file /tmp/exact.bin]]
 *
 * The graph is the one `musubi analyze brokers` ranks (the shared communities' graph). Times the
 * sampled Brandes over the whole graph as it was computed before (`betweenness` with `samples`
 * pivots drawn without replacement) against `betweennessWithBound` (trees exact, random shortest
 * paths over the core for `--max-error`, default 0.02), with each one's stated bound; with `--exact`,
 * also the exact values both ways (plain Brandes, and with the trees taken out and the core
 * relabelled) and each estimate's largest error and top fifteen against them.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { openDatabase } from '../../packages/db/src/open-database.ts';
import { betweennessWithBound } from '../../packages/analytics/src/abc/brokers.ts';
import { betweenness } from '../../packages/analytics/src/centrality.ts';
import { prunedBetweenness } from '../../packages/analytics/src/core-betweenness.ts';
import { pruneLeaves } from '../../packages/analytics/src/leaf-pruning.ts';
import { vertexDiameterBound } from '../../packages/analytics/src/path-sampling.ts';
import { createRng } from '../../packages/analytics/src/random.ts';
import { sharedGraph } from '../../packages/services/src/analysis/analyze-brokers.ts';
import { sharedCommunities } from '../../packages/services/src/analysis/current-communities.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const target = arg('--db', 'data/musubi.sqlite');
const samples = Number(arg('--samples', '500'));
const database = await openDatabase(target);
const clock = { now: () => new Date() };
const network = await database.repos.network.readCompact();
const shared = await sharedCommunities(database.repos, clock, network);
const { graph } = sharedGraph(network, shared, clock);
await database.close();
const csr = graph.graph;
const n = csr.nodeCount;

const seconds = (started: number): number =>
  Number(((performance.now() - started) / 1000).toFixed(3));
const cpuSeconds = (started: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(started);
  return Number(((used.user + used.system) / 1e6).toFixed(3));
};

let t = performance.now();
const pruned = pruneLeaves(csr);
const pruneSeconds = seconds(t);
let leaves = 0;
for (let v = 0; v < n; v++) if ((csr.offsets[v + 1] ?? 0) - (csr.offsets[v] ?? 0) === 1) leaves++;

t = performance.now();
let cpu = process.cpuUsage();
const before = betweenness(csr, { normalized: true, samples, rng: createRng(1) });
const beforeTimes = { seconds: seconds(t), cpuSeconds: cpuSeconds(cpu) };
const beforeBound = (n / (n - 1)) * Math.sqrt(Math.log((2 * n) / 0.05) / (2 * samples));

const maxError = Number(arg('--max-error', '0.02'));
t = performance.now();
cpu = process.cpuUsage();
const after = betweennessWithBound(csr, { maxError });
const afterTimes = { seconds: seconds(t), cpuSeconds: cpuSeconds(cpu) };

const report: Record<string, unknown> = {
  database: target,
  nodes: n,
  edges: csr.targets.length / 2,
  degreeOne: leaves,
  coreNodes: pruned.coreCount,
  vertexDiameterBound: vertexDiameterBound(pruned),
  pruneSeconds,
  before: { pivots: samples, ...beforeTimes, statedBound: Number(beforeBound.toFixed(4)) },
  after: {
    method: after.method,
    paths: after.samples,
    ...afterTimes,
    statedBound: Number(after.errorBound.toFixed(4)),
  },
};
if (process.argv.includes('--exact')) {
  // `--exact-file F`: the exact values kept from an earlier run on the same database (minutes)
  const kept = arg('--exact-file', '');
  const fromFile = kept !== '' && existsSync(kept);
  t = performance.now();
  const exact = fromFile
    ? new Float64Array(readFileSync(kept).buffer.slice(0))
    : betweenness(csr, { normalized: true });
  const plainSeconds = fromFile ? null : seconds(t);
  if (kept !== '' && !fromFile) writeFileSync(kept, exact);
  // both exact computations only when not read back
  t = performance.now();
  const exactPruned = fromFile ? exact : prunedBetweenness(csr, { normalized: true, pruned });
  const prunedSeconds = fromFile ? null : seconds(t);
  let differs = 0;
  let beforeError = 0;
  let afterError = 0;
  for (let v = 0; v < n; v++) {
    const e = exact[v] ?? 0;
    differs = Math.max(differs, Math.abs((exactPruned[v] ?? 0) - e));
    beforeError = Math.max(beforeError, Math.abs((before[v] ?? 0) - e));
    afterError = Math.max(afterError, Math.abs((after.values[v] ?? 0) - e));
  }
  const top = (values: Float64Array): string[] =>
    Array.from(values.keys())
      .sort((x, y) => (values[y] ?? 0) - (values[x] ?? 0))
      .slice(0, 15)
      .map(String);
  const exactTop = new Set(top(exact));
  report.exact = {
    plainSeconds,
    prunedSeconds,
    largestDifference: differs,
    beforeLargestError: Number(beforeError.toExponential(3)),
    afterLargestError: Number(afterError.toExponential(3)),
    topFifteenShared: {
      before: top(before).filter((v) => exactTop.has(v)).length,
      after: top(after.values).filter((v) => exactTop.has(v)).length,
    },
  };
}
console.log(JSON.stringify(report, null, 2));
