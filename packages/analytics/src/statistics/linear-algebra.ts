/**
 * Small dense symmetric positive-definite algebra (Cholesky), enough for the information matrices
 * of regressions with a handful of predictors. Matrices are arrays of rows.
 */

export type Matrix = number[][];

export type CholeskyResult =
  | { ok: true; lower: Matrix; logDeterminant: number }
  /** The pivot of column `column` vanished: that column depends linearly on the ones before it. */
  | { ok: false; column: number };

function cell(m: readonly (readonly number[])[], i: number, j: number): number {
  return m[i]?.[j] ?? 0;
}

export function zeroMatrix(rows: number, columns: number): Matrix {
  return Array.from({ length: rows }, () => new Array<number>(columns).fill(0));
}

/**
 * Cholesky factor L (A = L·Lᵀ) of a symmetric matrix. A pivot smaller than `relativeTolerance`
 * times the column's diagonal entry counts as zero (the column is collinear with earlier ones).
 */
export function cholesky(
  a: readonly (readonly number[])[],
  relativeTolerance = 1e-10,
): CholeskyResult {
  const n = a.length;
  const lower = zeroMatrix(n, n);
  let logDeterminant = 0;
  for (let j = 0; j < n; j++) {
    let pivot = cell(a, j, j);
    for (let k = 0; k < j; k++) pivot -= cell(lower, j, k) ** 2;
    if (!(pivot > relativeTolerance * Math.abs(cell(a, j, j))) || !(pivot > 0)) {
      return { ok: false, column: j };
    }
    const root = Math.sqrt(pivot);
    logDeterminant += 2 * Math.log(root);
    const rowJ = lower[j];
    if (rowJ) rowJ[j] = root;
    for (let i = j + 1; i < n; i++) {
      let sum = cell(a, i, j);
      for (let k = 0; k < j; k++) sum -= cell(lower, i, k) * cell(lower, j, k);
      const rowI = lower[i];
      if (rowI) rowI[j] = sum / root;
    }
  }
  return { ok: true, lower, logDeterminant };
}

/** Solves L·Lᵀ·x = b given the Cholesky factor L. */
export function choleskySolve(lower: Matrix, b: readonly number[]): number[] {
  const n = lower.length;
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let sum = b[i] ?? 0;
    for (let k = 0; k < i; k++) sum -= cell(lower, i, k) * (y[k] ?? 0);
    y[i] = sum / cell(lower, i, i);
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i] ?? 0;
    for (let k = i + 1; k < n; k++) sum -= cell(lower, k, i) * (x[k] ?? 0);
    x[i] = sum / cell(lower, i, i);
  }
  return x;
}

/** Inverse of L·Lᵀ given the Cholesky factor L. */
export function choleskyInverse(lower: Matrix): Matrix {
  const n = lower.length;
  const inverse = zeroMatrix(n, n);
  for (let j = 0; j < n; j++) {
    const unit = new Array<number>(n).fill(0);
    unit[j] = 1;
    const column = choleskySolve(lower, unit);
    for (let i = 0; i < n; i++) {
      const row = inverse[i];
      if (row) row[j] = column[i] ?? 0;
    }
  }
  return inverse;
}
