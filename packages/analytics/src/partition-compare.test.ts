import { describe, expect, it } from 'vitest';
import {
  adjustedMutualInformation,
  entropy,
  expectedMutualInformation,
  mutualInformation,
  normalizedMutualInformation,
} from './partition-compare.ts';
import { createRng } from './random.ts';

/** The expected MI term by term, one exp per n_ij (as computed before the recurrence). */
function expectedMutualInformationTermByTerm(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const sums = (labels: readonly number[]) => {
    const counts = new Map<number, number>();
    for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
    return [...counts.values()];
  };
  const logFactorial = new Float64Array(n + 1);
  for (let k = 2; k <= n; k++) logFactorial[k] = (logFactorial[k - 1] ?? 0) + Math.log(k);
  const lf = (k: number): number => logFactorial[k] ?? 0;
  let emi = 0;
  for (const ai of sums(x)) {
    for (const bj of sums(y)) {
      const fixed = lf(ai) + lf(bj) + lf(n - ai) + lf(n - bj) - lf(n);
      for (let nij = Math.max(1, ai + bj - n); nij <= Math.min(ai, bj); nij++) {
        const logP = fixed - lf(nij) - lf(ai - nij) - lf(bj - nij) - lf(n - ai - bj + nij);
        emi += (nij / n) * Math.log((n * nij) / (ai * bj)) * Math.exp(logP);
      }
    }
  }
  return emi;
}

/** n labels over k clusters of uneven sizes (cluster c drawn ∝ 1 / (c + 1)^skew). */
function skewedLabels(n: number, k: number, skew: number, seed: number): number[] {
  const rng = createRng(seed);
  const weights = Array.from({ length: k }, (_, c) => 1 / (c + 1) ** skew);
  const total = weights.reduce((sum, w) => sum + w, 0);
  return Array.from({ length: n }, () => {
    let pick = rng() * total;
    let c = 0;
    while (c < k - 1 && pick >= (weights[c] ?? 0)) pick -= weights[c++] ?? 0;
    return c;
  });
}

// scikit-learn's own test case (sklearn/metrics/cluster/tests/test_supervised.py).
const a = [1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3];
const b = [1, 1, 1, 1, 2, 1, 2, 2, 2, 2, 3, 1, 3, 3, 3, 2, 2];

describe('mutual information scores', () => {
  it('reproduce scikit-learn values: MI 0.41022, EMI 0.15042, AMI 0.27821 (arithmetic), 0.27502 (max)', () => {
    expect(mutualInformation(a, b)).toBeCloseTo(0.41022, 5);
    expect(expectedMutualInformation(a, b)).toBeCloseTo(0.15042, 5);
    expect(adjustedMutualInformation(a, b)).toBeCloseTo(0.27821, 5);
    expect(adjustedMutualInformation(a, b, { averageMethod: 'max' })).toBeCloseTo(0.27502, 5);
  });

  it('AMI of the 110-fold repetition is 0.38 (scikit-learn, 2 decimals)', () => {
    const a110 = Array.from({ length: 110 }, () => a).flat();
    const b110 = Array.from({ length: 110 }, () => b).flat();
    expect(adjustedMutualInformation(a110, b110)).toBeCloseTo(0.38, 2);
  });

  it('NMI matches a hand computation', () => {
    // true [0,0,0,1,1,1] vs pred [0,0,1,1,2,2]: MI = ln 2 − (2/3) ln 2... derived:
    // cells (0,0)=2,(0,1)=1,(1,1)=1,(1,2)=2; H(true) = ln 2, H(pred) = ln 3.
    const truth = [0, 0, 0, 1, 1, 1];
    const pred = [0, 0, 1, 1, 2, 2];
    const mi =
      (2 / 6) * Math.log((6 * 2) / (3 * 2)) * 2 + (1 / 6) * Math.log((6 * 1) / (3 * 2)) * 2;
    expect(mutualInformation(truth, pred)).toBeCloseTo(mi, 12);
    expect(entropy(truth)).toBeCloseTo(Math.log(2), 12);
    expect(entropy(pred)).toBeCloseTo(Math.log(3), 12);
    expect(normalizedMutualInformation(truth, pred)).toBeCloseTo(
      mi / ((Math.log(2) + Math.log(3)) / 2),
      12,
    );
    expect(normalizedMutualInformation(truth, pred)).toBeCloseTo(0.5158037429793889, 12);
    expect(normalizedMutualInformation(truth, pred, { averageMethod: 'max' })).toBeCloseTo(
      mi / Math.log(3),
      12,
    );
    expect(normalizedMutualInformation(truth, pred, { averageMethod: 'geometric' })).toBeCloseTo(
      mi / Math.sqrt(Math.log(2) * Math.log(3)),
      12,
    );
  });

  it('is 1 for identical partitions whatever the label names, 0 for independent ones', () => {
    expect(normalizedMutualInformation([0, 0, 1, 1], ['x', 'x', 'y', 'y'])).toBe(1);
    expect(adjustedMutualInformation([1, 1, 2, 2], [2, 2, 3, 3])).toBeCloseTo(1, 12);
    expect(normalizedMutualInformation([0, 0, 1, 1], [0, 1, 0, 1])).toBe(0);
    expect(normalizedMutualInformation([5, 5, 5], [1, 1, 1])).toBe(1);
    expect(adjustedMutualInformation([0, 0, 0, 0], [0, 0, 1, 1])).toBeCloseTo(0, 12);
    expect(() => mutualInformation([0, 1], [0])).toThrow(/length/);
  });

  it('expected MI by the recurrence from the mode equals the term-by-term sum to 1e-9', () => {
    const cases: [number[], number[]][] = [
      [a, b],
      [Array.from({ length: 110 }, () => a).flat(), Array.from({ length: 110 }, () => b).flat()],
      [skewedLabels(3000, 60, 1, 1), skewedLabels(3000, 47, 0.5, 2)],
      [skewedLabels(5000, 5, 0, 3), skewedLabels(5000, 300, 1.5, 4)],
      [skewedLabels(20000, 100, 0.8, 5), skewedLabels(20000, 47, 1.2, 6)],
      [skewedLabels(2000, 2, 3, 7), skewedLabels(2000, 2, 0, 8)],
    ];
    for (const [x, y] of cases) {
      const reference = expectedMutualInformationTermByTerm(x, y);
      expect(reference).toBeGreaterThan(0);
      expect(Math.abs(expectedMutualInformation(x, y) - reference)).toBeLessThan(1e-9);
    }
    // Labels that agree more than by chance (a community found mostly within one prefecture).
    const rng = createRng(9);
    const truth = skewedLabels(20000, 80, 0.7, 10);
    const found = truth.map((c) => (rng() < 0.8 ? c % 47 : Math.floor(rng() * 47)));
    const reference = expectedMutualInformationTermByTerm(truth, found);
    expect(Math.abs(expectedMutualInformation(truth, found) - reference)).toBeLessThan(1e-9);
  });
});
