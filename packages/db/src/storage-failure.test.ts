import { describe, expect, it } from 'vitest';
import { storageFailure, storageFailureKind } from './storage-failure.ts';

const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('storageFailureKind', () => {
  it.each([
    ['SQLITE_READONLY', 'read_only'],
    ['SQLITE_READONLY_DBMOVED', 'read_only'],
    ['SQLITE_FULL', 'full'],
    ['SQLITE_IOERR_WRITE', 'io'],
    ['25006', 'read_only'],
    ['53100', 'full'],
    ['EROFS', 'read_only'],
    ['ENOSPC', 'full'],
  ])('reads %s as %s', (code, kind) => {
    expect(storageFailureKind(withCode(code))).toBe(kind);
  });

  it('leaves other errors alone, including a busy database and constraint errors', () => {
    for (const code of ['SQLITE_BUSY', 'SQLITE_CONSTRAINT_UNIQUE', '23505', '40001', 'ENOENT'])
      expect(storageFailureKind(withCode(code))).toBeUndefined();
    expect(storageFailureKind(new Error('plain'))).toBeUndefined();
    expect(storageFailureKind('text')).toBeUndefined();
  });

  it('looks one level into the cause', () => {
    expect(storageFailureKind(new Error('wrapped', { cause: withCode('ENOSPC') }))).toBe('full');
  });

  it('gives a storage_unavailable DomainError with a sentence that says what to do', () => {
    const failure = storageFailure(withCode('SQLITE_FULL'));
    expect(failure?.code).toBe('storage_unavailable');
    expect(failure?.details).toEqual({ problem: 'storage_not_writable', reason: 'full' });
    expect(failure?.message).toMatch(/disk .* is full/);
  });
});
