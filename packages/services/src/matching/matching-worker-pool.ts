/**
 * The matching service in worker threads (`matching-worker.ts`): each worker holds its own copy
 * of the matching index and reads rows through this thread's store, so scoring never blocks this
 * thread's event loop. Calls go to the least busy worker; after an edit the other copies look
 * at the database again before their next answer. A worker that dies is started again; the
 * calls it held fail.
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import { DomainError } from '#core/domain-error.ts';
import type { Clock } from '#core/ports.ts';
import type { MatchingService } from './matching-service.ts';
import type { MatchingStore } from './matching-store.ts';
import type {
  FromWorker,
  MatchingStats,
  MatchingWorkerData,
  ToWorker,
  WorkerCall,
} from './matching-thread.ts';
import { serveMatchingStore } from './store-channel.ts';
import type { GlossLinkSource } from './gloss-link-source.ts';
import type { TokenizerChoice } from './text-pipeline.ts';
import { deserializeError } from './thread-errors.ts';
import { workerEntry } from '#core/worker-entry.ts';

export interface WorkerMatchingOptions {
  readonly store: MatchingStore;
  readonly clock: Clock;
  /** Worker threads, each with a full copy of the index (at least 1). */
  readonly workers: number;
  readonly tokenizer?: TokenizerChoice;
  readonly refreshIntervalMs?: number;
  /** Store index snapshots (only the first worker writes them). */
  readonly persist?: boolean;
  readonly weights?: Record<string, number>;
  /** EDICT for the gloss link table, read by the worker that builds the index (see `persist`). */
  readonly glossLinks?: GlossLinkSource;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  stopStore: () => void;
  readonly pending: Map<number, Pending>;
  /** False from an unexpected exit until the replacement is ready. */
  alive: boolean;
  restarting?: Promise<void>;
}

const EDITS: ReadonlySet<WorkerCall['method']> = new Set([
  'upsertSeed',
  'deleteSeed',
  'upsertNeed',
  'deleteNeed',
  'recordFeedback',
  'refresh',
]);

export async function createWorkerMatchingService(
  options: WorkerMatchingOptions,
): Promise<MatchingService> {
  const { file, entry } = workerEntry('matching-worker', import.meta.url);
  const count = Math.max(1, Math.floor(options.workers));
  let tokenizerName = '';
  let stats: MatchingStats | undefined;
  let nextId = 0;
  let closing = false;

  const launch = (index: number, slot?: Slot): Promise<Slot> =>
    new Promise((resolve, reject) => {
      const channel = new MessageChannel();
      const data: MatchingWorkerData = {
        entry,
        storePort: channel.port2,
        now: options.clock.now().toISOString(),
        ...(options.tokenizer !== undefined ? { tokenizer: options.tokenizer } : {}),
        ...(options.refreshIntervalMs !== undefined
          ? { refreshIntervalMs: options.refreshIntervalMs }
          : {}),
        persist: index === 0 && (options.persist ?? true),
        ...(options.weights !== undefined ? { weights: options.weights } : {}),
        ...(options.glossLinks !== undefined
          ? {
              glossEdictPath: options.glossLinks.edictPath,
              ...(options.glossLinks.synonymsPath !== undefined
                ? { glossSynonymsPath: options.glossLinks.synonymsPath }
                : {}),
            }
          : {}),
      };
      const worker = new Worker(file, { workerData: data, transferList: [channel.port2] });
      const stopStore = serveMatchingStore(options.store, channel.port1);
      const target: Slot = slot ?? { worker, stopStore, pending: new Map(), alive: false };
      target.worker = worker;
      target.stopStore = stopStore;
      let ready = false;
      worker.on('message', (message: FromWorker) => {
        if (message.kind === 'ready') {
          ready = true;
          target.alive = true;
          tokenizerName = message.tokenizerName;
          stats = message.stats;
          resolve(target);
          return;
        }
        if (message.kind === 'failed') {
          reject(deserializeError(message.error));
          return;
        }
        stats = message.stats;
        const waiting = target.pending.get(message.id);
        target.pending.delete(message.id);
        if (message.error !== undefined) waiting?.reject(deserializeError(message.error));
        else waiting?.resolve(message.value);
      });
      const fail = (error: Error): void => {
        target.alive = false;
        stopStore();
        for (const p of target.pending.values()) p.reject(error);
        target.pending.clear();
        if (!ready) reject(error);
        else if (!closing) restart(index, target);
      };
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (target.worker === worker && (!closing || target.pending.size > 0))
          fail(new Error(`matching worker exited (${String(code)})`));
      });
    });

  const restart = (index: number, slot: Slot): void => {
    slot.restarting = launch(index, slot).then(
      () => undefined,
      () => undefined,
    );
  };

  const slots: Slot[] = [];
  try {
    for (let i = 0; i < count; i += 1) slots.push(await launch(i));
  } catch (error) {
    closing = true;
    await Promise.all(slots.map((s) => s.worker.terminate()));
    throw error;
  }

  const call = async (request: WorkerCall): Promise<unknown> => {
    if (closing)
      throw new DomainError('storage_unavailable', 'matching is shutting down; try again shortly', {
        retryAfterSeconds: 5,
      });
    let slot: Slot | undefined;
    for (const s of slots)
      if (s.alive && (slot === undefined || s.pending.size < slot.pending.size)) slot = s;
    if (slot === undefined) {
      await Promise.all(slots.map((s) => s.restarting));
      slot = slots.find((s) => s.alive);
      if (slot === undefined)
        throw new DomainError('storage_unavailable', 'matching is restarting; try again shortly', {
          retryAfterSeconds: 5,
        });
    }
    const target = slot;
    const id = nextId;
    nextId += 1;
    const value = await new Promise<unknown>((resolve, reject) => {
      target.pending.set(id, { resolve, reject });
      const message: ToWorker = {
        kind: 'call',
        id,
        now: options.clock.now().toISOString(),
        call: request,
      };
      target.worker.postMessage(message);
    });
    if (EDITS.has(request.method)) {
      const expire: ToWorker = { kind: 'expire' };
      for (const other of slots)
        if (other !== target && other.alive) other.worker.postMessage(expire);
    }
    return value;
  };

  // Each worker answers a call with what that service method returns (structured clone keeps
  // the shape); `as` only names the type the method promises.
  const service: MatchingService = {
    get tokenizerName() {
      return tokenizerName;
    },
    matchNeed: async (...args) =>
      (await call({ method: 'matchNeed', args })) as Awaited<
        ReturnType<MatchingService['matchNeed']>
      >,
    matchText: async (...args) =>
      (await call({ method: 'matchText', args })) as Awaited<
        ReturnType<MatchingService['matchText']>
      >,
    matchSeed: async (...args) =>
      (await call({ method: 'matchSeed', args })) as Awaited<
        ReturnType<MatchingService['matchSeed']>
      >,
    upsertSeed: async (...args) =>
      (await call({ method: 'upsertSeed', args })) as Awaited<
        ReturnType<MatchingService['upsertSeed']>
      >,
    deleteSeed: async (...args) => (await call({ method: 'deleteSeed', args })) as boolean,
    upsertNeed: async (...args) =>
      (await call({ method: 'upsertNeed', args })) as Awaited<
        ReturnType<MatchingService['upsertNeed']>
      >,
    deleteNeed: async (...args) => (await call({ method: 'deleteNeed', args })) as boolean,
    recordFeedback: async (...args) =>
      (await call({ method: 'recordFeedback', args })) as Awaited<
        ReturnType<MatchingService['recordFeedback']>
      >,
    keyTerms: async (...args) =>
      (await call({ method: 'keyTerms', args })) as Awaited<
        ReturnType<MatchingService['keyTerms']>
      >,
    refresh: async (...args) =>
      (await call({ method: 'refresh', args })) as Awaited<ReturnType<MatchingService['refresh']>>,
    expire() {
      const expire: ToWorker = { kind: 'expire' };
      for (const slot of slots) if (slot.alive) slot.worker.postMessage(expire);
    },
    stats() {
      if (stats === undefined) throw new Error('no matching worker has started');
      return stats;
    },
    async close() {
      if (closing) return;
      closing = true;
      await Promise.all(
        slots.map(
          (slot) =>
            new Promise<void>((resolve) => {
              if (!slot.alive) {
                resolve();
                return;
              }
              slot.worker.once('exit', () => {
                slot.stopStore();
                resolve();
              });
              const close: ToWorker = { kind: 'close' };
              slot.worker.postMessage(close);
            }),
        ),
      );
    },
  };
  return service;
}
