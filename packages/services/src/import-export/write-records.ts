import { createWriteStream, renameSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { EntitySpec } from '#core/entities/registry.ts';
import { toFlatRow } from '#core/flat-record.ts';
import type { StoredRecord } from '#core/ports.ts';
import { escapeFormula } from './formula-escape.ts';
import type { FileFormat } from './read-records.ts';

/** Where the credit lines of a CSV or JSON export go: beside it. */
export function creditsPathOf(path: string): string {
  return `${path}.credits.txt`;
}

const NUMERIC_CODECS = new Set(['int', 'real']);

/** Writes records of one entity to a file, batch by batch; the file appears only once complete. */
export interface RecordSink {
  write(records: readonly StoredRecord[]): Promise<void>;
  /**
   * Finishes the file. Credit lines the sources of the records require go with it: a `credits`
   * sheet in XLSX; beside CSV and JSON files (whose columns and shape stay as they are), a
   * `FILE.credits.txt`.
   */
  close(credits?: readonly string[]): Promise<void>;
  abort(): Promise<void>;
}

async function writeText(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

async function finish(stream: Writable): Promise<void> {
  stream.end();
  await once(stream, 'finish');
}

export function createRecordSink(path: string, format: FileFormat, spec: EntitySpec): RecordSink {
  const partPath = `${path}.part`;
  const header = spec.columns
    .filter((c) => !(spec.derivedKey && c.column === 'id'))
    .map((c) => c.column);
  const flatColumns = spec.columns.filter((c) => header.includes(c.column));
  const flatSpec = { ...spec, columns: flatColumns };
  const numeric = flatColumns.map((c) => NUMERIC_CODECS.has(c.codec));
  /** Text cells escaped against formula injection; numbers as they are (M7). */
  const spreadsheetRow = (record: StoredRecord): string[] =>
    toFlatRow(flatSpec, record).map((cell, i) => (numeric[i] ? cell : escapeFormula(cell)));
  /** XLSX cells: numbers of numeric columns as numbers, everything else as escaped text. */
  const xlsxRow = (record: StoredRecord): (string | number)[] =>
    spreadsheetRow(record).map((cell, i) => (numeric[i] && cell !== '' ? Number(cell) : cell));

  if (format === 'xlsx') {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: partPath,
      useSharedStrings: false,
      useStyles: false,
    });
    const sheet = workbook.addWorksheet(spec.name);
    sheet.addRow(header).commit();
    return {
      async write(records) {
        for (const record of records) sheet.addRow(xlsxRow(record)).commit();
      },
      async close(credits = []) {
        sheet.commit();
        if (credits.length > 0) {
          const creditSheet = workbook.addWorksheet('credits');
          creditSheet.addRow(['出典 / Sources']).commit();
          for (const line of credits) creditSheet.addRow([line]).commit();
          creditSheet.commit();
        }
        await workbook.commit();
        renameSync(partPath, path);
      },
      async abort() {
        rmSync(partPath, { force: true });
      },
    };
  }

  const stream = createWriteStream(partPath, { encoding: 'utf8' });
  let first = true;
  return {
    async write(records) {
      if (format === 'csv') {
        const rows = records.map(spreadsheetRow);
        await writeText(stream, stringify(first ? [header, ...rows] : rows));
      } else if (format === 'ndjson') {
        await writeText(stream, records.map((r) => JSON.stringify(r) + '\n').join(''));
      } else {
        const body = records.map((r) => JSON.stringify(r)).join(',\n');
        if (records.length > 0) await writeText(stream, (first ? '[\n' : ',\n') + body);
        if (records.length > 0) first = false;
        return;
      }
      first = false;
    },
    async close(credits = []) {
      if (format === 'csv' && first) await writeText(stream, stringify([header]));
      if (format === 'json') await writeText(stream, first ? '[]\n' : '\n]\n');
      await finish(stream);
      if (credits.length > 0)
        writeFileSync(creditsPathOf(path), ['出典 / Sources', ...credits, ''].join('\n'));
      else rmSync(creditsPathOf(path), { force: true });
      renameSync(partPath, path);
    },
    async abort() {
      stream.destroy();
      rmSync(partPath, { force: true });
    },
  };
}
