/**
 * Fisher's exact test for 2×2 tables (as R's `fisher.test`) and the sample odds ratio with a
 * Woolf (logit) confidence interval, Haldane–Anscombe corrected (+0.5 in every cell) when a cell is 0.
 *
 * Tables are [[a, b], [c, d]]: rows = factor present / absent, columns = outcome yes / no.
 */
import { DomainError } from '#core/domain-error.ts';
import { hypergeometricPmf, normalQuantile } from './special-functions.ts';

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
