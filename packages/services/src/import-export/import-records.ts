import { DomainError } from '#core/domain-error.ts';
import { ENTITY_SPECS, type ColumnSpec, type EntityName } from '#core/entities/registry.ts';
import {
  checkHeader,
  parseFlatRow,
  parseRecord,
  type CellValue,
  type FieldProblem,
} from '#core/flat-record.ts';
import type { Repositories, StoredRecord } from '#core/ports.ts';
import type { RecordSource } from './read-records.ts';

/** A row that was not imported, with every reason. */
export interface RejectedRow {
  row: number;
  problems: FieldProblem[];
  /** The row as read (cells or object), so it can be corrected and imported again. */
  input: Record<string, CellValue> | unknown;
}

export interface ImportOptions {
  /** Import the valid rows and report the rest, instead of all-or-nothing. */
  partial?: boolean;
  /** Proceed when the file has columns Musubi does not know (they are listed in the report). */
  ignoreUnknownColumns?: boolean;
  /** Receives every rejected row as it is found (e.g. to write a rejects file). */
  onRejected?: (rejected: RejectedRow) => void;
  onProgress?: (progress: { rows: number; bytesRead: number; totalBytes: number }) => void;
  batchSize?: number;
}

export interface ImportReport {
  entity: EntityName;
  format: string;
  encoding?: string;
  rowsRead: number;
  written: number;
  rejectedCount: number;
  /** The first rejected rows (all of them go to onRejected). */
  rejected: RejectedRow[];
  unknownColumns: string[];
  committed: boolean;
}

const REPORT_LIMIT = 1000;

interface PendingRow {
  row: number;
  record: StoredRecord;
  input: unknown;
}

function referenceValues(column: ColumnSpec, record: StoredRecord): string[] {
  const value = record[column.field];
  if (value === undefined || value === null) return [];
  if (column.codec === 'members') return (value as { actorId: string }[]).map((m) => m.actorId);
  if (Array.isArray(value)) return value.map(String);
  return [String(value)];
}

/**
 * Imports records of one entity from a source, upserting by identity. All-or-nothing unless `partial`:
 * every row is still checked so the report names every problem, but nothing is written when any row fails.
 */
export async function importRecords(
  repos: Repositories,
  entity: EntityName,
  source: RecordSource,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const spec = ENTITY_SPECS[entity];
  const batchSize = options.batchSize ?? 2000;
  const report: ImportReport = {
    entity,
    format: source.format,
    ...(source.encoding ? { encoding: source.encoding } : {}),
    rowsRead: 0,
    written: 0,
    rejectedCount: 0,
    rejected: [],
    unknownColumns: [],
    committed: false,
  };

  if (source.header) {
    const check = checkHeader(spec, source.header);
    report.unknownColumns = check.unknown;
    if (check.missingRequired.length > 0) {
      throw new DomainError(
        'validation_failed',
        `${entity}: required column(s) missing: ${check.missingRequired.join(', ')}`,
        { missingColumns: check.missingRequired },
      );
    }
    if (check.unknown.length > 0 && !options.ignoreUnknownColumns) {
      throw new DomainError(
        'validation_failed',
        `${entity}: unknown column(s): ${check.unknown.join(', ')} (rename them, or pass --ignore-unknown-columns to skip them)`,
        { unknownColumns: check.unknown },
      );
    }
  }

  const referenceColumns = spec.columns.filter((c) => c.references !== undefined);
  const firstRowOfKey = new Map<string, number>();

  function reject(row: number, problems: FieldProblem[], input: unknown): void {
    const rejected: RejectedRow = { row, problems, input };
    report.rejectedCount += 1;
    if (report.rejected.length < REPORT_LIMIT) report.rejected.push(rejected);
    options.onRejected?.(rejected);
  }

  async function flush(tx: Repositories, pending: PendingRow[]): Promise<void> {
    if (pending.length === 0) return;
    const missing = new Map<number, FieldProblem[]>();
    for (const column of referenceColumns) {
      const target = column.references;
      if (!target) continue;
      const wanted = pending.flatMap((p) => referenceValues(column, p.record));
      if (wanted.length === 0) continue;
      const found = await tx.entity(target).findExisting(wanted);
      for (const p of pending) {
        for (const value of referenceValues(column, p.record)) {
          if (found.has(value)) continue;
          const problems = missing.get(p.row) ?? [];
          problems.push({
            field: column.column,
            reason: `unknown ${target.replace(/s$/, '')} "${value}"`,
          });
          missing.set(p.row, problems);
        }
      }
    }
    const valid = pending.filter((p) => !missing.has(p.row));
    for (const p of pending) {
      const problems = missing.get(p.row);
      if (problems) reject(p.row, problems, p.input);
    }
    // In all-or-nothing mode, once a row failed nothing will be kept: skip the writes, keep checking.
    if (options.partial || report.rejectedCount === 0) {
      report.written += await tx.entity(entity).upsertMany(valid.map((p) => p.record));
    }
  }

  await repos
    .transaction(async (tx) => {
      let pending: PendingRow[] = [];
      for await (const sourceRow of source.rows) {
        report.rowsRead += 1;
        if ('unreadable' in sourceRow) {
          reject(sourceRow.row, [{ field: '(row)', reason: sourceRow.unreadable }], undefined);
          continue;
        }
        const input = 'cells' in sourceRow ? sourceRow.cells : sourceRow.object;
        const outcome =
          'cells' in sourceRow
            ? parseFlatRow(spec, sourceRow.cells)
            : parseRecord(spec, sourceRow.object);
        if (!outcome.ok) {
          reject(sourceRow.row, outcome.problems, input);
          continue;
        }
        const key = spec.keyOf(outcome.record);
        const earlier = firstRowOfKey.get(key);
        if (earlier !== undefined) {
          const field = spec.derivedKey ? '(identity)' : 'id';
          reject(sourceRow.row, [{ field, reason: `duplicate of row ${earlier} (${key})` }], input);
          continue;
        }
        firstRowOfKey.set(key, sourceRow.row);
        pending.push({ row: sourceRow.row, record: outcome.record, input });
        if (pending.length >= batchSize) {
          await flush(tx, pending);
          pending = [];
          options.onProgress?.({
            rows: report.rowsRead,
            bytesRead: source.bytesRead(),
            totalBytes: source.totalBytes,
          });
        }
      }
      await flush(tx, pending);
      options.onProgress?.({
        rows: report.rowsRead,
        bytesRead: source.totalBytes,
        totalBytes: source.totalBytes,
      });
      if (report.rejectedCount > 0 && !options.partial) {
        throw new DomainError(
          'import_rejected',
          `${entity}: ${report.rejectedCount} of ${report.rowsRead} rows rejected; nothing was imported (use --partial to import the valid rows)`,
          { report },
        );
      }
    })
    .then(() => {
      report.committed = true;
    });
  return report;
}
