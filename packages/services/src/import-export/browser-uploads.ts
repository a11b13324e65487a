/**
 * Importing a file from the browser in two steps: the upload is checked in a dry run (the same
 * checks and report as `musubi import`, nothing written), kept for its uploader only until it is
 * confirmed, cancelled or expires, and confirming imports it all-or-nothing. Uploads live in a
 * private temporary directory (0700, files 0600); their content is never logged.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Principal } from '#core/accounts.ts';
import { DomainError } from '#core/domain-error.ts';
import type { EntityName } from '#core/entities/registry.ts';
import type { FieldProblem } from '#core/flat-record.ts';
import { canImport } from '#core/import-access.ts';
import type { CodedReason, RefusalCode } from '#core/import-reasons.ts';
import type { Clock, Repositories } from '#core/ports.ts';
import { appendAudit } from '../accounts/write-audit.ts';
import type { SourceName } from '#connectors/connector.ts';
import { detectSource, unrecognisedMessage } from '#connectors/detect/detect-source.ts';
import { HEAD_BYTES } from '#connectors/detect/head-sample.ts';
import type { ConnectorUploadCheck } from './connector-upload-check.ts';
import { formatFromPath, openRecordSource, type FileFormat } from './read-records.ts';
import { importRecords, type ImportReport } from './import-records.ts';
import { inProcessUploadWork, uploadCheckOf, type UploadWork } from './upload-work.ts';

/** What the uploader sees of a checked file: the CLI's report, without the rows' contents. */
export interface UploadCheck {
  /** Present when the file passed and waits for confirmation. */
  uploadId: string | null;
  entity: EntityName;
  fileName: string;
  format: FileFormat;
  bytes: number;
  rowsRead: number;
  /** Rows the import would write (all of them, or none when a row is rejected). */
  wouldWrite: number;
  rejectedCount: number;
  /** Every rejected row up to the report's limit, each with every problem (field, reason). */
  rejected: { row: number; problems: FieldProblem[] }[];
  unknownColumns: string[];
  /** The whole file was refused (a missing or unknown column, an unreadable file). */
  refusal: string | null;
  /** The refusal as a code with values, to be said in the reader's language. */
  refusalReason: CodedReason<RefusalCode> | null;
  expiresAt: string | null;
}

export interface ConfirmedImport {
  entity: EntityName;
  fileName: string;
  rowsRead: number;
  written: number;
  /** For a connector's file: its source and what the run did. */
  source?: SourceName;
  report?: ConnectorUploadCheck['report'];
}

export interface UploadStoreOptions {
  clock: Clock;
  /** How long a checked upload waits for confirmation (default 30 minutes). */
  ttlMs?: number;
  /** Uploads one account may keep waiting at once (default 5). */
  maxPerAccount?: number;
  /** Where the files are checked and a connector's file applied (default: in this thread). */
  work?: UploadWork;
}

interface PendingUpload {
  id: string;
  accountId: string;
  entity: EntityName;
  fileName: string;
  format: FileFormat;
  path: string;
  expiresAt: number;
  check: UploadCheck;
  /** A connector's file (confirmed by running the connector), else a file of one entity. */
  connector?: ConnectorUploadCheck;
}

export const MAX_UPLOAD_BYTES = 20 << 20;

function accountOf(principal: Principal, entity: EntityName): string {
  const decision = canImport(principal, entity);
  if (!decision.allowed)
    throw new DomainError(
      principal.kind === 'anonymous' ? 'unauthenticated' : 'forbidden',
      decision.reason,
    );
  if (principal.kind === 'anonymous') throw new DomainError('unauthenticated', 'sign in');
  return principal.account.id;
}

/** The name shown back to the uploader: no path, no control characters, bounded. */
function displayName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f)
    .join('')
    .slice(0, 200);
  return cleaned === '' ? 'upload' : cleaned;
}

/** The source an upload's content shows, or its refusal (empty, a zip, no source's format). */
function sourceOfContent(fileName: string, body: Uint8Array): SourceName {
  const detection = detectSource({
    bytes: body.subarray(0, HEAD_BYTES),
    complete: body.byteLength <= HEAD_BYTES,
  });
  if (detection.recognised === null)
    throw new DomainError('unsupported_format', unrecognisedMessage(fileName, detection.reason), {
      field: 'file',
      unrecognised: detection.reason,
    });
  return detection.recognised.source;
}

export function createUploadStore(repos: Repositories, options: UploadStoreOptions) {
  const { clock } = options;
  const ttlMs = options.ttlMs ?? 30 * 60_000;
  const maxPerAccount = options.maxPerAccount ?? 5;
  const work = options.work ?? inProcessUploadWork(repos);
  let directory: string | undefined;
  const uploads = new Map<string, PendingUpload>();
  /** Accounts with a check running: one at a time each. */
  const checking = new Set<string>();

  const dir = (): string => {
    directory ??= mkdtempSync(join(tmpdir(), 'musubi-uploads-'));
    return directory;
  };

  async function forget(upload: PendingUpload): Promise<void> {
    uploads.delete(upload.id);
    await rm(upload.path, { force: true });
  }

  async function sweep(): Promise<void> {
    const now = clock.now().getTime();
    for (const upload of [...uploads.values()]) if (upload.expiresAt <= now) await forget(upload);
  }

  /** The account's own upload; another account's, an expired or unknown one are all "not found". */
  async function own(principal: Principal, id: string): Promise<PendingUpload> {
    if (principal.kind === 'anonymous')
      throw new DomainError('unauthenticated', 'sign in to see your uploads');
    await sweep();
    const upload = uploads.get(id);
    if (
      upload === undefined ||
      principal.kind !== 'account' ||
      upload.accountId !== principal.account.id
    )
      throw new DomainError('not_found', `no upload ${id} waiting for this account (expired?)`);
    accountOf(principal, upload.entity);
    return upload;
  }

  /** Runs the connector for real, all-or-nothing (it checks every record again first). */
  async function confirmConnector(
    principal: Principal,
    upload: PendingUpload,
    connector: ConnectorUploadCheck,
  ): Promise<ConfirmedImport> {
    const { source } = connector;
    try {
      const report = await work.applyConnector(
        { source, fileName: upload.fileName, path: upload.path, bytes: connector.bytes },
        clock.now(),
      );
      await appendAudit(
        repos,
        {
          accountId: principal.kind === 'account' ? principal.account.id : null,
          at: clock.now().toISOString(),
        },
        {
          action: 'import',
          entity: 'actors',
          entityId: source,
          after: { ...report, file: upload.fileName, via: 'web' },
        },
      );
      return {
        entity: 'actors',
        fileName: upload.fileName,
        rowsRead: report.read,
        written: report.added + report.updated,
        source,
        report,
      };
    } finally {
      await rm(upload.path, { force: true });
    }
  }

  /**
   * The steps every upload takes: within the limits (size, not empty, waiting uploads per account,
   * one check at a time), stored privately, checked by `run`; one that `passed` waits for its
   * uploader (`keep` files it), any other is thrown away at once.
   */
  async function checkAndKeep<C extends { uploadId: string | null; expiresAt: string | null }>(
    accountId: string,
    upload: { body: Uint8Array; extension: string; command: string },
    run: (path: string) => Promise<C>,
    passed: (check: C) => boolean,
    keep: (waiting: C, stored: { id: string; path: string; expiresAt: number }) => PendingUpload,
  ): Promise<C> {
    if (upload.body.byteLength > MAX_UPLOAD_BYTES)
      throw new DomainError(
        'validation_failed',
        `the file is larger than ${MAX_UPLOAD_BYTES} bytes; ${upload.command}`,
        { field: 'file', limit: MAX_UPLOAD_BYTES },
      );
    if (upload.body.byteLength === 0)
      throw new DomainError('validation_failed', 'the file is empty', { field: 'file' });
    await sweep();
    const waiting = [...uploads.values()].filter((u) => u.accountId === accountId);
    if (waiting.length >= maxPerAccount)
      throw new DomainError(
        'rate_limited',
        `${waiting.length} uploads already wait for confirmation: confirm or cancel one first`,
      );
    if (checking.has(accountId))
      throw new DomainError('rate_limited', 'another file of this account is being checked');
    checking.add(accountId);
    const id = randomBytes(18).toString('base64url');
    const path = join(dir(), `${id}.${upload.extension}`);
    try {
      await writeFile(path, upload.body, { mode: 0o600, flag: 'wx' });
      const check = await run(path);
      if (!passed(check)) {
        await rm(path, { force: true });
        return check;
      }
      const expiresAt = clock.now().getTime() + ttlMs;
      const waitingCheck = {
        ...check,
        uploadId: id,
        expiresAt: new Date(expiresAt).toISOString(),
      };
      uploads.set(id, keep(waitingCheck, { id, path, expiresAt }));
      return waitingCheck;
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    } finally {
      checking.delete(accountId);
    }
  }

  return {
    /** Checks an uploaded file in a dry run; a clean one waits for its uploader's confirmation. */
    async check(
      principal: Principal,
      entity: EntityName,
      upload: { fileName: string; body: Uint8Array; format?: FileFormat },
    ): Promise<UploadCheck> {
      const accountId = accountOf(principal, entity);
      const fileName = displayName(upload.fileName);
      const format = upload.format ?? formatFromPath(fileName);
      return checkAndKeep(
        accountId,
        { body: upload.body, extension: format, command: 'import it with musubi import' },
        (path) => work.checkFile({ entity, fileName, format, path, bytes: upload.body.byteLength }),
        (check) => check.refusal === null && check.rejectedCount === 0 && check.rowsRead > 0,
        (check, stored) => ({ ...stored, accountId, entity, fileName, format, check }),
      );
    },

    /**
     * Checks a connector's file in a dry run (`musubi connect SOURCE FILE --dry-run`); a clean one
     * waits for its uploader's confirmation. The same limits as a file of one entity. Without a
     * source, the file's content tells it (`detectSource`); a file no source recognises is refused,
     * saying why and which shapes are read.
     */
    async checkConnector(
      principal: Principal,
      chosen: SourceName | undefined,
      upload: { fileName: string; body: Uint8Array },
    ): Promise<ConnectorUploadCheck> {
      const accountId = accountOf(principal, 'actors');
      const fileName = displayName(upload.fileName);
      return checkAndKeep(
        accountId,
        { body: upload.body, extension: 'upload', command: 'read it with musubi connect' },
        (path) =>
          work.checkConnector(
            {
              source: chosen ?? sourceOfContent(fileName, upload.body),
              path,
              fileName,
              bytes: upload.body.byteLength,
            },
            clock.now(),
          ),
        (check) => check.refusal === null && check.rejected.length === 0 && check.report.read > 0,
        (check, stored) => ({
          ...stored,
          accountId,
          entity: 'actors',
          fileName,
          format: 'csv',
          check: {
            uploadId: stored.id,
            entity: 'actors',
            fileName,
            format: 'csv',
            bytes: check.bytes,
            rowsRead: check.report.read,
            wouldWrite: check.report.added + check.report.updated,
            rejectedCount: 0,
            rejected: [],
            unknownColumns: [],
            refusal: null,
            refusalReason: null,
            expiresAt: check.expiresAt,
          },
          connector: check,
        }),
      );
    },

    /** The uploader's waiting upload, as its check reported it. */
    async get(principal: Principal, id: string): Promise<UploadCheck> {
      return (await own(principal, id)).check;
    },

    /** The uploader's waiting connector file, as its dry run reported it. */
    async getConnector(principal: Principal, id: string): Promise<ConnectorUploadCheck> {
      const upload = await own(principal, id);
      if (upload.connector === undefined)
        throw new DomainError('not_found', `upload ${id} is not a connector's file`);
      return upload.connector;
    },

    /**
     * Imports the waiting upload all-or-nothing (checked again: the data may have changed). Refused
     * because rows no longer pass, it is held again with the rows that failed, to be checked again
     * (`recheck`) once the data is put right, without a new upload.
     */
    async confirm(principal: Principal, id: string): Promise<ConfirmedImport> {
      const upload = await own(principal, id);
      // Taken out at once: a second confirmation of the same upload finds nothing.
      uploads.delete(upload.id);
      if (upload.connector !== undefined)
        return confirmConnector(principal, upload, upload.connector);
      let held = false;
      try {
        const source = await openRecordSource(upload.path, { format: upload.format });
        const report = await importRecords(repos, upload.entity, source);
        await appendAudit(
          repos,
          {
            accountId: principal.kind === 'account' ? principal.account.id : null,
            at: clock.now().toISOString(),
          },
          {
            action: 'import',
            entity: upload.entity,
            entityId: upload.entity,
            after: {
              written: report.written,
              rows: report.rowsRead,
              file: upload.fileName,
              format: upload.format,
              via: 'web',
            },
          },
        );
        return {
          entity: upload.entity,
          fileName: upload.fileName,
          rowsRead: report.rowsRead,
          written: report.written,
        };
      } catch (error) {
        if (error instanceof DomainError && error.code === 'import_rejected') {
          const report = error.details['report'] as ImportReport;
          uploads.set(upload.id, { ...upload, check: uploadCheckOf(upload.check, report) });
          held = true;
        }
        throw error;
      } finally {
        if (!held) await rm(upload.path, { force: true });
      }
    },

    /**
     * Checks a held upload again (after a refused confirmation, once the data is put right): its
     * new check, still held for its uploader until it expires, is confirmed or cancelled.
     */
    async recheck(principal: Principal, id: string): Promise<UploadCheck> {
      const upload = await own(principal, id);
      if (upload.connector !== undefined)
        throw new DomainError('not_found', `upload ${id} is a connector's file: upload it again`);
      if (checking.has(upload.accountId))
        throw new DomainError('rate_limited', 'another file of this account is being checked');
      checking.add(upload.accountId);
      try {
        const { entity, fileName, format, path } = upload;
        const { size } = await stat(path);
        const check = await work.checkFile({ entity, fileName, format, path, bytes: size });
        const held = { ...check, uploadId: id, expiresAt: upload.check.expiresAt };
        // Cancelled or confirmed meanwhile: nothing to hold.
        if (uploads.get(id) === upload) uploads.set(id, { ...upload, check: held });
        return held;
      } finally {
        checking.delete(upload.accountId);
      }
    },

    async cancel(principal: Principal, id: string): Promise<void> {
      await forget(await own(principal, id));
    },

    sweep,

    /** Removes every waiting upload (at shutdown). */
    close(): void {
      uploads.clear();
      if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
      directory = undefined;
    },
  };
}

export type UploadStore = ReturnType<typeof createUploadStore>;
