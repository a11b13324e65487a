/**
 * The server's store of shared analyses (`#services/analysis-store`): computed in a worker thread
 * with its own connection when the database can be opened again by location (a file or a
 * PostgreSQL URL), else in process (an in-memory database, in tests).
 */
import type { Clock, Repositories } from '#core/ports.ts';
import {
  createAnalysisStore,
  type AnalysisStore,
} from '#services/analysis-store/analysis-store.ts';
import { createInProcessAnalysisRunner } from '#services/analysis-store/in-process-runner.ts';
import { createWorkerAnalysisRunner } from '#services/analysis-store/worker-runner.ts';

function workerFile(): { file: URL; entry: string } {
  // From the sources a boot file registers tsx, then imports the TypeScript entry; in the
  // bundled CLI the entry is compiled beside the bundle (`analysis-thread.js`).
  const fromSources = import.meta.url.endsWith('.ts');
  const entry = new URL(
    fromSources ? './analysis-thread.ts' : './analysis-thread.js',
    import.meta.url,
  );
  return {
    file: fromSources ? new URL('./analysis-thread-boot.mjs', import.meta.url) : entry,
    entry: entry.href,
  };
}

export function createAnalysisServices(
  repos: Repositories,
  clock: Clock,
  options: { database?: string; onWarmError?: (error: unknown) => void } = {},
): AnalysisStore {
  const { database } = options;
  const runner =
    database !== undefined && database !== ':memory:'
      ? (() => {
          const { file, entry } = workerFile();
          return createWorkerAnalysisRunner({ file, workerData: { database, entry } });
        })()
      : createInProcessAnalysisRunner(repos);
  return createAnalysisStore({
    repos,
    clock,
    runner,
    ...(options.onWarmError ? { onWarmError: options.onWarmError } : {}),
  });
}
