/**
 * The parts of `analyze communities` that are pure computation, timed on a planted network without a
 * database (issue 16): Leiden as the command runs it, then AMI against 47 prefecture-like labels.
 * Prints CPU seconds per part, modularity, iterations and AMI. Profile with
 * `node --cpu-prof --import ./bin/... ` or `node --cpu-prof bin/run-ts.mjs bench/analytics/leiden-profile.ts`.
 *
 * usage: node bin/run-ts.mjs bench/analytics/leiden-profile.ts [--nodes 100000] [--seed 1] [--only leiden|ami]
 */
import {
  LEIDEN_MAX_ITERATIONS,
  LEIDEN_MINIMUM_GAIN,
} from '../../packages/analytics/src/abc/communities.ts';
import { buildCsrGraph } from '../../packages/analytics/src/csr-graph.ts';
import { plantedPartition } from '../../packages/analytics/src/generators.ts';
import { leiden } from '../../packages/analytics/src/leiden.ts';
import { adjustedMutualInformation } from '../../packages/analytics/src/partition-compare.ts';
import { createRng } from '../../packages/analytics/src/random.ts';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const nodeCount = Number(flag('--nodes') ?? 100_000);
const seed = Number(flag('--seed') ?? 1);
const only = flag('--only');

const cpuSeconds = (from: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1e6;
};

const planted = plantedPartition({
  nodeCount,
  communityCount: Math.max(1, Math.round(nodeCount / 1000)),
  averageDegree: 20,
  mixing: 0.3,
  rng: createRng(1),
});
const graph = buildCsrGraph(nodeCount, planted);
let membership: Int32Array = planted.membership;
if (only !== 'ami') {
  const start = process.cpuUsage();
  const result = leiden(graph, {
    rng: createRng(seed),
    minimumGain: LEIDEN_MINIMUM_GAIN,
    extrapolateGains: !args.includes('--no-extrapolation'),
    iterations: LEIDEN_MAX_ITERATIONS,
  });
  membership = result.membership;
  console.log(
    `leiden: ${cpuSeconds(start).toFixed(2)} s CPU, modularity ${result.modularity.toFixed(5)}, ${result.communityCount} communities, ${result.iterations} iterations (${result.stoppedBy}), by iteration ${result.modularityByIteration.map((q) => q.toFixed(6)).join(' ')}`,
  );
}
if (only !== 'leiden') {
  const labelRng = createRng(2);
  const places = Array.from(membership, (c) => (c % 47) + (labelRng() < 0.2 ? 1 : 0));
  const start = process.cpuUsage();
  const ami = adjustedMutualInformation(Array.from(membership), places);
  console.log(`ami: ${cpuSeconds(start).toFixed(2)} s CPU, AMI ${ami.toFixed(12)}`);
}
