import type { ColumnCodec, ColumnSpec, EntitySpec } from '#core/entities/registry.ts';
import type { StoredRecord } from '#core/ports.ts';
import type { SqlClient, SqlParam } from './sql-client.ts';

/** Codecs stored as JSON text (SQLite) or JSON values (PostgreSQL). */
export const JSON_CODECS: ReadonlySet<ColumnCodec> = new Set([
  'list',
  'int_list',
  'prefecture_list',
  'members',
  'json',
]);

export function toParam(codec: ColumnCodec, value: unknown): SqlParam {
  if (value === undefined || value === null) return null;
  if (JSON_CODECS.has(codec)) return JSON.stringify(value);
  if (codec === 'bool') return Boolean(value);
  if (codec === 'int' || codec === 'real') return Number(value);
  return String(value);
}

export function fromColumn(codec: ColumnCodec, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (JSON_CODECS.has(codec))
    return typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  if (codec === 'bool') return value === true || value === 1;
  if (codec === 'int' || codec === 'real') return Number(value);
  return value;
}

/** A column read back from a row, and where it sits in the row. */
export interface ReadColumn {
  column: ColumnSpec;
  at: number;
}

/**
 * One entity's table as the SQL sees it: its column lists and the mapping between records and rows.
 * Rows are read as arrays in `selectColumns` order: id, the data columns, version, updated_at.
 */
export interface EntityTable {
  client: SqlClient;
  spec: EntitySpec;
  table: string;
  dataColumns: readonly ColumnSpec[];
  columnByField: ReadonlyMap<string, ColumnSpec>;
  /** Columns written by an insert, in parameter order. */
  insertColumns: readonly string[];
  /** `insertColumns`, quoted and joined. */
  quoted: string;
  selectColumns: string;
  /** Where the version sits in a row (updated_at follows it). */
  versionAt: number;
  readColumns: readonly ReadColumn[];
  /** The column of `field` when it holds a plain value (not JSON); throws `failure` otherwise. */
  plainColumn(field: string, failure: string): ColumnSpec;
  /** Where a data column is in a row read with selectColumns. */
  atOf(column: ColumnSpec): number;
  /** Appends one record's parameters, in insertColumns order, to `out`. */
  pushRow(out: SqlParam[], record: StoredRecord, now: string): void;
  toRecord(row: readonly unknown[]): StoredRecord;
  /**
   * The JSON text of `toRecord(row)`, with JSON columns copied as stored rather than parsed and
   * written again: they were written by JSON.stringify, and a page of projects carries ~150 KB of
   * them. PostgreSQL returns them parsed, so there they are written again.
   */
  toJsonText(row: readonly unknown[], columns?: readonly ReadColumn[]): string;
}

export function describeEntityTable(client: SqlClient, spec: EntitySpec): EntityTable {
  const table = spec.table;
  const dataColumns = spec.columns.filter((c) => c.column !== 'id');
  const columnByField = new Map(spec.columns.map((c) => [c.field, c]));
  const insertColumns = ['id', ...dataColumns.map((c) => c.column), 'version', 'updated_at'];
  const readColumns = spec.columns
    .filter((column) => !(spec.derivedKey && column.column === 'id'))
    .map((column) => ({
      column,
      at: column.column === 'id' ? 0 : dataColumns.indexOf(column) + 1,
    }));

  return {
    client,
    spec,
    table,
    dataColumns,
    columnByField,
    insertColumns,
    quoted: insertColumns.map((c) => `"${c}"`).join(', '),
    selectColumns: `id, ${dataColumns.map((c) => `"${c.column}"`).join(', ')}, version, updated_at`,
    versionAt: dataColumns.length + 1,
    readColumns,

    plainColumn(field, failure) {
      const column = columnByField.get(field);
      if (!column || JSON_CODECS.has(column.codec)) throw new Error(failure);
      return column;
    },

    atOf(column) {
      return dataColumns.indexOf(column) + 1;
    },

    pushRow(out, record, now) {
      out.push(spec.keyOf(record));
      for (const c of dataColumns) out.push(toParam(c.codec, record[c.field]));
      out.push(1, now);
    },

    toRecord(row) {
      const record: StoredRecord = {};
      for (const { column, at } of readColumns) {
        const value = fromColumn(column.codec, row[at]);
        if (value !== undefined) record[column.field] = value;
      }
      return record;
    },

    toJsonText(row, columns = readColumns) {
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
    },
  };
}

/** `id` among the keys of one parameter (see keyListParam). */
export function keyIn(client: SqlClient): string {
  return client.dialect === 'sqlite'
    ? 'id IN (SELECT value FROM json_each(?))'
    : 'id = ANY(?::text[])';
}

/** Keys as one parameter (a JSON or array literal), so one prepared statement serves any count. */
export function keyListParam(client: SqlClient, keys: readonly string[]): string {
  return client.dialect === 'sqlite'
    ? JSON.stringify(keys)
    : `{${keys.map((k) => `"${k.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}
