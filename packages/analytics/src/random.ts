/**
 * Seeded pseudo-random numbers for reproducible analytics.
 *
 * Every randomised algorithm in this package takes an `Rng` so tests and
 * services can pin results with a seed (injectable randomness, as in graphology).
 */

/** A source of uniform floats in [0, 1). `Math.random` satisfies it too. */
export type Rng = () => number;

/**
 * mulberry32: a tiny 32-bit generator, fast and good enough for shuffles and
 * sampling (not for cryptography). Same seed → same sequence.
 */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform integer in [0, bound). */
export function randomInt(rng: Rng, bound: number): number {
  return Math.floor(rng() * bound);
}

/** Fisher–Yates shuffle of a typed array, in place. */
export function shuffleInPlace(rng: Rng, values: Int32Array): Int32Array {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = values[i] as number;
    values[i] = values[j] as number;
    values[j] = tmp;
  }
  return values;
}

/** 0..n-1 in random order. */
export function randomPermutation(rng: Rng, n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return shuffleInPlace(rng, out);
}
