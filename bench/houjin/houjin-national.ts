/**
 * Entry of the 法人番号 benchmark on its own: node bin/run-ts.mjs bench/houjin/houjin-national.ts [ROWS]
 * (SQLite, and PostgreSQL when TEST_DATABASE_URL is set). `npm run bench -- --only houjin` runs the same.
 * `… houjin-national.ts --render` writes the markdown again from the last JSON.
 */
import { readFileSync } from 'node:fs';
import { runHoujinBench, writeHoujinResults, type HoujinBenchReport } from './houjin-bench.ts';

if (process.argv[2] === '--render') {
  // Only the markdown again, from the last JSON (after bench/results/houjin-national-notes.md changed).
  const report = JSON.parse(
    readFileSync('bench/results/houjin-national.json', 'utf8'),
  ) as HoujinBenchReport;
  writeHoujinResults(process.cwd(), report);
} else {
  const url = process.env['TEST_DATABASE_URL'];
  await runHoujinBench({
    rows: Number(process.argv[2] ?? 20_000),
    ...(url ? { postgresUrl: url } : { engines: ['sqlite'] }),
  });
}
