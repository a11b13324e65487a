/**
 * Analytics benchmark: Musubi's Leiden against python-igraph's Leiden and
 * Louvain on the same planted-partition (SBM) edge files.
 *
 * Each algorithm runs in its own child process so wall time and peak RSS are
 * its own; both sides read the same text edge file from bench/tmp/. Quality is
 * scored in this process with the same code for everyone: modularity (γ = 1)
 * on the same CSR graph and NMI (arithmetic) to the planted partition.
 * Results: bench/results/analytics.json and bench/results/analytics.md.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { buildCsrGraph, type CsrGraph } from '../../packages/analytics/src/csr-graph.ts';
import { plantedPartition } from '../../packages/analytics/src/generators.ts';
import { modularity } from '../../packages/analytics/src/modularity.ts';
import { normalizedMutualInformation } from '../../packages/analytics/src/partition-compare.ts';
import { createRng } from '../../packages/analytics/src/random.ts';
import { parseEdgeList, writeEdgeList } from './edge-file.ts';

export const BENCH_SIZES = {
  tiny: { nodeCount: 10_000, averageDegree: 20, communityCount: 10, mixing: 0.3 },
  small: { nodeCount: 100_000, averageDegree: 20, communityCount: 100, mixing: 0.3 },
  large: { nodeCount: 1_000_000, averageDegree: 20, communityCount: 1000, mixing: 0.3 },
} as const;
export type BenchSize = keyof typeof BENCH_SIZES;

/** Results of sizes not run this time, from the previous report, so a small run keeps the large figures. */
function earlierResults(resultsDir: string, fresh: readonly SizeResult[]): SizeResult[] {
  const path = join(resultsDir, 'analytics.json');
  if (!existsSync(path)) return [];
  const previous = JSON.parse(readFileSync(path, 'utf8')) as Partial<AnalyticsBenchReport>;
  const measured = new Set(fresh.map((r) => r.size));
  return (previous.results ?? [])
    .filter((r) => !measured.has(r.size))
    .map((r) => ({ ...r, measuredAt: r.measuredAt ?? previous.generatedAt ?? 'unknown' }));
}

export interface AnalyticsBenchOptions {
  /** Default ['small']. */
  readonly sizes?: readonly BenchSize[];
  /** Seed of the generator and of both algorithms. Default 1. */
  readonly seed?: number;
  /** Leiden iterations for both sides; igraph's default is 2. Default 2. */
  readonly iterations?: number;
  /** Runs per implementation, interleaved; times are best-of. Default 1. */
  readonly repeats?: number;
  /** Also run the Louvain variants. Default true. */
  readonly includeLouvain?: boolean;
  /** Repository root. Default process.cwd(). */
  readonly root?: string;
  readonly log?: (line: string) => void;
}

export interface AlgorithmRun {
  readonly implementation: string;
  readonly algorithm: 'leiden' | 'louvain';
  readonly loadSeconds: number;
  /** Best (minimum) over repeats: wall time of the algorithm alone. */
  readonly algorithmSeconds: number;
  /** Median over repeats. */
  readonly medianAlgorithmSeconds: number;
  /** Best over repeats: CPU time (user + system) of the algorithm alone. */
  readonly algorithmCpuSeconds: number;
  /** All repeats, in order. */
  readonly allAlgorithmSeconds: readonly number[];
  /** Whole child process, best over repeats. */
  readonly wallSeconds: number;
  /** Largest over repeats. */
  readonly peakRssBytes: number;
  readonly communities: number;
  /** Scored here by Musubi's modularity (γ = 1) on the same graph. */
  readonly modularity: number;
  /** As reported by the implementation itself (cross-check). */
  readonly reportedModularity: number;
  readonly nmiToPlanted: number;
}

export interface SizeResult {
  /** When this size was measured (sizes not run again keep their earlier figures). */
  readonly measuredAt?: string;
  readonly size: BenchSize;
  readonly nodes: number;
  readonly edges: number;
  readonly plantedCommunities: number;
  readonly mixing: number;
  readonly plantedModularity: number;
  /** The headline comparison, Musubi Leiden vs igraph Leiden. */
  readonly ratios: {
    /** Best-of-repeats wall time of the algorithm, Musubi / igraph. */
    readonly timeRatio: number;
    /** Same with process CPU time (less sensitive to other load on the machine). */
    readonly cpuTimeRatio: number;
    readonly modularityDifference: number;
    readonly nmiDifference: number;
    readonly musubiPeakRssGiB: number;
    readonly meetsTargets: {
      readonly time: boolean;
      readonly modularity: boolean;
      readonly nmi: boolean;
      readonly memory: boolean;
    };
  } | null;
  readonly runs: readonly AlgorithmRun[];
}

export interface AnalyticsBenchReport {
  readonly generatedAt: string;
  readonly machine: {
    readonly cpus: string;
    readonly cpuCount: number;
    readonly memoryGiB: number;
    readonly node: string;
  };
  readonly loadAverage: { readonly atStart: number; readonly atEnd: number };
  readonly settings: {
    readonly seed: number;
    readonly iterations: number;
    readonly repeats: number;
    readonly resolution: 1;
    readonly beta: 0.01;
  };
  readonly targets: string;
  readonly results: readonly SizeResult[];
  readonly igraphAvailable: boolean;
}

const PYTHON = '/usr/bin/python3';
const GIB = 1024 ** 3;

/** Run the benchmark and write bench/results/analytics.{json,md}. */
export async function runAnalyticsBench(
  options: AnalyticsBenchOptions = {},
): Promise<AnalyticsBenchReport> {
  const root = options.root ?? process.cwd();
  const sizes = options.sizes ?? ['small'];
  const seed = options.seed ?? 1;
  const iterations = options.iterations ?? 2;
  const includeLouvain = options.includeLouvain ?? true;
  const repeats = options.repeats ?? 1;
  const loadAverageAtStart = loadavg()[0] ?? 0;
  const log = options.log ?? ((line: string) => console.log(line));
  const tmp = join(root, 'bench', 'tmp');
  const resultsDir = join(root, 'bench', 'results');
  mkdirSync(tmp, { recursive: true });
  mkdirSync(resultsDir, { recursive: true });
  const igraphAvailable = ensureIgraph(log);

  const results: SizeResult[] = [];
  for (const size of sizes) {
    const spec = BENCH_SIZES[size];
    const base = join(
      tmp,
      `sbm-${size}-n${spec.nodeCount}-d${spec.averageDegree}-k${spec.communityCount}-mu${spec.mixing}-s${seed}`,
    );
    const edgesPath = `${base}.edges.txt`;
    const plantedPath = `${base}.planted.i32`;
    if (!existsSync(edgesPath) || !existsSync(plantedPath)) {
      log(
        `[${size}] generating ${spec.nodeCount} nodes, ${(spec.nodeCount * spec.averageDegree) / 2} edges`,
      );
      const generated = plantedPartition({ ...spec, rng: createRng(seed) });
      await writeEdgeList(edgesPath, generated.sources, generated.targets);
      writeFileSync(plantedPath, int32Bytes(generated.membership));
    }
    const planted = readInt32(plantedPath);
    const edges = parseEdgeList(readFileSync(edgesPath));
    const graph = buildCsrGraph(spec.nodeCount, edges);
    const edgeCount = edges.sources.length;
    const plantedModularity = modularity(graph, planted);

    const algorithms: ('leiden' | 'louvain')[] = includeLouvain
      ? ['leiden', 'louvain']
      : ['leiden'];
    const peers: ('musubi' | 'igraph')[] = igraphAvailable ? ['musubi', 'igraph'] : ['musubi'];
    // Interleaved repeats, so background load hits both sides alike.
    const samples = new Map<string, Sample[]>();
    for (let repeat = 0; repeat < repeats; repeat++) {
      for (const algorithm of algorithms) {
        for (const peer of peers) {
          const sample = runPeer(
            root,
            peer,
            algorithm,
            edgesPath,
            base,
            spec.nodeCount,
            iterations,
            seed,
          );
          log(
            `[${size}] ${peer} ${algorithm} #${repeat + 1}: ${sample.algorithmSeconds.toFixed(2)} s ` +
              `(cpu ${sample.algorithmCpuSeconds.toFixed(2)} s), ${sample.communities} communities, ` +
              `peak ${(sample.peakRssBytes / GIB).toFixed(2)} GiB`,
          );
          const key = `${peer}/${algorithm}`;
          samples.set(key, [...(samples.get(key) ?? []), sample]);
        }
      }
    }
    const runs: AlgorithmRun[] = [];
    for (const algorithm of algorithms) {
      for (const peer of peers) {
        const list = samples.get(`${peer}/${algorithm}`) ?? [];
        const run = summarise(list, algorithm, graph, planted);
        log(
          `[${size}] ${peer} ${algorithm}: best ${run.algorithmSeconds.toFixed(2)} s, Q ${run.modularity.toFixed(5)}, ` +
            `NMI ${run.nmiToPlanted.toFixed(4)}`,
        );
        runs.push(run);
      }
    }
    const ours = runs.find(
      (r) => r.algorithm === 'leiden' && r.implementation.startsWith('musubi'),
    );
    const theirs = runs.find(
      (r) => r.algorithm === 'leiden' && r.implementation.startsWith('python-igraph'),
    );
    const ratios =
      ours === undefined || theirs === undefined
        ? null
        : {
            timeRatio: ours.algorithmSeconds / theirs.algorithmSeconds,
            cpuTimeRatio: ours.algorithmCpuSeconds / theirs.algorithmCpuSeconds,
            modularityDifference: ours.modularity - theirs.modularity,
            nmiDifference: ours.nmiToPlanted - theirs.nmiToPlanted,
            musubiPeakRssGiB: ours.peakRssBytes / GIB,
            meetsTargets: {
              time: ours.algorithmSeconds <= 2 * theirs.algorithmSeconds,
              modularity: ours.modularity >= theirs.modularity - 0.005,
              nmi: ours.nmiToPlanted >= theirs.nmiToPlanted - 0.01,
              memory: ours.peakRssBytes < 4 * GIB,
            },
          };
    results.push({
      measuredAt: new Date().toISOString(),
      size,
      nodes: spec.nodeCount,
      edges: edgeCount,
      plantedCommunities: spec.communityCount,
      mixing: spec.mixing,
      plantedModularity,
      ratios,
      runs,
    });
  }

  const report: AnalyticsBenchReport = {
    generatedAt: new Date().toISOString(),
    machine: {
      cpus: cpus()[0]?.model ?? 'unknown',
      cpuCount: cpus().length,
      memoryGiB: Math.round((totalmem() / GIB) * 10) / 10,
      node: process.version,
    },
    loadAverage: { atStart: loadAverageAtStart, atEnd: loadavg()[0] ?? 0 },
    settings: { seed, iterations, repeats, resolution: 1, beta: 0.01 },
    targets:
      'Musubi Leiden vs igraph Leiden: modularity ≥ igraph − 0.005, NMI ≥ igraph − 0.01, time ≤ 2× igraph, peak RSS < 4 GiB',
    results: [...earlierResults(resultsDir, results), ...results],
    igraphAvailable,
  };
  writeFileSync(join(resultsDir, 'analytics.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(resultsDir, 'analytics.md'), renderMarkdown(report));
  log(`wrote ${join(resultsDir, 'analytics.json')} and analytics.md`);
  return report;
}

interface Sample {
  readonly implementation: string;
  readonly loadSeconds: number;
  readonly algorithmSeconds: number;
  readonly algorithmCpuSeconds: number;
  readonly wallSeconds: number;
  readonly peakRssBytes: number;
  readonly communities: number;
  readonly reportedModularity: number;
  readonly membership: Int32Array;
}

function runPeer(
  root: string,
  peer: 'musubi' | 'igraph',
  algorithm: 'leiden' | 'louvain',
  edgesPath: string,
  base: string,
  nodeCount: number,
  iterations: number,
  seed: number,
): Sample {
  const outPath = `${base}.${peer}-${algorithm}.i32`;
  const args = [edgesPath, String(nodeCount), algorithm, String(iterations), String(seed), outPath];
  const command =
    peer === 'musubi'
      ? {
          file: process.execPath,
          args: [
            join(root, 'bin', 'run-ts.mjs'),
            join(root, 'bench', 'analytics', 'leiden-worker.ts'),
            ...args,
          ],
        }
      : {
          file: PYTHON,
          args: [join(root, 'bench', 'analytics', 'igraph-communities.py'), ...args],
        };
  const started = performance.now();
  const stdout = execFileSync(command.file, command.args, {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const wallSeconds = (performance.now() - started) / 1000;
  const line = stdout.trim().split('\n').at(-1) ?? '{}';
  const reported = JSON.parse(line) as {
    implementation: string;
    loadSeconds: number;
    algorithmSeconds: number;
    algorithmCpuSeconds: number;
    communities: number;
    modularity: number;
    peakRssBytes: number;
  };
  return {
    implementation: reported.implementation,
    loadSeconds: reported.loadSeconds,
    algorithmSeconds: reported.algorithmSeconds,
    algorithmCpuSeconds: reported.algorithmCpuSeconds,
    wallSeconds,
    peakRssBytes: reported.peakRssBytes,
    communities: reported.communities,
    reportedModularity: reported.modularity,
    membership: readInt32(outPath),
  };
}

/** Best-of timing, largest memory; quality of the first repeat (same seed → same partition). */
function summarise(
  samples: readonly Sample[],
  algorithm: 'leiden' | 'louvain',
  graph: CsrGraph,
  planted: Int32Array,
): AlgorithmRun {
  const first = samples[0];
  if (first === undefined) throw new Error('no samples');
  const times = samples.map((s) => s.algorithmSeconds);
  const sorted = [...times].sort((a, b) => a - b);
  return {
    implementation: first.implementation,
    algorithm,
    loadSeconds: Math.min(...samples.map((s) => s.loadSeconds)),
    algorithmSeconds: sorted[0] ?? Number.NaN,
    medianAlgorithmSeconds:
      ((sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN) +
        (sorted[Math.ceil((sorted.length - 1) / 2)] ?? Number.NaN)) /
      2,
    algorithmCpuSeconds: Math.min(...samples.map((s) => s.algorithmCpuSeconds)),
    allAlgorithmSeconds: times,
    wallSeconds: Math.min(...samples.map((s) => s.wallSeconds)),
    peakRssBytes: Math.max(...samples.map((s) => s.peakRssBytes)),
    communities: first.communities,
    modularity: modularity(graph, first.membership),
    reportedModularity: first.reportedModularity,
    nmiToPlanted: normalizedMutualInformation(planted, first.membership),
  };
}

function ensureIgraph(log: (line: string) => void): boolean {
  const check = (): boolean => {
    try {
      execFileSync(PYTHON, ['-c', 'import igraph'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (check()) return true;
  log('python3-igraph missing: apt-get install -y python3-igraph');
  try {
    execFileSync('apt-get', ['install', '-y', 'python3-igraph'], { stdio: 'inherit' });
  } catch {
    log('apt-get install failed; igraph columns will be empty');
  }
  return check();
}

function int32Bytes(values: Int32Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

function readInt32(path: string): Int32Array {
  const bytes = readFileSync(path);
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Int32Array(copy.buffer, 0, copy.byteLength / 4);
}

function renderMarkdown(report: AnalyticsBenchReport): string {
  const lines: string[] = [];
  const m = report.machine;
  lines.push('# Analytics benchmark: Musubi Leiden vs python-igraph', '');
  lines.push(
    `Generated ${report.generatedAt} on ${m.cpus} (${m.cpuCount} CPUs, ${m.memoryGiB} GiB), Node ${m.node}; ` +
      `1-min load average ${report.loadAverage.atStart.toFixed(1)} at start, ${report.loadAverage.atEnd.toFixed(1)} at end ` +
      '(the machine is shared; CPU-time ratios are less sensitive to that than wall-time ratios).',
  );
  lines.push(
    `Planted-partition graphs (bench/analytics, seed ${report.settings.seed}); Leiden on modularity, γ = 1, β = 0.01, ` +
      `${report.settings.iterations} iterations on both sides; ${report.settings.repeats} interleaved repeat(s), best time kept. ` +
      'Times are the algorithm alone (graph already loaded); peak memory is the whole child process (load included). ' +
      'Modularity and NMI (arithmetic) are scored by the same code for every implementation.',
    '',
  );
  lines.push(`Targets: ${report.targets}.`, '');
  lines.push('## Ratios (Musubi Leiden / igraph Leiden)', '');
  lines.push(
    '| size | nodes | edges | time ratio | CPU-time ratio | Δ modularity | Δ NMI | Musubi peak RSS | all targets met |',
  );
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const r of report.results) {
    if (r.ratios === null) {
      lines.push(
        `| ${r.size} | ${r.nodes} | ${r.edges} | – | – | – | – | – | igraph unavailable |`,
      );
      continue;
    }
    const t = r.ratios.meetsTargets;
    const met = t.time && t.modularity && t.nmi && t.memory;
    const missed = Object.entries(t)
      .filter(([, ok]) => !ok)
      .map(([k]) => k);
    lines.push(
      `| ${r.size} | ${r.nodes} | ${r.edges} | ${r.ratios.timeRatio.toFixed(2)}× | ${r.ratios.cpuTimeRatio.toFixed(2)}× | ` +
        `${signed(r.ratios.modularityDifference, 5)} | ${signed(r.ratios.nmiDifference, 4)} | ` +
        `${r.ratios.musubiPeakRssGiB.toFixed(2)} GiB | ${met ? 'yes' : `no (${missed.join(', ')})`} |`,
    );
  }
  lines.push('', '## Runs', '');
  lines.push(
    '| size | implementation | algorithm | time best (s) | time median (s) | CPU (s) | load (s) | process wall (s) | peak RSS (GiB) | communities | modularity | NMI to planted |',
  );
  lines.push('|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of report.results) {
    for (const run of r.runs) {
      lines.push(
        `| ${r.size} | ${run.implementation} | ${run.algorithm} | ${run.algorithmSeconds.toFixed(2)} | ` +
          `${run.medianAlgorithmSeconds.toFixed(2)} | ${run.algorithmCpuSeconds.toFixed(2)} | ${run.loadSeconds.toFixed(2)} | ` +
          `${run.wallSeconds.toFixed(2)} | ${(run.peakRssBytes / GIB).toFixed(2)} | ${run.communities} | ` +
          `${run.modularity.toFixed(5)} | ${run.nmiToPlanted.toFixed(4)} |`,
      );
    }
    lines.push(
      `| ${r.size} | planted partition | – | – | – | – | – | – | – | ${r.plantedCommunities} | ${r.plantedModularity.toFixed(5)} | 1.0000 |`,
    );
  }
  lines.push(
    '',
    "Louvain rows are for reference only: igraph's `community_multilevel` is classic Louvain (full sweeps, node order as given); " +
      "Musubi's `louvain` is the Leiden machinery without refinement (queue-based moves, random order).",
    '',
  );
  return `${lines.join('\n')}\n`;
}

function signed(x: number, digits: number): string {
  return `${x >= 0 ? '+' : ''}${x.toFixed(digits)}`;
}
