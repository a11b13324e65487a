/**
 * Online mode of the connectors: `musubi fetch SOURCE --query name=value…` saves a source's API
 * answers into a folder (resumable), and `musubi connect SOURCE --api …` fetches and then imports
 * them all-or-nothing, as it would the same files downloaded by hand.
 */
import { join } from 'node:path';
import { SOURCE_NAMES, type SourceName } from '#connectors/connector.ts';
import { apiPlanOf, parseQuery } from '#connectors/online/api-plans.ts';
import { DomainError } from '#core/domain-error.ts';
import { fetchPages, type FetchPagesResult } from '#services/connectors/online/fetch-pages.ts';
import { writeLine, type CommandContext } from '../context.ts';

export interface FetchCommandOptions {
  query?: string[];
  apiKey?: string;
  apiUrl?: string;
  out?: string;
  resume?: boolean;
  maxPages?: string;
  rate?: string;
  json?: boolean;
}

function sourceOf(source: string): SourceName {
  if (!(SOURCE_NAMES as readonly string[]).includes(source))
    throw new DomainError(
      'validation_failed',
      `unknown source "${source}"; one of: ${SOURCE_NAMES.join(', ')}`,
    );
  return source as SourceName;
}

function positive(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new DomainError('validation_failed', `${flag} must be a positive number, got "${value}"`);
  return n;
}

function defaultFolder(source: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/gu, '').slice(0, 15);
  return join('data', 'downloads', `${source}-${stamp}`);
}

/** Fetches the pages of a query; the key comes from --api-key or the source's environment variable. */
export async function fetchSource(
  source: string,
  options: FetchCommandOptions,
  context: CommandContext,
  environment: NodeJS.ProcessEnv = process.env,
): Promise<FetchPagesResult> {
  const plan = apiPlanOf(sourceOf(source));
  if (options.resume && !options.out)
    throw new DomainError(
      'validation_failed',
      '--resume needs --out DIR: the folder of the download to go on with ／ --resume には --out で取得先フォルダを指定してください',
      { field: 'out' },
    );
  const directory = options.out ?? defaultFolder(source, new Date());
  const result = await fetchPages({
    plan,
    query: parseQuery(options.query ?? []),
    directory,
    key: options.apiKey ?? environment[plan.keyEnv],
    baseUrl: options.apiUrl,
    resume: Boolean(options.resume),
    maxPages: positive(options.maxPages, '--max-pages'),
    requestsPerSecond: positive(options.rate, '--rate'),
    onPage: (page, url) => {
      if (!options.json) writeLine(context.stderr, `  page ${page}: ${url}`);
    },
  });
  if (!result.complete)
    writeLine(
      context.stderr,
      `stopped after ${result.files.length} page(s): go on with --resume --out ${directory} ／ 続きは --resume --out ${directory} で取得できます`,
    );
  return result;
}

/** `musubi fetch SOURCE --query name=value…`: saves the answers and says where. */
export async function runFetch(
  source: string,
  options: FetchCommandOptions,
  context: CommandContext,
): Promise<void> {
  const result = await fetchSource(source, options, context);
  if (options.json) {
    writeLine(
      context.stdout,
      JSON.stringify({
        source,
        directory: result.directory,
        files: result.files,
        complete: result.complete,
        pages: result.pagesThisRun,
        retries: result.retries,
      }),
    );
    return;
  }
  writeLine(
    context.stdout,
    `${source}: ${result.pagesThisRun} page(s) saved in ${result.directory}${result.complete ? ` (complete): musubi connect ${source} ${join(result.directory, '*')}` : ''}`,
  );
}

/** The files of a complete download for `musubi connect SOURCE --api`; an incomplete one is not imported. */
export async function fetchForConnect(
  source: string,
  options: FetchCommandOptions,
  context: CommandContext,
): Promise<string[]> {
  const result = await fetchSource(source, { ...options, json: true }, context);
  if (!result.complete)
    throw new DomainError(
      'precondition_failed',
      `the download in ${result.directory} is not complete (${result.files.length} page(s)); nothing was imported: go on with --resume --out ${result.directory} ／ 取得が終わっていないため読み込みませんでした`,
      { field: 'api' },
    );
  return result.files;
}
