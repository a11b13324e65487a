import { createWriteStream } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { escapeFormula } from '#services/import-export/formula-escape.ts';
import { DomainError } from '#core/domain-error.ts';
import { isEntityName, ENTITY_NAMES } from '#core/entities/registry.ts';
import {
  importRecords,
  type ImportReport,
  type RejectedRow,
} from '#services/import-export/import-records.ts';
import {
  FILE_FORMATS,
  openRecordSource,
  type FileFormat,
} from '#services/import-export/read-records.ts';
import type { TextEncoding } from '#services/import-export/detect-encoding.ts';
import { auditCli } from '../cli-audit.ts';
import { openTarget, writeLine, type CommandContext } from '../context.ts';
import { createProgress } from '../progress.ts';

export interface ImportCommandOptions {
  db?: string;
  format?: string;
  partial?: boolean;
  rejects?: string;
  ignoreUnknownColumns?: boolean;
  encoding?: string;
  json?: boolean;
}

/** Writes rejected rows as they come: CSV (original cells + reasons) or NDJSON for JSON inputs. */
function createRejectsWriter(path: string, flat: boolean, header: string[] | undefined) {
  const stream = createWriteStream(path, { encoding: 'utf8' });
  let wroteHeader = false;
  return {
    write(rejected: RejectedRow) {
      const reasons = rejected.problems.map((p) => `${p.field}: ${p.reason}`).join(' | ');
      if (flat && header) {
        if (!wroteHeader) stream.write(stringify([['_row', '_errors', ...header]]));
        wroteHeader = true;
        const cells = (rejected.input ?? {}) as Record<string, unknown>;
        // The rejects file is opened in spreadsheets and imported again: escaped like an export.
        const row = [reasons, ...header.map((h) => cells[h] ?? '')].map((cell) =>
          typeof cell === 'string' ? escapeFormula(cell) : cell,
        );
        stream.write(stringify([[rejected.row, ...row]]));
      } else {
        stream.write(
          JSON.stringify({ row: rejected.row, errors: rejected.problems, input: rejected.input }) +
            '\n',
        );
      }
    },
    close: () => new Promise<void>((resolve) => stream.end(resolve)),
  };
}

function printRejected(context: CommandContext, rows: RejectedRow[], total: number): void {
  const shown = rows.slice(0, 50);
  for (const row of shown) {
    for (const p of row.problems)
      writeLine(context.stderr, `  row ${row.row}, ${p.field}: ${p.reason}`);
  }
  if (total > shown.length)
    writeLine(context.stderr, `  … and ${total - shown.length} more rejected rows`);
}

export async function runImport(
  entity: string,
  file: string,
  options: ImportCommandOptions,
  context: CommandContext,
): Promise<void> {
  if (!isEntityName(entity)) {
    throw new DomainError(
      'validation_failed',
      `unknown entity "${entity}"; one of: ${ENTITY_NAMES.join(', ')}`,
    );
  }
  if (options.format && !(FILE_FORMATS as readonly string[]).includes(options.format)) {
    throw new DomainError(
      'unsupported_format',
      `unknown format "${options.format}"; one of: ${FILE_FORMATS.join(', ')}`,
    );
  }
  const encodings: TextEncoding[] = ['utf-8', 'cp932', 'euc-jp'];
  const encoding =
    options.encoding === 'shift_jis' || options.encoding === 'sjis' ? 'cp932' : options.encoding;
  if (encoding && !(encodings as string[]).includes(encoding)) {
    throw new DomainError(
      'validation_failed',
      `unknown encoding "${options.encoding}"; one of: utf-8, shift_jis, euc-jp`,
    );
  }
  const source = await openRecordSource(file, {
    ...(options.format ? { format: options.format as FileFormat } : {}),
    ...(encoding ? { encoding: encoding as TextEncoding } : {}),
  });
  const flat = source.format === 'csv' || source.format === 'xlsx';
  const rejectsPath =
    options.rejects ?? (options.partial ? `${file}.rejects.${flat ? 'csv' : 'ndjson'}` : undefined);
  const rejects = rejectsPath ? createRejectsWriter(rejectsPath, flat, source.header) : undefined;
  const database = await openTarget(options.db, context);
  const progress = createProgress(`import ${entity}`, context.stderr);
  const started = performance.now();
  let report: ImportReport;
  try {
    report = await importRecords(database.repos, entity, source, {
      partial: Boolean(options.partial),
      ownConnection: true,
      ignoreUnknownColumns: Boolean(options.ignoreUnknownColumns),
      ...(rejects ? { onRejected: (row: RejectedRow) => rejects.write(row) } : {}),
      onProgress: ({ rows, bytesRead, totalBytes }) =>
        progress.update(bytesRead, totalBytes, `${rows.toLocaleString('en')} rows`),
    });
    await auditCli(database.repos, {
      action: 'import',
      entity,
      entityId: entity,
      after: {
        written: report.written,
        rejected: report.rejectedCount,
        rows: report.rowsRead,
        file,
        format: report.format,
        partial: Boolean(options.partial),
      },
    });
  } catch (error) {
    progress.stop();
    await rejects?.close();
    if (error instanceof DomainError && error.code === 'import_rejected') {
      const failed = error.details['report'] as ImportReport;
      writeLine(context.stderr, error.message);
      printRejected(context, failed.rejected, failed.rejectedCount);
      if (rejectsPath) writeLine(context.stderr, `rejected rows written to ${rejectsPath}`);
    }
    throw error;
  } finally {
    await database.close();
  }
  progress.stop();
  await rejects?.close();
  const seconds = (performance.now() - started) / 1000;
  if (options.json) {
    writeLine(
      context.stdout,
      JSON.stringify({
        ...report,
        rejected: report.rejected.slice(0, 100),
        seconds,
        rejectsFile: rejectsPath ?? null,
      }),
    );
    return;
  }
  writeLine(
    context.stdout,
    `${entity}: ${report.written.toLocaleString('en')} written, ${report.rejectedCount.toLocaleString('en')} rejected of ${report.rowsRead.toLocaleString('en')} rows (${report.format}${report.encoding ? `, ${report.encoding}` : ''}) in ${seconds.toFixed(1)} s`,
  );
  if (report.unknownColumns.length > 0)
    writeLine(context.stdout, `ignored unknown columns: ${report.unknownColumns.join(', ')}`);
  if (report.rejectedCount > 0) {
    printRejected(context, report.rejected, report.rejectedCount);
    if (rejectsPath) writeLine(context.stdout, `rejected rows written to ${rejectsPath}`);
  }
}
