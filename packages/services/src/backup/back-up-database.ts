import type { BackupStore } from '#core/backup-port.ts';
import type { Clock } from '#core/ports.ts';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, writeBackupFile } from './backup-file.ts';

export interface BackupReport {
  path: string;
  engine: 'sqlite' | 'postgres';
  rows: Record<string, number>;
  total: number;
}

export interface BackupOptions {
  clock: Clock;
  /** Rows read per query inside the snapshot (default 5,000). */
  pageSize?: number;
  onRows?: (table: string, rows: number) => void;
}

/**
 * Writes every table of the database, as of one moment, to a backup file: safe while the server
 * keeps writing (it reads one snapshot and takes no write lock).
 */
export async function backUpDatabase(
  store: BackupStore,
  path: string,
  options: BackupOptions,
): Promise<BackupReport> {
  const pageSize = options.pageSize ?? 5000;
  const rows = await store.readSnapshot(async (reader) => {
    const tables = await reader.tables();
    const schemaVersions = await store.schemaVersions();
    async function* sections() {
      for (const table of tables) yield { table, pages: reader.rows(table, pageSize) };
    }
    return writeBackupFile(
      path,
      {
        header: {
          format: BACKUP_FORMAT,
          formatVersion: BACKUP_FORMAT_VERSION,
          createdAt: options.clock.now().toISOString(),
          engine: store.engine,
          schemaVersions,
        },
        tables: sections(),
      },
      options.onRows,
    );
  });
  const total = Object.values(rows).reduce((sum, n) => sum + n, 0);
  return { path, engine: store.engine, rows, total };
}
