import { describe, expect, it } from 'vitest';
import { workerEntry } from './worker-entry.ts';

describe('workerEntry', () => {
  it('starts a worker of the sources through its boot file, which imports the TypeScript', () => {
    const { file, entry } = workerEntry('matching-worker', 'file:///repo/src/matching/pool.ts');
    expect(file.href).toBe('file:///repo/src/matching/matching-worker-boot.mjs');
    expect(entry).toBe('file:///repo/src/matching/matching-worker.ts');
  });

  it('starts the compiled worker beside the bundle directly', () => {
    const { file, entry } = workerEntry('matching-worker', 'file:///cli/dist/chunk-AB12.js');
    expect(file.href).toBe('file:///cli/dist/matching-worker.js');
    expect(entry).toBe(file.href);
  });
});
