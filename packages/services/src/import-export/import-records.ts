import { linkPendingOwners } from '../connectors/link-pending-owners.ts';
import { DomainError } from '#core/domain-error.ts';
import {
  ACTOR_STRONG_IDENTIFIERS,
  ENTITY_SPECS,
  type ColumnSpec,
  type EntityName,
} from '#core/entities/registry.ts';
import { PLAIN_RELATION_FIELDS } from '#core/entities/plain-relation-row.ts';
import { checkHeader, type CellValue, type FieldProblem } from '#core/flat-record.ts';
import { refusalDetails } from '#core/import-reasons.ts';
import { canBulkLoad, type BulkLoad, type Repositories, type StoredRecord } from '#core/ports.ts';
import { checkSourceRow, duplicateProblem } from './check-source-row.ts';
import { createKeyIndex } from './key-index.ts';
import { readRelationBatchesInThread } from './relation-batch-thread.ts';
import {
  batchInput,
  batchParts,
  batchRecord,
  batchStoredRows,
  holdsQuoteOrCarriageReturn,
  PACKED_FIELDS,
  readRelationBatches,
  type RelationBatch,
} from './relation-csv-batches.ts';
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
  /**
   * Check every row as the import would (parse, duplicates, references, identifiers) and write
   * nothing: `written` counts the rows that would be written, `committed` stays false.
   */
  dryRun?: boolean;
  /**
   * Whether a relations CSV read from its bytes is read in a thread of its own, beside the writes
   * (default: for files of 1 MiB and more).
   */
  readInThread?: boolean;
  /**
   * The database connection serves this import alone (the CLI's own): a relations file read from its
   * bytes into an empty table then has its foreign keys checked once at commit, set-wise, instead of
   * row by row (its references were checked already; the check stays the database's guard).
   */
  ownConnection?: boolean;
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
  /** Seeds and needs linked to an owner that arrived (or was found) with this import. */
  ownersLinked?: number;
  /** Seeds and needs still waiting for their owner to be registered. */
  ownersPending?: number;
}

const REPORT_LIMIT = 1000;
/** Below this size a file is read in the import's own thread: starting another costs more. */
const THREAD_MIN_BYTES = 1 << 20;
/** At most this many found references are remembered per referenced entity (≈ 100 MB of ids). */
const CONFIRMED_REFERENCES_CAP = 2_000_000;

/** What a clerk reads when a seed or need names an owner id the registry does not have. */
export function unregisteredOwnerReason(ownerId: string): string {
  return `owner_id "${ownerId}" is not a registered actor: leave owner_id empty and give owner_name (and owner_corporate_number if known) to keep the record until the owner is registered ／ owner_id「${ownerId}」は登録されていません。owner_id を空にして owner_name（所有者名）を入れれば、所有者の登録まで保留として取り込めます`;
}

/** A referenced entity in words for an unknown reference: "actor" / 主体. */
function targetWords(target: EntityName): { target: string; targetJa: string } {
  return {
    target: target.replace(/s$/, '').replace(/-/g, ' '),
    targetJa: ENTITY_SPECS[target].labelJa,
  };
}

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
 * Asks a source for its first row now, before the transaction opens: a source must not sit unread
 * while the database connects (readline-based NDJSON drops the lines it emits before its iterator
 * exists, and the import then waits forever).
 */
function startReading<T>(rows: AsyncIterable<T>): AsyncIterable<T> {
  const iterator = rows[Symbol.asyncIterator]();
  let first: Promise<IteratorResult<T>> | undefined = iterator.next();
  // Awaited by the loop; a failure before the loop starts must not surface as an unhandled rejection.
  first.catch(() => undefined);
  return {
    [Symbol.asyncIterator]: () => ({
      next: () => {
        const result = first ?? iterator.next();
        first = undefined;
        return result;
      },
      return: async (value?: unknown) => {
        first = undefined;
        return iterator.return ? iterator.return(value) : { done: true, value: undefined };
      },
    }),
  };
}

/**
 * A relations CSV in UTF-8 with no quote or carriage return is read from its bytes, packed
 * (relation-csv-batches.ts): the same verdicts and rows, without an object per row.
 */
async function packedRelations(
  entity: EntityName,
  source: RecordSource,
  batchSize: number,
  options: ImportOptions,
): Promise<AsyncIterable<RelationBatch> | undefined> {
  const spec = ENTITY_SPECS.relations;
  if (entity !== 'relations' || source.format !== 'csv' || source.encoding !== 'utf-8') return;
  if (!source.path || !source.header) return;
  const fields = spec.columns.map((c) => c.field);
  if (fields.join() !== PLAIN_RELATION_FIELDS.join()) return;
  if (await holdsQuoteOrCarriageReturn(source.path)) return;
  source.release?.();
  const inThread = options.readInThread ?? source.totalBytes >= THREAD_MIN_BYTES;
  return inThread
    ? readRelationBatchesInThread(source.path, source.header, batchSize)
    : readRelationBatches(source.path, spec, source.header, batchSize);
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
        {
          missingColumns: check.missingRequired,
          ...refusalDetails('columns_missing', { columns: check.missingRequired.join(', ') }),
        },
      );
    }
    if (check.unknown.length > 0 && !options.ignoreUnknownColumns) {
      throw new DomainError(
        'validation_failed',
        `${entity}: unknown column(s): ${check.unknown.join(', ')} (rename them, or pass --ignore-unknown-columns to skip them)`,
        {
          unknownColumns: check.unknown,
          ...refusalDetails('columns_unknown', { columns: check.unknown.join(', ') }),
        },
      );
    }
  }

  const referenceColumns = spec.columns.filter((c) => c.references !== undefined);
  const columnOf = new Map(spec.columns.map((c) => [c.field, c.column]));
  const firstRowOfKey = createKeyIndex();
  const selfReferencing = referenceColumns.some((c) => c.references === entity);

  function reject(row: number, problems: FieldProblem[], input: unknown): void {
    const rejected: RejectedRow = { row, problems, input };
    report.rejectedCount += 1;
    if (report.rejected.length < REPORT_LIMIT) report.rejected.push(rejected);
    options.onRejected?.(rejected);
  }

  // Opened at the first write, not before reading: a source must be iterated as soon as the
  // transaction starts (readline-based NDJSON loses lines emitted before its iterator exists).
  let bulk: BulkLoad | undefined;
  let bulkOpened = false;
  // Referenced records already found in this transaction: a network names each actor in many
  // relations, and looking each up again was an eighth of a relations import. Nothing in the import
  // deletes them, and the database's own foreign keys still guard the write.
  const confirmedByEntity = new Map<string, Set<string>>();
  const confirmedReferences = (target: string): Set<string> => {
    let confirmed = confirmedByEntity.get(target);
    if (confirmed === undefined) {
      confirmed = new Set();
      confirmedByEntity.set(target, confirmed);
    }
    return confirmed;
  };
  const confirm = (confirmed: Set<string>, value: string): void => {
    // Bounded memory: past the cap the set starts again (the next lookups refill it).
    if (confirmed.size >= CONFIRMED_REFERENCES_CAP) confirmed.clear();
    confirmed.add(value);
  };
  // A dry run writes nothing, so rows of this file that others of it refer to are kept by id.
  const checkedIds = new Set<string>();
  async function write(tx: Repositories, records: StoredRecord[]): Promise<void> {
    if (options.dryRun) {
      report.written += records.length;
      if (selfReferencing) for (const record of records) checkedIds.add(String(record['id']));
      return;
    }
    const target = tx.entity(entity);
    if (!bulkOpened) {
      bulkOpened = true;
      // Rows in a bulk load are not visible before it finishes: not for entities that refer to themselves.
      if (!selfReferencing && canBulkLoad(target)) bulk = await target.openBulkLoad();
    }
    if (bulk) await bulk.write(records);
    else report.written += await target.upsertMany(records);
  }

  let actorFound = new Uint8Array(1 << 16);
  /** A packed batch of relations: refusals first, then references checked, then the valid rows written. */
  async function flushRelationBatch(tx: Repositories, batch: RelationBatch): Promise<void> {
    for (const refused of batch.refused) reject(refused.row, refused.problems, refused.input);
    const count = batch.rows.length;
    if (count === 0) return;
    const parts = batchParts(batch);
    // Each actor id looked up once, when the file first names it: 1 found, 2 not.
    if (batch.numberingRestarted) actorFound.fill(0);
    if (batch.newIds.length > 0) {
      const last = batch.firstNewId + batch.newIds.length;
      if (last > actorFound.length) {
        const grown = new Uint8Array(Math.max(last, actorFound.length * 2));
        grown.set(actorFound);
        actorFound = grown;
      }
      const found = await tx.entity('actors').findExisting(batch.newIds);
      batch.newIds.forEach((id, k) => {
        actorFound[batch.firstNewId + k] = found.has(id) ? 1 : 2;
      });
    }
    const take: number[] = [];
    for (let r = 0; r < count; r++) {
      let problems: FieldProblem[] | undefined;
      for (let j = 1; j <= 2; j++) {
        if (actorFound[batch.ends[2 * r + j - 1] ?? 0] === 1) continue;
        const id = parts[r * PACKED_FIELDS + j] ?? '';
        (problems ??= []).push({
          field: j === 1 ? 'source_id' : 'target_id',
          reason: `unknown actor "${id}"`,
          code: 'unknown_reference',
          values: { value: id, ...targetWords('actors') },
        });
      }
      if (problems) reject(batch.rows[r] ?? 0, problems, batchInput(header, parts, r));
      else take.push(r);
    }
    if (!options.partial && report.rejectedCount > 0) return;
    if (options.dryRun) {
      report.written += take.length;
      return;
    }
    const target = tx.entity(entity);
    if (!bulkOpened) {
      bulkOpened = true;
      if (canBulkLoad(target)) bulk = await target.openBulkLoad();
    }
    if (bulk?.writeRows) await bulk.writeRows(batchStoredRows(batch, parts, take));
    else
      await write(
        tx,
        take.map((r) => batchRecord(batch, parts, r)),
      );
  }

  // A strong identifier (法人番号, ROR…) names one actor: not a second id in the file or the database.
  const identifierRows = new Map<string, { id: string; row: number }>();
  async function checkIdentifiers(
    tx: Repositories,
    pending: PendingRow[],
    problems: Map<number, FieldProblem[]>,
  ): Promise<void> {
    const note = (row: number, problem: FieldProblem): void => {
      problems.set(row, [...(problems.get(row) ?? []), problem]);
    };
    for (const field of ACTOR_STRONG_IDENTIFIERS) {
      const column = spec.columns.find((c) => c.field === field)?.column ?? field;
      const values = pending
        .map((p) => p.record[field])
        .filter((v): v is string => typeof v === 'string');
      if (values.length === 0) continue;
      const holders = await tx.entity('actors').holdersOf(field, values);
      for (const p of pending) {
        const value = p.record[field];
        if (typeof value !== 'string') continue;
        const id = String(p.record['id']);
        const other = holders.get(value)?.find((holder) => holder !== id);
        const earlier = identifierRows.get(`${field}:${value}`);
        if (other !== undefined) {
          note(p.row, {
            field: column,
            reason: `${value} belongs to actor ${other} already; one actor per ${column} (merge them, or use that id) ／ この${column}は既に主体 ${other} のものです`,
            code: 'identifier_taken',
            values: { value, actor: other },
          });
        } else if (earlier && earlier.id !== id) {
          note(p.row, {
            field: column,
            reason: `${value} is also on row ${earlier.row} (actor ${earlier.id}); one actor per ${column} ／ ${earlier.row}行目の主体と同じ${column}です`,
            code: 'identifier_repeated',
            values: { value, row: String(earlier.row), actor: earlier.id },
          });
        } else if (!earlier) {
          identifierRows.set(`${field}:${value}`, { id, row: p.row });
        }
      }
    }
  }

  /** Adoptions may name their programme by its Japanese name (知的クラスター創成事業) instead of its id. */
  async function programmesByName(tx: Repositories, pending: PendingRow[]): Promise<void> {
    const named = pending
      .map((p) => p.record['programmeId'])
      .filter((v): v is string => typeof v === 'string');
    if (named.length === 0) return;
    const ids = await tx.entity('programmes').findExisting(named);
    const names = named.filter((value) => !ids.has(value));
    if (names.length === 0) return;
    const holders = await tx.entity('programmes').holdersOf('name', names);
    for (const p of pending) {
      const value = p.record['programmeId'];
      if (typeof value !== 'string' || ids.has(value)) continue;
      const [only, ...others] = holders.get(value) ?? [];
      if (only !== undefined && others.length === 0) p.record['programmeId'] = only;
    }
  }

  async function flush(tx: Repositories, pending: PendingRow[]): Promise<void> {
    if (pending.length === 0) return;
    if (entity === 'adoptions') await programmesByName(tx, pending);
    const missing = new Map<number, FieldProblem[]>();
    for (const column of referenceColumns) {
      const target = column.references;
      if (!target) continue;
      const confirmed = confirmedReferences(target);
      const wanted = new Set<string>();
      for (const p of pending)
        for (const value of referenceValues(column, p.record))
          if (!confirmed.has(value)) wanted.add(value);
      const found =
        wanted.size === 0 ? new Set<string>() : await tx.entity(target).findExisting([...wanted]);
      for (const value of found) confirm(confirmed, value);
      for (const p of pending) {
        for (const value of referenceValues(column, p.record)) {
          if (confirmed.has(value) || (target === entity && checkedIds.has(value))) continue;
          const problems = missing.get(p.row) ?? [];
          problems.push(
            column.column === 'owner_id'
              ? {
                  field: column.column,
                  reason: unregisteredOwnerReason(value),
                  code: 'owner_not_registered',
                  values: { value },
                }
              : {
                  field: column.column,
                  reason: `unknown ${target.replace(/s$/, '')} "${value}"`,
                  code: 'unknown_reference',
                  values: { value, ...targetWords(target) },
                },
          );
          missing.set(p.row, problems);
        }
      }
    }
    if (entity === 'actors') await checkIdentifiers(tx, pending, missing);
    const valid = pending.filter((p) => !missing.has(p.row));
    for (const p of pending) {
      const problems = missing.get(p.row);
      if (problems) reject(p.row, problems, p.input);
    }
    // In all-or-nothing mode, once a row failed nothing will be kept: skip the writes, keep checking.
    if (options.partial || report.rejectedCount === 0) {
      await write(
        tx,
        valid.map((p) => p.record),
      );
    }
  }

  const header = source.header ?? [];
  const batches = await packedRelations(entity, source, batchSize, options);
  const rows = batches ? undefined : startReading(source.rows);
  const keysAtCommit =
    batches !== undefined &&
    options.ownConnection === true &&
    !options.dryRun &&
    (await repos.entity(entity).list({ limit: 1 })).items.length === 0;
  await repos
    .transaction(
      async (tx) => {
        let pending: PendingRow[] = [];
        for await (const batch of batches ?? []) {
          report.rowsRead = batch.rowsRead;
          await flushRelationBatch(tx, batch);
          options.onProgress?.({
            rows: report.rowsRead,
            bytesRead: batch.bytesRead,
            totalBytes: source.totalBytes,
          });
        }
        for await (const sourceRow of rows ?? []) {
          report.rowsRead += 1;
          const checked = checkSourceRow(spec, sourceRow, columnOf);
          if (!checked.ok) {
            reject(checked.row, checked.problems, checked.input);
            continue;
          }
          const key = spec.keyOf(checked.record);
          const earlier = firstRowOfKey.firstRowOrAdd(key, checked.row);
          if (earlier !== undefined) {
            reject(checked.row, [duplicateProblem(spec, key, earlier)], checked.input);
            continue;
          }
          pending.push({ row: checked.row, record: checked.record, input: checked.input });
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
        if (bulk && (options.partial || report.rejectedCount === 0))
          report.written += await bulk.finish();
        if (
          (entity === 'actors' || entity === 'seeds' || entity === 'needs') &&
          !options.dryRun &&
          (options.partial || report.rejectedCount === 0)
        ) {
          const owners = await linkPendingOwners(tx);
          report.ownersLinked = owners.linked;
          report.ownersPending = owners.pending;
        }
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
      },
      keysAtCommit ? { foreignKeysAtCommit: [spec.table] } : undefined,
    )
    .then(() => {
      report.committed = !options.dryRun;
    });
  return report;
}
