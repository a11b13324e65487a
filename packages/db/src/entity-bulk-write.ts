import type { BulkLoad, Clock, StoredRecord, StoredRows } from '#core/ports.ts';
import { bumpSqliteDataVersion } from './data-version.ts';
import type { EntityTable } from './entity-row-codec.ts';
import { canCopyFrom, type PgCopyClient } from './pg-client.ts';
import { fillSearchIndexSql, SEARCH_COLUMNS, searchTableOf } from './search-index.ts';
import type { SqlParam } from './sql-client.ts';
import { isSqliteClient } from './sqlite-client.ts';

/** COPY buffers this many characters before sending them. */
const COPY_CHUNK_CHARS = 4 << 20;

/** One CSV field for `COPY … (FORMAT csv)`: unquoted empty is NULL, strings always quoted. */
function csvField(value: SqlParam): string {
  if (value === null) return '';
  if (typeof value === 'string')
    return value.includes('"') ? `"${value.replace(/"/g, '""')}"` : `"${value}"`;
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return String(value);
}

/** Writing one entity's records: upserts, and bulk loads (COPY on PostgreSQL). */
export interface EntityWriter {
  upsertMany(records: readonly StoredRecord[]): Promise<number>;
  openBulkLoad(): Promise<BulkLoad>;
}

export function createEntityWriter(shape: EntityTable, clock: Clock): EntityWriter {
  const { client, spec, table, dataColumns, insertColumns, quoted } = shape;
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
  // PostgreSQL caps one statement at 65,535 parameters.
  const pgBatch = Math.max(1, Math.floor(60_000 / insertColumns.length));
  const insertSql = `INSERT INTO ${table} (${quoted}) VALUES ${rowPlaceholders}`;

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
        shape.pushRow(row, record, now);
        return row;
      }),
    );
  }

  /**
   * SQLite, rows given as column values: one reused parameter array, no promise per row. The
   * trailing empty columns (a network file's dates, note and provenance), the version and the time
   * are written into the statement rather than bound: binding them was an eighth of the insert.
   */
  function writeSqliteRows(upsert: boolean, rows: StoredRows, now: string): number {
    if (!isSqliteClient(client)) throw new Error('writeSqliteRows needs the SQLite client');
    const dataEnd = insertColumns.length - 2;
    const tail = `1, '${now.replace(/'/g, "''")}'`;
    const sqlByBound: string[] = [];
    const sqlOf = (bound: number): string =>
      (sqlByBound[bound] ??= `INSERT INTO ${table} (${quoted}) VALUES (${[
        ...Array.from({ length: bound }, () => '?'),
        ...Array.from({ length: dataEnd - bound }, () => 'NULL'),
        tail,
      ].join(', ')})${upsert ? ` ON CONFLICT (id) DO UPDATE SET ${updates}` : ''}`);
    return client.runRows(
      rows.count,
      (i, out) => {
        out.length = dataEnd;
        rows.fill(i, out);
        let bound = dataEnd;
        while (bound > 1 && out[bound - 1] === null) bound -= 1;
        out.length = bound;
      },
      (params) => sqlOf(params.length),
    );
  }

  async function upsertPostgres(records: readonly StoredRecord[], now: string): Promise<number> {
    // One row per identity per statement: PostgreSQL refuses to update a row twice in one INSERT.
    const unique = [...new Map(records.map((r) => [spec.keyOf(r), r])).values()];
    let written = 0;
    for (let start = 0; start < unique.length; start += pgBatch) {
      const params: SqlParam[] = [];
      for (const r of unique.slice(start, start + pgBatch)) shape.pushRow(params, r, now);
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

  /** PostgreSQL: the table's foreign keys, as the definition that adds each again. */
  async function foreignKeys(): Promise<{ name: string; sql: string }[]> {
    return client.all<{ name: string; sql: string }>(
      "SELECT conname AS name, pg_get_constraintdef(oid) AS sql FROM pg_constraint WHERE conrelid = to_regclass(?) AND contype = 'f' ORDER BY conname",
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
    // PostgreSQL checks a foreign key row by row (a trigger per row); added again at the end it
    // checks every row with one join, as a restored dump does. The callers have already refused rows
    // naming records that do not exist; this is the database's own guard, kept whole.
    if (client.dialect === 'postgres')
      for (const key of await foreignKeys()) {
        await client.exec(`ALTER TABLE ${table} DROP CONSTRAINT "${key.name}"`);
        deferred.push(`ALTER TABLE ${table} ADD CONSTRAINT "${key.name}" ${key.sql}`);
      }
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
          shape.pushRow(row, record, now);
          // One flat string per row (join): a row built by += is a tree of small strings that
          // lives until the chunk is sent, and at 100 k rows cost more CPU and memory than it saved.
          chunk += `${row.map(csvField).join(',')}\n`;
        }
        if (chunk.length >= COPY_CHUNK_CHARS) await send();
      },
      async writeRows(rows) {
        const row: SqlParam[] = [];
        const tail = `,1,${csvField(now)}\n`;
        for (let i = 0; i < rows.count; i++) {
          row.length = 0;
          rows.fill(i, row);
          chunk += `${row.map(csvField).join(',')}${tail}`;
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
        // A table filled from empty has no statistics until autovacuum comes by: meanwhile the
        // planner guesses, and the next load's lookups (a 差分's 法人番号) scanned the whole table
        // instead of using its index. A sample of the rows, as after restoring a dump.
        if (empty) await copier.exec(`ANALYZE ${table}`);
        return written;
      },
    };
  }

  /**
   * SQLite, a load into a table that already holds rows (a 差分): its search index is kept by
   * triggers, one FTS5 insert per row, which cost as much as the row and its nine indexes together.
   * Inside the transaction the triggers are dropped; each batch first removes from the search table
   * the rows it is about to change (their rowids noted in a temporary table); `finish` indexes the
   * new and the changed rows with one INSERT … SELECT, re-creates the triggers and moves the data
   * version once. A failed or killed load rolls all of it back with the transaction.
   */
  async function deferSqliteTriggers(): Promise<{
    before: (keys: readonly string[]) => Promise<void>;
    finish: (written: number) => Promise<void>;
  }> {
    const columns = SEARCH_COLUMNS[table];
    const triggers = (
      await client.all<{ name: string; sql: string }>(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name",
        [table],
      )
    ).filter(
      (t) =>
        t.name.startsWith(`${searchTableOf(table)}_`) ||
        t.name.startsWith(`${table}_data_version_`),
    );
    const search = triggers.some((t) => t.name.startsWith(`${searchTableOf(table)}_`));
    for (const trigger of triggers) await client.exec(`DROP TRIGGER "${trigger.name}"`);
    const [top] = await client.all<{ last: number | null }>(
      `SELECT max(rowid) AS last FROM ${table}`,
    );
    const last = top?.last ?? 0;
    const touched = `musubi_touched_${table}`;
    if (search && columns)
      await client.exec(`CREATE TEMP TABLE ${touched} (rowid INTEGER PRIMARY KEY)`);
    return {
      async before(keyList) {
        if (!search || !columns) return;
        const keys = JSON.stringify(keyList);
        const rows = await client.all<{ rowid: number }>(
          `SELECT rowid FROM ${table} WHERE id IN (SELECT value FROM json_each(?)) AND rowid <= ?`,
          [keys, last],
        );
        if (rows.length === 0) return;
        const rowids = rows.map((r) => [r.rowid]);
        await client.runMany(`DELETE FROM ${searchTableOf(table)} WHERE rowid = ?`, rowids);
        await client.runMany(`INSERT OR IGNORE INTO ${touched} (rowid) VALUES (?)`, rowids);
      },
      async finish(written) {
        if (search && columns) {
          await client.run(
            fillSearchIndexSql(
              table,
              columns,
              `rowid > ? OR rowid IN (SELECT rowid FROM ${touched})`,
            ),
            [last],
          );
          await client.exec(`DROP TABLE ${touched}`);
        }
        for (const trigger of triggers) await client.exec(trigger.sql);
        if (written > 0) await client.exec(bumpSqliteDataVersion(table));
      },
    };
  }

  async function openSqliteBulkLoad(): Promise<BulkLoad> {
    const { empty, deferred } = await startLoad();
    // Empty at the start and each identity once per load: nothing can conflict, and a plain INSERT
    // costs half an upsert (which probes the primary key before inserting into it).
    const sql = empty ? insertSql : upsertSql(1);
    const later =
      !empty && isSqliteClient(client) && client.inTransaction()
        ? await deferSqliteTriggers()
        : undefined;
    const now = clock.now().toISOString();
    let written = 0;
    return {
      async write(records) {
        await later?.before(records.map((r) => spec.keyOf(r)));
        written += await writeSqlite(sql, records, now);
      },
      async writeRows(rows) {
        if (later) await later.before(Array.from({ length: rows.count }, (_, i) => rows.keyOf(i)));
        written += writeSqliteRows(!empty, rows, now);
      },
      async finish() {
        for (const sql of deferred) await client.exec(sql);
        // The load ran without the table's triggers, the data version's among them.
        if (empty) await client.exec(bumpSqliteDataVersion(table));
        await later?.finish(written);
        return written;
      },
    };
  }

  const writer: EntityWriter = {
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
          written += await writer.upsertMany(records);
        },
        finish: async () => written,
      };
    },
  };
  return writer;
}
