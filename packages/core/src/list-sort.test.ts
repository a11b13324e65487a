import { describe, expect, it } from 'vitest';
import { isDomainError } from './domain-error.ts';
import {
  compareRows,
  decodeSortCursor,
  encodeSortCursor,
  pageInMemory,
  parseSort,
} from './list-sort.ts';

const fieldOf = (error: unknown): unknown =>
  isDomainError(error) ? error.details['field'] : undefined;

function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('parseSort', () => {
  it.each([
    ['name', { field: 'name', descending: false }],
    ['-name', { field: 'name', descending: true }],
    [' -trl ', { field: 'trl', descending: true }],
  ])('%s', (raw, expected) => {
    expect(parseSort(raw, ['name', 'trl'])).toEqual(expected);
  });

  it('is undefined when absent and refuses unknown fields naming "sort"', () => {
    expect(parseSort(undefined, ['name'])).toBeUndefined();
    expect(parseSort('', ['name'])).toBeUndefined();
    for (const raw of ['password', '--name', 'name;drop', '-'])
      expect(fieldOf(thrown(() => parseSort(raw, ['name'])))).toBe('sort');
  });
});

describe('sort cursors', () => {
  const sort = { field: 'title', descending: true };

  it('round-trip the last value and id, Japanese text included', () => {
    const cursor = encodeSortCursor(sort, '銅の回収', 'need-1');
    expect(decodeSortCursor(cursor, sort)).toEqual({ value: '銅の回収', id: 'need-1' });
    expect(decodeSortCursor(encodeSortCursor(sort, undefined, 'x'), sort)).toEqual({
      value: null,
      id: 'x',
    });
  });

  it('refuse a cursor of another sort, a plain cursor, or garbage, naming "cursor"', () => {
    const cursor = encodeSortCursor(sort, 'a', 'b');
    for (const [c, s] of [
      [cursor, { field: 'title', descending: false }],
      [cursor, { field: 'name', descending: true }],
      ['need-1', sort],
      ['s.%%%', sort],
      ['s.WzFd', sort],
    ] as const)
      expect(fieldOf(thrown(() => decodeSortCursor(c, s)))).toBe('cursor');
  });
});

describe('pageInMemory', () => {
  const rows = [
    { id: 'a', n: 3 },
    { id: 'b', n: null },
    { id: 'c', n: 1 },
    { id: 'd', n: 3 },
    { id: 'e', n: 2 },
  ];
  const walk = (descending: boolean) => {
    const out: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = pageInMemory(rows, {
        limit: 2,
        cursor,
        sort: { field: 'n', descending },
        idOf: (r) => r.id,
        valueOf: (r) => r.n,
      });
      out.push(...page.items.map((r) => r.id));
      if (page.nextCursor === undefined) return out;
      cursor = page.nextCursor;
    }
  };

  it('pages without gaps or repeats; missing values last; ties by id in the same direction', () => {
    expect(walk(false)).toEqual(['c', 'e', 'a', 'd', 'b']);
    expect(walk(true)).toEqual(['d', 'a', 'e', 'c', 'b']);
  });

  it('orders numbers as numbers', () => {
    const sort = { field: 'n', descending: false };
    expect(compareRows(sort, { value: 9, id: 'a' }, { value: 10, id: 'b' })).toBeLessThan(0);
  });
});
