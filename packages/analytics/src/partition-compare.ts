/**
 * Agreement between two labelings of the same nodes: mutual information (MI),
 * normalised MI (NMI) and adjusted MI (AMI, Vinh, Epps & Bailey 2010, with the
 * expected-MI correction under the hypergeometric model).
 *
 * Natural logarithms. Normalisation defaults to the arithmetic mean of the two
 * entropies, as scikit-learn's `normalized_mutual_info_score` and
 * `adjusted_mutual_info_score` do by default; 'max', 'min' and 'geometric'
 * are available. The special cases follow scikit-learn too: two labelings
 * that each put everything in one cluster (or are empty) score 1.
 */
import { compactLabels } from './labels.ts';
import { DomainError } from '#core/domain-error.ts';

export type AverageMethod = 'arithmetic' | 'max' | 'min' | 'geometric';

export interface NormalisationOptions {
  /** How the two entropies are averaged in the denominator. Default 'arithmetic'. */
  readonly averageMethod?: AverageMethod;
}

type Labels = ArrayLike<number | string>;

/** Contingency table in sparse form plus the marginals. */
interface Contingency {
  readonly size: number;
  readonly rowSums: Float64Array;
  readonly columnSums: Float64Array;
  readonly cells: Float64Array;
}

function contingency(a: Labels, b: Labels): Contingency {
  if (a.length !== b.length) {
    throw new DomainError('validation_failed', 'labelings differ in length', {
      a: a.length,
      b: b.length,
    });
  }
  const la = compactLabels(a);
  const lb = compactLabels(b);
  const rowSums = new Float64Array(la.count);
  const columnSums = new Float64Array(lb.count);
  const counts = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    const r = la.labels[i] as number;
    const c = lb.labels[i] as number;
    rowSums[r] = (rowSums[r] as number) + 1;
    columnSums[c] = (columnSums[c] as number) + 1;
    const key = r * lb.count + c;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const cells = new Float64Array(counts.size * 3);
  let k = 0;
  for (const [key, count] of counts) {
    cells[k++] = Math.floor(key / lb.count);
    cells[k++] = key % lb.count;
    cells[k++] = count;
  }
  return { size: a.length, rowSums, columnSums, cells };
}

function entropyOf(sums: Float64Array, size: number): number {
  let h = 0;
  for (const s of sums) if (s > 0) h -= (s / size) * Math.log(s / size);
  return h;
}

function mutualInformationOf(t: Contingency): number {
  const { size, rowSums, columnSums, cells } = t;
  let mi = 0;
  for (let k = 0; k < cells.length; k += 3) {
    const nij = cells[k + 2] as number;
    const ai = rowSums[cells[k] as number] as number;
    const bj = columnSums[cells[k + 1] as number] as number;
    mi += (nij / size) * Math.log((size * nij) / (ai * bj));
  }
  return Math.max(mi, 0);
}

function average(x: number, y: number, method: AverageMethod): number {
  switch (method) {
    case 'arithmetic':
      return (x + y) / 2;
    case 'max':
      return Math.max(x, y);
    case 'min':
      return Math.min(x, y);
    case 'geometric':
      return Math.sqrt(x * y);
  }
}

/** Shannon entropy (nats) of a labeling. */
export function entropy(labels: Labels): number {
  const { labels: compact, count } = compactLabels(labels);
  const sums = new Float64Array(count);
  for (const c of compact) sums[c] = (sums[c] as number) + 1;
  return entropyOf(sums, labels.length);
}

/** Mutual information (nats) between two labelings. */
export function mutualInformation(a: Labels, b: Labels): number {
  return mutualInformationOf(contingency(a, b));
}

/** MI / average(H(a), H(b)), in [0, 1]. */
export function normalizedMutualInformation(
  a: Labels,
  b: Labels,
  options: NormalisationOptions = {},
): number {
  const t = contingency(a, b);
  const single = t.rowSums.length === t.columnSums.length && t.rowSums.length <= 1;
  if (single) return 1;
  const mi = mutualInformationOf(t);
  if (mi === 0) return 0;
  const normaliser = average(
    entropyOf(t.rowSums, t.size),
    entropyOf(t.columnSums, t.size),
    options.averageMethod ?? 'arithmetic',
  );
  return mi / normaliser;
}

/**
 * Expected MI of two random labelings with the same cluster sizes
 * (hypergeometric model, Vinh et al. 2010, eq. 24a). For each pair of clusters
 * the hypergeometric probabilities of n_ij are walked from their mode by the
 * ratio of consecutive terms (one exp per pair, not per term) and the walk
 * stops where they fall below 1e-20 of the mode's (they only decrease from
 * there, the distribution being log-concave), so the cost per pair is about
 * the spread of n_ij rather than min(a_i, b_j).
 */
export function expectedMutualInformation(a: Labels, b: Labels): number {
  return expectedMutualInformationOf(contingency(a, b));
}

/** Probabilities below this share of the mode's are left out (their sum is far below 1e-15 of it). */
const NEGLIGIBLE_SHARE = 1e-20;

function expectedMutualInformationOf(t: Contingency): number {
  const { size: n, rowSums, columnSums } = t;
  const logFactorial = new Float64Array(n + 1);
  for (let k = 2; k <= n; k++) logFactorial[k] = (logFactorial[k - 1] as number) + Math.log(k);
  const lf = (k: number): number => logFactorial[k] as number;
  const logN = Math.log(n);
  let emi = 0;
  for (const ai of rowSums) {
    for (const bj of columnSums) {
      const start = Math.max(1, ai + bj - n);
      const end = Math.min(ai, bj);
      if (start > end) continue;
      const rest = n - ai - bj;
      const logAB = Math.log(ai) + Math.log(bj);
      const mode = Math.min(end, Math.max(start, Math.floor(((ai + 1) * (bj + 1)) / (n + 2))));
      const logMode =
        lf(ai) +
        lf(bj) +
        lf(n - ai) +
        lf(n - bj) -
        lf(n) -
        lf(mode) -
        lf(ai - mode) -
        lf(bj - mode) -
        lf(rest + mode);
      const pMode = Math.exp(logMode);
      const floor = pMode * NEGLIGIBLE_SHARE;
      const term = (nij: number, p: number): number =>
        (nij / n) * (logN + Math.log(nij) - logAB) * p;
      let sum = term(mode, pMode);
      // Upwards: P(k + 1) / P(k) = (a − k)(b − k) / ((k + 1)(n − a − b + k + 1)).
      let p = pMode;
      for (let k = mode; k < end; k++) {
        p *= ((ai - k) * (bj - k)) / ((k + 1) * (rest + k + 1));
        if (p < floor) break;
        sum += term(k + 1, p);
      }
      // Downwards: P(k − 1) / P(k) = k (n − a − b + k) / ((a − k + 1)(b − k + 1)).
      p = pMode;
      for (let k = mode; k > start; k--) {
        p *= (k * (rest + k)) / ((ai - k + 1) * (bj - k + 1));
        if (p < floor) break;
        sum += term(k - 1, p);
      }
      emi += sum;
    }
  }
  return emi;
}

/** (MI − E[MI]) / (average(H(a), H(b)) − E[MI]); 1 for identical partitions, ≈0 for chance. */
export function adjustedMutualInformation(
  a: Labels,
  b: Labels,
  options: NormalisationOptions = {},
): number {
  const t = contingency(a, b);
  const single = t.rowSums.length === t.columnSums.length && t.rowSums.length <= 1;
  if (single) return 1;
  const mi = mutualInformationOf(t);
  const emi = expectedMutualInformationOf(t);
  const normaliser = average(
    entropyOf(t.rowSums, t.size),
    entropyOf(t.columnSums, t.size),
    options.averageMethod ?? 'arithmetic',
  );
  let denominator = normaliser - emi;
  // As scikit-learn: keep the sign, avoid division by ~0.
  if (denominator < 0) denominator = Math.min(denominator, -Number.EPSILON);
  else denominator = Math.max(denominator, Number.EPSILON);
  return (mi - emi) / denominator;
}
