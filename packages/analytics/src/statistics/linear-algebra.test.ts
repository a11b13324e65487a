import { describe, expect, it } from 'vitest';
import { cholesky, choleskyInverse, choleskySolve } from './linear-algebra.ts';

describe('Cholesky', () => {
  const a = [
    [4, 12, -16],
    [12, 37, -43],
    [-16, -43, 98],
  ];

  it('factors the textbook matrix into L = [[2,0,0],[6,1,0],[-8,5,3]]', () => {
    const result = cholesky(a);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.lower).toEqual([
      [2, 0, 0],
      [6, 1, 0],
      [-8, 5, 3],
    ]);
    expect(result.logDeterminant).toBeCloseTo(Math.log(36), 12); // det = (2·1·3)² = 36
  });

  it('solves and inverts', () => {
    const result = cholesky(a);
    if (!result.ok) throw new Error('expected a factor');
    const x = choleskySolve(result.lower, [1, 2, 3]);
    const back = a.map((row) => row.reduce((s, v, j) => s + v * (x[j] ?? 0), 0));
    back.forEach((v, i) => expect(v).toBeCloseTo([1, 2, 3][i] ?? 0, 10));
    const inverse = choleskyInverse(result.lower);
    // (A·A⁻¹)[0][0] = 1, [0][1] = 0
    const product00 = a[0]?.reduce((s, v, k) => s + v * (inverse[k]?.[0] ?? 0), 0);
    const product01 = a[0]?.reduce((s, v, k) => s + v * (inverse[k]?.[1] ?? 0), 0);
    expect(product00).toBeCloseTo(1, 10);
    expect(product01).toBeCloseTo(0, 10);
  });

  it('names the first collinear column', () => {
    const singular = [
      [1, 2, 1],
      [2, 4, 3],
      [1, 3, 5],
    ];
    expect(cholesky(singular)).toEqual({ ok: false, column: 1 });
  });
});
