/** Entry: node bin/run-ts.mjs bench/web/run-api-bench.ts [--seconds 10] [--connections 50] [--scale 1] */
import { runApiBench } from './api-bench.ts';

function argument(name: string): number | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const value = Number(process.argv[i + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

{
  const seconds = argument('seconds');
  const connections = argument('connections');
  const scale = argument('scale');
  const report = await runApiBench({
    ...(seconds ? { seconds } : {}),
    ...(connections ? { connections } : {}),
    ...(scale ? { scale } : {}),
  });
  console.log(
    `wrote bench/results/web.json and web.md; all within target: ${report.allMeetTarget}`,
  );
}
