import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './wilson-interval.ts';

describe('wilsonInterval', () => {
  it('matches published values (Newcombe 1998: 81 of 263 → 0.2553–0.3662)', () => {
    const ci = wilsonInterval(81, 263);
    expect(ci?.rate).toBeCloseTo(0.30798, 4);
    expect(ci?.low).toBeCloseTo(0.2553, 4);
    expect(ci?.high).toBeCloseTo(0.3662, 4);
  });

  it('stays inside [0, 1] at the edges and is wide on small n', () => {
    const none = wilsonInterval(0, 10);
    expect(none?.low).toBe(0);
    expect(none?.high).toBeCloseTo(0.2775, 4);
    const all = wilsonInterval(3, 3);
    expect(all?.high).toBe(1);
    expect(all?.low).toBeLessThan(0.5);
  });

  it('has nothing to say on no trials and refuses impossible counts', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(5, 4)).toThrow(/successes ≤ trials/);
  });
});
