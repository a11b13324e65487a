import { describe, expect, it } from 'vitest';
import { poissonInterval } from './poisson-interval.ts';

describe('poissonInterval (Garwood, exact)', () => {
  // reference values: the means at which P(X ≥ x) and P(X ≤ x) are 2.5%, summed from the pmf
  it.each([
    [0, 0, 3.688879],
    [1, 0.02531781, 5.571643],
    [10, 4.795389, 18.390356],
    [40, 28.576586, 54.468647],
  ])('x = %i gives [%f, %f]', (x, low, high) => {
    const ci = poissonInterval(x);
    expect(ci.low).toBeCloseTo(low, 4);
    expect(ci.high).toBeCloseTo(high, 4);
  });

  it('refuses a count that is not a whole number', () => {
    expect(() => poissonInterval(1.5)).toThrow(/whole number/);
  });
});
