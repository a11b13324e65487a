/**
 * Shared analyses in a worker thread, so the server's event loop never computes one: the worker
 * opens its own connection to the database (its entry file, given by the server, knows how) and
 * computes one analysis at a time, at lowered priority, keeping the loaded network between them.
 * `serveSharedAnalyses` is the worker's side; `createWorkerAnalysisRunner` the server's. A worker
 * that dies fails the computations it held and is started again on the next request.
 */
import { Worker, type MessagePort } from 'node:worker_threads';
import type { Repositories } from '#core/ports.ts';
import {
  deserializeError,
  serializeError,
  type SerializedError,
} from '../matching/thread-errors.ts';
import { lowerThreadPriority } from '../matching/thread-priority.ts';
import type { AnalysisRunner } from './analysis-store.ts';
import { createAnalysisContext } from './in-process-runner.ts';
import {
  isSharedAnalysisName,
  runSharedAnalysis,
  type SharedAnalysisName,
  type SharedAnalysisParams,
} from './shared-analyses.ts';

export type ToAnalysisWorker =
  | {
      readonly kind: 'run';
      readonly id: number;
      readonly name: string;
      readonly params: unknown;
      readonly now: string;
      /** Computed ahead of being asked: waits behind what a person asked. */
      readonly ahead: boolean;
    }
  | { readonly kind: 'close' };

export type FromAnalysisWorker =
  | { readonly kind: 'done'; readonly id: number; readonly value: unknown }
  | { readonly kind: 'failed'; readonly id: number; readonly error: SerializedError }
  /** The worker could not start (its database did not open). */
  | { readonly kind: 'broken'; readonly error: SerializedError };

/** The worker's side: answers `run` messages on `port` from `repos` until told to close. */
export function serveSharedAnalyses(
  port: MessagePort,
  repos: Repositories,
  onClose: () => Promise<void>,
): void {
  lowerThreadPriority(10);
  const { context, setNow } = createAnalysisContext(repos);
  type Job = Extract<ToAnalysisWorker, { kind: 'run' }>;
  /** Waiting jobs: what a person asked first, then what is computed ahead (`warm`). */
  const asked: Job[] = [];
  const ahead: Job[] = [];
  let busy = false;
  let closing = false;

  const compute = async (job: Job): Promise<void> => {
    try {
      if (closing) throw new Error('the analysis worker is closing');
      if (!isSharedAnalysisName(job.name)) throw new Error(`no analysis ${job.name}`);
      setNow(new Date(job.now));
      // The parameters were typed by the server's thread that sent them (worker-runner.ts).
      const params = job.params as SharedAnalysisParams<SharedAnalysisName>;
      const value = await runSharedAnalysis(context, job.name, params);
      port.postMessage({ kind: 'done', id: job.id, value } satisfies FromAnalysisWorker);
    } catch (error) {
      port.postMessage({
        kind: 'failed',
        id: job.id,
        error: serializeError(error),
      } satisfies FromAnalysisWorker);
    }
  };

  const next = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    for (let job = asked.shift() ?? ahead.shift(); job; job = asked.shift() ?? ahead.shift())
      await compute(job);
    busy = false;
    if (closing) {
      await onClose();
      port.close();
    }
  };

  port.on('message', (message: ToAnalysisWorker) => {
    if (message.kind === 'close') {
      closing = true; // what is waiting is not computed any more
      void next();
      return;
    }
    (message.ahead ? ahead : asked).push(message);
    void next();
  });
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * The server's side: starts the worker (`file`, with `workerData`) on first use and sends it the
 * computations.
 */
export function createWorkerAnalysisRunner(options: {
  file: URL;
  workerData: unknown;
}): AnalysisRunner {
  let worker: Worker | undefined;
  let nextId = 0;
  let closing = false;
  const pending = new Map<number, Pending>();

  const started = (): Worker => {
    if (worker) return worker;
    const fresh = new Worker(options.file, { workerData: options.workerData });
    fresh.on('message', (message: FromAnalysisWorker) => {
      if (message.kind === 'broken') {
        fail(deserializeError(message.error));
        return;
      }
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (message.kind === 'done') waiting?.resolve(message.value);
      else waiting?.reject(deserializeError(message.error));
    });
    function fail(error: Error): void {
      if (worker === fresh) worker = undefined;
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    }
    fresh.on('error', fail);
    fresh.on('exit', (code) => {
      if (!closing || pending.size > 0)
        fail(new Error(`the analysis worker stopped (exit code ${code})`));
    });
    worker = fresh;
    return fresh;
  };

  return {
    run(name, params, now, ahead = false) {
      if (closing) return Promise.reject(new Error('the analysis worker is closed'));
      const id = nextId++;
      const target = started();
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        const message: ToAnalysisWorker = {
          kind: 'run',
          id,
          name,
          params,
          now: now.toISOString(),
          ahead,
        };
        target.postMessage(message);
      });
    },
    async close() {
      closing = true;
      const running = worker;
      if (!running) return;
      const exited = new Promise<void>((done) => running.once('exit', () => done()));
      const message: ToAnalysisWorker = { kind: 'close' };
      running.postMessage(message);
      // A computation under way is not waited for long: nothing it would give is kept.
      const timer = setTimeout(() => void running.terminate(), 1_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
