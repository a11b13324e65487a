/**
 * Fisher's exact test for 2×2 tables (as R's `fisher.test`) and the sample odds ratio with a
 * Woolf (logit) confidence interval, Haldane–Anscombe corrected (+0.5 in every cell) when a cell is 0.
 *
 * Tables are [[a, b], [c, d]]: rows = factor present / absent, columns = outcome yes / no.
 */
import { DomainError } from '#core/domain-error.ts';
import { hypergeometricPmf, logChoose, normalQuantile } from './special-functions.ts';

export type Table2x2 = readonly [readonly [number, number], readonly [number, number]];

export interface OddsRatioResult {
  /** (a·d)/(b·c), after the correction when one was applied. */
  oddsRatio: number;
  ciLow: number;
  ciHigh: number;
  confidence: number;
  /** True when a cell was 0 and 0.5 was added to every cell (Haldane–Anscombe). */
  haldaneCorrected: boolean;
  method: string;
}

export interface FisherExactResult {
  table: [[number, number], [number, number]];
  /** Two-sided: sum of the probabilities of all tables no more likely than the observed one. */
  pValue: number;
  /** One-sided p for an odds ratio below 1. */
  pLess: number;
  /** One-sided p for an odds ratio above 1. */
  pGreater: number;
}

function cells(table: Table2x2): [number, number, number, number] {
  const [[a, b], [c, d]] = table;
  for (const [name, v] of [
    ['a', a],
    ['b', b],
    ['c', c],
    ['d', d],
  ] as const) {
    if (!Number.isInteger(v) || v < 0) {
      throw new DomainError(
        'validation_failed',
        `2×2 table cell ${name} must be a whole count ≥ 0, got ${v}`,
        { cell: name, value: v },
      );
    }
  }
  return [a, b, c, d];
}

/** Fisher's exact test; relative tolerance 1e-7 on "no more likely", as R. */
export function fisherExactTest(table: Table2x2): FisherExactResult {
  const [a, b, c, d] = cells(table);
  const row1 = a + b;
  const col1 = a + c;
  const n = a + b + c + d;
  const low = Math.max(0, col1 - (n - row1));
  const high = Math.min(row1, col1);
  const observed = hypergeometricPmf(a, n, row1, col1);
  let two = 0;
  let less = 0;
  let greater = 0;
  for (let x = low; x <= high; x++) {
    const p = hypergeometricPmf(x, n, row1, col1);
    if (p <= observed * (1 + 1e-7)) two += p;
    if (x <= a) less += p;
    if (x >= a) greater += p;
  }
  return {
    table: [
      [a, b],
      [c, d],
    ],
    pValue: Math.min(1, two),
    pLess: Math.min(1, less),
    pGreater: Math.min(1, greater),
  };
}

/**
 * Sample odds ratio with a Woolf interval exp(ln OR ± z·√(1/a+1/b+1/c+1/d)). A zero cell adds 0.5
 * to every cell; an empty row or column (the factor or the outcome never varies) throws, because no
 * odds ratio exists.
 */
export function oddsRatio(table: Table2x2, confidence = 0.95): OddsRatioResult {
  const [a0, b0, c0, d0] = cells(table);
  const empty = [
    [a0 + b0, 'the first row (factor present) is empty'],
    [c0 + d0, 'the second row (factor absent) is empty'],
    [a0 + c0, 'the first column (outcome yes) is empty'],
    [b0 + d0, 'the second column (outcome no) is empty'],
  ] as const;
  for (const [total, message] of empty) {
    if (total === 0) {
      throw new DomainError('insufficient_data', `no odds ratio: ${message}`, {
        table: [
          [a0, b0],
          [c0, d0],
        ],
      });
    }
  }
  const haldaneCorrected = a0 === 0 || b0 === 0 || c0 === 0 || d0 === 0;
  const k = haldaneCorrected ? 0.5 : 0;
  const [a, b, c, d] = [a0 + k, b0 + k, c0 + k, d0 + k];
  const or = (a * d) / (b * c);
  const se = Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d);
  const z = normalQuantile(1 - (1 - confidence) / 2);
  return {
    oddsRatio: or,
    ciLow: Math.exp(Math.log(or) - z * se),
    ciHigh: Math.exp(Math.log(or) + z * se),
    confidence,
    haldaneCorrected,
    method: haldaneCorrected
      ? 'sample odds ratio with Haldane–Anscombe correction (0.5 added to every cell because one is 0), Woolf logit interval'
      : 'sample odds ratio (a·d)/(b·c), Woolf logit interval',
  };
}

export interface ConditionalOddsRatioResult {
  /**
   * Conditional maximum-likelihood estimate of the odds ratio (non-central hypergeometric given the
   * margins), as R's `fisher.test` reports it: 0 when a = its minimum, Infinity at its maximum.
   */
  estimate: number;
  /** Exact conditional interval (each tail at (1 − confidence)/2); 0 and Infinity when open. */
  ciLow: number;
  ciHigh: number;
  confidence: number;
  method: string;
}

/**
 * The odds ratio that goes with Fisher's exact test: its conditional maximum-likelihood estimate
 * and exact conditional confidence interval, computed as R's `fisher.test` does (the roots are
 * found by bisection on log(odds ratio) to full precision rather than with `uniroot`'s tolerance).
 */
export function conditionalOddsRatio(
  table: Table2x2,
  confidence = 0.95,
): ConditionalOddsRatioResult {
  const [a, b, c, d] = cells(table);
  const m = a + c; // first column total
  const n = b + d; // second column total
  const k = a + b; // first row total
  const lo = Math.max(0, k - n);
  const hi = Math.min(k, m);
  const support: number[] = [];
  for (let x = lo; x <= hi; x++) support.push(x);
  const logdc = support.map((x) => logChoose(m, x) + logChoose(n, k - x));
  /** Probabilities of the support under odds ratio exp(logPsi). */
  const density = (logPsi: number): number[] => {
    const l = logdc.map((v, i) => v + logPsi * (support[i] ?? 0));
    const max = Math.max(...l);
    const e = l.map((v) => Math.exp(v - max));
    const total = e.reduce((s, v) => s + v, 0);
    return e.map((v) => v / total);
  };
  const mean = (logPsi: number) =>
    density(logPsi).reduce((s, p, i) => s + p * (support[i] ?? 0), 0);
  const lowerTail = (logPsi: number) =>
    density(logPsi).reduce((s, p, i) => ((support[i] ?? 0) <= a ? s + p : s), 0);
  const upperTail = (logPsi: number) =>
    density(logPsi).reduce((s, p, i) => ((support[i] ?? 0) >= a ? s + p : s), 0);
  /** Root of an increasing f(logPsi) − target on a wide bracket. */
  const solve = (f: (logPsi: number) => number, target: number): number => {
    let left = -60;
    let right = 60;
    for (let i = 0; i < 200; i++) {
      const mid = (left + right) / 2;
      if (f(mid) < target) left = mid;
      else right = mid;
    }
    return Math.exp((left + right) / 2);
  };
  const alpha = (1 - confidence) / 2;
  const estimate =
    lo === hi ? Number.NaN : a === lo ? 0 : a === hi ? Number.POSITIVE_INFINITY : solve(mean, a);
  // lower limit: P(X ≥ a) = alpha (increasing in the odds ratio); upper: P(X ≤ a) = alpha (decreasing)
  const ciLow = a === lo ? 0 : solve(upperTail, alpha);
  const ciHigh = a === hi ? Number.POSITIVE_INFINITY : solve((t) => -lowerTail(t), -alpha);
  return {
    estimate,
    ciLow,
    ciHigh,
    confidence,
    method:
      'conditional maximum-likelihood odds ratio with the exact conditional interval (as R fisher.test)',
  };
}
