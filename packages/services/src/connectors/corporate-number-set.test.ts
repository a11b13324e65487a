import { describe, expect, it } from 'vitest';
import { createRng } from '#analytics/random.ts';
import { createCorporateNumberSet } from './corporate-number-set.ts';

describe('the set of 法人番号 held as numbers', () => {
  it('answers as a Set does through growth, removals and keys that collide', () => {
    const rng = createRng(7);
    const compact = createCorporateNumberSet(4);
    const reference = new Set<number>();
    // 13-digit numbers, a few small ones and 0, many repeated: the kinds a 差分 brings.
    const keys = Array.from({ length: 3000 }, (_, i) =>
      i % 50 === 0 ? i : 1_000_000_000_000 + Math.floor(rng() * 9_000_000_000_000),
    );
    for (let step = 0; step < 40_000; step++) {
      const key = keys[Math.floor(rng() * keys.length)] as number;
      const choice = rng();
      if (choice < 0.6) {
        compact.add(key);
        reference.add(key);
      } else if (choice < 0.8) {
        expect(compact.delete(key)).toBe(reference.delete(key));
      } else expect(compact.has(key)).toBe(reference.has(key));
      expect(compact.size).toBe(reference.size);
    }
    for (const key of keys) expect(compact.has(key)).toBe(reference.has(key));
    expect(compact.has(1_234_567_890_123)).toBe(false);
  });

  it('refuses what is no 法人番号 rather than storing it wrongly', () => {
    const set = createCorporateNumberSet();
    expect(() => set.add(-1)).toThrow(RangeError);
    expect(() => set.add(1.5)).toThrow(RangeError);
    expect(() => set.add(2 ** 53)).toThrow(RangeError);
  });
});
