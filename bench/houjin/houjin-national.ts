/**
 * Entry of the 法人番号 benchmark on its own:
 *   node bin/run-ts.mjs bench/houjin/houjin-national.ts [ROWS] [--diff-rows M] [--engines sqlite,postgres] [--stored-rows]
 * (SQLite, and PostgreSQL when TEST_DATABASE_URL is set). `npm run bench -- --only houjin` runs the same.
 * `--stored-rows` adds the engine's loader of the stored rows with indexes kept row by row (half an
 * hour at 1 M on SQLite).
 * `… houjin-national.ts --render` writes the markdown again from the last JSON.
 */
import { readFileSync } from 'node:fs';
import {
  runHoujinBench,
  writeHoujinResults,
  type HoujinBenchReport,
  type HoujinEngine,
} from './houjin-bench.ts';

if (process.argv[2] === '--render') {
  // Only the markdown again, from the last JSON (after bench/results/houjin-national-notes.md changed).
  const report = JSON.parse(
    readFileSync('bench/results/houjin-national.json', 'utf8'),
  ) as HoujinBenchReport;
  writeHoujinResults(process.cwd(), report);
} else {
  const url = process.env['TEST_DATABASE_URL'];
  const args = process.argv.slice(2);
  const enginesAt = args.indexOf('--engines');
  const engines = (enginesAt >= 0 ? (args[enginesAt + 1] ?? '') : 'sqlite,postgres')
    .split(',')
    .filter((e): e is HoujinEngine => e === 'sqlite' || e === 'postgres');
  const diffAt = args.indexOf('--diff-rows');
  const diffRows = diffAt >= 0 ? Number(args[diffAt + 1]) : undefined;
  await runHoujinBench({
    rows: Number(
      args.find((a, i) => /^\d+$/.test(a) && (diffAt < 0 || i !== diffAt + 1)) ?? 20_000,
    ),
    ...(diffRows === undefined ? {} : { diffRows }),
    engines: url ? engines : engines.filter((e) => e === 'sqlite'),
    ...(url ? { postgresUrl: url } : {}),
    storedRows: args.includes('--stored-rows'),
  });
}
