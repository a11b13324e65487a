/**
 * How many cases each property of the fuzz tests (`*.fuzz.test.ts`) tries: a moderate default
 * keeps the suite fast; `MUSUBI_FUZZ_RUNS=N` multiplies it for a long run, and `MUSUBI_FUZZ_SEED`
 * replays a failure that fast-check printed.
 */
const factor = Number(process.env['MUSUBI_FUZZ_RUNS'] ?? '1');
const seed = process.env['MUSUBI_FUZZ_SEED'];

export function fuzzRuns(base: number): number {
  return Math.max(1, Math.round(base * (Number.isFinite(factor) && factor > 0 ? factor : 1)));
}

/** fast-check parameters: the run count, and the seed when one is given to replay. */
export function fuzzParameters(base: number): { numRuns: number; seed?: number } {
  const runs = { numRuns: fuzzRuns(base) };
  return seed !== undefined && Number.isInteger(Number(seed))
    ? { ...runs, seed: Number(seed) }
    : runs;
}
