/**
 * A connector's file uploaded from the browser, run as `musubi connect SOURCE FILE --dry-run`:
 * the same counts, every rejected record with its reason in Japanese and English, the entries it
 * would queue for review, and nothing written. Confirming runs the same connector for real.
 */
import { open, readFile } from 'node:fs/promises';
import type { ConnectorInput, SourceName } from '#connectors/connector.ts';
import { CONNECTORS } from '#connectors/connectors.ts';
import { detectSource, type Recognition } from '#connectors/detect/detect-source.ts';
import { HEAD_BYTES } from '#connectors/detect/head-sample.ts';
import type { ResolutionEvidence } from '#connectors/resolve-actor.ts';
import type { SkipCode } from '#connectors/skip-reasons.ts';
import { DomainError } from '#core/domain-error.ts';
import type { Repositories } from '#core/ports.ts';
import {
  connectSource,
  type ConnectDetails,
  type ConnectReport,
} from '../connectors/connect-source.ts';
import { emptyDetails } from '../connectors/connect-report.ts';

/** What the uploader sees of a connector's file after the dry run. */
export interface ConnectorUploadCheck {
  /** Present when the file passed and waits for confirmation. */
  uploadId: string | null;
  source: SourceName;
  fileName: string;
  bytes: number;
  report: ConnectReport;
  rejected: { at: string; field: string; reason: string; reasonJa: string }[];
  skippedCount: number;
  /** The first records left out on purpose, with why: in English and Japanese, and as a code. */
  skipped: {
    at: string;
    reason: string;
    reasonJa: string;
    code: SkipCode;
    values: Record<string, string>;
  }[];
  /** Each with the resolver's reason in English and as a code with values (`evidence`). */
  reviews: { at: string; candidateId: string; reason: string; evidence: ResolutionEvidence }[];
  /** The whole file was refused (unreadable, not the source's format). */
  refusal: string | null;
  expiresAt: string | null;
  /** What the file's content is, told from its start (null: no source recognises it). */
  detected: Recognition | null;
}

/** The source and shape the stored file's start shows. */
async function detectedIn(path: string): Promise<Recognition | null> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const head = new Uint8Array(Math.min(size, HEAD_BYTES));
    await file.read(head, 0, head.length, 0);
    return detectSource({ bytes: head, complete: size <= HEAD_BYTES }).recognised;
  } finally {
    await file.close();
  }
}

async function inputOf(path: string, fileName: string): Promise<ConnectorInput> {
  const bytes = await readFile(path);
  return {
    name: fileName,
    chunks: (async function* () {
      yield new Uint8Array(bytes);
    })(),
  };
}

function checkOf(
  base: Pick<ConnectorUploadCheck, 'source' | 'fileName' | 'bytes' | 'detected'>,
  details: ConnectDetails,
): ConnectorUploadCheck {
  return {
    ...base,
    uploadId: null,
    report: details.report,
    rejected: details.rejected.map(({ at, field, reason, reasonJa }) => ({
      at,
      field,
      reason,
      reasonJa,
    })),
    skippedCount: details.skippedCount,
    skipped: details.skipped.map(({ at, reason, reasonJa, code, values }) => ({
      at,
      reason,
      reasonJa,
      code,
      values,
    })),
    reviews: details.reviews.map(({ at, candidateId, reason, evidence }) => ({
      at,
      candidateId,
      reason,
      evidence,
    })),
    refusal: null,
    expiresAt: null,
  };
}

/** Runs the connector over the stored upload; `dryRun` writes nothing. */
export async function runConnector(
  repos: Repositories,
  source: SourceName,
  upload: { path: string; fileName: string },
  options: { dryRun: boolean; now: Date },
): Promise<ConnectDetails> {
  return connectSource(repos, CONNECTORS[source], [await inputOf(upload.path, upload.fileName)], {
    dryRun: options.dryRun,
    retrievedOn: options.now.toISOString().slice(0, 10),
    now: options.now.toISOString(),
  });
}

/** The dry run's report; a file rejected as a whole or record by record is reported, not thrown. */
export async function checkConnectorUpload(
  repos: Repositories,
  source: SourceName,
  upload: { path: string; fileName: string; bytes: number },
  now: Date,
): Promise<ConnectorUploadCheck> {
  const base = {
    source,
    fileName: upload.fileName,
    bytes: upload.bytes,
    detected: await detectedIn(upload.path),
  };
  try {
    return checkOf(base, await runConnector(repos, source, upload, { dryRun: true, now }));
  } catch (error) {
    if (error instanceof DomainError && error.code === 'import_rejected') {
      const details = error.details['details'] as ConnectDetails;
      return checkOf(base, details);
    }
    const empty = checkOf(base, emptyDetails(source));
    // The reader's own message may quote the file's content or the server's path: not shown.
    if (
      error instanceof DomainError &&
      (error.code === 'validation_failed' || error.code === 'unsupported_format')
    )
      return { ...empty, refusal: error.message.split(upload.path).join(upload.fileName) };
    if (error instanceof DomainError) throw error;
    return {
      ...empty,
      refusal: `${upload.fileName} could not be read as a ${source} file ／ ${upload.fileName} を ${source} のファイルとして読めません`,
    };
  }
}
