/**
 * Share of the sorted values strictly below `v`: 0 for the lowest, 1 for the highest; equal values
 * share their percentile. Found by binary search, so a million ranks are placed in a million steps
 * of twenty comparisons.
 */
export function percentileOf(sorted: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) < v) lo = mid + 1;
    else hi = mid;
  }
  return sorted.length > 1 ? lo / (sorted.length - 1) : 1;
}
