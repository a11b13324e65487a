/**
 * The CPU-heavy steps of a browser upload (a file's dry run, a connector's dry run, a connector's
 * real run), behind a port so a server runs them off its event loop: in process (an in-memory
 * database, tests) or in a worker thread with its own connection (`workerUploadWork`, the worker
 * registering `uploadWorkTasks`). Each step takes the stored upload's path and gives plain data.
 */
import { z } from 'zod';
import type { SourceName } from '#connectors/connector.ts';
import { SOURCE_NAMES } from '#connectors/connector.ts';
import { DomainError } from '#core/domain-error.ts';
import { ENTITY_NAMES, type EntityName } from '#core/entities/registry.ts';
import { refusalIn } from '#core/import-reasons.ts';
import type { Repositories } from '#core/ports.ts';
import type { WorkerTasks } from '../analysis-store/worker-runner.ts';
import type { ConnectReport } from '../connectors/connect-source.ts';
import type { UploadCheck } from './browser-uploads.ts';
import {
  checkConnectorUpload,
  runConnector,
  type ConnectorUploadCheck,
} from './connector-upload-check.ts';
import { importRecords, type ImportReport } from './import-records.ts';
import { FILE_FORMATS, openRecordSource, type FileFormat } from './read-records.ts';

export interface StoredFile {
  entity: EntityName;
  fileName: string;
  format: FileFormat;
  path: string;
  bytes: number;
}

export interface StoredConnectorFile {
  source: SourceName;
  fileName: string;
  path: string;
  bytes: number;
}

export interface UploadWork {
  /** A file of one entity in a dry run (`musubi import --dry-run`): its report, nothing written. */
  checkFile(file: StoredFile): Promise<UploadCheck>;
  /** A connector's file in a dry run (`musubi connect SOURCE FILE --dry-run`). */
  checkConnector(file: StoredConnectorFile, now: Date): Promise<ConnectorUploadCheck>;
  /** Runs the connector for real, all-or-nothing (it checks every record again first). */
  applyConnector(file: StoredConnectorFile, now: Date): Promise<ConnectReport>;
}

/** What the uploader sees of an import's report (its rows' contents left out). */
export function uploadCheckOf(base: UploadCheck, report: ImportReport): UploadCheck {
  return {
    ...base,
    rowsRead: report.rowsRead,
    wouldWrite: report.rejectedCount === 0 ? report.written : 0,
    rejectedCount: report.rejectedCount,
    rejected: report.rejected.map((r) => ({ row: r.row, problems: r.problems })),
    unknownColumns: report.unknownColumns,
  };
}

async function checkFile(repos: Repositories, file: StoredFile): Promise<UploadCheck> {
  const { entity, fileName, format, path, bytes } = file;
  const base: UploadCheck = {
    uploadId: null,
    entity,
    fileName,
    format,
    bytes,
    rowsRead: 0,
    wouldWrite: 0,
    rejectedCount: 0,
    rejected: [],
    unknownColumns: [],
    refusal: null,
    refusalReason: null,
    expiresAt: null,
  };
  const fromReport = (report: ImportReport): UploadCheck => uploadCheckOf(base, report);
  try {
    const source = await openRecordSource(path, { format });
    return fromReport(await importRecords(repos, entity, source, { dryRun: true }));
  } catch (error) {
    // A reader's own failure (a damaged file) may quote the file: said without it, never logged.
    if (!(error instanceof DomainError))
      return {
        ...base,
        refusal: `${fileName} could not be read as ${format}`,
        refusalReason: { code: 'file_unreadable', values: { format: format.toUpperCase() } },
      };
    if (error.code === 'import_rejected') {
      const report = error.details['report'] as ImportReport;
      return fromReport(report);
    }
    if (error.code !== 'validation_failed' && error.code !== 'unsupported_format') throw error;
    // The file as a whole: a missing or unknown column, an unreadable workbook. The message
    // names the upload by its own name, not the server's temporary path.
    return {
      ...base,
      refusal: error.message.split(path).join(fileName),
      refusalReason: refusalIn(error.details),
    };
  }
}

/** The steps in this thread, on `repos`. */
export function inProcessUploadWork(repos: Repositories): UploadWork {
  return {
    checkFile: (file) => checkFile(repos, file),
    checkConnector: (file, now) => checkConnectorUpload(repos, file.source, file, now),
    applyConnector: async (file, now) =>
      (await runConnector(repos, file.source, file, { dryRun: false, now })).report,
  };
}

const TASKS = {
  checkFile: 'upload:check-file',
  checkConnector: 'upload:check-connector',
  applyConnector: 'upload:apply-connector',
} as const;

const ZStoredFile = z.object({
  entity: z.enum(ENTITY_NAMES),
  fileName: z.string(),
  format: z.enum(FILE_FORMATS),
  path: z.string().min(1),
  bytes: z.number().int().nonnegative(),
});
const ZStoredConnectorFile = z.object({
  source: z.enum(SOURCE_NAMES),
  fileName: z.string(),
  path: z.string().min(1),
  bytes: z.number().int().nonnegative(),
});

/** The worker's side: the steps as named tasks, on the worker's own connection. */
export function uploadWorkTasks(repos: Repositories): WorkerTasks {
  const work = inProcessUploadWork(repos);
  return {
    [TASKS.checkFile]: (params) => work.checkFile(ZStoredFile.parse(params)),
    [TASKS.checkConnector]: (params, now) =>
      work.checkConnector(ZStoredConnectorFile.parse(params), now),
    [TASKS.applyConnector]: (params, now) =>
      work.applyConnector(ZStoredConnectorFile.parse(params), now),
  };
}

/** The server's side: each step sent to a worker that registered `uploadWorkTasks`. */
export function workerUploadWork(runner: {
  task(name: string, params: unknown, now: Date): Promise<unknown>;
}): UploadWork {
  // The answers are what the worker's `inProcessUploadWork` returned for the same step.
  return {
    checkFile: async (file) =>
      (await runner.task(TASKS.checkFile, file, new Date())) as UploadCheck,
    checkConnector: async (file, now) =>
      (await runner.task(TASKS.checkConnector, file, now)) as ConnectorUploadCheck,
    applyConnector: async (file, now) =>
      (await runner.task(TASKS.applyConnector, file, now)) as ConnectReport,
  };
}
