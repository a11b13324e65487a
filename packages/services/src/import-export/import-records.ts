import { linkPendingOwners } from '../connectors/link-pending-owners.ts';
import { DomainError } from '#core/domain-error.ts';
import { withSuccessorOutcome } from '#core/entities/adoption.ts';
import {
  ACTOR_STRONG_IDENTIFIERS,
  ENTITY_SPECS,
  type ColumnSpec,
  type EntityName,
} from '#core/entities/registry.ts';
import {
  checkHeader,
  parseFlatRow,
  parseRecord,
  type CellValue,
  type FieldProblem,
} from '#core/flat-record.ts';
import { refusalDetails } from '#core/import-reasons.ts';
import { canBulkLoad, type BulkLoad, type Repositories, type StoredRecord } from '#core/ports.ts';
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

/**
 * The first row of every identity seen, for the duplicate check. Millions of keys live in typed arrays
 * and byte arenas rather than a Map of strings: a third of the memory, and nothing for the garbage
 * collector to trace on every major collection.
 */
interface KeyIndex {
  /** The row that first had `key`, or undefined after recording `row` as its first. */
  firstRowOrAdd(key: string, row: number): number | undefined;
}

function createKeyIndex(): KeyIndex {
  const ARENA_BYTES = 1 << 24;
  const arenas: Buffer[] = [Buffer.allocUnsafe(ARENA_BYTES)];
  let arenaUsed = 0;
  let count = 0;
  let starts = new Float64Array(1 << 12);
  let lengths = new Uint32Array(1 << 12);
  let hashes = new Int32Array(1 << 12);
  let rows = new Float64Array(1 << 12);
  // Open addressing: entry index + 1, 0 for empty; at most half full.
  let slots = new Int32Array(1 << 13);
  let scratch = Buffer.allocUnsafe(1024);

  function hashOf(key: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    return h ^ (h >>> 15);
  }

  function arenaAt(position: number): [Buffer, number] {
    const arena = arenas[Math.floor(position / ARENA_BYTES)];
    if (!arena) throw new Error('key index: position outside the arenas');
    return [arena, position % ARENA_BYTES];
  }

  function grow(): void {
    const capacity = starts.length * 2;
    const copy = <T extends Float64Array | Uint32Array | Int32Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    starts = copy(starts, new Float64Array(capacity));
    lengths = copy(lengths, new Uint32Array(capacity));
    hashes = copy(hashes, new Int32Array(capacity));
    rows = copy(rows, new Float64Array(capacity));
    slots = new Int32Array(capacity * 2);
    const mask = slots.length - 1;
    for (let entry = 0; entry < count; entry++) {
      let slot = (hashes[entry] ?? 0) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = entry + 1;
    }
  }

  return {
    firstRowOrAdd(key, row) {
      if (key.length * 3 > scratch.length) scratch = Buffer.allocUnsafe(key.length * 3);
      const length = scratch.write(key, 0, 'utf8');
      const hash = hashOf(key);
      const mask = slots.length - 1;
      let slot = hash & mask;
      for (;;) {
        const entry = (slots[slot] ?? 0) - 1;
        if (entry < 0) break;
        if (hashes[entry] === hash && lengths[entry] === length) {
          const [arena, offset] = arenaAt(starts[entry] ?? 0);
          if (scratch.compare(arena, offset, offset + length, 0, length) === 0) return rows[entry];
        }
        slot = (slot + 1) & mask;
      }
      if (arenaUsed + length > ARENA_BYTES) {
        arenas.push(Buffer.allocUnsafe(Math.max(ARENA_BYTES, length)));
        arenaUsed = 0;
      }
      const arenaIndex = arenas.length - 1;
      const arena = arenas[arenaIndex];
      if (!arena) throw new Error('key index: no arena');
      scratch.copy(arena, arenaUsed, 0, length);
      starts[count] = arenaIndex * ARENA_BYTES + arenaUsed;
      lengths[count] = length;
      hashes[count] = hash;
      rows[count] = row;
      slots[slot] = count + 1;
      arenaUsed += length;
      count += 1;
      if (count * 2 >= slots.length || count >= starts.length) grow();
      return undefined;
    },
  };
}

function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(holdsNul);
  for (const [key, inner] of Object.entries(value))
    if (key.includes('\u0000') || holdsNul(inner)) return true;
  return false;
}

/**
 * Fields holding the NUL character: PostgreSQL's text and jsonb cannot store it, so it is a bad
 * row on both engines (found by fuzzing, issue 12). Named by column for flat files.
 */
function nulProblems(
  record: Record<string, unknown>,
  columnOf: ReadonlyMap<string, string> | undefined,
): FieldProblem[] {
  // Once per row of a load: a plain loop, no arrays made for the clean rows (nearly all).
  let problems: FieldProblem[] | undefined;
  for (const field in record) {
    if (!holdsNul(record[field])) continue;
    (problems ??= []).push({
      field: columnOf?.get(field) ?? field,
      reason: 'holds the NUL character (U+0000), which cannot be stored / NUL 文字は保存できません',
      code: 'nul_character',
      values: {},
    });
  }
  return problems ?? [];
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

  const rows = startReading(source.rows);
  await repos
    .transaction(async (tx) => {
      let pending: PendingRow[] = [];
      for await (const sourceRow of rows) {
        report.rowsRead += 1;
        if ('unreadable' in sourceRow) {
          const { unreadable, code, values } = sourceRow;
          reject(sourceRow.row, [{ field: '(row)', reason: unreadable, code, values }], undefined);
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
        if (entity === 'adoptions') outcome.record = withSuccessorOutcome(outcome.record);
        const nul = nulProblems(outcome.record, 'cells' in sourceRow ? columnOf : undefined);
        if (nul.length > 0) {
          reject(sourceRow.row, nul, input);
          continue;
        }
        const key = spec.keyOf(outcome.record);
        const earlier = firstRowOfKey.firstRowOrAdd(key, sourceRow.row);
        if (earlier !== undefined) {
          const field = spec.derivedKey ? '(identity)' : 'id';
          const reason = `duplicate of row ${earlier} (${key})`;
          const values = { row: String(earlier) };
          reject(sourceRow.row, [{ field, reason, code: 'duplicate_row', values }], input);
          continue;
        }
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
    })
    .then(() => {
      report.committed = !options.dryRun;
    });
  return report;
}
