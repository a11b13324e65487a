/**
 * Entry: node bin/run-ts.mjs bench/web/run-saturation-bench.ts [--seconds 600] [--sample 5]
 * [--scale 1] [--list-clients 50] [--match-clients 30 (0: none, for comparison)] [--out NAME]
 */
import { runSaturationBench } from './saturation-bench.ts';

function argument(name: string, allowZero = false): number | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const value = Number(process.argv[i + 1]);
  if (!Number.isFinite(value) || value < 0 || (value === 0 && !allowZero))
    throw new Error(`--${name} must be a positive number`);
  return value;
}

{
  const seconds = argument('seconds');
  const sampleSeconds = argument('sample');
  const scale = argument('scale');
  const listClients = argument('list-clients');
  const matchClients = argument('match-clients', true);
  const out = process.argv.includes('--out')
    ? process.argv[process.argv.indexOf('--out') + 1]
    : undefined;
  const report = await runSaturationBench({
    ...(seconds ? { seconds } : {}),
    ...(sampleSeconds ? { sampleSeconds } : {}),
    ...(scale ? { scale } : {}),
    ...(listClients ? { listClients } : {}),
    ...(matchClients !== undefined ? { matchClients } : {}),
    ...(out ? { resultName: out } : {}),
  });
  console.log(
    `wrote bench/results/${out ?? 'web-saturation'}.json and .md; all checks met: ${report.allMet}`,
  );
  process.exit(report.allMet ? 0 : 1);
}
