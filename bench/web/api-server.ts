/**
 * The API server for the load test, in its own process (the load generator gets the other core):
 *   node bin/run-ts.mjs bench/web/api-server.ts <database>
 * Prints `listening <url>` once it serves. The search rate limit is lifted: the load test
 * measures speed, and all its clients share one loopback address.
 */
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { openDatabase } from '#db/open-database.ts';
import { startServer } from '#server/start-server.ts';

const target = process.argv[2];
if (!target) throw new Error('usage: api-server.ts <database>');
const database = await openDatabase(target);
const server = await startServer({
  repos: database.repos,
  database: target,
  port: 0,
  config: {
    rateLimits: { search: { capacity: 1_000_000, refillPerSecond: 1_000_000 } },
  },
});
console.log(`listening ${server.url}`);
const stop = async () => {
  await server.close();
  await database.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
if (process.env['MUSUBI_BENCH_MEMORY_LOG']) {
  // The heap right after each full collection is what the process really keeps (a growing
  // floor is a leak); between collections V8 lets the heap, and so the RSS, grow as it likes.
  const mib = (n: number) => Math.round(n / 1048576);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (
        (entry as { detail?: { kind?: number } }).detail?.kind !==
        constants.NODE_PERFORMANCE_GC_MAJOR
      )
        continue;
      const m = process.memoryUsage();
      console.log(`memory ${JSON.stringify({ heapUsedMiB: mib(m.heapUsed), rssMiB: mib(m.rss) })}`);
    }
  }).observe({ entryTypes: ['gc'] });
}
