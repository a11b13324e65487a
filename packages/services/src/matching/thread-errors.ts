/**
 * Errors crossing a thread boundary: a `DomainError` keeps its code, message and details (so the
 * HTTP layer maps it to the same status), anything else becomes a plain `Error` with its message.
 */
import { DomainError, ERROR_CODES, isDomainError, type ErrorCode } from '#core/domain-error.ts';

export interface SerializedError {
  readonly message: string;
  readonly code?: string;
  readonly details?: Record<string, unknown>;
  readonly stack?: string;
}

export function serializeError(error: unknown): SerializedError {
  if (isDomainError(error))
    return { message: error.message, code: error.code, details: { ...error.details } };
  if (error instanceof Error)
    return { message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  return { message: String(error) };
}

function isErrorCode(code: string | undefined): code is ErrorCode {
  return ERROR_CODES.some((known) => known === code);
}

export function deserializeError(serialized: SerializedError): Error {
  if (isErrorCode(serialized.code))
    return new DomainError(serialized.code, serialized.message, serialized.details ?? {});
  const error = new Error(serialized.message);
  if (serialized.stack !== undefined) error.stack = serialized.stack;
  return error;
}
