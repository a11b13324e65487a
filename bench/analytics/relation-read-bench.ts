/**
 * Times the compact network read (`readCompactNetwork`) on a stored network: wall and CPU of the
 * read in this process, peak resident memory after it. Read only (SELECT, a cursor, COPY TO).
 *
 *   node bin/run-ts.mjs bench/analytics/relation-read-bench.ts --db PATH|URL [--reader FILE.ts]
 *
 * `--reader` names another module exporting `readCompactNetwork` (an older version, to compare in
 * the same conditions); one read per process.
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { createPgClient } from '#db/pg-client.ts';
import { createSqliteClient } from '#db/sqlite-client.ts';
import type { SqlClient } from '#db/sql-client.ts';
import { readCompactNetwork } from '#db/network-reader.ts';

const { values } = parseArgs({
  options: { db: { type: 'string' }, reader: { type: 'string' } },
});
const target = values.db;
if (target === undefined) throw new Error('--db PATH|URL is required');
const client: SqlClient = /^postgres(ql)?:/.test(target)
  ? createPgClient(target)
  : createSqliteClient(target);
const read: typeof readCompactNetwork =
  values.reader === undefined
    ? readCompactNetwork
    : (
        (await import(pathToFileURL(resolve(values.reader)).href)) as {
          readCompactNetwork: typeof readCompactNetwork;
        }
      ).readCompactNetwork;

let lines = 0;
const cpu = process.cpuUsage();
const started = performance.now();
const network = await read(client, () => lines++);
const wall = (performance.now() - started) / 1000;
const used = process.cpuUsage(cpu);
await client.close();
console.log(
  JSON.stringify({
    reader: values.reader ?? 'current',
    actors: network.actors.length,
    relations: network.relations.count,
    reportLines: lines,
    wallSeconds: Number(wall.toFixed(2)),
    cpuSeconds: Number(((used.user + used.system) / 1e6).toFixed(2)),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
