import { describe, expect, it } from 'vitest';
import { createRandom } from './random.ts';

describe('createRandom', () => {
  it('repeats its sequence for a seed and differs for another', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const draw = (r: ReturnType<typeof createRandom>) => Array.from({ length: 5 }, () => r.next());
    const first = draw(a);
    expect(draw(b)).toEqual(first);
    expect(draw(c)).not.toEqual(first);
  });

  it('keeps ints in range, samples distinct items and honours weights', () => {
    const r = createRandom(1);
    for (let i = 0; i < 1000; i++) {
      const n = r.int(3, 5);
      expect(n >= 3 && n <= 5).toBe(true);
    }
    const sample = r.sample([1, 2, 3, 4, 5], 3);
    expect(new Set(sample).size).toBe(3);
    expect(r.sample([1, 2], 5)).toHaveLength(2);
    let heavy = 0;
    for (let i = 0; i < 1000; i++) if (r.weighted(['a', 'b'], [9, 1]) === 'a') heavy += 1;
    expect(heavy).toBeGreaterThan(850);
    expect(() => r.pick([])).toThrow(RangeError);
  });
});
