/**
 * Port for backups (issue 12): a database seen as tables of plain rows, read from one consistent
 * snapshot and written back in one transaction. The file format lives in services; only the db
 * package knows the engines.
 */

/** A value as stored in a backup: JSON columns as their JSON text, booleans as true/false or 1/0. */
export type BackupValue = string | number | boolean | null;

export interface BackupTable {
  name: string;
  columns: readonly string[];
}

/** Reads every backed-up table inside one snapshot; writers committing meanwhile are not seen. */
export interface SnapshotReader {
  /** Tables to back up, parents before the tables that refer to them. */
  tables(): Promise<BackupTable[]>;
  /** The table's rows in primary-key order, in pages of `pageSize`, values in `table.columns` order. */
  rows(table: BackupTable, pageSize: number): AsyncIterable<BackupValue[][]>;
}

export interface RestoreWriter {
  insert(table: BackupTable, rows: readonly (readonly BackupValue[])[]): Promise<void>;
}

export interface BackupStore {
  /** Engine of the database, recorded in the file for the record. */
  readonly engine: 'sqlite' | 'postgres';
  /** Schema migrations applied to the database. */
  schemaVersions(): Promise<number[]>;
  readSnapshot<T>(work: (reader: SnapshotReader) => Promise<T>): Promise<T>;
  /** Tables the store would back up, with their columns (for checking a file before restoring). */
  tables(): Promise<BackupTable[]>;
  /** Names of the tables (backed up or not, sessions included) that hold at least one row. */
  nonEmptyTables(): Promise<string[]>;
  /** Runs `work` in one transaction: all its inserts are kept, or none. */
  restore<T>(work: (writer: RestoreWriter) => Promise<T>): Promise<T>;
}
