/**
 * Fetches a source's answers page by page into a folder, at the source's pace, retrying what a
 * server asks to retry, and resumable: after each page the answer and the progress are written
 * (each whole or not at all), so an interrupted download goes on from the next page with
 * `resume`. The saved files are what `musubi connect SOURCE FILE...` reads, so the import that
 * follows stays all-or-nothing.
 *
 * The user's key is added to a request only when it is sent: it is never written to the progress
 * file, a saved answer's name, a message or a log line.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApiPlan, ApiQuery, ApiRequest } from '#connectors/online/api-plans.ts';
import { DomainError } from '#core/domain-error.ts';

export const PROGRESS_FILE = 'musubi-fetch.json';

interface Progress {
  source: string;
  query: ApiQuery;
  baseUrl: string;
  pending: ApiRequest[];
  files: string[];
  complete: boolean;
}

export interface FetchPagesOptions {
  plan: ApiPlan;
  query: ApiQuery;
  directory: string;
  key?: string | undefined;
  baseUrl?: string | undefined;
  /** Go on with the download already in `directory`. */
  resume?: boolean;
  /** Stop after this many pages in this run (the rest can be resumed). */
  maxPages?: number | undefined;
  /** A slower pace than the source's; a faster one is not allowed. */
  requestsPerSecond?: number | undefined;
  /** Attempts per page before giving up (network errors, 429, 5xx). */
  maxAttempts?: number;
  /** Longest wait between attempts (ms). */
  maxBackoffMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  onPage?: (page: number, url: string) => void;
}

export interface FetchPagesResult {
  directory: string;
  files: string[];
  /** Pages saved by this run. */
  pagesThisRun: number;
  complete: boolean;
  retries: number;
}

const RETRY_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function writeWhole(path: string, content: string): Promise<void> {
  const partial = `${path}.partial`;
  await writeFile(partial, content);
  await rename(partial, path);
}

async function readProgress(directory: string): Promise<Progress | null> {
  try {
    return JSON.parse(await readFile(join(directory, PROGRESS_FILE), 'utf8')) as Progress;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new DomainError(
      'unsupported_format',
      `${join(directory, PROGRESS_FILE)}: the saved progress cannot be read; start again in a new folder ／ 取得の途中経過が読めません。別のフォルダで取り直してください`,
      { field: 'resume' },
    );
  }
}

/** Seconds or an HTTP date in Retry-After, as milliseconds to wait. */
function retryAfterMs(header: string | null, now: number): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function refusal(status: number, url: string, source: string): DomainError {
  if (status === 401 || status === 403)
    return new DomainError(
      'unauthenticated',
      `${source} refused the key (HTTP ${status}) for ${url}: check --api-key or its environment variable ／ ${source} がAPIキーを受け付けませんでした`,
      { field: 'api-key', status },
    );
  if (status === 404)
    return new DomainError(
      'not_found',
      `${source} has nothing at ${url} (HTTP 404) ／ ${source} に該当するデータがありません`,
      { field: 'query', status },
    );
  return new DomainError(
    'validation_failed',
    `${source} refused the request ${url} (HTTP ${status}): check the query ／ ${source} が問い合わせを受け付けませんでした（HTTP ${status}）`,
    { field: 'query', status },
  );
}

export async function fetchPages(options: FetchPagesOptions): Promise<FetchPagesResult> {
  const { plan, directory } = options;
  const send = options.fetch ?? fetch;
  const sleep = options.sleep ?? defaultSleep;
  const maxAttempts = options.maxAttempts ?? 6;
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;
  const pace = Math.min(plan.requestsPerSecond, options.requestsPerSecond ?? Infinity);
  const interval = pace > 0 ? 1000 / pace : 0;
  const key = options.key ?? '';
  if (plan.keyRequired && key === '')
    throw new DomainError(
      'validation_failed',
      `${plan.source} needs your API key: --api-key KEY or ${plan.keyEnv} ／ ${plan.source} にはAPIキーが必要です（--api-key または ${plan.keyEnv}）`,
      { field: 'api-key' },
    );
  await mkdir(directory, { recursive: true });
  const saved = await readProgress(directory);
  let progress: Progress;
  if (options.resume) {
    if (!saved || saved.source !== plan.source)
      throw new DomainError(
        'not_found',
        `${directory} holds no ${plan.source} download to resume ／ 再開できる ${plan.source} の取得がありません`,
        { field: 'resume' },
      );
    progress = saved;
  } else {
    if (saved)
      throw new DomainError(
        'conflict',
        `${directory} already holds a download: go on with --resume, or choose another folder ／ このフォルダには取得済みのデータがあります（--resume で再開）`,
        { field: 'out' },
      );
    const baseUrl = options.baseUrl ?? plan.baseUrl;
    progress = {
      source: plan.source,
      query: options.query,
      baseUrl,
      pending: plan.first(options.query, baseUrl),
      files: [],
      complete: false,
    };
    await writeWhole(join(directory, PROGRESS_FILE), JSON.stringify(progress, null, 2));
  }
  let pagesThisRun = 0;
  let retries = 0;
  let lastStart = -Infinity;
  while (progress.pending.length > 0) {
    if (options.maxPages !== undefined && pagesThisRun >= options.maxPages) break;
    const request = progress.pending[0] as ApiRequest;
    const sent = key === '' ? request : plan.withKey(request, key);
    let body: string | null = null;
    for (let attempt = 1; body === null; attempt++) {
      const wait = lastStart + interval - Date.now();
      if (wait > 0) await sleep(wait);
      lastStart = Date.now();
      let status: number;
      let retryAfter: number | null = null;
      try {
        const response = await send(sent.url, {
          ...(sent.headers ? { headers: sent.headers } : {}),
        });
        status = response.status;
        if (response.ok) {
          body = await response.text();
          break;
        }
        retryAfter = retryAfterMs(response.headers.get('retry-after'), Date.now());
        await response.body?.cancel();
      } catch {
        status = 0;
      }
      if (status !== 0 && !RETRY_STATUSES.has(status))
        throw refusal(status, request.url, plan.source);
      if (attempt >= maxAttempts)
        throw new DomainError(
          'rate_limited',
          `${plan.source} did not answer ${request.url} after ${attempt} attempts (${status === 0 ? 'no connection' : `HTTP ${status}`}); ${progress.files.length} page(s) are saved: run again later with --resume ／ ${plan.source} から応答がありません。時間をおいて --resume で再開してください`,
          { field: 'api', status, pagesSaved: progress.files.length },
        );
      retries += 1;
      await sleep(Math.min(maxBackoffMs, retryAfter ?? 1000 * 2 ** (attempt - 1)));
    }
    const next = plan.next(request, body);
    const name = `page-${String(progress.files.length + 1).padStart(5, '0')}.${plan.extension}`;
    await writeWhole(join(directory, name), body);
    progress = {
      ...progress,
      pending: next ? [next, ...progress.pending.slice(1)] : progress.pending.slice(1),
      files: [...progress.files, name],
    };
    progress.complete = progress.pending.length === 0;
    await writeWhole(join(directory, PROGRESS_FILE), JSON.stringify(progress, null, 2));
    pagesThisRun += 1;
    options.onPage?.(progress.files.length, request.url);
  }
  return {
    directory,
    files: progress.files.map((f) => join(directory, f)),
    pagesThisRun,
    complete: progress.complete,
    retries,
  };
}
