/**
 * Betweenness against python-igraph on the same graphs:
 *   node bin/run-ts.mjs bench/analytics/betweenness-vs-igraph.ts [--nodes 2000,20000] [--degree 8]
 *     [--max-error 0.02]
 *
 * For each size: a planted-partition graph, Musubi's exact betweenness (plain Brandes, and with the
 * trees taken out and the core relabelled) and igraph's (time and the largest difference), and the
 * brokers' sampled estimate (random shortest paths for ±`--max-error`, default 0.02) against
 * igraph's exact values, with the error bound it states (normalised scale).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { betweennessWithBound } from '../../packages/analytics/src/abc/brokers.ts';
import { betweenness } from '../../packages/analytics/src/centrality.ts';
import { prunedBetweenness } from '../../packages/analytics/src/core-betweenness.ts';
import { buildCsrGraph } from '../../packages/analytics/src/csr-graph.ts';
import { plantedPartition } from '../../packages/analytics/src/generators.ts';
import { createRng } from '../../packages/analytics/src/random.ts';
import { writeEdgeList } from './edge-file.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const sizes = arg('--nodes', '2000,20000').split(',').map(Number);
const degree = Number(arg('--degree', '8'));
const targetError = Number(arg('--max-error', '0.02'));
const dir = mkdtempSync(join(tmpdir(), 'musubi-betweenness-'));

for (const n of sizes) {
  const generated = plantedPartition({
    nodeCount: n,
    communityCount: Math.max(2, Math.round(n / 100)),
    averageDegree: degree,
    mixing: 0.2,
    rng: createRng(1),
  });
  // one edge per pair, as igraph's simplify()
  const seen = new Set<string>();
  const sources: number[] = [];
  const targets: number[] = [];
  generated.sources.forEach((u, e) => {
    const v = generated.targets[e] ?? 0;
    const key = u < v ? `${u} ${v}` : `${v} ${u}`;
    if (u === v || seen.has(key)) return;
    seen.add(key);
    sources.push(u);
    targets.push(v);
  });
  const graph = buildCsrGraph(n, { sources, targets });
  const edges = join(dir, `edges-${n}.txt`);
  await writeEdgeList(edges, Int32Array.from(sources), Int32Array.from(targets));
  const out = join(dir, `igraph-${n}.bin`);
  const peer = JSON.parse(
    execFileSync(
      '/usr/bin/python3',
      [join(import.meta.dirname, 'igraph-betweenness.py'), edges, String(n), out],
      {
        encoding: 'utf8',
      },
    ),
  ) as { implementation: string; seconds: number };
  const igraph = new Float64Array(readFileSync(out).buffer.slice(0));
  let t = performance.now();
  const exact = betweenness(graph);
  const exactSeconds = (performance.now() - t) / 1000;
  let maxDiff = 0;
  for (let v = 0; v < n; v++)
    maxDiff = Math.max(maxDiff, Math.abs((exact[v] ?? 0) - (igraph[v] ?? 0)));
  t = performance.now();
  const pruned = prunedBetweenness(graph);
  const prunedSeconds = (performance.now() - t) / 1000;
  let prunedDiff = 0;
  for (let v = 0; v < n; v++)
    prunedDiff = Math.max(prunedDiff, Math.abs((pruned[v] ?? 0) - (igraph[v] ?? 0)));
  t = performance.now();
  const sampled = betweennessWithBound(graph, { exactMaxNodes: 0, maxError: targetError });
  const sampledSeconds = (performance.now() - t) / 1000;
  const norm = 2 / ((n - 1) * (n - 2));
  let maxError = 0;
  for (let v = 0; v < n; v++)
    maxError = Math.max(maxError, Math.abs((sampled.values[v] ?? 0) - (igraph[v] ?? 0) * norm));
  console.log(
    JSON.stringify({
      nodes: n,
      edges: sources.length,
      musubiExactSeconds: Number(exactSeconds.toFixed(3)),
      igraphSeconds: Number(peer.seconds.toFixed(3)),
      igraph: peer.implementation,
      maxAbsDifference: maxDiff,
      musubiPrunedExactSeconds: Number(prunedSeconds.toFixed(3)),
      prunedMaxAbsDifference: prunedDiff,
      sampled: {
        paths: sampled.samples,
        seconds: Number(sampledSeconds.toFixed(3)),
        maxNormalisedError: Number(maxError.toExponential(3)),
        statedBound: Number(sampled.errorBound.toExponential(3)),
      },
    }),
  );
}
