/** The closed set of error codes the domain raises; the server and CLI map each to a status / exit code. */
export const ERROR_CODES = [
  'validation_failed',
  'not_found',
  'conflict',
  'unknown_reference',
  'import_rejected',
  'unsupported_format',
  'forbidden',
  'unauthenticated',
  'precondition_failed',
  'rate_limited',
  'insufficient_data',
  'storage_unavailable',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
