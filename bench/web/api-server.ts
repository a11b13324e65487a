/**
 * The API server for the load test, in its own process (the load generator gets the other core):
 *   node bin/run-ts.mjs bench/web/api-server.ts <database>
 * Prints `listening <url>` once it serves. The search rate limit is lifted: the load test
 * measures speed, and all its clients share one loopback address.
 */
import { openDatabase } from '#db/open-database.ts';
import { startServer } from '#server/start-server.ts';

const target = process.argv[2];
if (!target) throw new Error('usage: api-server.ts <database>');
const database = await openDatabase(target);
const server = await startServer({
  repos: database.repos,
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
