/**
 * Entry point: node bin/run-ts.mjs bench/matching/tokenize-throughput.ts
 *   [--documents N] [--queries N] [--sample N] [--seed N] [--out PATH | --no-out]
 * Writes bench/results/matching-throughput.json. The work is in ./throughput-bench.ts (`runThroughputBench`),
 * which a runner can import without side effects.
 */
import { runThroughputBench } from './throughput-bench.ts';
import type { ThroughputBenchOptions } from './throughput-bench.ts';

export { runThroughputBench } from './throughput-bench.ts';

function parseArgs(argv: readonly string[]): ThroughputBenchOptions {
  const options: {
    documents?: number;
    queries?: number;
    throughputSample?: number;
    seed?: number;
    outputPath?: string | null;
  } = {};
  const integer = (flag: string, value: string | undefined): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} needs a positive integer`);
    return n;
  };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    switch (flag) {
      case '--documents':
        options.documents = integer(flag, argv[(i += 1)]);
        break;
      case '--queries':
        options.queries = integer(flag, argv[(i += 1)]);
        break;
      case '--sample':
        options.throughputSample = integer(flag, argv[(i += 1)]);
        break;
      case '--seed':
        options.seed = integer(flag, argv[(i += 1)]);
        break;
      case '--out':
        options.outputPath = argv[(i += 1)] ?? null;
        break;
      case '--no-out':
        options.outputPath = null;
        break;
      default:
        throw new Error(`unknown argument ${String(flag)}`);
    }
  }
  return options;
}

await runThroughputBench(parseArgs(process.argv.slice(2)));
