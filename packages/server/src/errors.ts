import type { ErrorCode } from '#core/domain-error.ts';

/** HTTP status per domain error code. */
export const HTTP_STATUS: Record<
  ErrorCode,
  400 | 401 | 403 | 404 | 409 | 412 | 415 | 422 | 429 | 503
> = {
  validation_failed: 422,
  import_rejected: 422,
  unknown_reference: 422,
  unsupported_format: 415,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  forbidden: 403,
  unauthenticated: 401,
  rate_limited: 429,
  insufficient_data: 422,
  storage_unavailable: 503,
};
