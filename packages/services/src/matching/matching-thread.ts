/**
 * The messages between the server's thread and a matching worker (`matching-worker.ts`): calls
 * of the `MatchingService` methods and their replies, each with the worker's latest figures.
 */
import type { MessagePort } from 'node:worker_threads';
import type { MatchingService } from './matching-service.ts';
import type { TokenizerChoice } from './text-pipeline.ts';
import type { SerializedError } from './thread-errors.ts';

/** The methods a worker answers (the rest are answered by the pool itself). */
export type WorkerMethod =
  | 'matchNeed'
  | 'matchText'
  | 'matchSeed'
  | 'upsertSeed'
  | 'deleteSeed'
  | 'upsertNeed'
  | 'deleteNeed'
  | 'recordFeedback'
  | 'keyTerms'
  | 'refresh';

export type WorkerCall = {
  [M in WorkerMethod]: { readonly method: M; readonly args: Parameters<MatchingService[M]> };
}[WorkerMethod];

export type MatchingStats = ReturnType<MatchingService['stats']>;

export interface MatchingWorkerData {
  /** The worker module itself (read by the TypeScript boot file). */
  readonly entry: string;
  /** Where the worker asks for rows (`store-channel.ts`). */
  readonly storePort: MessagePort;
  /** The caller's clock at start (ISO); every call brings its own. */
  readonly now: string;
  readonly tokenizer?: TokenizerChoice;
  readonly refreshIntervalMs?: number;
  readonly persist?: boolean;
  readonly weights?: Record<string, number>;
  /** EDICT for the gloss link table (`MatchingServiceOptions.glossLinks`); none when absent. */
  readonly glossEdictPath?: string;
  readonly glossSynonymsPath?: string;
  /** Scheduling priority of the worker thread (Linux nice, default 10: below the server's). */
  readonly nice?: number;
}

export type ToWorker =
  | { readonly kind: 'call'; readonly id: number; readonly now: string; readonly call: WorkerCall }
  | { readonly kind: 'expire' }
  | { readonly kind: 'close' };

export type FromWorker =
  | { readonly kind: 'ready'; readonly tokenizerName: string; readonly stats: MatchingStats }
  | { readonly kind: 'failed'; readonly error: SerializedError }
  | {
      readonly kind: 'reply';
      readonly id: number;
      readonly value?: unknown;
      readonly error?: SerializedError;
      readonly stats: MatchingStats;
    };
