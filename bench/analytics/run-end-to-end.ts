/** Entry of the end-to-end communities benchmark; see end-to-end-bench.ts for the flags. */
import { runEndToEndBench, type EndToEndSize } from './end-to-end-bench.ts';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const postgresUrl = flag('--postgres-url');
await runEndToEndBench({
  root: process.cwd(),
  sizes: (flag('--sizes') ?? 'e2e-100k').split(',') as EndToEndSize[],
  engines: (flag('--engines') ?? 'sqlite').split(',') as ('sqlite' | 'postgres')[],
  rounds: Number(flag('--rounds') ?? 3),
  reuse: args.includes('--reuse'),
  importOnly: args.includes('--import-only'),
  ...(postgresUrl ? { postgresUrl } : {}),
});
