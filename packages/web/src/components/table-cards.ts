/** Tables that stay tables on a phone (bars, signal contributions, the risk matrix) or have their own card layout (match-table). */
const KEEP = ['bar-table', 'signal-table', 'risk-matrix', 'match-table'];

/**
 * The column heading of each cell of a row, by position (colspans counted). A cell under an
 * empty heading gets none.
 */
export function cellLabels(headings: readonly string[], spans: readonly number[]): string[] {
  const labels: string[] = [];
  let column = 0;
  for (const span of spans) {
    labels.push((headings[column] ?? '').trim());
    column += Math.max(1, span);
  }
  return labels;
}

/** Whether a table becomes cards on a phone: a header row of three or more columns, not a kept kind. */
export function becomesCards(classNames: readonly string[], headingCount: number): boolean {
  if (classNames.includes('keep-table')) return false;
  if (KEEP.some((name) => classNames.includes(name))) return false;
  return headingCount >= 3;
}
