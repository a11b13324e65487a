// Starts the relations reading thread from the TypeScript sources (a checkout, tests, the bench):
// tsx compiles them in this thread. The bundled CLI starts its compiled worker directly.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
