/**
 * The thread that reads and checks a relations CSV (`readRelationBatches`) while the import's
 * thread writes: batches go over as they fill, at most `ahead` of them waiting (the counters in
 * `progress`: [batches sent, batches taken]), so memory stays bounded however fast the reading.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ENTITY_SPECS } from '#core/entities/registry.ts';
import { readRelationBatches } from './relation-csv-batches.ts';
import type { RelationBatchJob, RelationBatchMessage } from './relation-batch-thread.ts';

const port = parentPort;
if (port === null) throw new Error('relation-batch-worker runs in a worker thread');
const job = workerData as RelationBatchJob;
const counters = new Int32Array(job.progress);
const post = (message: RelationBatchMessage, transfer: ArrayBuffer[] = []): void =>
  port.postMessage(message, transfer);

try {
  for await (const batch of readRelationBatches(
    job.path,
    ENTITY_SPECS.relations,
    job.header,
    job.batchSize,
  )) {
    // Wait while `ahead` batches are still untaken.
    for (;;) {
      const taken = Atomics.load(counters, 1);
      const sent = Atomics.load(counters, 0);
      if (sent - taken < job.ahead) break;
      Atomics.wait(counters, 1, taken, 1000);
    }
    Atomics.add(counters, 0, 1);
    const buffers = [batch.rows.buffer, batch.weights.buffer, batch.ends.buffer];
    post({ batch }, buffers as ArrayBuffer[]);
  }
  post({ done: true });
} catch (error) {
  post({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
