/**
 * The server's store of shared analyses (`#services/analysis-store`): computed in worker threads
 * with their own connections when the database can be opened again by location (a file or a
 * PostgreSQL URL), else in process (an in-memory database, in tests). Two workers: one for what a
 * person asks, one at lowered priority for the warm-up, so an asked analysis never waits behind it;
 * the warm-up starts nothing new while a person's analysis or web view is being answered.
 */
import type { Clock, Repositories } from '#core/ports.ts';
import {
  createWebDataAnswers,
  workerWebDataAnswers,
  type WebDataAnswers,
} from './routes/web-data-answers.ts';
import {
  inProcessUploadWork,
  workerUploadWork,
  type UploadWork,
} from '#services/import-export/upload-work.ts';
import {
  createAnalysisStore,
  type AnalysisStore,
} from '#services/analysis-store/analysis-store.ts';
import { createInProcessAnalysisRunner } from '#services/analysis-store/in-process-runner.ts';
import {
  createWorkerAnalysisRunner,
  type AnalysisWorkerData,
  type WorkerAnalysisRunner,
} from '#services/analysis-store/worker-runner.ts';
import { workerEntry } from '#core/worker-entry.ts';

/** A worker thread on the server's database (`lowPriority` for work done ahead of being asked). */
export function startAnalysisWorker(database: string, lowPriority: boolean): WorkerAnalysisRunner {
  const { file, entry } = workerEntry('analysis-thread', import.meta.url);
  const workerData: AnalysisWorkerData & { entry: string } = { database, lowPriority, entry };
  return createWorkerAnalysisRunner({ file, workerData });
}

/** True when the database can be opened again by a worker thread (not an in-memory one). */
export function reopenable(database: string | undefined): database is string {
  return database !== undefined && database !== ':memory:';
}

export function createAnalysisServices(
  repos: Repositories,
  clock: Clock,
  options: { database?: string; onWarmError?: (error: unknown) => void } = {},
): AnalysisStore {
  const { database } = options;
  const runners = reopenable(database)
    ? {
        runner: startAnalysisWorker(database, false),
        warmRunner: startAnalysisWorker(database, true),
        // the warm-up's brokers leave the network's graph and betweenness in the warm worker
        warmRunnerKeeps: ['gapFill', 'brokers'] as const,
      }
    : { runner: createInProcessAnalysisRunner(repos) };
  return createAnalysisStore({
    repos,
    clock,
    ...runners,
    ...(options.onWarmError ? { onWarmError: options.onWarmError } : {}),
  });
}

/**
 * The web views' answers (`/api/web/*`): from a snapshot built and kept in a worker thread of their
 * own when the database can be opened again there (so neither an asked analysis nor the warm-up
 * delays a page's data), else in this thread.
 */
export function createWebDataServices(
  repos: Repositories,
  clock: Clock,
  options: { database?: string; asked?: Pick<AnalysisStore, 'personAsks'> } = {},
): { answers: WebDataAnswers; close(): Promise<void> } {
  const { database, asked } = options;
  const counted = (answers: WebDataAnswers): WebDataAnswers =>
    asked ? answeredFirst(answers, asked) : answers;
  if (!reopenable(database))
    return { answers: counted(createWebDataAnswers(repos, clock)), close: async () => undefined };
  const runner = startAnalysisWorker(database, false);
  return { answers: counted(workerWebDataAnswers(runner, clock)), close: () => runner.close() };
}

/**
 * The web views' answers as a person's requests of the analysis store (`asked`): while one is
 * being made, the analyses' warm-up starts nothing new. Their own warm-up is not counted.
 */
export function answeredFirst(
  answers: WebDataAnswers,
  asked: Pick<AnalysisStore, 'personAsks'>,
): WebDataAnswers {
  return {
    answer: (view, input) => asked.personAsks(() => answers.answer(view, input)),
    answerJson: (view, input) => asked.personAsks(() => answers.answerJson(view, input)),
    warm: () => answers.warm(),
  };
}

/**
 * The browser uploads' checks and a connector's real run: in a worker thread of their own when the
 * database can be opened again there (a 20 MiB file would hold this thread for seconds, and would
 * delay asked analyses or pages in theirs), else in this thread.
 */
export function createUploadWorkServices(
  repos: Repositories,
  options: { database?: string } = {},
): { work: UploadWork; close(): Promise<void> } {
  const { database } = options;
  if (!reopenable(database))
    return { work: inProcessUploadWork(repos), close: async () => undefined };
  const runner = startAnalysisWorker(database, false);
  return { work: workerUploadWork(runner), close: () => runner.close() };
}
