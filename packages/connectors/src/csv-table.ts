import { parse } from 'csv-parse/sync';
import { DomainError } from '#core/domain-error.ts';
import type { ConnectorInput } from './connector.ts';
import { readText } from './read-input.ts';

export interface CsvTable {
  header: string[];
  /** Data rows with their 1-based line number in the file (the header is line 1). */
  rows: { line: number; cells: string[] }[];
}

/** A CSV file with a header row (RFC 4180 quoting, BOM removed, UTF-8 or Shift_JIS). */
export async function readCsvTable(input: ConnectorInput): Promise<CsvTable> {
  const content = await readText(input);
  let records: { record: string[]; line: number }[];
  try {
    // The line each record ends on rides along as an extra last cell, taken off again below.
    const withLines = parse(content, {
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (record: string[], context) => [...record, String(context.lines)],
    });
    records = withLines.map((cells) => ({
      record: cells.slice(0, -1),
      line: Number(cells.at(-1)),
    }));
  } catch (error) {
    throw new DomainError(
      'unsupported_format',
      `${input.name}: not readable as CSV (${error instanceof Error ? error.message : String(error)}); the file may be truncated ／ CSVとして読めません（途中で切れている可能性があります）`,
      { file: input.name },
    );
  }
  const [first, ...rest] = records;
  if (!first) {
    throw new DomainError(
      'unsupported_format',
      `${input.name}: the file is empty ／ ファイルが空です`,
    );
  }
  return {
    header: first.record.map((cell) => cell.trim()),
    rows: rest.map((r) => ({ line: r.line, cells: r.record })),
  };
}

/** Cells of a row by column name. */
export function cellsByName(
  header: readonly string[],
  cells: readonly string[],
): Record<string, string> {
  const row: Record<string, string> = {};
  header.forEach((name, index) => {
    row[name] = (cells[index] ?? '').trim();
  });
  return row;
}
