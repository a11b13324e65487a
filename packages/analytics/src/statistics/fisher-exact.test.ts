import { describe, expect, it } from 'vitest';
import { DomainError } from '#core/domain-error.ts';
import { fisherExactTest, oddsRatio } from './fisher-exact.ts';

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
