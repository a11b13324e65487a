import { describe, expect, it } from 'vitest';
import { DomainError } from '#core/domain-error.ts';
import { logisticRegression } from './logistic-regression.ts';

// Challenger O-ring data (Dalal, Fowlkes & Hoadley 1989): launch temperature (°F) and whether any
// O-ring was damaged, 23 flights. R: glm(damage ~ temp, family = binomial)
//   (Intercept) 15.0429  SE 7.3786  z  2.039  p 0.0415
//   temp        -0.2322  SE 0.1082  z -2.145  p 0.0320
//   Null deviance 28.267 on 22 df; residual deviance 20.315 on 21 df
const temperature = [
  66, 70, 69, 68, 67, 72, 73, 70, 57, 63, 70, 78, 67, 53, 67, 75, 70, 81, 76, 79, 75, 76, 58,
];
const damage = [0, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1];

/** Rows of a 2×2 table [[a, b], [c, d]] (factor 1/0 × outcome 1/0) as records. */
function tableRecords(a: number, b: number, c: number, d: number): { x: number[][]; y: number[] } {
  const x: number[][] = [];
  const y: number[] = [];
  const push = (count: number, factor: number, outcome: number) => {
    for (let i = 0; i < count; i++) {
      x.push([factor]);
      y.push(outcome);
    }
  };
  push(a, 1, 1);
  push(b, 1, 0);
  push(c, 0, 1);
  push(d, 0, 0);
  return { x, y };
}

describe('logisticRegression: maximum likelihood', () => {
  const result = logisticRegression({
    names: ['temp'],
    x: temperature.map((t) => [t]),
    y: damage,
  });

  it('reproduces R glm on the Challenger data', () => {
    expect(result.method).toBe('maximum_likelihood');
    expect(result.intercept.coefficient).toBeCloseTo(15.0429, 4);
    expect(result.intercept.standardError).toBeCloseTo(7.3786, 4);
    expect(result.intercept.pValue).toBeCloseTo(0.0415, 4);
    const [temp] = result.coefficients;
    expect(temp?.name).toBe('temp');
    expect(temp?.coefficient).toBeCloseTo(-0.23216, 5);
    expect(temp?.standardError).toBeCloseTo(0.10824, 5);
    expect(temp?.z).toBeCloseTo(-2.145, 3);
    expect(temp?.pValue).toBeCloseTo(0.03196, 5);
    expect(result.deviance).toBeCloseTo(20.315, 3);
    expect(result.nullDeviance).toBeCloseTo(28.267, 3);
    expect(result.records).toBe(23);
    expect(result.events).toBe(7);
  });

  it('gives Wald intervals β ± 1.96·SE and their odds ratios', () => {
    const [temp] = result.coefficients;
    expect(temp?.ciLow).toBeCloseTo(-0.23216 - 1.959964 * 0.108237, 4);
    expect(temp?.ciHigh).toBeCloseTo(-0.23216 + 1.959964 * 0.108237, 4);
    expect(temp?.oddsRatio).toBeCloseTo(Math.exp(-0.23216), 4);
    expect(temp?.oddsRatioCiHigh).toBeCloseTo(Math.exp(temp?.ciHigh ?? 0), 10);
    expect(result.warnings.some((w) => /events per factor/.test(w))).toBe(true); // 7 events, 1 factor
  });

  it('on a binary factor, the coefficient is the log odds ratio with Woolf standard error', () => {
    // [[12, 8], [5, 15]]: log OR = ln(12·15 / (8·5)) = ln 4.5; SE = √(1/12 + 1/8 + 1/5 + 1/15)
    const { x, y } = tableRecords(12, 8, 5, 15);
    const fit = logisticRegression({ names: ['s_grade'], x, y });
    expect(fit.coefficients[0]?.coefficient).toBeCloseTo(Math.log(4.5), 8);
    expect(fit.coefficients[0]?.standardError).toBeCloseTo(
      Math.sqrt(1 / 12 + 1 / 8 + 1 / 5 + 1 / 15),
      8,
    );
    expect(fit.intercept.coefficient).toBeCloseTo(Math.log(5 / 15), 8);
  });
});

describe('logisticRegression: separation and Firth', () => {
  // no record with the factor and without the outcome: quasi-complete separation
  const { x, y } = tableRecords(10, 0, 6, 14);

  it('detects separation and names the factor when Firth is refused', () => {
    expect(() =>
      logisticRegression({ names: ['final_grade_s'], x, y }, { firth: 'never' }),
    ).toThrow(/separated by "final_grade_s"/);
    try {
      logisticRegression({ names: ['final_grade_s'], x, y }, { firth: 'never' });
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('insufficient_data');
      expect((error as DomainError).details).toEqual({ factors: ['final_grade_s'] });
    }
  });

  it('falls back to Firth, which on a 2×2 table equals the log odds ratio with 0.5 added to each cell', () => {
    const fit = logisticRegression({ names: ['final_grade_s'], x, y });
    expect(fit.method).toBe('firth');
    expect(fit.separatedFactors).toEqual(['final_grade_s']);
    expect(fit.warnings.join(' ')).toMatch(/Firth/);
    // ln((10.5·14.5)/(0.5·6.5)) = ln 46.846… = 3.8468
    expect(fit.coefficients[0]?.coefficient).toBeCloseTo(Math.log((10.5 * 14.5) / (0.5 * 6.5)), 6);
    expect(fit.intercept.coefficient).toBeCloseTo(Math.log(6.5 / 14.5), 6);
    // SE from the information at the Firth estimate: p1 = 10.5/11, p0 = 6.5/21
    const p1 = 10.5 / 11;
    const p0 = 6.5 / 21;
    expect(fit.coefficients[0]?.standardError).toBeCloseTo(
      Math.sqrt(1 / (10 * p1 * (1 - p1)) + 1 / (20 * p0 * (1 - p0))),
      6,
    );
  });

  it('Firth on request also for unseparated data, shrinking towards 0', () => {
    const { x: x2, y: y2 } = tableRecords(12, 8, 5, 15);
    const fit = logisticRegression({ names: ['f'], x: x2, y: y2 }, { firth: 'always' });
    expect(fit.method).toBe('firth');
    expect(fit.coefficients[0]?.coefficient).toBeCloseTo(Math.log((12.5 * 15.5) / (8.5 * 5.5)), 6);
  });

  it('detects complete separation on a continuous factor', () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((v) => [v]);
    const ys = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1];
    expect(() =>
      logisticRegression({ names: ['budget'], x: xs, y: ys }, { firth: 'never' }),
    ).toThrow(/separated by "budget"/);
    const fit = logisticRegression({ names: ['budget'], x: xs, y: ys });
    expect(fit.method).toBe('firth');
    expect(Number.isFinite(fit.coefficients[0]?.coefficient)).toBe(true);
    expect(fit.coefficients[0]?.coefficient).toBeGreaterThan(0);
  });
});

describe('logisticRegression: refusals, never NaN', () => {
  const base = tableRecords(12, 8, 5, 15);

  it('too few records', () => {
    expect(() =>
      logisticRegression({ names: ['a'], x: [[1], [0], [1], [0]], y: [1, 0, 0, 1] }),
    ).toThrow(/too few records for a logistic regression on 1 factor\(s\): 4 < 10/);
  });

  it('a constant factor, named', () => {
    const x = base.x.map((row) => [...row, 3]);
    expect(() => logisticRegression({ names: ['s_grade', 'coordinator'], x, y: base.y })).toThrow(
      /factor "coordinator" is constant \(3 for all 40 records\)/,
    );
  });

  it('a constant outcome', () => {
    expect(() =>
      logisticRegression({ names: ['s_grade'], x: base.x, y: base.y.map(() => 1) }),
    ).toThrow(/outcome is the same for all 40 records \(all events\)/);
  });

  it('collinear factors, named', () => {
    const x = base.x.map((row, i) => [row[0] ?? 0, i % 3, 2 * (row[0] ?? 0) + 1]);
    expect(() => logisticRegression({ names: ['s', 'noise', 's_twice'], x, y: base.y })).toThrow(
      /factor "s_twice" is a linear combination/,
    );
  });

  it('non-finite values and bad outcomes', () => {
    const x = base.x.map((row, i) => (i === 3 ? [Number.NaN] : row));
    expect(() => logisticRegression({ names: ['share'], x, y: base.y })).toThrow(
      /record 3: factor "share" is NaN/,
    );
    expect(() =>
      logisticRegression({ names: ['s'], x: base.x, y: base.y.map((v, i) => (i === 0 ? 2 : v)) }),
    ).toThrow(/outcome must be 0 or 1/);
  });
});
