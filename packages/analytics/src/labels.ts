/**
 * Helpers for community labelings (membership vectors): one label per node.
 */

/** A labeling renumbered 0..count-1 in order of first appearance. */
export interface CompactLabels {
  readonly labels: Int32Array;
  readonly count: number;
}

/**
 * Renumber any labeling (numbers or strings) to 0..count-1 in order of first
 * appearance, so equal partitions get identical label arrays.
 */
export function compactLabels(labels: ArrayLike<number | string>): CompactLabels {
  const n = labels.length;
  const out = new Int32Array(n);
  const index = new Map<number | string, number>();
  for (let i = 0; i < n; i++) {
    const label = labels[i] as number | string;
    let k = index.get(label);
    if (k === undefined) {
      k = index.size;
      index.set(label, k);
    }
    out[i] = k;
  }
  return { labels: out, count: index.size };
}

/**
 * Renumber non-negative integer labels below `bound` in place, 0..count-1 in
 * order of first appearance; `scratch` needs at least `bound` entries.
 * Returns the number of distinct labels. Allocation-free for hot loops.
 */
export function compactLabelsInPlace(
  labels: Int32Array,
  length: number,
  scratch: Int32Array,
  bound: number,
): number {
  scratch.fill(-1, 0, bound);
  let count = 0;
  for (let i = 0; i < length; i++) {
    const label = labels[i] as number;
    let k = scratch[label] as number;
    if (k < 0) {
      k = count++;
      scratch[label] = k;
    }
    labels[i] = k;
  }
  return count;
}
