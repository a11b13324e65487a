import type { ErrorCode } from '#core/domain-error.ts';

/** Exit status per domain error code; 1 is an unexpected failure, 2 a usage error. */
export const EXIT_CODES: Record<ErrorCode, number> = {
  validation_failed: 3,
  import_rejected: 3,
  unsupported_format: 2,
  not_found: 4,
  unknown_reference: 3,
  conflict: 5,
  precondition_failed: 5,
  forbidden: 6,
  unauthenticated: 6,
  rate_limited: 7,
  insufficient_data: 8,
  storage_unavailable: 9,
};

/** The database or disk cannot be written (read-only, full, I/O errors). */
export const EXIT_STORAGE_NOT_WRITABLE = 10;
