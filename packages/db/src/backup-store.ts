/**
 * The database side of backup and restore (decision 011): the tables found in the catalog, read
 * page by page from one snapshot (a WAL read transaction on SQLite, a REPEATABLE READ READ ONLY
 * transaction on PostgreSQL), and written back by column name in one transaction.
 */
import { NATIONAL_PROGRAMMES } from '#core/programme-catalogue.ts';
import type { BackupStore, BackupValue, RestoreWriter, SnapshotReader } from '#core/backup-port.ts';
import type { SqlClient, SqlParam } from './sql-client.ts';

/**
 * Not backed up: the applied migrations (the file records them in its header) and browser
 * sessions (a restored server asks everyone to sign in again; API tokens are kept). SQLite's
 * search tables are virtual and rebuilt by their triggers, so the catalog query leaves them out.
 * The data versions (`data_version`, `data_changes`) are cache keys that the restore's own writes
 * advance. The network snapshot (`graph_snapshot_chunks`) is keyed on those versions: restored into
 * another database its key could match data it was not made from, so it is made again instead.
 */
export const TABLES_NOT_BACKED_UP: readonly string[] = [
  'schema_migrations',
  'sessions',
  'data_version',
  'data_changes',
  'graph_snapshot_chunks',
];

/**
 * Rows that migrations put into every database (the catalogue of national programmes): a database
 * holding only these is empty for a restore, which replaces them with the file's.
 */
const SEEDED_BY_MIGRATIONS: Readonly<Record<string, readonly string[]>> = {
  programmes: NATIONAL_PROGRAMMES.map((programme) => programme.id),
};

interface ColumnInfo {
  name: string;
  /** Lower-cased declared type: `text`, `integer`, `boolean`, `jsonb`… */
  type: string;
}

interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  primaryKey: string[];
  references: string[];
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

async function baseTables(client: SqlClient): Promise<string[]> {
  const rows =
    client.dialect === 'sqlite'
      ? await client.all<{ name: string }>(
          "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
      : await client.all<{ name: string }>(
          "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
        );
  return rows.map((row) => row.name);
}

async function tableInfo(client: SqlClient, name: string): Promise<TableInfo> {
  if (client.dialect === 'sqlite') {
    const columns = await client.all<{ name: string; type: string; pk: number }>(
      'SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid',
      [name],
    );
    const references = await client.all<{ table: string }>(
      'SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)',
      [name],
    );
    return {
      name,
      columns: columns.map((c) => ({ name: c.name, type: c.type.toLowerCase() })),
      primaryKey: columns
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
      references: references.map((r) => r.table),
    };
  }
  const columns = await client.all<{ name: string; type: string }>(
    'SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position',
    [name],
  );
  const primaryKey = await client.all<{ name: string }>(
    `SELECT a.attname AS name FROM pg_index i
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
      WHERE i.indrelid = to_regclass(?) AND i.indisprimary
      ORDER BY array_position(i.indkey::int2[], a.attnum)`,
    [quote(name)],
  );
  const references = await client.all<{ name: string }>(
    `SELECT DISTINCT cl.relname AS name FROM pg_constraint c JOIN pg_class cl ON cl.oid = c.confrelid
      WHERE c.contype = 'f' AND c.conrelid = to_regclass(?)`,
    [quote(name)],
  );
  return {
    name,
    columns: columns.map((c) => ({ name: c.name, type: c.type.toLowerCase() })),
    primaryKey: primaryKey.map((c) => c.name),
    references: references.map((r) => r.name),
  };
}

/** Parents first (a table after every table it refers to), otherwise by name. */
function parentsFirst(tables: readonly TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const out: TableInfo[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const visit = (table: TableInfo) => {
    if (placed.has(table.name) || visiting.has(table.name)) return;
    visiting.add(table.name);
    for (const parent of table.references) {
      const info = byName.get(parent);
      if (info && parent !== table.name) visit(info);
    }
    visiting.delete(table.name);
    placed.add(table.name);
    out.push(table);
  };
  for (const table of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(table);
  return out;
}

async function backedUpTables(client: SqlClient): Promise<TableInfo[]> {
  const names = (await baseTables(client)).filter((n) => !TABLES_NOT_BACKED_UP.includes(n));
  const infos: TableInfo[] = [];
  for (const name of names) infos.push(await tableInfo(client, name));
  return parentsFirst(infos);
}

function selectList(client: SqlClient, table: TableInfo): string {
  // JSON columns leave PostgreSQL as their text, as SQLite stores them: one form in the file.
  return table.columns
    .map((c) =>
      client.dialect === 'postgres' && (c.type === 'jsonb' || c.type === 'json')
        ? `${quote(c.name)}::text`
        : quote(c.name),
    )
    .join(', ');
}

function toBackupValue(value: unknown, table: string, column: string): BackupValue {
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  ) {
    return value;
  }
  if (value === undefined) return null;
  throw new Error(`${table}.${column}: a value of type ${typeof value} cannot be backed up`);
}

async function* pagesOf(
  client: SqlClient,
  table: TableInfo,
  pageSize: number,
): AsyncIterable<BackupValue[][]> {
  const names = table.columns.map((c) => c.name);
  const select = `SELECT ${selectList(client, table)} FROM ${quote(table.name)}`;
  const keyIndexes = table.primaryKey.map((k) => names.indexOf(k));
  const size = Math.max(1, Math.floor(pageSize));
  let after: SqlParam[] | undefined;
  let offset = 0;
  for (;;) {
    let rows: unknown[][];
    if (keyIndexes.length > 0 && keyIndexes.every((i) => i >= 0)) {
      // Keyset paging over the primary key: each page starts where the last ended.
      const keys = table.primaryKey.map(quote);
      const order = `ORDER BY ${keys.join(', ')} LIMIT ${size}`;
      rows = after
        ? await client.values(
            `${select} WHERE (${keys.join(', ')}) > (${keys.map(() => '?').join(', ')}) ${order}`,
            after,
          )
        : await client.values(`${select} ${order}`);
    } else {
      const order = table.columns.map((c) => quote(c.name)).join(', ');
      rows = await client.values(`${select} ORDER BY ${order} LIMIT ${size} OFFSET ${offset}`);
      offset += rows.length;
    }
    if (rows.length === 0) return;
    const page = rows.map((row) =>
      row.map((value, i) => toBackupValue(value, table.name, names[i] ?? String(i))),
    );
    yield page;
    const last = page[page.length - 1];
    if (rows.length < size || last === undefined) return;
    after = keyIndexes.map((i) => last[i] ?? null);
  }
}

function readerOver(client: SqlClient): SnapshotReader {
  const infos = new Map<string, TableInfo>();
  return {
    async tables() {
      const tables = await backedUpTables(client);
      for (const t of tables) infos.set(t.name, t);
      return tables.map((t) => ({ name: t.name, columns: t.columns.map((c) => c.name) }));
    },
    rows(table, pageSize) {
      const info = infos.get(table.name);
      if (!info) throw new Error(`table ${table.name} was not listed by tables()`);
      return pagesOf(client, info, pageSize);
    },
  };
}

/** A value from a file converted for the target column (booleans and JSON move between engines). */
function toColumn(client: SqlClient, column: ColumnInfo, value: BackupValue): SqlParam {
  if (value === null) return null;
  if (client.dialect === 'postgres') {
    if (column.type === 'boolean' && typeof value === 'number') return value !== 0;
    if ((column.type === 'jsonb' || column.type === 'json') && typeof value !== 'string') {
      return JSON.stringify(value);
    }
  }
  return value;
}

function writerOver(client: SqlClient, targets: Map<string, TableInfo>): RestoreWriter {
  return {
    async insert(table, rows) {
      if (rows.length === 0) return;
      const info = targets.get(table.name);
      if (!info) throw new Error(`table ${table.name} does not exist in the target database`);
      const columns = table.columns.map((name) => {
        const column = info.columns.find((c) => c.name === name);
        if (!column) throw new Error(`column ${table.name}.${name} does not exist in the target`);
        return column;
      });
      const placeholders = `(${columns.map(() => '?').join(', ')})`;
      const perStatement = Math.max(1, Math.min(500, Math.floor(30_000 / columns.length)));
      for (let start = 0; start < rows.length; start += perStatement) {
        const chunk = rows.slice(start, start + perStatement);
        const params: SqlParam[] = [];
        for (const row of chunk) {
          columns.forEach((column, i) => params.push(toColumn(client, column, row[i] ?? null)));
        }
        await client.run(
          `INSERT INTO ${quote(table.name)} (${columns.map((c) => quote(c.name)).join(', ')}) VALUES ${chunk.map(() => placeholders).join(', ')}`,
          params,
        );
      }
    },
  };
}

export function createBackupStore(client: SqlClient): BackupStore {
  return {
    engine: client.dialect,
    async schemaVersions() {
      const rows = await client.all<{ version: number }>(
        'SELECT version FROM schema_migrations ORDER BY version',
      );
      return rows.map((r) => Number(r.version));
    },
    async readSnapshot(work) {
      if (client.dialect === 'postgres') {
        return client.transaction(async (tx) => {
          await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
          return work(readerOver(tx));
        });
      }
      // A deferred transaction on a WAL database reads one snapshot from its first read on and
      // takes no write lock: the server keeps writing meanwhile.
      await client.exec('BEGIN DEFERRED');
      try {
        return await work(readerOver(client));
      } finally {
        await client.exec('COMMIT');
      }
    },
    async tables() {
      const tables = await backedUpTables(client);
      return tables.map((t) => ({ name: t.name, columns: t.columns.map((c) => c.name) }));
    },
    async nonEmptyTables() {
      // Sessions count: a database someone signed in to is not empty.
      const names = (await baseTables(client)).filter(
        (n) => n === 'sessions' || !TABLES_NOT_BACKED_UP.includes(n),
      );
      const out: string[] = [];
      for (const name of names) {
        const seeded = SEEDED_BY_MIGRATIONS[name];
        const rows = await client.all(
          seeded === undefined
            ? `SELECT 1 AS one FROM ${quote(name)} LIMIT 1`
            : `SELECT 1 AS one FROM ${quote(name)} WHERE id NOT IN (${seeded.map(() => '?').join(', ')}) LIMIT 1`,
          seeded ?? [],
        );
        if (rows.length > 0) out.push(name);
      }
      return out;
    },
    async restore(work) {
      return client.transaction(async (tx) => {
        // What migrations seeded comes back from the file, as the backed-up database had it.
        for (const [table, ids] of Object.entries(SEEDED_BY_MIGRATIONS)) {
          await tx.run(
            `DELETE FROM ${quote(table)} WHERE id IN (${ids.map(() => '?').join(', ')})`,
            ids,
          );
        }
        const targets = new Map((await backedUpTables(tx)).map((t) => [t.name, t]));
        return work(writerOver(tx, targets));
      });
    },
  };
}
