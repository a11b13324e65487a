import type { ColumnCodec, ColumnSpec, EntitySpec } from '#core/entities/registry.ts';
import {
  checkPlainCursor,
  decodeSortCursor,
  encodeSortCursor,
  type ListSort,
} from '#core/list-sort.ts';
import type {
  BulkLoad,
  BulkLoadingEntityRepo,
  Clock,
  JsonListingEntityRepo,
  ListQuery,
  Page,
  StoredRecord,
} from '#core/ports.ts';
import { bumpSqliteDataVersion } from './data-version.ts';
import { canCopyFrom, type PgCopyClient } from './pg-client.ts';
import {
  charactersOf,
  fillSearchIndexSql,
  SEARCH_COLUMNS,
  searchTableOf,
  searchTermsTableOf,
} from './search-index.ts';
import type { SqlClient, SqlParam } from './sql-client.ts';
import { isSqliteClient } from './sqlite-client.ts';

/** COPY buffers this many characters before sending them. */
const COPY_CHUNK_CHARS = 4 << 20;

/** One CSV field for `COPY … (FORMAT csv)`: unquoted empty is NULL, strings always quoted. */
function csvField(value: SqlParam): string {
  if (value === null) return '';
  if (typeof value === 'string') return `"${value.replace(/"/g, '""')}"`;
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return String(value);
}

const JSON_CODECS: ReadonlySet<ColumnCodec> = new Set([
  'list',
  'int_list',
  'prefecture_list',
  'members',
  'json',
]);

function toParam(codec: ColumnCodec, value: unknown): SqlParam {
  if (value === undefined || value === null) return null;
  if (JSON_CODECS.has(codec)) return JSON.stringify(value);
  if (codec === 'bool') return Boolean(value);
  if (codec === 'int' || codec === 'real') return Number(value);
  return String(value);
}

function fromColumn(codec: ColumnCodec, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (JSON_CODECS.has(codec))
    return typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  if (codec === 'bool') return value === true || value === 1;
  if (codec === 'int' || codec === 'real') return Number(value);
  return value;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/**
 * More candidate rows than this from the search index, and the scan is cheaper: matches are then
 * common enough that a scan in list order fills the page soon (decision 005).
 */
const MAX_SEARCH_CANDIDATES = 2000;

/** Highest code point: a prefix's terms lie between the prefix and the prefix followed by it. */
const LAST_CHARACTER = '\u{10FFFF}';

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

/** Storage of one entity in its own table; SQL generated from the entity's column list. */
export function createSqlEntityRepo(
  client: SqlClient,
  spec: EntitySpec,
  clock: Clock,
): BulkLoadingEntityRepo & JsonListingEntityRepo {
  const table = spec.table;
  const dataColumns = spec.columns.filter((c) => c.column !== 'id');
  const columnByField = new Map(spec.columns.map((c) => [c.field, c]));
  const insertColumns = ['id', ...dataColumns.map((c) => c.column), 'version', 'updated_at'];
  const quoted = insertColumns.map((c) => `"${c}"`).join(', ');
  const updates = [
    ...dataColumns.map((c) => `"${c.column}" = excluded."${c.column}"`),
    `version = ${table}.version + 1`,
    'updated_at = excluded.updated_at',
  ].join(', ');
  const rowPlaceholders = `(${insertColumns.map(() => '?').join(', ')})`;
  const upsertSqlByRows = new Map<number, string>();
  // The same string object per row count: the statement cache hashes it once.
  const upsertSql = (rows: number): string => {
    let sql = upsertSqlByRows.get(rows);
    if (sql === undefined) {
      sql = `INSERT INTO ${table} (${quoted}) VALUES ${Array.from({ length: rows }, () => rowPlaceholders).join(', ')} ON CONFLICT (id) DO UPDATE SET ${updates}`;
      upsertSqlByRows.set(rows, sql);
    }
    return sql;
  };
  const selectColumns = `id, ${dataColumns.map((c) => `"${c.column}"`).join(', ')}, version, updated_at`;
  // PostgreSQL caps one statement at 65,535 parameters.
  const pgBatch = Math.max(1, Math.floor(60_000 / insertColumns.length));
  const insertSql = `INSERT INTO ${table} (${quoted}) VALUES ${rowPlaceholders}`;
  const searchColumns = spec.searchFields
    .map((f) => columnByField.get(f)?.column)
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

  /** Appends one record's parameters, in insertColumns order, to `out`. */
  function pushRow(out: SqlParam[], record: StoredRecord, now: string): void {
    out.push(spec.keyOf(record));
    for (const c of dataColumns) out.push(toParam(c.codec, record[c.field]));
    out.push(1, now);
  }

  /**
   * SQLite: one prepared single-row statement run per record. Measured faster than multi-row VALUES
   * in better-sqlite3 (a 50- or 200-row INSERT took about 1.5× the CPU for 500k relations).
   */
  async function writeSqlite(
    sql: string,
    records: readonly StoredRecord[],
    now: string,
  ): Promise<number> {
    return client.runMany(
      sql,
      records.map((record) => {
        const row: SqlParam[] = [];
        pushRow(row, record, now);
        return row;
      }),
    );
  }

  async function upsertPostgres(records: readonly StoredRecord[], now: string): Promise<number> {
    // One row per identity per statement: PostgreSQL refuses to update a row twice in one INSERT.
    const unique = [...new Map(records.map((r) => [spec.keyOf(r), r])).values()];
    let written = 0;
    for (let start = 0; start < unique.length; start += pgBatch) {
      const params: SqlParam[] = [];
      for (const r of unique.slice(start, start + pgBatch)) pushRow(params, r, now);
      written += await client.run(upsertSql(params.length / insertColumns.length), params);
    }
    return written;
  }

  /**
   * Secondary indexes of the table (not the primary key), as the DDL that re-creates them; on
   * SQLite also the triggers that keep its search index, which is filled once at the end instead.
   */
  async function secondaryIndexes(): Promise<{ type: string; name: string; sql: string }[]> {
    if (client.dialect === 'sqlite') {
      return client.all<{ type: string; name: string; sql: string }>(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = ? AND sql IS NOT NULL ORDER BY type",
        [table],
      );
    }
    return client.all<{ type: string; name: string; sql: string }>(
      `SELECT 'index' AS type, ci.relname AS name, pg_get_indexdef(ci.oid) AS sql
       FROM pg_index x JOIN pg_class ci ON ci.oid = x.indexrelid
       WHERE x.indrelid = to_regclass(?)
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`,
      [table],
    );
  }

  /**
   * Whether the table is empty at the start of a load inside a transaction (nobody else can then
   * write to it before we commit); if so, drops its secondary indexes and returns their DDL: building
   * an index once from sorted keys is much cheaper than inserting millions of random keys into it.
   * Inside the transaction, a failed or killed load leaves the indexes as they were.
   */
  async function startLoad(): Promise<{ empty: boolean; deferred: string[] }> {
    const inTransaction = isSqliteClient(client) ? client.inTransaction() : canCopyFrom(client);
    if (!inTransaction) return { empty: false, deferred: [] };
    const rows = await client.all(`SELECT 1 AS one FROM ${table} LIMIT 1`);
    if (rows.length > 0) return { empty: false, deferred: [] };
    const indexes = await secondaryIndexes();
    for (const index of indexes)
      await client.exec(`DROP ${index.type === 'trigger' ? 'TRIGGER' : 'INDEX'} "${index.name}"`);
    const deferred = indexes.map((index) => index.sql);
    if (client.dialect === 'sqlite' && indexes.some((index) => index.type === 'trigger')) {
      const columns = SEARCH_COLUMNS[table];
      if (columns)
        deferred.unshift(`DELETE FROM ${searchTableOf(table)}`, fillSearchIndexSql(table, columns));
    }
    return { empty: true, deferred };
  }

  async function openPostgresBulkLoad(copier: PgCopyClient): Promise<BulkLoad> {
    const { empty, deferred } = await startLoad();
    // Into an empty table nothing conflicts (identities are unique per load): COPY straight into it.
    // Otherwise COPY into a staging table and upsert from there in one statement.
    const stage = `musubi_load_${table}`;
    if (!empty)
      await copier.exec(
        `CREATE TEMP TABLE ${stage} (LIKE ${table} INCLUDING DEFAULTS) ON COMMIT DROP`,
      );
    const copySql = `COPY ${empty ? table : stage} (${quoted}) FROM STDIN (FORMAT csv)`;
    const now = clock.now().toISOString();
    let chunk = '';
    let copied = 0;
    // One COPY in flight while the caller reads and checks the next rows; its failure surfaces at the
    // next write or at finish (and is never left unhandled).
    let inFlight: Promise<unknown> = Promise.resolve();
    let failure: { error: unknown } | undefined;
    const settle = async (): Promise<void> => {
      await inFlight;
      if (failure) throw failure.error;
    };
    const send = async (): Promise<void> => {
      await settle();
      if (chunk === '') return;
      const text = chunk;
      chunk = '';
      inFlight = copier.copyFrom(copySql, [text]).then(
        (rows) => {
          copied += rows;
        },
        (error: unknown) => {
          failure = { error };
        },
      );
    };
    return {
      async write(records) {
        const row: SqlParam[] = [];
        for (const record of records) {
          row.length = 0;
          pushRow(row, record, now);
          chunk += `${row.map(csvField).join(',')}\n`;
        }
        if (chunk.length >= COPY_CHUNK_CHARS) await send();
      },
      async finish() {
        await send();
        await settle();
        let written = copied;
        if (!empty) {
          written = await copier.run(
            `INSERT INTO ${table} (${quoted}) SELECT ${quoted} FROM ${stage} ON CONFLICT (id) DO UPDATE SET ${updates}`,
          );
          await copier.exec(`DROP TABLE ${stage}`);
        }
        for (const sql of deferred) await copier.exec(sql);
        return written;
      },
    };
  }

  async function openSqliteBulkLoad(): Promise<BulkLoad> {
    const { empty, deferred } = await startLoad();
    // Empty at the start and each identity once per load: nothing can conflict, and a plain INSERT
    // costs half an upsert (which probes the primary key before inserting into it).
    const sql = empty ? insertSql : upsertSql(1);
    const now = clock.now().toISOString();
    let written = 0;
    return {
      async write(records) {
        written += await writeSqlite(sql, records, now);
      },
      async finish() {
        for (const sql of deferred) await client.exec(sql);
        // The load ran without the table's triggers, the data version's among them.
        if (empty) await client.exec(bumpSqliteDataVersion(table));
        return written;
      },
    };
  }

  // Rows are read as arrays in selectColumns order: id, the data columns, version, updated_at.
  const VERSION_AT = dataColumns.length + 1;
  const readColumns = spec.columns
    .filter((column) => !(spec.derivedKey && column.column === 'id'))
    .map((column) => ({
      column,
      at: column.column === 'id' ? 0 : dataColumns.indexOf(column) + 1,
    }));

  /** Where a data column is in a row read with selectColumns. */
  function atOf(column: ColumnSpec): number {
    return dataColumns.indexOf(column) + 1;
  }

  function toRecord(row: readonly unknown[]): StoredRecord {
    const record: StoredRecord = {};
    for (const { column, at } of readColumns) {
      const value = fromColumn(column.codec, row[at]);
      if (value !== undefined) record[column.field] = value;
    }
    return record;
  }

  /**
   * The JSON text of `toRecord(row)`, with JSON columns copied as stored rather than parsed and
   * written again: they were written by JSON.stringify, and a page of projects carries ~150 KB of
   * them. PostgreSQL returns them parsed, so there they are written again.
   */
  function toJsonText(row: readonly unknown[], columns = readColumns): string {
    let out = '{';
    for (const { column, at } of columns) {
      const raw = row[at];
      if (raw === null || raw === undefined) continue;
      const text =
        JSON_CODECS.has(column.codec) && typeof raw === 'string'
          ? raw
          : JSON.stringify(fromColumn(column.codec, raw));
      out += `${out.length > 1 ? ',' : ''}${JSON.stringify(column.field)}:${text}`;
    }
    return `${out}}`;
  }

  /** One page of rows, in key order or in the order of `query.sort`. */
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

  /** `id` among the keys of one parameter (see keyListParam). */
  function keyIn(): string {
    return client.dialect === 'sqlite'
      ? 'id IN (SELECT value FROM json_each(?))'
      : 'id = ANY(?::text[])';
  }

  /** Keys as one parameter (a JSON or array literal), so one prepared statement serves any count. */
  function keyListParam(keys: readonly string[]): string {
    return client.dialect === 'sqlite'
      ? JSON.stringify(keys)
      : `{${keys.map((k) => `"${k.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
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

  function whereClause(
    query: Pick<
      ListQuery,
      'where' | 'q' | 'confidentialityIn' | 'confidentialAlso' | 'cursor' | 'staleBefore'
    >,
    candidates?: SqlPart,
  ): SqlPart {
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
      const column = columnByField.get(field);
      if (!column || JSON_CODECS.has(column.codec))
        throw new Error(`cannot filter ${spec.name} on ${field}`);
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
        which.push(keyIn());
        params.push(keyListParam(also.keys));
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
    const column = columnByField.get(sort.field);
    if (!column || JSON_CODECS.has(column.codec))
      throw new Error(`cannot sort ${spec.name} on ${sort.field}`);
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
              fromColumn(column.codec, last[atOf(column)]) ?? null,
              String(last[0]),
            ),
          }
        : {}),
    };
  }

  const repo: BulkLoadingEntityRepo & JsonListingEntityRepo = {
    entity: spec.name,

    async upsertMany(records) {
      if (records.length === 0) return 0;
      const now = clock.now().toISOString();
      return client.dialect === 'sqlite'
        ? writeSqlite(upsertSql(1), records, now)
        : upsertPostgres(records, now);
    },

    async openBulkLoad() {
      if (client.dialect === 'postgres' && canCopyFrom(client)) return openPostgresBulkLoad(client);
      if (client.dialect === 'sqlite') return openSqliteBulkLoad();
      // A PostgreSQL client outside a transaction cannot COPY: plain upserts.
      let written = 0;
      return {
        write: async (records) => {
          written += await repo.upsertMany(records);
        },
        finish: async () => written,
      };
    },

    async get(key) {
      const rows = await client.values(`SELECT ${selectColumns} FROM ${table} WHERE id = ?`, [key]);
      const row = rows[0];
      if (!row) return undefined;
      return {
        record: toRecord(row),
        version: Number(row[VERSION_AT]),
        updatedAt: String(row[VERSION_AT + 1]),
      };
    },

    async list(query) {
      const page = await listRows(query);
      return { ...page, items: page.items.map(toRecord) };
    },

    async listJson(query, fields) {
      const wanted = fields ? new Set(fields) : undefined;
      const columns = wanted ? readColumns.filter((c) => wanted.has(c.column.field)) : readColumns;
      const page = await listRows(query);
      return { ...page, items: page.items.map((row) => toJsonText(row, columns)) };
    },

    async count(where) {
      const { sql, params } = whereClause({ where });
      const rows = await client.all<{ n: number }>(
        `SELECT count(*) AS n FROM ${table} ${sql}`,
        params,
      );
      return Number(rows[0]?.n ?? 0);
    },

    async delete(key) {
      return (await client.run(`DELETE FROM ${table} WHERE id = ?`, [key])) > 0;
    },

    async *iterate(batchSize = 5000) {
      let cursor: string | undefined;
      for (;;) {
        const rows = await client.values(
          `SELECT ${selectColumns} FROM ${table} ${cursor === undefined ? '' : 'WHERE id > ?'} ORDER BY id LIMIT ?`,
          cursor === undefined ? [batchSize] : [cursor, batchSize],
        );
        if (rows.length === 0) return;
        yield rows.map(toRecord);
        const last = rows[rows.length - 1];
        if (!last || rows.length < batchSize) return;
        cursor = String(last[0]);
      }
    },

    async holdersOf(field, values) {
      const column = columnByField.get(field);
      if (!column || JSON_CODECS.has(column.codec)) {
        throw new Error(`cannot look up ${spec.name} by ${field}`);
      }
      const holders = new Map<string, string[]>();
      const unique = [...new Set(values)];
      const valueIn =
        client.dialect === 'sqlite'
          ? `"${column.column}" IN (SELECT value FROM json_each(?))`
          : `"${column.column}" = ANY(?::text[])`;
      for (let start = 0; start < unique.length; start += 10_000) {
        const batch = unique.slice(start, start + 10_000);
        const rows = await client.all<{ id: string; value: string }>(
          `SELECT id, "${column.column}" AS value FROM ${table} WHERE ${valueIn} ORDER BY id`,
          [keyListParam(batch)],
        );
        for (const row of rows) {
          const value = String(row.value);
          holders.set(value, [...(holders.get(value) ?? []), String(row.id)]);
        }
      }
      return holders;
    },
    async findExisting(keys) {
      const found = new Set<string>();
      const unique = [...new Set(keys)];
      // The keys travel as one parameter (a JSON or array literal), so one prepared statement serves
      // every batch size.
      for (let start = 0; start < unique.length; start += 10_000) {
        const batch = unique.slice(start, start + 10_000);
        const rows = await client.all<{ id: string }>(`SELECT id FROM ${table} WHERE ${keyIn()}`, [
          keyListParam(batch),
        ]);
        for (const row of rows) found.add(row.id);
      }
      return found;
    },
  };
  return repo;
}
