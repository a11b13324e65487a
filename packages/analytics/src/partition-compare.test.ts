import { describe, expect, it } from 'vitest';
import {
  adjustedMutualInformation,
  entropy,
  expectedMutualInformation,
  mutualInformation,
  normalizedMutualInformation,
} from './partition-compare.ts';

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
});
