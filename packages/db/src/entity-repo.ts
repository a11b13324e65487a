import type { ColumnCodec, EntitySpec } from '#core/entities/registry.ts';
import type { Clock, EntityRepo, ListQuery, StoredRecord } from '#core/ports.ts';
import type { SqlClient, SqlParam } from './sql-client.ts';

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

/** Storage of one entity in its own table; SQL generated from the entity's column list. */
export function createSqlEntityRepo(client: SqlClient, spec: EntitySpec, clock: Clock): EntityRepo {
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
  const upsertSql = (rows: number) =>
    `INSERT INTO ${table} (${quoted}) VALUES ${Array.from({ length: rows }, () => rowPlaceholders).join(', ')} ON CONFLICT (id) DO UPDATE SET ${updates}`;
  const selectColumns = `id, ${dataColumns.map((c) => `"${c.column}"`).join(', ')}, version, updated_at`;
  // PostgreSQL caps one statement at 65,535 parameters.
  const pgBatch = Math.max(1, Math.floor(60_000 / insertColumns.length));

  function toRow(record: StoredRecord, now: string): SqlParam[] {
    return [
      spec.keyOf(record),
      ...dataColumns.map((c) => toParam(c.codec, record[c.field])),
      1,
      now,
    ];
  }

  function toRecord(row: Record<string, unknown>): StoredRecord {
    const record: StoredRecord = {};
    for (const column of spec.columns) {
      if (spec.derivedKey && column.column === 'id') continue;
      const value = fromColumn(column.codec, row[column.column]);
      if (value !== undefined) record[column.field] = value;
    }
    return record;
  }

  function whereClause(query: Pick<ListQuery, 'where' | 'q' | 'confidentialityIn' | 'cursor'>): {
    sql: string;
    params: SqlParam[];
  } {
    const parts: string[] = [];
    const params: SqlParam[] = [];
    for (const [field, value] of Object.entries(query.where ?? {})) {
      const column = columnByField.get(field);
      if (!column || JSON_CODECS.has(column.codec))
        throw new Error(`cannot filter ${spec.name} on ${field}`);
      parts.push(`"${column.column}" = ?`);
      params.push(value);
    }
    if (query.q) {
      const like = client.dialect === 'postgres' ? 'ILIKE' : 'LIKE';
      const fields = spec.searchFields
        .map((f) => columnByField.get(f)?.column)
        .filter((c) => c !== undefined);
      parts.push(`(${fields.map((c) => `"${c}" ${like} ? ESCAPE '\\'`).join(' OR ')})`);
      for (const _ of fields) params.push(`%${escapeLike(query.q)}%`);
    }
    if (query.confidentialityIn) {
      if (query.confidentialityIn.length === 0) parts.push('1 = 0');
      else {
        parts.push(`confidentiality IN (${query.confidentialityIn.map(() => '?').join(', ')})`);
        params.push(...query.confidentialityIn);
      }
    }
    if (query.cursor !== undefined) {
      parts.push('id > ?');
      params.push(query.cursor);
    }
    return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
  }

  return {
    entity: spec.name,

    async upsertMany(records) {
      if (records.length === 0) return 0;
      const now = clock.now().toISOString();
      if (client.dialect === 'sqlite') {
        return client.runMany(
          upsertSql(1),
          records.map((r) => toRow(r, now)),
        );
      }
      // One row per identity per statement: PostgreSQL refuses to update a row twice in one INSERT.
      const unique = [...new Map(records.map((r) => [spec.keyOf(r), r])).values()];
      let written = 0;
      for (let start = 0; start < unique.length; start += pgBatch) {
        const batch = unique.slice(start, start + pgBatch);
        written += await client.run(
          upsertSql(batch.length),
          batch.flatMap((r) => toRow(r, now)),
        );
      }
      return written;
    },

    async get(key) {
      const rows = await client.all(`SELECT ${selectColumns} FROM ${table} WHERE id = ?`, [key]);
      const row = rows[0];
      if (!row) return undefined;
      return {
        record: toRecord(row),
        version: Number(row['version']),
        updatedAt: String(row['updated_at']),
      };
    },

    async list(query) {
      const { sql, params } = whereClause(query);
      const rows = await client.all(
        `SELECT ${selectColumns} FROM ${table} ${sql} ORDER BY id LIMIT ?`,
        [...params, query.limit + 1],
      );
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        items: page.map(toRecord),
        ...(rows.length > query.limit && last ? { nextCursor: String(last['id']) } : {}),
      };
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
        const rows = await client.all(
          `SELECT ${selectColumns} FROM ${table} ${cursor === undefined ? '' : 'WHERE id > ?'} ORDER BY id LIMIT ?`,
          cursor === undefined ? [batchSize] : [cursor, batchSize],
        );
        if (rows.length === 0) return;
        yield rows.map(toRecord);
        const last = rows[rows.length - 1];
        if (!last || rows.length < batchSize) return;
        cursor = String(last['id']);
      }
    },

    async findExisting(keys) {
      const found = new Set<string>();
      const unique = [...new Set(keys)];
      for (let start = 0; start < unique.length; start += 500) {
        const batch = unique.slice(start, start + 500);
        const rows = await client.all<{ id: string }>(
          `SELECT id FROM ${table} WHERE id IN (${batch.map(() => '?').join(', ')})`,
          batch,
        );
        for (const row of rows) found.add(row.id);
      }
      return found;
    },
  };
}
