/**
 * Command-line entry of the analytics benchmark:
 *   node bin/run-ts.mjs bench/analytics/leiden-vs-igraph.ts [--sizes tiny,small,large] [--seed 1] [--iterations 2] [--repeats 1] [--no-louvain]
 *
 * The work is in ./analytics-bench.ts (`runAnalyticsBench`); bench/run.ts
 * should import it from there, because importing this file runs the benchmark
 * (bin/run-ts.mjs removes the entry path from argv, so this file cannot tell
 * whether it is the entry point).
 */
import { BENCH_SIZES, runAnalyticsBench, type BenchSize } from './analytics-bench.ts';

export { runAnalyticsBench } from './analytics-bench.ts';

function isBenchSize(name: string): name is BenchSize {
  return Object.hasOwn(BENCH_SIZES, name);
}

function parseArgs(argv: readonly string[]): Parameters<typeof runAnalyticsBench>[0] {
  let sizes: BenchSize[] = ['small'];
  let seed = 1;
  let iterations = 2;
  let includeLouvain = true;
  let repeats = 1;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--sizes' && value !== undefined) {
      sizes = value.split(',').map((s) => {
        if (!isBenchSize(s))
          throw new Error(`unknown size ${s}; use ${Object.keys(BENCH_SIZES).join(', ')}`);
        return s;
      });
      i++;
    } else if (arg === '--seed' && value !== undefined) {
      seed = Number(value);
      i++;
    } else if (arg === '--iterations' && value !== undefined) {
      iterations = Number(value);
      i++;
    } else if (arg === '--repeats' && value !== undefined) {
      repeats = Number(value);
      i++;
    } else if (arg === '--no-louvain') {
      includeLouvain = false;
    } else {
      throw new Error(`unknown argument ${arg ?? ''}`);
    }
  }
  return { sizes, seed, iterations, repeats, includeLouvain };
}

await runAnalyticsBench(parseArgs(process.argv.slice(2)));
