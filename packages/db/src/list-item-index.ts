/**
 * A partial index over one item of a list column: the few actors flagged `consortium` among
 * millions (decision 019), which a JSON list gives no ordinary index for. The migration that
 * makes the index and the list filter that should use it take their predicate from here: the
 * databases use a partial index only for a query that carries its predicate as written.
 */
import type { Dialect } from './sql-client.ts';

/** Items and columns are the code's own words: anything else is refused rather than quoted. */
const PLAIN = /^[a-z][a-z0-9_]*$/;

function plain(word: string): string {
  if (!PLAIN.test(word)) throw new Error(`not a plain name for a list-item index: ${word}`);
  return word;
}

/** The rows whose list `column` holds `item`, as a literal (no parameters: the index needs it). */
export function listItemPredicate(dialect: Dialect, column: string, item: string): string {
  const quoted = `"${plain(column)}"`;
  return dialect === 'postgres'
    ? `${quoted} @> '["${plain(item)}"]'::jsonb`
    : `${quoted} LIKE '%"${plain(item)}"%'`;
}

export function listItemIndexName(table: string, column: string, item: string): string {
  return `${plain(table)}_${plain(column)}_${plain(item)}_idx`;
}

/** The statement creating the partial index of `item` in `table.column`, ordered by id. */
export function createListItemIndex(
  dialect: Dialect,
  table: string,
  column: string,
  item: string,
): string {
  return `CREATE INDEX IF NOT EXISTS ${listItemIndexName(table, column, item)} ON ${plain(table)} (id) WHERE ${listItemPredicate(dialect, column, item)}`;
}
