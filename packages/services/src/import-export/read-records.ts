import { createReadStream, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import type ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { DomainError } from '#core/domain-error.ts';
import type { CellValue } from '#core/flat-record.ts';
import { refusalDetails, type CodedReason, type RejectCode } from '#core/import-reasons.ts';
import { findZipDamage } from './check-zip.ts';
import { detectEncoding, type TextEncoding } from './detect-encoding.ts';
import { unescapeFormula } from './formula-escape.ts';

export const FILE_FORMATS = ['csv', 'json', 'ndjson', 'xlsx'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

/** One input record: flat cells by column (CSV/XLSX) or a structured object (JSON/NDJSON). */
export type SourceRow =
  | { row: number; cells: Record<string, CellValue> }
  | { row: number; object: unknown }
  | ({ row: number; unreadable: string } & CodedReason<RejectCode>);

export interface RecordSource {
  format: FileFormat;
  encoding?: TextEncoding;
  /** Column names for flat formats. */
  header?: string[];
  totalBytes: number;
  /** Bytes consumed so far, for progress. */
  bytesRead(): number;
  rows: AsyncIterable<SourceRow>;
  /** The file itself, for a reader that takes it another way (CSV only). */
  path?: string;
  /** Stops reading `rows` and closes the file, when the rows are taken another way. */
  release?: () => void;
}

export function formatFromPath(path: string): FileFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.txt') return 'csv';
  if (ext === '.json') return 'json';
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
  if (ext === '.xlsx') return 'xlsx';
  throw new DomainError(
    'unsupported_format',
    `cannot tell the format of ${path}; pass --format csv|json|ndjson|xlsx`,
    refusalDetails('format_unknown'),
  );
}

async function readSample(path: string, size: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buffer, 0, size, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function countingStream(path: string): { stream: Readable; bytesRead: () => number } {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  return { stream, bytesRead: () => stream.bytesRead };
}

const REPLACEMENT = '\uFFFD';

/**
 * One CSV record as a source row: its cells by column, or unreadable (bytes not valid in the file's
 * encoding, more non-empty cells than columns).
 */
export function csvSourceRow(
  header: readonly string[],
  record: readonly string[],
  row: number,
  encoding: TextEncoding,
): SourceRow {
  const undecodable = record.findIndex((cell) => cell.includes(REPLACEMENT));
  if (undecodable >= 0) {
    const column = header[undecodable] ?? String(undecodable + 1);
    return {
      row,
      unreadable: `column ${column}: bytes that are not valid ${encoding}`,
      code: 'undecodable_bytes',
      values: { column, encoding },
    };
  }
  if (record.length > header.length && record.slice(header.length).some((c) => c.trim() !== '')) {
    return {
      row,
      unreadable: `${record.length} cells for ${header.length} columns`,
      code: 'too_many_cells',
      values: { cells: String(record.length), columns: String(header.length) },
    };
  }
  const cells: Record<string, CellValue> = {};
  header.forEach((name, i) => {
    const cell = record[i];
    cells[name] = cell === undefined ? cell : unescapeFormula(cell);
  });
  return { row, cells };
}

async function openCsv(path: string, encodingOverride?: TextEncoding): Promise<RecordSource> {
  const encoding = encodingOverride ?? detectEncoding(await readSample(path, 1 << 20));
  const { stream, bytesRead } = countingStream(path);
  // csv-parse decodes UTF-8 itself, field by field; decoding the stream first only to have the parser
  // turn the text back into bytes costs a fifth of an import. Other encodings go through iconv.
  const input =
    encoding === 'utf-8' ? stream : stream.pipe(iconv.decodeStream(encoding, { stripBOM: true }));
  const parser = input.pipe(
    parseCsv({ bom: true, encoding: 'utf8', relax_column_count: true, skip_empty_lines: true }),
  );
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  let first: IteratorResult<string[]>;
  try {
    first = await iterator.next();
  } catch (error) {
    throw new DomainError(
      'validation_failed',
      `malformed CSV in the header of ${path}: ${(error as Error).message}`,
      refusalDetails('csv_header_malformed'),
    );
  }
  const header = first.done ? [] : first.value.map((h) => h.normalize('NFKC').trim().toLowerCase());
  if (header.length === 0)
    throw new DomainError(
      'validation_failed',
      `${path} is empty: no header row`,
      refusalDetails('file_without_header'),
    );

  async function* rows(): AsyncIterable<SourceRow> {
    let row = 1;
    for (;;) {
      let next: IteratorResult<string[]>;
      try {
        next = await iterator.next();
      } catch (error) {
        // csv-parse cannot resume after a structural error (e.g. an unclosed quote): report where it stopped.
        yield {
          row: row + 1,
          unreadable: `malformed CSV: ${(error as Error).message}`,
          code: 'csv_malformed',
          values: {},
        };
        return;
      }
      if (next.done) return;
      row += 1;
      yield csvSourceRow(header, next.value, row, encoding);
    }
  }
  return {
    format: 'csv',
    encoding,
    header,
    totalBytes: statSync(path).size,
    bytesRead,
    rows: rows(),
    path,
    release: () => {
      parser.destroy();
      stream.destroy();
    },
  };
}

async function openNdjson(path: string): Promise<RecordSource> {
  const { stream, bytesRead } = countingStream(path);
  const decoded = stream.pipe(iconv.decodeStream('utf-8', { stripBOM: true }));
  async function* rows(): AsyncIterable<SourceRow> {
    // readline emits lines as soon as it exists; create it only when the caller starts reading,
    // or lines emitted while the caller is busy elsewhere (e.g. opening a transaction) are lost.
    const lines = createInterface({ input: decoded, crlfDelay: Infinity });
    let row = 0;
    for await (const line of lines) {
      row += 1;
      if (line.trim() === '') continue;
      try {
        yield { row, object: JSON.parse(line) as unknown };
      } catch (error) {
        yield {
          row,
          unreadable: `not valid JSON: ${(error as Error).message}`,
          code: 'json_line_invalid',
          values: {},
        };
      }
    }
  }
  return {
    format: 'ndjson',
    encoding: 'utf-8',
    totalBytes: statSync(path).size,
    bytesRead,
    rows: rows(),
  };
}

async function openJson(path: string): Promise<RecordSource> {
  const text = iconv.decode(Buffer.from(await readSample(path, statSync(path).size)), 'utf-8', {
    stripBOM: true,
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new DomainError(
      'validation_failed',
      `${path} is not valid JSON: ${(error as Error).message}`,
      refusalDetails('json_invalid'),
    );
  }
  if (!Array.isArray(parsed))
    throw new DomainError(
      'validation_failed',
      `${path} must hold a JSON array of records`,
      refusalDetails('json_not_array'),
    );
  const records: unknown[] = parsed;
  const size = statSync(path).size;
  let consumed = 0;
  async function* rows(): AsyncIterable<SourceRow> {
    for (let i = 0; i < records.length; i++) {
      consumed = Math.round(((i + 1) / records.length) * size);
      yield { row: i + 1, object: records[i] };
    }
  }
  return {
    format: 'json',
    encoding: 'utf-8',
    totalBytes: size,
    bytesRead: () => consumed,
    rows: rows(),
  };
}

function cellValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return undefined;
  if (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value instanceof Date
  )
    return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('error' in value) return undefined;
  }
  return String(value);
}

/** ExcelJS fails on a damaged or cut file with its own errors (e.g. FILE_ENDED): name the file instead. */
function unreadableXlsx(path: string, error: unknown): DomainError {
  return new DomainError(
    'validation_failed',
    `${path} is not a readable XLSX workbook (damaged or cut): ${(error as Error)?.message ?? String(error)}`,
    refusalDetails('xlsx_unreadable'),
  );
}

async function openXlsx(path: string): Promise<RecordSource> {
  const damage = await findZipDamage(path);
  if (damage) throw unreadableXlsx(path, new Error(damage));
  // Loaded when a workbook is read: half a second of start-up that a CSV import does not need.
  const { default: excel } = await import('exceljs');
  const { stream, bytesRead } = countingStream(path);
  const reader = new excel.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: 'cache',
    worksheets: 'emit',
  });
  const sheets = reader[Symbol.asyncIterator]();
  let rowIterator: AsyncIterator<ExcelJS.Row>;
  let headerRow: IteratorResult<ExcelJS.Row>;
  try {
    const sheet = await sheets.next();
    if (sheet.done)
      throw new DomainError(
        'validation_failed',
        `${path} has no worksheet`,
        refusalDetails('xlsx_no_worksheet'),
      );
    rowIterator = sheet.value[Symbol.asyncIterator]();
    headerRow = await rowIterator.next();
  } catch (error) {
    stream.destroy();
    throw error instanceof DomainError ? error : unreadableXlsx(path, error);
  }
  if (headerRow.done)
    throw new DomainError(
      'validation_failed',
      `${path} is empty: no header row`,
      refusalDetails('file_without_header'),
    );
  const headerValues = headerRow.value.values as ExcelJS.CellValue[];
  const header = headerValues.slice(1).map((v) =>
    String(cellValue(v) ?? '')
      .normalize('NFKC')
      .trim()
      .toLowerCase(),
  );
  async function* rows(): AsyncIterable<SourceRow> {
    for (;;) {
      let next: IteratorResult<ExcelJS.Row>;
      try {
        next = await rowIterator.next();
      } catch (error) {
        throw unreadableXlsx(path, error);
      }
      if (next.done) return;
      const values = next.value.values as ExcelJS.CellValue[];
      const cells: Record<string, CellValue> = {};
      let empty = true;
      header.forEach((name, i) => {
        const raw = cellValue(values[i + 1]);
        const value = typeof raw === 'string' ? unescapeFormula(raw) : raw;
        if (value !== undefined && value !== '') empty = false;
        cells[name] = value;
      });
      if (!empty) yield { row: next.value.number, cells };
    }
  }
  return { format: 'xlsx', header, totalBytes: statSync(path).size, bytesRead, rows: rows() };
}

/** Opens a file of records for streaming; the format comes from the extension unless given. */
export async function openRecordSource(
  path: string,
  options: { format?: FileFormat; encoding?: TextEncoding } = {},
): Promise<RecordSource> {
  try {
    statSync(path);
  } catch {
    throw new DomainError('not_found', `no such file: ${path}`);
  }
  const format = options.format ?? formatFromPath(path);
  switch (format) {
    case 'csv':
      return openCsv(path, options.encoding);
    case 'ndjson':
      return openNdjson(path);
    case 'json':
      return openJson(path);
    case 'xlsx':
      return openXlsx(path);
  }
}
