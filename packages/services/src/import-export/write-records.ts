import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { EntitySpec } from '#core/entities/registry.ts';
import { toFlatRow } from '#core/flat-record.ts';
import type { StoredRecord } from '#core/ports.ts';
import type { FileFormat } from './read-records.ts';

/** Writes records of one entity to a file, batch by batch; the file appears only once complete. */
export interface RecordSink {
  write(records: readonly StoredRecord[]): Promise<void>;
  close(): Promise<void>;
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
        for (const record of records) sheet.addRow(toFlatRow(flatSpec, record)).commit();
      },
      async close() {
        sheet.commit();
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
        const rows = records.map((r) => toFlatRow(flatSpec, r));
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
    async close() {
      if (format === 'csv' && first) await writeText(stream, stringify([header]));
      if (format === 'json') await writeText(stream, first ? '[]\n' : '\n]\n');
      await finish(stream);
      renameSync(partPath, path);
    },
    async abort() {
      stream.destroy();
      rmSync(partPath, { force: true });
    },
  };
}
