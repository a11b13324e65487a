/**
 * RFC 9457 problem details: every error of the API is `application/problem+json` with a stable
 * `type` per code, a human `title`, the `status`, a `detail` sentence, and — for input errors —
 * the offending `field` and every problem in `errors`.
 */
import { isDomainError } from '#core/domain-error.ts';
import { storageFailure } from '#db/storage-failure.ts';
import { isDatabaseBusyError } from '#db/sqlite-client.ts';
import { HTTP_STATUS } from './errors.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

const TITLES: Record<string, string> = {
  validation_failed: 'The input is not valid',
  unknown_reference: 'The input refers to a record that does not exist',
  import_rejected: 'The import was rejected',
  unsupported_format: 'Unsupported content type',
  not_found: 'Not found',
  conflict: 'Conflict with the stored data',
  precondition_failed: 'The record was changed by someone else',
  precondition_required: 'If-Match header required',
  forbidden: 'Not allowed',
  csrf_rejected: 'CSRF token missing or wrong',
  unauthenticated: 'Sign-in required',
  rate_limited: 'Too many requests',
  insufficient_data: 'Not enough data',
  storage_unavailable: 'The database is not reachable',
  storage_not_writable: 'The database cannot be written',
  payload_too_large: 'The request body is too large',
  invalid_json: 'The request body is not valid JSON',
  method_not_allowed: 'Method not allowed',
  unsupported_parameter: 'Unsupported query parameter',
  internal_error: 'Unexpected error',
};

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  [extension: string]: unknown;
}

export function problemType(code: string): string {
  return `https://musubi.dev/problems/${code.replace(/_/g, '-')}`;
}

export function problemBody(
  status: number,
  code: string,
  detail: string,
  extra: Record<string, unknown> = {},
): ProblemBody {
  return {
    type: problemType(code),
    title: TITLES[code] ?? code,
    status,
    detail,
    code,
    ...extra,
  };
}

export function problem(
  status: number,
  code: string,
  detail: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(problemBody(status, code, detail, extra)), {
    status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store', ...headers },
  });
}

/** An HTTP-level problem with no domain code (malformed JSON, missing If-Match, body too large). */
export class HttpProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly extra: Record<string, unknown>;

  constructor(status: number, code: string, detail: string, extra: Record<string, unknown> = {}) {
    super(detail);
    this.name = 'HttpProblem';
    this.status = status;
    this.code = code;
    this.extra = extra;
  }
}

/** Maps any thrown error to a problem response; unexpected errors say nothing about internals. */
export function problemFromError(
  error: unknown,
  onUnexpected?: (error: unknown) => void,
): Response {
  if (isDomainError(error)) {
    const { details } = error;
    const code = typeof details['problem'] === 'string' ? details['problem'] : error.code;
    const extra = Object.fromEntries(Object.entries(details).filter(([key]) => key !== 'problem'));
    const headers: Record<string, string> = {};
    if (
      (error.code === 'rate_limited' || error.code === 'storage_unavailable') &&
      typeof details['retryAfterSeconds'] === 'number'
    )
      headers['retry-after'] = String(details['retryAfterSeconds']);
    if (error.code === 'unauthenticated') headers['www-authenticate'] = 'Bearer realm="musubi"';
    return problem(HTTP_STATUS[error.code], code, error.message, extra, headers);
  }
  if (error instanceof HttpProblem)
    return problem(error.status, error.code, error.message, error.extra);
  if (isDatabaseBusyError(error)) {
    // A lock held by another process (an import) that reached here without the client's retry.
    return problem(
      503,
      'storage_unavailable',
      'the database is busy (another process is writing); try again shortly',
      { reason: 'database_busy' },
      { 'retry-after': '1' },
    );
  }
  onUnexpected?.(error);
  // A read-only database or a full disk: 503, not a bare 500 (the log still has the details).
  const storage = storageFailure(error);
  if (storage) return problemFromError(storage);
  return problem(500, 'internal_error', 'unexpected error; the server log has the details');
}
