import type { EntitySpec } from '#core/entities/registry.ts';
import type {
  BulkLoadingEntityRepo,
  Clock,
  JsonListingEntityRepo,
  StoredRecord,
  Versioned,
} from '#core/ports.ts';
import { createEntityWriter } from './entity-bulk-write.ts';
import { createEntityListing } from './entity-list-sql.ts';
import { describeEntityTable, keyIn, keyListParam } from './entity-row-codec.ts';
import type { SqlClient } from './sql-client.ts';

/** Keys or values sent per lookup statement. */
const LOOKUP_BATCH = 10_000;

/**
 * Storage of one entity in its own table; SQL generated from the entity's column list. The row
 * mapping is in entity-row-codec.ts, listing and search in entity-list-sql.ts, writes and bulk loads
 * in entity-bulk-write.ts; the single-row reads and identifier lookups are here.
 */
export function createSqlEntityRepo(
  client: SqlClient,
  spec: EntitySpec,
  clock: Clock,
): BulkLoadingEntityRepo & JsonListingEntityRepo {
  const shape = describeEntityTable(client, spec);
  const { table, selectColumns, versionAt, readColumns } = shape;
  const listing = createEntityListing(shape);
  const writer = createEntityWriter(shape, clock);

  return {
    entity: spec.name,
    upsertMany: writer.upsertMany,
    openBulkLoad: writer.openBulkLoad,

    async get(key) {
      const rows = await client.values(`SELECT ${selectColumns} FROM ${table} WHERE id = ?`, [key]);
      const row = rows[0];
      if (!row) return undefined;
      return {
        record: shape.toRecord(row),
        version: Number(row[versionAt]),
        updatedAt: String(row[versionAt + 1]),
      };
    },

    async getMany(keys) {
      const found = new Map<string, Versioned<StoredRecord>>();
      const unique = [...new Set(keys)];
      for (let start = 0; start < unique.length; start += LOOKUP_BATCH) {
        const batch = unique.slice(start, start + LOOKUP_BATCH);
        const rows = await client.values(
          `SELECT ${selectColumns} FROM ${table} WHERE ${keyIn(client)}`,
          [keyListParam(client, batch)],
        );
        for (const row of rows) {
          found.set(String(row[0]), {
            record: shape.toRecord(row),
            version: Number(row[versionAt]),
            updatedAt: String(row[versionAt + 1]),
          });
        }
      }
      return found;
    },

    async list(query) {
      const page = await listing.listRows(query);
      return { ...page, items: page.items.map((row) => shape.toRecord(row)) };
    },

    async listJson(query, fields) {
      const wanted = fields ? new Set(fields) : undefined;
      const columns = wanted ? readColumns.filter((c) => wanted.has(c.column.field)) : readColumns;
      const page = await listing.listRows(query);
      return { ...page, items: page.items.map((row) => shape.toJsonText(row, columns)) };
    },

    async count(where) {
      const { sql, params } = listing.whereClause({ where });
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
        yield rows.map((row) => shape.toRecord(row));
        const last = rows[rows.length - 1];
        if (!last || rows.length < batchSize) return;
        cursor = String(last[0]);
      }
    },

    async *iterateWithout(field, batchSize = 5000) {
      const column = shape.plainColumn(field, `cannot list ${spec.name} without ${field}`);
      let cursor: string | undefined;
      for (;;) {
        const rows = await client.values(
          `SELECT ${selectColumns} FROM ${table} WHERE "${column.column}" IS NULL ${cursor === undefined ? '' : 'AND id > ?'} ORDER BY id LIMIT ?`,
          cursor === undefined ? [batchSize] : [cursor, batchSize],
        );
        if (rows.length === 0) return;
        yield rows.map((row) => shape.toRecord(row));
        const last = rows[rows.length - 1];
        if (!last || rows.length < batchSize) return;
        cursor = String(last[0]);
      }
    },

    async holdersOf(field, values) {
      const column = shape.plainColumn(field, `cannot look up ${spec.name} by ${field}`);
      const holders = new Map<string, string[]>();
      const unique = [...new Set(values)];
      const valueIn =
        client.dialect === 'sqlite'
          ? `"${column.column}" IN (SELECT value FROM json_each(?))`
          : `"${column.column}" = ANY(?::text[])`;
      for (let start = 0; start < unique.length; start += LOOKUP_BATCH) {
        const batch = unique.slice(start, start + LOOKUP_BATCH);
        const rows = await client.all<{ id: string; value: string }>(
          `SELECT id, "${column.column}" AS value FROM ${table} WHERE ${valueIn} ORDER BY id`,
          [keyListParam(client, batch)],
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
      for (let start = 0; start < unique.length; start += LOOKUP_BATCH) {
        const batch = unique.slice(start, start + LOOKUP_BATCH);
        const rows = await client.all<{ id: string }>(
          `SELECT id FROM ${table} WHERE ${keyIn(client)}`,
          [keyListParam(client, batch)],
        );
        for (const row of rows) found.add(row.id);
      }
      return found;
    },
  };
}
