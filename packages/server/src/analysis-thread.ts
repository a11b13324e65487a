/**
 * The analysis worker thread's entry: opens its own connection to the server's database (named in
 * `workerData.database`) and computes shared analyses for the server's analysis store
 * (`#services/analysis-store/worker-runner.ts`), at lowered priority when it computes ahead of
 * being asked (`workerData.lowPriority`), and the web views' answers from a snapshot it keeps
 * (`routes/web-data-answers.ts`), and the browser uploads' checks
 * (`#services/import-export/upload-work.ts`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';
import { openDatabase } from '#db/open-database.ts';
import { serializeError } from '#services/matching/thread-errors.ts';
import {
  serveSharedAnalyses,
  type FromAnalysisWorker,
} from '#services/analysis-store/worker-runner.ts';
import { uploadWorkTasks } from '#services/import-export/upload-work.ts';
import { webDataTasks } from './routes/web-data-answers.ts';

const port = parentPort;
if (port === null) throw new Error('analysis-thread runs in a worker thread');
try {
  const { database: target, lowPriority } = z
    .object({ database: z.string().min(1), lowPriority: z.boolean().default(true) })
    .parse(workerData);
  const database = await openDatabase(target);
  serveSharedAnalyses(port, database.repos, () => database.close(), {
    lowPriority,
    tasks: { ...webDataTasks(database.repos), ...uploadWorkTasks(database.repos) },
  });
} catch (error) {
  // The server's side fails the waiting computations with this error, then starts again.
  port.postMessage({ kind: 'broken', error: serializeError(error) } satisfies FromAnalysisWorker);
  port.close();
}
