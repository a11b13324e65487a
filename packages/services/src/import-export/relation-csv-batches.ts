/**
 * A relations CSV read and checked straight from its bytes, for files of millions of rows: lines
 * split by hand (the file holds no quote and no carriage return, so every line is one record, as
 * csv-parse would read it), plain rows checked without the schema (`plain-relation-row.ts`), every
 * other row through the same checks as any import row (`check-source-row.ts`), duplicates refused.
 * The valid rows come out packed, a batch at a time: no object per row.
 */
import { open } from 'node:fs/promises';
import { relationKey } from '#core/entities/relation.ts';
import {
  emptyPlainRelation,
  plainRelationColumns,
  readPlainRelation,
} from '#core/entities/plain-relation-row.ts';
import type { EntitySpec } from '#core/entities/registry.ts';
import type { FieldProblem } from '#core/flat-record.ts';
import type { StoredRecord, StoredRows } from '#core/ports.ts';
import { checkSourceRow, duplicateProblem } from './check-source-row.ts';
import { createKeyIndex } from './key-index.ts';
import { csvSourceRow } from './read-records.ts';

/** Strings per packed row: identity, the nine data columns' texts but the weight, and the line. */
export const PACKED_FIELDS = 10;
/** Where the line as read sits among a packed row's strings. */
export const PACKED_LINE = 9;

/** A row refused on its own (unreadable, invalid, a duplicate), with what it held. */
export interface RefusedRow {
  row: number;
  problems: FieldProblem[];
  input: unknown;
}

/**
 * Valid rows, packed: for row i, strings i·PACKED_FIELDS… of `text` split at NUL (which no valid
 * row holds) are its identity, source, target, type, start date, end date, note, confirmed_at,
 * source ('' for absent) and the line as read; `weights[i]` its weight, `rows[i]` its row number.
 */
export interface RelationBatch {
  rows: Float64Array;
  weights: Float64Array;
  text: string;
  /** Rows refused since the last batch, in file order; they come before this batch's rows. */
  refused: RefusedRow[];
  /** Rows read so far (valid, refused, duplicates). */
  rowsRead: number;
  bytesRead: number;
  /**
   * Each valid row's source and target as numbers (2i, 2i + 1): an actor id is numbered when first
   * seen, so the import looks each up once and checks a row by two array reads.
   */
  ends: Int32Array;
  /** The ids first seen in this batch; `newIds[k]` is number `firstNewId + k`. */
  newIds: string[];
  firstNewId: number;
  /** The numbering started again at 0 with this batch (bounded memory: see ID_NUMBERS_CAP). */
  numberingRestarted: boolean;
}

/** At most this many actor ids are numbered at once (≈ 300 MB); past it the numbering restarts. */
const ID_NUMBERS_CAP = 4_000_000;

const QUOTE = 0x22;
const CARRIAGE_RETURN = 0x0d;
const LINE_FEED = 0x0a;
const CHUNK_BYTES = 1 << 20;

/** Whether the file holds a byte that would make a line other than one record. */
export async function holdsQuoteOrCarriageReturn(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) return false;
      const chunk = buffer.subarray(0, bytesRead);
      if (chunk.indexOf(QUOTE) >= 0 || chunk.indexOf(CARRIAGE_RETURN) >= 0) return true;
    }
  } finally {
    await handle.close();
  }
}

/** The lines of a UTF-8 file, decoded a chunk at a time (never splitting a character). */
async function* linesOf(path: string, progress: { bytes: number }): AsyncIterable<string[]> {
  const handle = await open(path, 'r');
  try {
    let carry: Buffer = Buffer.alloc(0);
    let first = true;
    for (;;) {
      const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      progress.bytes += bytesRead;
      const data =
        carry.length > 0
          ? Buffer.concat([carry, buffer.subarray(0, bytesRead)])
          : buffer.subarray(0, bytesRead);
      const end = bytesRead === 0 ? data.length : data.lastIndexOf(LINE_FEED) + 1;
      if (end > 0) {
        let text = data.toString('utf8', 0, end);
        if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
        const lines = text.split('\n');
        if (lines[lines.length - 1] === '') lines.pop();
        yield lines;
      }
      if (bytesRead === 0) return;
      carry = Buffer.from(data.subarray(end));
    }
  } finally {
    await handle.close();
  }
}

/**
 * Reads `path` (UTF-8, no quote or carriage return; `header` as the file's first line was read) in
 * batches of at most `batchSize` valid rows; the last batch may be empty but carries the last refusals.
 */
export async function* readRelationBatches(
  path: string,
  spec: EntitySpec,
  header: readonly string[],
  batchSize: number,
  idNumbersCap = ID_NUMBERS_CAP,
): AsyncIterable<RelationBatch> {
  const columnOfField = new Map(spec.columns.map((c) => [c.field, c.column]));
  const at = plainRelationColumns(header, (field) => columnOfField.get(field) ?? field);
  const firstRowOfKey = createKeyIndex();
  const plain = emptyPlainRelation();
  const progress = { bytes: 0 };
  let rowsRead = 0;
  let row = 0;
  let sawHeader = false;
  let rows = new Float64Array(batchSize);
  let weights = new Float64Array(batchSize);
  let parts: string[] = [];
  let count = 0;
  let refused: RefusedRow[] = [];
  const idNumbers = new Map<string, number>();
  let ends = new Int32Array(2 * batchSize);
  let newIds: string[] = [];
  let firstNewId = 0;
  let numberingRestarted = false;
  const numberOf = (id: string): number => {
    let n = idNumbers.get(id);
    if (n === undefined) {
      n = idNumbers.size;
      idNumbers.set(id, n);
      newIds.push(id);
    }
    return n;
  };
  const take = (): RelationBatch => {
    const batch: RelationBatch = {
      rows: rows.subarray(0, count),
      weights: weights.subarray(0, count),
      text: parts.join('\u0000'),
      refused,
      rowsRead,
      bytesRead: progress.bytes,
      ends: ends.subarray(0, 2 * count),
      newIds,
      firstNewId,
      numberingRestarted,
    };
    rows = new Float64Array(batchSize);
    weights = new Float64Array(batchSize);
    ends = new Int32Array(2 * batchSize);
    parts = [];
    count = 0;
    refused = [];
    numberingRestarted = idNumbers.size >= idNumbersCap;
    if (numberingRestarted) idNumbers.clear();
    firstNewId = idNumbers.size;
    newIds = [];
    return batch;
  };
  const keep = (
    rowNumber: number,
    key: string,
    texts: readonly (string | undefined)[],
    weight: number,
    line: string,
  ): void => {
    rows[count] = rowNumber;
    weights[count] = weight;
    ends[2 * count] = numberOf(texts[0] ?? '');
    ends[2 * count + 1] = numberOf(texts[1] ?? '');
    parts.push(key);
    for (const text of texts) parts.push(text ?? '');
    parts.push(line);
    count += 1;
  };

  for await (const lines of linesOf(path, progress)) {
    for (const line of lines) {
      // Empty lines are no records (csv-parse's skip_empty_lines), not even numbered.
      if (line === '') continue;
      if (!sawHeader) {
        sawHeader = true;
        row = 1;
        continue;
      }
      row += 1;
      rowsRead += 1;
      const cells = line.split(',');
      if (
        at !== undefined &&
        cells.length === header.length &&
        !line.includes('\uFFFD') &&
        readPlainRelation(cells, at, plain)
      ) {
        const key = relationKey(plain);
        const earlier = firstRowOfKey.firstRowOrAdd(key, row);
        if (earlier !== undefined) {
          const input = csvSourceRow(header, cells, row, 'utf-8');
          refused.push({
            row,
            problems: [duplicateProblem(spec, key, earlier)],
            input: 'cells' in input ? input.cells : undefined,
          });
        } else {
          keep(
            row,
            key,
            [
              plain.sourceId,
              plain.targetId,
              plain.type,
              plain.startDate,
              plain.endDate,
              plain.note,
              plain.confirmedAt,
              plain.source,
            ],
            plain.weight,
            line,
          );
        }
      } else {
        const checked = checkSourceRow(
          spec,
          csvSourceRow(header, cells, row, 'utf-8'),
          columnOfField,
        );
        if (!checked.ok) {
          refused.push({ row, problems: checked.problems, input: checked.input });
        } else {
          const record = checked.record;
          const key = spec.keyOf(record);
          const earlier = firstRowOfKey.firstRowOrAdd(key, row);
          if (earlier !== undefined) {
            refused.push({
              row,
              problems: [duplicateProblem(spec, key, earlier)],
              input: checked.input,
            });
          } else {
            const text = (field: string): string | undefined => {
              const value = record[field];
              return value === undefined || value === null ? undefined : String(value);
            };
            keep(
              row,
              key,
              [
                'sourceId',
                'targetId',
                'type',
                'startDate',
                'endDate',
                'note',
                'confirmedAt',
                'source',
              ].map(text),
              Number(record['weight']),
              line,
            );
          }
        }
      }
      if (count >= batchSize) yield take();
    }
  }
  yield take();
}

/** A batch's strings: its text split at NUL. */
export function batchParts(batch: RelationBatch): string[] {
  return batch.rows.length === 0 ? [] : batch.text.split('\u0000');
}

const text = (parts: readonly string[], i: number, j: number): string =>
  parts[i * PACKED_FIELDS + j] ?? '';
const textOrNull = (parts: readonly string[], i: number, j: number): string | null =>
  text(parts, i, j) || null;

/** The batch's rows `take` (indexes into it) in the relations table's column order. */
export function batchStoredRows(
  batch: RelationBatch,
  parts: readonly string[],
  take: readonly number[],
): StoredRows {
  return {
    count: take.length,
    keyOf: (i) => text(parts, take[i] ?? 0, 0),
    fill(i, out) {
      const r = take[i] ?? 0;
      out[0] = text(parts, r, 0);
      out[1] = text(parts, r, 1);
      out[2] = text(parts, r, 2);
      out[3] = text(parts, r, 3);
      out[4] = batch.weights[r] ?? 1;
      for (let j = 4; j < PACKED_LINE; j++) out[j + 1] = textOrNull(parts, r, j);
    },
  };
}

/** Row r of the batch as the record the full parse gives. */
export function batchRecord(
  batch: RelationBatch,
  parts: readonly string[],
  r: number,
): StoredRecord {
  const record: StoredRecord = {
    sourceId: text(parts, r, 1),
    targetId: text(parts, r, 2),
    type: text(parts, r, 3),
    weight: batch.weights[r] ?? 1,
  };
  ['startDate', 'endDate', 'note', 'confirmedAt', 'source'].forEach((field, j) => {
    const value = text(parts, r, j + 4);
    if (value !== '') record[field] = value;
  });
  return record;
}

/** Row r's cells as read (what a rejects file shows of it). */
export function batchInput(
  header: readonly string[],
  parts: readonly string[],
  r: number,
): unknown {
  const row = csvSourceRow(header, text(parts, r, PACKED_LINE).split(','), 0, 'utf-8');
  return 'cells' in row ? row.cells : undefined;
}
