import { describe, expect, it } from 'vitest';
import { createRng, randomInt, randomPermutation } from './random.ts';

describe('createRng', () => {
  it('repeats the same sequence for the same seed and differs for another seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const seqA = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(seqA);
    expect([c(), c(), c()]).not.toEqual(seqA);
  });

  it('yields floats in [0, 1) with a roughly uniform mean', () => {
    const rng = createRng(7);
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = rng();
      if (!(x >= 0 && x < 1)) outside++;
      sum += x;
    }
    expect(outside).toBe(0);
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });

  it('randomInt stays in range and randomPermutation is a permutation', () => {
    const rng = createRng(1);
    for (let i = 0; i < 1000; i++) {
      const k = randomInt(rng, 5);
      expect(Number.isInteger(k) && k >= 0 && k < 5).toBe(true);
    }
    const perm = Array.from(randomPermutation(rng, 50));
    expect([...perm].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(perm).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
