/**
 * Shared analyses in a worker thread, so the server's event loop never computes one: the worker
 * opens its own connection to the database (its entry file, given by the server, knows how) and
 * computes one analysis at a time, keeping the loaded network between them. A server runs two:
 * one for what a person asks, one at lowered priority for the warm-up, so an asked analysis never
 * waits behind the warm-up's. A worker may be given further tasks by name (`WorkerTasks`: the web
 * views' answers, built from a snapshot the worker keeps). `serveSharedAnalyses` is the worker's
 * side; `createWorkerAnalysisRunner` the server's. A worker that dies fails the computations it
 * held and is started again on the next request.
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
import { computeOrRestore, type KeepAs, type RunOutcome } from './kept-results.ts';
import {
  isSharedAnalysisName,
  type SharedAnalysisName,
  type SharedAnalysisParams,
} from './shared-analyses.ts';

/** Further work a worker does by name, beside the shared analyses (`now`: when it was asked). */
export type WorkerTasks = Readonly<
  Record<string, (params: unknown, now: Date) => Promise<unknown>>
>;

export type ToAnalysisWorker =
  | {
      readonly kind: 'run';
      readonly id: number;
      /** A shared analysis, or one of the worker's tasks. */
      readonly name: string;
      readonly params: unknown;
      readonly now: string;
      readonly keep?: KeepAs;
    }
  | { readonly kind: 'close' };

export type FromAnalysisWorker =
  | { readonly kind: 'done'; readonly id: number; readonly value: unknown; restored: boolean }
  | { readonly kind: 'failed'; readonly id: number; readonly error: SerializedError }
  /** The worker could not start (its database did not open). */
  | { readonly kind: 'broken'; readonly error: SerializedError };

/** What the server tells a worker when it starts it (`workerData`). */
export interface AnalysisWorkerData {
  /** The database's file path or URL. */
  database: string;
  /** Computes ahead of being asked: runs at lowered priority. */
  lowPriority: boolean;
}

/** The worker's side: answers `run` messages on `port` from `repos` until told to close. */
export function serveSharedAnalyses(
  port: MessagePort,
  repos: Repositories,
  onClose: () => Promise<void>,
  options: { lowPriority?: boolean; tasks?: WorkerTasks } = {},
): void {
  const lowPriority = options.lowPriority ?? true;
  if (lowPriority) lowerThreadPriority(10);
  const tasks = options.tasks ?? {};
  const { context, setNow } = createAnalysisContext(repos, { patient: lowPriority });
  type Job = Extract<ToAnalysisWorker, { kind: 'run' }>;
  const waiting: Job[] = [];
  let busy = false;
  let closing = false;

  const outcomeOf = async (job: Job): Promise<RunOutcome> => {
    if (closing) throw new Error('the analysis worker is closing');
    const now = new Date(job.now);
    const task = Object.hasOwn(tasks, job.name) ? tasks[job.name] : undefined;
    if (task) return { value: await task(job.params, now), restored: false };
    if (!isSharedAnalysisName(job.name)) throw new Error(`no analysis ${job.name}`);
    setNow(now);
    // The parameters were typed by the server's thread that sent them (worker-runner.ts).
    const params = job.params as SharedAnalysisParams<SharedAnalysisName>;
    return computeOrRestore(context, job.name, params, job.keep);
  };

  const compute = async (job: Job): Promise<void> => {
    try {
      const { value, restored } = await outcomeOf(job);
      port.postMessage({ kind: 'done', id: job.id, value, restored } satisfies FromAnalysisWorker);
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
    for (let job = waiting.shift(); job; job = waiting.shift()) await compute(job);
    busy = false;
    if (closing) {
      await onClose();
      port.close();
    }
  };

  port.on('message', (message: ToAnalysisWorker) => {
    if (message.kind === 'close')
      closing = true; // what is waiting is not computed any more
    else waiting.push(message);
    void next();
  });
}

interface Pending {
  resolve(value: RunOutcome): void;
  reject(error: Error): void;
}

/** The server's side of one worker: shared analyses, and the worker's tasks by name. */
export interface WorkerAnalysisRunner extends AnalysisRunner {
  task(name: string, params: unknown, now: Date): Promise<unknown>;
}

/**
 * The server's side: starts the worker (`file`, with `workerData`) on first use and sends it the
 * computations.
 */
export function createWorkerAnalysisRunner(options: {
  file: URL;
  workerData: unknown;
}): WorkerAnalysisRunner {
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
      if (message.kind === 'done')
        waiting?.resolve({ value: message.value, restored: message.restored });
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

  const send = (name: string, params: unknown, now: Date, keep?: KeepAs): Promise<RunOutcome> => {
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
        ...(keep ? { keep } : {}),
      };
      target.postMessage(message);
    });
  };

  return {
    run: (name, params, now, keep) => send(name, params, now, keep),
    task: async (name, params, now) => (await send(name, params, now)).value,
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
