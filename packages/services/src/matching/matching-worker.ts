/**
 * A matching worker thread: its own matching index and text pipeline, rows read through the
 * server's thread (`store-channel.ts`). Scoring, query expansion and explanations run here, so
 * the server's event loop stays free for other requests however many matches are running.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Clock } from '#core/ports.ts';
import { createMatchingService, type MatchingService } from './matching-service.ts';
import type { FromWorker, MatchingWorkerData, ToWorker, WorkerCall } from './matching-thread.ts';
import { connectMatchingStore } from './store-channel.ts';
import { serializeError } from './thread-errors.ts';
import { lowerThreadPriority } from './thread-priority.ts';

const port = parentPort;
if (port === null) throw new Error('matching-worker runs in a worker thread');
// Set by the pool that started this thread (matching-worker-pool.ts).
const config: MatchingWorkerData = workerData;

// Matching yields the cores to the server's own thread (nice 10) when both want them.
lowerThreadPriority(config.nice ?? 10);

let now = new Date(config.now);
/** The caller's clock as of the call being answered. */
const clock: Clock = { now: () => now };
const store = connectMatchingStore(config.storePort);

function answer(service: MatchingService, call: WorkerCall): Promise<unknown> {
  switch (call.method) {
    case 'matchNeed':
      return service.matchNeed(...call.args);
    case 'matchText':
      return service.matchText(...call.args);
    case 'matchSeed':
      return service.matchSeed(...call.args);
    case 'upsertSeed':
      return service.upsertSeed(...call.args);
    case 'deleteSeed':
      return service.deleteSeed(...call.args);
    case 'upsertNeed':
      return service.upsertNeed(...call.args);
    case 'deleteNeed':
      return service.deleteNeed(...call.args);
    case 'recordFeedback':
      return service.recordFeedback(...call.args);
    case 'keyTerms':
      return service.keyTerms(...call.args);
    case 'refresh':
      return service.refresh(...call.args);
  }
}

const send = (message: FromWorker): void => port.postMessage(message);

try {
  const service = await createMatchingService({
    repos: store,
    clock,
    ...(config.tokenizer !== undefined ? { tokenizer: config.tokenizer } : {}),
    ...(config.refreshIntervalMs !== undefined
      ? { refreshIntervalMs: config.refreshIntervalMs }
      : {}),
    ...(config.persist !== undefined ? { persist: config.persist } : {}),
    ...(config.weights !== undefined ? { weights: config.weights } : {}),
    ...(config.glossEdictPath !== undefined
      ? {
          glossLinks: {
            edictPath: config.glossEdictPath,
            ...(config.glossSynonymsPath !== undefined
              ? { synonymsPath: config.glossSynonymsPath }
              : {}),
          },
        }
      : {}),
  });
  /** Calls being answered: closing waits for them (the tokenizer must outlive them). */
  const inFlight = new Set<Promise<unknown>>();
  port.on('message', (message: ToWorker) => {
    if (message.kind === 'expire') {
      service.expire();
      return;
    }
    if (message.kind === 'close') {
      void Promise.allSettled([...inFlight])
        .then(() => service.close())
        .finally(() => {
          config.storePort.close();
          port.close();
        });
      return;
    }
    now = new Date(message.now);
    const answered = answer(service, message.call);
    inFlight.add(answered);
    answered
      .then(
        (value) => send({ kind: 'reply', id: message.id, value, stats: service.stats() }),
        (error: unknown) =>
          send({
            kind: 'reply',
            id: message.id,
            error: serializeError(error),
            stats: service.stats(),
          }),
      )
      .finally(() => inFlight.delete(answered));
  });
  send({ kind: 'ready', tokenizerName: service.tokenizerName, stats: service.stats() });
} catch (error) {
  send({ kind: 'failed', error: serializeError(error) });
  config.storePort.close();
  port.close();
}
