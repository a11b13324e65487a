/**
 * A relations CSV read and checked in a thread of its own (`relation-batch-worker.ts`), the
 * batches handed to the import as they come: the reading and the database's writes overlap.
 */
import { Worker } from 'node:worker_threads';
import type { RelationBatch } from './relation-csv-batches.ts';
import { workerEntry } from '#core/worker-entry.ts';

export interface RelationBatchJob {
  entry: string;
  path: string;
  header: readonly string[];
  batchSize: number;
  /** At most this many batches read and not yet taken. */
  ahead: number;
  /** Two Int32 counters: batches sent, batches taken. */
  progress: SharedArrayBuffer;
}

export type RelationBatchMessage = { batch: RelationBatch } | { done: true } | { error: string };

/** The batches of `path`, read in a worker thread; stopping early ends the thread. */
export async function* readRelationBatchesInThread(
  path: string,
  header: readonly string[],
  batchSize: number,
  ahead = 8,
): AsyncIterable<RelationBatch> {
  const { file, entry } = workerEntry('relation-batch-worker', import.meta.url);
  const progress = new SharedArrayBuffer(8);
  const counters = new Int32Array(progress);
  const job: RelationBatchJob = { entry, path, header, batchSize, ahead, progress };
  const worker = new Worker(file, { workerData: job });
  const queue: RelationBatchMessage[] = [];
  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  const arrived = (): void => {
    wake?.();
    wake = undefined;
  };
  worker.on('message', (message: RelationBatchMessage) => {
    queue.push(message);
    arrived();
  });
  worker.on('error', (error) => {
    failure = error;
    arrived();
  });
  worker.on('exit', (code) => {
    if (code !== 0) failure ??= new Error(`the relations reading thread stopped (${code})`);
    arrived();
  });
  try {
    for (;;) {
      const message = queue.shift();
      if (message === undefined) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        continue;
      }
      if ('error' in message) throw new Error(`reading the relations: ${message.error}`);
      if ('done' in message) return;
      Atomics.add(counters, 1, 1);
      Atomics.notify(counters, 1);
      yield message.batch;
    }
  } finally {
    await worker.terminate();
  }
}
