import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { CONNECTORS } from '#connectors/connectors.ts';
import { SOURCE_NAMES, type ConnectorInput, type SourceName } from '#connectors/connector.ts';
import { DomainError, isDomainError } from '#core/domain-error.ts';
import { REVIEW_STATUSES, type ReviewStatus } from '#core/ports.ts';
import { connectSource, type ConnectDetails } from '#services/connectors/connect-source.ts';
import { decideReview } from '#services/connectors/decide-review.ts';
import { openTarget, writeLine, type CommandContext } from '../context.ts';
import { fetchForConnect, type FetchCommandOptions } from './fetch-command.ts';

export interface ConnectCommandOptions extends FetchCommandOptions {
  db?: string;
  dryRun?: boolean;
  json?: boolean;
  api?: boolean;
}

function isSource(value: string): value is SourceName {
  return (SOURCE_NAMES as readonly string[]).includes(value);
}

async function fileInput(path: string): Promise<{ input: ConnectorInput; modified: Date }> {
  const info = await stat(path).catch(() => {
    throw new DomainError('not_found', `no such file: ${path}`);
  });
  return { input: { name: basename(path), chunks: createReadStream(path) }, modified: info.mtime };
}

function printDetails(context: CommandContext, details: ConnectDetails): void {
  for (const rejected of details.rejected.slice(0, 100)) {
    const where = [rejected.file, rejected.at].filter(Boolean).join(' ');
    writeLine(
      context.stderr,
      `  ${where}, ${rejected.field}: ${rejected.reasonJa} / ${rejected.reason}`,
    );
  }
  if (details.rejected.length > 100) {
    writeLine(context.stderr, `  … and ${details.rejected.length - 100} more rejected records`);
  }
}

/** `musubi connect SOURCE FILE...`: reads open-source files in their own format into the registry. */
export async function runConnect(
  source: string,
  files: string[],
  options: ConnectCommandOptions,
  context: CommandContext,
): Promise<void> {
  if (!isSource(source)) {
    throw new DomainError(
      'validation_failed',
      `unknown source "${source}"; one of: ${SOURCE_NAMES.join(', ')}`,
    );
  }
  if (options.api && files.length > 0)
    throw new DomainError(
      'validation_failed',
      'give files or --api, not both ／ ファイルか --api のどちらかを指定してください',
    );
  if (!options.api && files.length === 0)
    throw new DomainError(
      'validation_failed',
      'give the files to read, or --api to fetch them ／ 読み込むファイルか --api を指定してください',
    );
  const paths = options.api ? await fetchForConnect(source, options, context) : files;
  const opened = await Promise.all(paths.map(fileInput));
  const newest = opened.reduce(
    (latest, f) => (f.modified > latest ? f.modified : latest),
    new Date(0),
  );
  const database = await openTarget(options.db, context);
  let details: ConnectDetails;
  try {
    details = await connectSource(
      database.repos,
      CONNECTORS[source],
      opened.map((f) => f.input),
      {
        dryRun: Boolean(options.dryRun),
        retrievedOn: newest.toISOString().slice(0, 10),
        now: new Date().toISOString(),
      },
    );
  } catch (error) {
    if (isDomainError(error) && error.code === 'import_rejected') {
      const failed = error.details['details'] as ConnectDetails;
      writeLine(context.stderr, error.message);
      printDetails(context, failed);
      if (options.json) {
        writeLine(
          context.stdout,
          JSON.stringify({ ...failed.report, added: 0, updated: 0, unchanged: 0, closed: 0 }),
        );
      }
    }
    throw error;
  } finally {
    await database.close();
  }
  if (options.json) {
    writeLine(context.stdout, JSON.stringify(details.report));
    return;
  }
  const r = details.report;
  writeLine(
    context.stdout,
    `${source}${options.dryRun ? ' (dry run, nothing written)' : ''}: read ${r.read}, added ${r.added}, updated ${r.updated}, unchanged ${r.unchanged}, closed ${r.closed}, review ${r.review}, skipped ${details.skippedCount}`,
  );
  for (const skipped of details.skipped.slice(0, 20)) {
    writeLine(context.stdout, `  skipped ${skipped.file} ${skipped.at}: ${skipped.reason}`);
  }
  if (details.skippedCount > 20)
    writeLine(context.stdout, `  … and ${details.skippedCount - 20} more skipped`);
  if (r.review > 0)
    writeLine(context.stdout, `${r.review} record(s) wait for a decision: musubi review list`);
  writeLine(context.stdout, `credit: ${CONNECTORS[source].credit}`);
}

export interface ReviewCommandOptions {
  db?: string;
  json?: boolean;
  status?: string;
}

export async function runReviewList(
  options: ReviewCommandOptions,
  context: CommandContext,
): Promise<void> {
  const status = options.status ?? 'open';
  if (status !== 'all' && !(REVIEW_STATUSES as readonly string[]).includes(status)) {
    throw new DomainError(
      'validation_failed',
      `unknown status "${status}"; one of: all, ${REVIEW_STATUSES.join(', ')}`,
    );
  }
  const database = await openTarget(options.db, context);
  try {
    const reviews = await database.repos.reviews.list(
      status === 'all' ? undefined : (status as ReviewStatus),
    );
    if (options.json) {
      writeLine(context.stdout, JSON.stringify(reviews));
      return;
    }
    if (reviews.length === 0) writeLine(context.stdout, 'no records wait for review');
    for (const review of reviews) {
      const record = review.record as { keys?: { name?: string } };
      writeLine(
        context.stdout,
        `${review.id}  ${review.status}  ${review.source}: "${record.keys?.name ?? '?'}" may be ${review.candidateId} (${review.score}; ${review.reasons})`,
      );
    }
  } finally {
    await database.close();
  }
}

export async function runReviewDecide(
  reviewId: string,
  decision: 'merge' | 'keep-apart',
  options: ReviewCommandOptions,
  context: CommandContext,
): Promise<void> {
  const database = await openTarget(options.db, context);
  try {
    const result = await decideReview(database.repos, reviewId, decision, new Date().toISOString());
    if (options.json)
      writeLine(context.stdout, JSON.stringify({ review: reviewId, decision, ...result }));
    else
      writeLine(
        context.stdout,
        `${reviewId}: ${decision === 'merge' ? 'merged into' : 'kept apart as'} ${result.actorId}`,
      );
  } finally {
    await database.close();
  }
}
