import {
  checkPlainCursor,
  decodeSortCursor,
  encodeSortCursor,
  type ListSort,
} from '#core/list-sort.ts';
import type { ColumnSpec } from '#core/entities/entity-spec.ts';
import type { ListQuery, Page } from '#core/ports.ts';
import { fromColumn, keyIn, keyListParam, toParam, type EntityTable } from './entity-row-codec.ts';
import { listItemPredicate } from './list-item-index.ts';
import { charactersOf, SEARCH_COLUMNS, searchTableOf, searchTermsTableOf } from './search-index.ts';
import type { SqlParam } from './sql-client.ts';

/**
 * More candidate rows than this from the search index, and the scan is cheaper: matches are then
 * common enough that a scan in list order fills the page soon (decision 005).
 */
const MAX_SEARCH_CANDIDATES = 2000;

/** Highest code point: a prefix's terms lie between the prefix and the prefix followed by it. */
const LAST_CHARACTER = '\u{10FFFF}';

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/**
 * The query as the trigram index stores it (case folded), when that folding is certain: ASCII
 * letters are lower-cased; any other character must be caseless. Undefined otherwise.
 */
function foldedForIndex(q: string): string | undefined {
  let out = '';
  for (const ch of q) {
    if ((ch.codePointAt(0) ?? 0) < 0x80) out += ch.toLowerCase();
    else if (ch.toLowerCase() === ch && ch.toUpperCase() === ch) out += ch;
    else return undefined;
  }
  return out;
}

interface SqlPart {
  sql: string;
  params: SqlParam[];
}

type WhereQuery = Pick<
  ListQuery,
  'where' | 'q' | 'confidentialityIn' | 'confidentialAlso' | 'cursor' | 'staleBefore'
>;

/** Listing, filtering, search and keyset paging of one entity's rows. */
export interface EntityListing {
  /** One page of rows, in key order or in the order of `query.sort`. */
  listRows(query: ListQuery): Promise<Page<unknown[]>>;
  whereClause(query: WhereQuery): SqlPart;
}

export function createEntityListing(shape: EntityTable): EntityListing {
  const { client, spec, table, selectColumns } = shape;
  const searchColumns = spec.searchFields
    .map((f) => shape.columnByField.get(f)?.column)
    .filter((c) => c !== undefined);
  const indexedSearch =
    client.dialect === 'sqlite' &&
    SEARCH_COLUMNS[table]?.join(',') === searchColumns.join(',') &&
    searchColumns.length > 0;

  /**
   * SQLite: the rows the search index proposes for `q` (a superset of the rows whose search
   * columns contain it), or undefined when the index cannot narrow the search enough (or at all)
   * and the list scans. The LIKE test is applied either way, so the results are the same.
   */
  async function searchCandidates(q: string): Promise<SqlPart | undefined> {
    if (!indexedSearch) return undefined;
    const limit = MAX_SEARCH_CANDIDATES + 1;
    let rows: unknown[][];
    try {
      if ([...q].length >= 3) {
        const search = searchTableOf(table);
        rows = await client.values(`SELECT rowid FROM ${search} WHERE ${search} MATCH ? LIMIT ?`, [
          `"${q.replace(/"/g, '""')}"`,
          limit,
        ]);
      } else {
        // Shorter than a trigram: the rows of every trigram that starts with the query (the
        // sentinels after each value make every character start one).
        const prefix = foldedForIndex(q);
        if (prefix === undefined) return undefined;
        rows = await client.values(
          `SELECT DISTINCT doc FROM ${searchTermsTableOf(table)} WHERE term >= ? AND term < ? LIMIT ?`,
          [prefix, `${prefix}${LAST_CHARACTER}`, limit],
        );
      }
    } catch {
      // A query FTS5 refuses: the scan answers it.
      return undefined;
    }
    if (rows.length > MAX_SEARCH_CANDIDATES) return undefined;
    return {
      sql: 'rowid IN (SELECT value FROM json_each(?))',
      params: [JSON.stringify(rows.map((row) => Number(row[0])))],
    };
  }

  async function listRows(query: ListQuery): Promise<Page<unknown[]>> {
    if (query.sort !== undefined) return listSorted(query, query.sort);
    checkPlainCursor(query.cursor);
    const candidates = query.q ? await searchCandidates(query.q) : undefined;
    const { sql, params } = whereClause(query, candidates);
    const rows = await selectRows(sql, params, 'id', query.limit + 1, candidates !== undefined);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page,
      ...(rows.length > query.limit && last ? { nextCursor: String(last[0]) } : {}),
    };
  }

  /**
   * One page's rows in `order`. With search candidates, the page's keys are chosen first and only
   * their rows read: the candidates come in rowid order and are sorted by their keys alone.
   */
  async function selectRows(
    where: string,
    params: readonly SqlParam[],
    order: string,
    limit: number,
    narrowed: boolean,
  ): Promise<unknown[][]> {
    const sql = narrowed
      ? `SELECT ${selectColumns} FROM ${table} WHERE id IN (SELECT id FROM ${table} ${where} ORDER BY ${order} LIMIT ?) ORDER BY ${order}`
      : `SELECT ${selectColumns} FROM ${table} ${where} ORDER BY ${order} LIMIT ?`;
    return client.values(sql, [...params, limit]);
  }

  /**
   * The rows whose list column holds `value` (a number for `int_list`; for `members`, a member
   * with this actor id).
   */
  function listHolds(column: ColumnSpec, value: string): SqlPart {
    if (column.codec === 'members')
      return client.dialect === 'postgres'
        ? { sql: `"${column.column}" @> ?::jsonb`, params: [JSON.stringify([{ actorId: value }])] }
        : {
            sql: `EXISTS (SELECT 1 FROM json_each("${column.column}") WHERE json_extract(json_each.value, '$.actorId') = ?)`,
            params: [value],
          };
    const item = column.codec === 'int_list' ? Number(value) : value;
    // An item with an index of its own is named as the index names it, so the index answers.
    const indexed = column.indexedItems?.includes(value)
      ? `${listItemPredicate(client.dialect, column.column, value)} AND `
      : '';
    if (client.dialect === 'postgres')
      return { sql: `${indexed}"${column.column}" @> ?::jsonb`, params: [JSON.stringify([item])] };
    return {
      sql: `${indexed}EXISTS (SELECT 1 FROM json_each("${column.column}") WHERE json_each.value = ?)`,
      params: [item],
    };
  }

  function whereClause(query: WhereQuery, candidates?: SqlPart): SqlPart {
    const parts: string[] = [];
    const params: SqlParam[] = [];
    if (query.staleBefore) {
      const sources = Object.entries(query.staleBefore.bySource);
      parts.push(
        `(confirmed_at IS NULL OR confirmed_at < CASE source ${sources.map(() => 'WHEN ? THEN ?').join(' ')} ELSE ? END)`,
      );
      for (const [source, cutoff] of sources) params.push(source, cutoff);
      params.push(query.staleBefore.otherwise);
    }
    for (const [field, value] of Object.entries(query.where ?? {})) {
      // Lists marked for filtering, and lists of references (the records that use one, e.g.
      // before it is deleted).
      const list = spec.columns.find(
        (c) =>
          c.field === field &&
          (c.listFilter === true ||
            (c.references !== undefined && (c.codec === 'list' || c.codec === 'members'))),
      );
      if (list) {
        const holds = listHolds(list, String(value));
        parts.push(holds.sql);
        params.push(...holds.params);
        continue;
      }
      const column = shape.plainColumn(field, `cannot filter ${spec.name} on ${field}`);
      parts.push(`"${column.column}" = ?`);
      params.push(value);
    }
    if (query.q) {
      if (candidates) {
        parts.push(candidates.sql);
        params.push(...candidates.params);
      }
      const pattern = `%${escapeLike(query.q)}%`;
      if (client.dialect === 'postgres' && [...query.q].length < 3) {
        // Too short for pg_trgm: the index of each value's characters proposes the rows holding
        // all of the query's; ILIKE first, so a scan seldom splits a value into characters.
        parts.push(
          `(${searchColumns.map((c) => `("${c}" ILIKE ? ESCAPE '\\' AND ${charactersOf(c)} @> string_to_array(lower(?), NULL))`).join(' OR ')})`,
        );
        for (const _ of searchColumns) params.push(pattern, query.q);
      } else {
        const like = client.dialect === 'postgres' ? 'ILIKE' : 'LIKE';
        parts.push(`(${searchColumns.map((c) => `"${c}" ${like} ? ESCAPE '\\'`).join(' OR ')})`);
        for (const _ of searchColumns) params.push(pattern);
      }
    }
    if (query.confidentialityIn) {
      // SQLite: not through the confidentiality index, which would read every visible need and
      // sort them all for one page; in key (or sort) order a page is usually found in a few rows.
      const level = client.dialect === 'sqlite' ? '+confidentiality' : 'confidentiality';
      const allowed: string[] = [];
      if (query.confidentialityIn.length > 0) {
        allowed.push(`${level} IN (${query.confidentialityIn.map(() => '?').join(', ')})`);
        params.push(...query.confidentialityIn);
      }
      const also = query.confidentialAlso;
      const which: string[] = [];
      if (also?.ownerId !== undefined) {
        which.push('owner_id = ?');
        params.push(also.ownerId);
      }
      if (also && also.keys.length > 0) {
        which.push(keyIn(client));
        params.push(keyListParam(client, also.keys));
      }
      if (which.length > 0) allowed.push(`(${level} = 'confidential' AND (${which.join(' OR ')}))`);
      parts.push(allowed.length > 0 ? `(${allowed.join(' OR ')})` : '1 = 0');
    }
    if (query.cursor !== undefined) {
      parts.push('id > ?');
      params.push(query.cursor);
    }
    return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
  }

  /**
   * Keyset paging under a sort: missing values last, ties by id in the same direction. Two
   * index-friendly steps (an index on (column, id) serves both directions): the rows with a
   * value after the cursor, then, when the page is not full, the rows without one.
   */
  async function listSorted(query: ListQuery, sort: ListSort): Promise<Page<unknown[]>> {
    const column = shape.plainColumn(sort.field, `cannot sort ${spec.name} on ${sort.field}`);
    const col = `"${column.column}"`;
    const candidates = query.q ? await searchCandidates(query.q) : undefined;
    const base = whereClause({ ...query, cursor: undefined }, candidates);
    const baseParts = base.sql === '' ? [] : [base.sql.slice('WHERE '.length)];
    const direction = sort.descending ? 'DESC' : 'ASC';
    const beyond = sort.descending ? '<' : '>';
    const after = query.cursor === undefined ? undefined : decodeSortCursor(query.cursor, sort);
    const want = query.limit + 1;
    const select = async (parts: string[], params: SqlParam[], order: string, limit: number) =>
      selectRows(
        parts.length ? `WHERE ${parts.join(' AND ')}` : '',
        params,
        order,
        limit,
        candidates !== undefined,
      );
    let rows: unknown[][] = [];
    if (after === undefined || after.value !== null) {
      const parts = [...baseParts, `${col} IS NOT NULL`];
      const params = [...base.params];
      if (after !== undefined) {
        parts.push(`(${col}, id) ${beyond} (?, ?)`);
        params.push(toParam(column.codec, after.value), after.id);
      }
      rows = await select(parts, params, `${col} ${direction}, id ${direction}`, want);
    }
    if (rows.length < want) {
      const parts = [...baseParts, `${col} IS NULL`];
      const params = [...base.params];
      if (after !== undefined && after.value === null) {
        parts.push(`id ${beyond} ?`);
        params.push(after.id);
      }
      rows = [...rows, ...(await select(parts, params, `id ${direction}`, want - rows.length))];
    }
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page,
      ...(rows.length > query.limit && last
        ? {
            nextCursor: encodeSortCursor(
              sort,
              fromColumn(column.codec, last[shape.atOf(column)]) ?? null,
              String(last[0]),
            ),
          }
        : {}),
    };
  }

  return { listRows, whereClause: (query) => whereClause(query) };
}
