import { describe, expect, it } from 'vitest';
import { DomainError } from '#core/domain-error.ts';
import {
  chiSquareSurvival,
  erfc,
  hypergeometricPmf,
  logChoose,
  logFactorial,
  logGamma,
  normalCdf,
  normalQuantile,
  normalSurvival,
  regularizedGammaP,
  regularizedGammaQ,
  twoSidedNormalP,
} from './special-functions.ts';

/** Relative closeness, for values spanning many orders of magnitude. */
function expectRelClose(actual: number, expected: number, rel = 1e-10): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * rel);
}

// Reference values: R (lgamma, pgamma, pnorm, qnorm, pchisq, dhyper), equal to SciPy's.
describe('log-gamma and factorials', () => {
  it('matches R lgamma', () => {
    expectRelClose(logGamma(0.5), 0.5723649429247001, 1e-13); // ln √π
    expectRelClose(logGamma(10), 12.801827480081469, 1e-13); // ln 9!
    expectRelClose(logGamma(100.5), 361.43554046777757, 1e-13);
    expectRelClose(logGamma(1e-3), 6.907178885383853, 1e-12); // reflection branch
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(2)).toBeCloseTo(0, 14);
  });

  it('ln n! and ln C(n, k)', () => {
    expect(logFactorial(0)).toBe(0);
    expect(logFactorial(5)).toBeCloseTo(Math.log(120), 13);
    expect(Math.exp(logChoose(8, 4))).toBeCloseTo(70, 9);
    expect(logChoose(3, 4)).toBe(Number.NEGATIVE_INFINITY);
    expectRelClose(logFactorial(2000), logGamma(2001), 1e-13);
  });

  it('refuses arguments outside the domain rather than returning NaN', () => {
    expect(() => logGamma(0)).toThrow(DomainError);
    expect(() => logGamma(-2)).toThrow(/positive finite/);
    expect(() => logFactorial(2.5)).toThrow(/whole n/);
  });
});

describe('regularised incomplete gamma', () => {
  it('matches R pgamma', () => {
    expectRelClose(regularizedGammaP(2.5, 1.3), 0.23863473215498604, 1e-12);
    expectRelClose(regularizedGammaQ(2.5, 1.3), 0.761365267845014, 1e-12);
    expectRelClose(regularizedGammaQ(10, 30), 7.121750862815593e-6, 1e-10); // continued fraction
    expectRelClose(regularizedGammaP(0.5, 0.01), 0.11246291601828491, 1e-12);
    expect(regularizedGammaP(3, 0)).toBe(0);
    expect(regularizedGammaQ(3, 0)).toBe(1);
  });

  it('P + Q = 1', () => {
    for (const [a, x] of [
      [0.5, 0.2],
      [3, 2],
      [7, 12],
      [40, 35],
    ] as const) {
      expect(regularizedGammaP(a, x) + regularizedGammaQ(a, x)).toBeCloseTo(1, 14);
    }
  });

  it('refuses a ≤ 0 or x < 0', () => {
    expect(() => regularizedGammaP(0, 1)).toThrow(DomainError);
    expect(() => regularizedGammaQ(1, -1)).toThrow(/x ≥ 0/);
  });
});

describe('normal distribution', () => {
  it('matches R pnorm / qnorm', () => {
    expectRelClose(normalCdf(-1.96), 0.024997895148220435, 1e-12);
    expectRelClose(normalCdf(0.3), 0.6179114221889526, 1e-13);
    expectRelClose(normalSurvival(8), 6.22096057427174e-16, 1e-9); // far tail kept exact
    expectRelClose(normalQuantile(0.975), 1.959963984540054, 1e-14);
    expectRelClose(normalQuantile(1e-10), -6.361340902404056, 1e-12);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 14);
  });

  it('erfc matches R 2*pnorm(-x*sqrt(2))', () => {
    expectRelClose(erfc(0.5), 0.4795001221869535, 1e-13);
    expectRelClose(erfc(3), 2.2090496998585445e-5, 1e-11);
    expectRelClose(erfc(-1), 1.8427007929497148, 1e-13);
  });

  it('two-sided p of z = 1.959964 is 0.05', () => {
    expect(twoSidedNormalP(1.959963984540054)).toBeCloseTo(0.05, 12);
    expect(twoSidedNormalP(-1.959963984540054)).toBeCloseTo(0.05, 12);
    expect(twoSidedNormalP(0)).toBe(1);
    expect(() => twoSidedNormalP(Number.NaN)).toThrow(DomainError);
  });
});

describe('chi-square survival', () => {
  it('matches R pchisq(lower.tail = FALSE)', () => {
    expectRelClose(chiSquareSurvival(3.841458820694124, 1), 0.05, 1e-12);
    expectRelClose(chiSquareSurvival(16.8, 1), 4.153330286677669e-5, 1e-10);
    expectRelClose(chiSquareSurvival(10, 3), 0.01856613546304325, 1e-12);
    expectRelClose(chiSquareSurvival(100, 50), 3.454931382984871e-5, 1e-10);
    expect(chiSquareSurvival(0, 2)).toBe(1);
  });

  it('refuses df ≤ 0 and NaN statistics', () => {
    expect(() => chiSquareSurvival(1, 0)).toThrow(/df > 0/);
    expect(() => chiSquareSurvival(Number.NaN, 1)).toThrow(DomainError);
  });
});

describe('hypergeometric', () => {
  it('matches R dhyper(3, 4, 4, 4) = 16/70', () => {
    expectRelClose(hypergeometricPmf(3, 8, 4, 4), 16 / 70, 1e-13);
    expect(hypergeometricPmf(5, 8, 4, 4)).toBe(0);
    let total = 0;
    for (let x = 0; x <= 4; x++) total += hypergeometricPmf(x, 8, 4, 4);
    expect(total).toBeCloseTo(1, 14);
  });

  it('refuses impossible arguments', () => {
    expect(() => hypergeometricPmf(1, 3, 4, 1)).toThrow(/more successes/);
    expect(() => hypergeometricPmf(-1, 3, 1, 1)).toThrow(/whole number/);
  });
});
