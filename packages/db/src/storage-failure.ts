/**
 * A database (or disk) that cannot be written: read-only (file, mount or a PostgreSQL server in
 * read-only mode), full, or failing with I/O errors. These are conditions of the machine, not bugs:
 * the server answers 503 problem+json and the CLI one line with its own exit code, instead of a
 * bare 500 and a stack trace. (A database that is only busy or locked is handled apart.)
 */
import { DomainError } from '#core/domain-error.ts';

export type StorageFailureKind = 'read_only' | 'full' | 'io';

/** The problem code in the 503 answer's body and the CLI's reason to exit with its own code. */
export const STORAGE_NOT_WRITABLE = 'storage_not_writable';

const SQLITE: [RegExp, StorageFailureKind][] = [
  [/^SQLITE_READONLY/, 'read_only'],
  [/^SQLITE_FULL$/, 'full'],
  [/^SQLITE_IOERR/, 'io'],
];

/** PostgreSQL SQLSTATEs: read-only transaction, disk full, out of memory/resources, I/O error. */
const POSTGRES: Record<string, StorageFailureKind> = {
  '25006': 'read_only',
  '53100': 'full',
  '53000': 'full',
  '58030': 'io',
};

const FILE_SYSTEM: Record<string, StorageFailureKind> = {
  EROFS: 'read_only',
  ENOSPC: 'full',
  EDQUOT: 'full',
  EIO: 'io',
};

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

export function storageFailureKind(error: unknown): StorageFailureKind | undefined {
  for (const candidate of [error, error instanceof Error ? error.cause : undefined]) {
    const code = codeOf(candidate);
    if (code === undefined) continue;
    const kind =
      SQLITE.find(([pattern]) => pattern.test(code))?.[1] ?? POSTGRES[code] ?? FILE_SYSTEM[code];
    if (kind !== undefined) return kind;
  }
  return undefined;
}

const MESSAGES: Record<StorageFailureKind, string> = {
  read_only:
    'the database is read-only, so nothing could be written; make it writable (file permissions, mount, or the PostgreSQL server’s read-only setting) and try again',
  full: 'the disk holding the database is full, so nothing could be written; free some space and try again',
  io: 'the database could not be read or written (disk I/O error); check the disk and try again',
};

/** The error as a DomainError('storage_unavailable') when it is one of these conditions. */
export function storageFailure(error: unknown): DomainError | undefined {
  const kind = storageFailureKind(error);
  if (kind === undefined) return undefined;
  return new DomainError('storage_unavailable', MESSAGES[kind], {
    problem: STORAGE_NOT_WRITABLE,
    reason: kind,
  });
}
