import { createRng } from '#analytics/random.ts';

/**
 * Sampling helpers over the analytics package's seeded generator (mulberry32): the demo generator
 * never calls Math.random, so one seed gives one ecosystem.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by non-negative weights. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** k distinct items (fewer when the list is shorter), in random order. */
  sample<T>(items: readonly T[], k: number): T[];
  /** Standard normal deviate (Box–Muller). */
  normal(): number;
  /** Log-normal around a median with a spread (sigma of the log). */
  logNormal(median: number, sigma: number): number;
}

export function createRandom(seed: number): Random {
  const next = createRng(seed);
  function pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(next() * items.length)] as T;
  }
  function normal(): number {
    const u = 1 - next();
    const v = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  function weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let r = next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return items[i] as T;
    }
    return pick(items);
  }
  function sample<T>(items: readonly T[], k: number): T[] {
    const copy = [...items];
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(next() * (copy.length - i));
      const tmp = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = tmp;
    }
    return copy.slice(0, n);
  }
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick,
    weighted,
    sample,
    normal,
    logNormal: (median, sigma) => median * Math.exp(sigma * normal()),
  };
}
