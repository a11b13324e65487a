/**
 * Sorting and keyset paging of lists (`?sort=field`, `?sort=-field`, `?cursor=`). Pure: the
 * database adapter turns a `ListSort` into ORDER BY and a keyset condition, in-memory lists use
 * `pageInMemory`. Missing values sort last in both directions; ties are broken by the id in the
 * same direction. A cursor of a sorted list names its sort, so it cannot be replayed under
 * another one (that would skip or repeat rows).
 */
import { DomainError } from './domain-error.ts';

export interface ListSort {
  readonly field: string;
  readonly descending: boolean;
}

export type SortValue = string | number | boolean | null;

const SORT_PATTERN = /^(-?)([A-Za-z][A-Za-z0-9_]{0,59})$/;

/** Parses `?sort=` against the sortable fields; undefined when absent. */
export function parseSort(
  raw: string | undefined,
  sortable: readonly string[],
): ListSort | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const match = SORT_PATTERN.exec(raw.trim());
  const field = match?.[2];
  if (match === null || field === undefined || !sortable.includes(field))
    throw new DomainError(
      'validation_failed',
      `sort: use one of ${sortable.join(', ')} (prefix - for descending), got "${raw.slice(0, 60)}"`,
      { field: 'sort', errors: [{ field: 'sort', reason: 'not a sortable field' }] },
    );
  return { field, descending: match[1] === '-' };
}

/** Normalises a record value for sorting: scalars as they are, anything else missing. */
export function sortValueOf(value: unknown): SortValue {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  return null;
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** The cursor after a row of a sorted list. */
export function encodeSortCursor(sort: ListSort, value: unknown, id: string): string {
  return `s.${base64url(JSON.stringify([sort.field, sort.descending ? 1 : 0, sortValueOf(value), id]))}`;
}

function badCursor(reason: string): DomainError {
  return new DomainError('validation_failed', `cursor: ${reason}`, {
    field: 'cursor',
    errors: [{ field: 'cursor', reason }],
  });
}

/** Reads a cursor of a sorted list; refuses one made for another sort (or none). */
export function decodeSortCursor(cursor: string, sort: ListSort): { value: SortValue; id: string } {
  if (!cursor.startsWith('s.'))
    throw badCursor('this cursor belongs to the unsorted list; start again without it');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor.slice(2), 'base64url').toString('utf8'));
  } catch {
    throw badCursor('not a cursor of this API');
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 4 ||
    typeof parsed[0] !== 'string' ||
    typeof parsed[3] !== 'string'
  )
    throw badCursor('not a cursor of this API');
  if (parsed[0] !== sort.field || (parsed[1] === 1) !== sort.descending)
    throw badCursor(
      `this cursor belongs to sort=${parsed[1] === 1 ? '-' : ''}${parsed[0]}; keep the sort while paging`,
    );
  return { value: sortValueOf(parsed[2]), id: parsed[3] };
}

/** Refuses a sorted-list cursor on an unsorted list. */
export function checkPlainCursor(cursor: string | undefined): void {
  if (cursor?.startsWith('s.'))
    throw badCursor('this cursor belongs to a sorted list; repeat its sort parameter');
}

function compareValues(a: SortValue, b: SortValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Order of two rows under a sort: missing values last, ties by id (same direction). */
export function compareRows(
  sort: ListSort,
  a: { value: SortValue; id: string },
  b: { value: SortValue; id: string },
): number {
  if (a.value === null && b.value !== null) return 1;
  if (a.value !== null && b.value === null) return -1;
  const sign = sort.descending ? -1 : 1;
  const byValue = a.value === null || b.value === null ? 0 : compareValues(a.value, b.value);
  if (byValue !== 0) return sign * byValue;
  return sign * (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export interface InMemoryPageOptions<T> {
  readonly limit: number;
  readonly cursor?: string | undefined;
  readonly sort?: ListSort | undefined;
  readonly idOf: (item: T) => string;
  readonly valueOf: (item: T, field: string) => unknown;
}

/** One page of an in-memory list, with the same cursor rules as the database lists. */
export function pageInMemory<T>(
  items: readonly T[],
  options: InMemoryPageOptions<T>,
): { items: T[]; nextCursor?: string } {
  const sort = options.sort ?? { field: 'id', descending: false };
  const key = (item: T) => ({
    value: options.sort ? sortValueOf(options.valueOf(item, sort.field)) : options.idOf(item),
    id: options.idOf(item),
  });
  const sorted = [...items].sort((a, b) => compareRows(sort, key(a), key(b)));
  let start = 0;
  if (options.cursor !== undefined) {
    let after: { value: SortValue; id: string };
    if (options.sort) after = decodeSortCursor(options.cursor, options.sort);
    else {
      checkPlainCursor(options.cursor);
      after = { value: options.cursor, id: options.cursor };
    }
    start = sorted.findIndex((item) => compareRows(sort, key(item), after) > 0);
    if (start < 0) start = sorted.length;
  }
  const page = sorted.slice(start, start + options.limit);
  const last = page[page.length - 1];
  if (last === undefined || start + options.limit >= sorted.length) return { items: page };
  const lastKey = key(last);
  return {
    items: page,
    nextCursor: options.sort
      ? encodeSortCursor(options.sort, lastKey.value, lastKey.id)
      : lastKey.id,
  };
}
