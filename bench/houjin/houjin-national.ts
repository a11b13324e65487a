/**
 * Entry of the 法人番号 benchmark on its own: node bin/run-ts.mjs bench/houjin/houjin-national.ts [ROWS]
 * (SQLite, and PostgreSQL when TEST_DATABASE_URL is set). `npm run bench -- --only houjin` runs the same.
 */
import { runHoujinBench } from './houjin-bench.ts';

const url = process.env['TEST_DATABASE_URL'];
await runHoujinBench({
  rows: Number(process.argv[2] ?? 20_000),
  ...(url ? { postgresUrl: url } : { engines: ['sqlite'] }),
});
