import { describe, expect, it } from 'vitest';
import { DomainError } from '#core/domain-error.ts';
import { conditionalOddsRatio, fisherExactTest, oddsRatio } from './fisher-exact.ts';

// Reference p-values: R fisher.test (equal to SciPy's fisher_exact).
describe('fisherExactTest', () => {
  it('tea tasting (Fisher 1935): p = 0.4857, one-sided 0.2429', () => {
    const result = fisherExactTest([
      [3, 1],
      [1, 3],
    ]);
    expect(result.pValue).toBeCloseTo(0.4857142857, 9); // 34/70
    expect(result.pGreater).toBeCloseTo(0.2428571429, 9); // 17/70
    expect(result.pLess).toBeCloseTo(0.9857142857, 9);
  });

  it('dieting by sex (the Wikipedia example): p = 0.002759', () => {
    const result = fisherExactTest([
      [1, 9],
      [11, 3],
    ]);
    expect(result.pValue).toBeCloseTo(0.0027594561852, 11);
    expect(result.pLess).toBeCloseTo(0.0013797280926, 11);
  });

  it('a table with a zero cell: p = 0.0002999', () => {
    expect(
      fisherExactTest([
        [10, 0],
        [6, 14],
      ]).pValue,
    ).toBeCloseTo(0.00029985007496, 12);
  });

  it('an empty margin gives p = 1', () => {
    expect(
      fisherExactTest([
        [0, 0],
        [4, 6],
      ]).pValue,
    ).toBe(1);
  });

  it('refuses non-count cells', () => {
    expect(() =>
      fisherExactTest([
        [1.5, 2],
        [3, 4],
      ]),
    ).toThrow(/cell a must be a whole count/);
    expect(() =>
      fisherExactTest([
        [1, 2],
        [3, -4],
      ]),
    ).toThrow(DomainError);
  });
});

describe('oddsRatio', () => {
  it('tea tasting: OR 9, Woolf 95% CI 0.367–220.9', () => {
    const result = oddsRatio([
      [3, 1],
      [1, 3],
    ]);
    expect(result.oddsRatio).toBe(9);
    expect(result.ciLow).toBeCloseTo(0.366637, 5);
    expect(result.ciHigh).toBeCloseTo(220.927, 2);
    expect(result.haldaneCorrected).toBe(false);
  });

  it('[[1, 9], [11, 3]]: OR 1/33, CI 0.00267–0.344', () => {
    const result = oddsRatio([
      [1, 9],
      [11, 3],
    ]);
    expect(result.oddsRatio).toBeCloseTo(0.0303030303, 9);
    expect(result.ciLow).toBeCloseTo(0.0026715756, 9);
    expect(result.ciHigh).toBeCloseTo(0.3437198755, 9);
  });

  it('a zero cell: Haldane–Anscombe, OR = 10.5·14.5 / (0.5·6.5) = 46.85, CI 2.37–926.1', () => {
    const result = oddsRatio([
      [10, 0],
      [6, 14],
    ]);
    expect(result.haldaneCorrected).toBe(true);
    expect(result.method).toMatch(/Haldane–Anscombe/);
    expect(result.oddsRatio).toBeCloseTo(46.8461538, 6);
    expect(result.ciLow).toBeCloseTo(2.3697767, 6);
    expect(result.ciHigh).toBeCloseTo(926.06283, 4);
  });

  it('an empty row has no odds ratio', () => {
    expect(() =>
      oddsRatio([
        [0, 0],
        [4, 6],
      ]),
    ).toThrow(/no odds ratio: the first row \(factor present\) is empty/);
  });
});

describe('conditionalOddsRatio (the estimate and interval of R fisher.test)', () => {
  // Tea tasting [[3, 1], [1, 3]]: margins 4, 4, 4; P(X = x | ψ) ∝ w_x ψ^x with w = 1, 16, 36, 16, 1.
  const tea = [
    [3, 1],
    [1, 3],
  ] as const;
  const w = [1, 16, 36, 16, 1];
  const norm = (psi: number) => w.reduce((s, wx, x) => s + wx * psi ** x, 0);
  const upper = (psi: number) => (16 * psi ** 3 + psi ** 4) / norm(psi); // P(X ≥ 3)
  const lower = (psi: number) => 1 - psi ** 4 / norm(psi); // P(X ≤ 3)
  const mean = (psi: number) => w.reduce((s, wx, x) => s + x * wx * psi ** x, 0) / norm(psi);

  it('solves the conditional likelihood and the exact tails to full precision (hand-checked)', () => {
    const r = conditionalOddsRatio(tea);
    expect(mean(r.estimate)).toBeCloseTo(3, 10);
    expect(upper(r.ciLow)).toBeCloseTo(0.025, 12);
    expect(lower(r.ciHigh)).toBeCloseTo(0.025, 12);
    const ninety = conditionalOddsRatio(tea, 0.9);
    expect(upper(ninety.ciLow)).toBeCloseTo(0.05, 12);
    expect(lower(ninety.ciHigh)).toBeCloseTo(0.05, 12);
  });

  // R: fisher.test(matrix(c(3, 1, 1, 3), 2)) → p 0.4857, odds ratio 6.408309, 95% CI
  // 0.2117329–621.9337505; with alternative = "greater" (one-sided 95%, the lower limit of the 90%
  // interval) 0.3135693, and "less" 308.5568338. R finds these roots with uniroot (tolerance
  // 1.22e-4 on ψ below 1 and on 1/ψ above 1), so they agree to that tolerance.
  it('agrees with R fisher.test on the tea-tasting table within uniroot’s tolerance', () => {
    const tol = 1.22e-4;
    const r = conditionalOddsRatio(tea);
    expect(Math.abs(1 / r.estimate - 1 / 6.408309)).toBeLessThan(tol);
    expect(Math.abs(r.ciLow - 0.2117329)).toBeLessThan(tol);
    expect(Math.abs(1 / r.ciHigh - 1 / 621.9337505)).toBeLessThan(tol);
    const ninety = conditionalOddsRatio(tea, 0.9);
    expect(Math.abs(ninety.ciLow - 0.3135693)).toBeLessThan(tol);
    expect(Math.abs(1 / ninety.ciHigh - 1 / 308.5568338)).toBeLessThan(tol);
    expect(r.estimate).toBeCloseTo(6.4083, 3);
    expect(fisherExactTest(tea).pValue).toBeCloseTo(0.4857142857, 9);
  });

  it('is 0 or Infinity at the edge of the support, with the interval open on that side', () => {
    const zero = conditionalOddsRatio([
      [10, 0],
      [6, 14],
    ]);
    expect(zero.estimate).toBe(Number.POSITIVE_INFINITY);
    expect(zero.ciHigh).toBe(Number.POSITIVE_INFINITY);
    expect(zero.ciLow).toBeGreaterThan(1);
    const none = conditionalOddsRatio([
      [0, 4],
      [10, 6],
    ]);
    expect(none.estimate).toBe(0);
    expect(none.ciLow).toBe(0);
  });
});
