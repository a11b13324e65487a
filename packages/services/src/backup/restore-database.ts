import type { BackupStore, BackupTable } from '#core/backup-port.ts';
import { DomainError } from '#core/domain-error.ts';
import { readBackupFile, verifyBackupFile, type BackupSummary } from './backup-file.ts';

export interface RestoreReport {
  path: string;
  /** Engine the backup was taken from. */
  from: 'sqlite' | 'postgres';
  rows: Record<string, number>;
  total: number;
}

/** Every table and column of the file must exist in the target (an older backup may lack some). */
function checkTablesFit(summary: BackupSummary, targets: readonly BackupTable[], path: string) {
  const byName = new Map(targets.map((t) => [t.name, t]));
  for (const table of summary.tables) {
    const target = byName.get(table.name);
    if (!target) {
      throw new DomainError(
        'validation_failed',
        `backup ${path}: table ${table.name} does not exist in the target database`,
      );
    }
    const missing = table.columns.filter((c) => !target.columns.includes(c));
    if (missing.length > 0) {
      throw new DomainError(
        'validation_failed',
        `backup ${path}: column(s) ${missing.map((c) => `${table.name}.${c}`).join(', ')} do not exist in the target database`,
      );
    }
  }
}

/**
 * Restores a backup file into an empty database, all or nothing: the file is checked whole first
 * (format, version, every line, digest), then loaded in one transaction that is rolled back on
 * any failure (the digest is checked again as the rows go in).
 */
export async function restoreDatabase(
  store: BackupStore,
  path: string,
  options: {
    /** The file's summary when the caller has just verified it (saves a pass over the file). */
    verified?: BackupSummary;
    onRows?: (table: string, rows: number) => void;
  } = {},
): Promise<RestoreReport> {
  const summary = options.verified ?? (await verifyBackupFile(path));
  const known = new Set(await store.schemaVersions());
  const unknown = summary.header.schemaVersions.filter((v) => !known.has(v));
  if (unknown.length > 0) {
    throw new DomainError(
      'validation_failed',
      `backup ${path} comes from a newer Musubi (schema migration(s) ${unknown.join(', ')} unknown here); restore it with that version or later`,
    );
  }
  const occupied = await store.nonEmptyTables();
  if (occupied.length > 0) {
    throw new DomainError(
      'conflict',
      `the target database is not empty (rows in ${occupied.join(', ')}); restore only into an empty database`,
      { tables: occupied },
    );
  }
  checkTablesFit(summary, await store.tables(), path);
  const rows: Record<string, number> = {};
  await store.restore(async (writer) => {
    for await (const entry of readBackupFile(path, () => undefined)) {
      if (entry.kind === 'table') {
        rows[entry.table.name] = 0;
        continue;
      }
      try {
        await writer.insert(entry.table, entry.rows);
      } catch (error) {
        throw new DomainError(
          'validation_failed',
          `backup ${path}: rows of ${entry.table.name} could not be written (${(error as Error).message}); nothing was restored`,
        );
      }
      rows[entry.table.name] = (rows[entry.table.name] ?? 0) + entry.rows.length;
      options.onRows?.(entry.table.name, rows[entry.table.name] ?? 0);
    }
  });
  const total = Object.values(rows).reduce((sum, n) => sum + n, 0);
  return { path, from: summary.header.engine, rows, total };
}
