import { describe, expect, it } from 'vitest';
import { compactLabels, compactLabelsInPlace } from './labels.ts';

describe('compactLabels', () => {
  it('renumbers by first appearance, for numbers and strings', () => {
    expect(compactLabels([7, 7, 3, 9, 3])).toEqual({
      labels: Int32Array.from([0, 0, 1, 2, 1]),
      count: 3,
    });
    expect(compactLabels(['b', 'a', 'b'])).toEqual({
      labels: Int32Array.from([0, 1, 0]),
      count: 2,
    });
  });

  it('renumbers in place with a scratch array', () => {
    const labels = Int32Array.from([4, 2, 4, 0]);
    expect(compactLabelsInPlace(labels, 4, new Int32Array(5), 5)).toBe(3);
    expect(Array.from(labels)).toEqual([0, 1, 0, 2]);
  });
});
