/**
 * National-scale 法人番号 benchmark (issue 10, point 5), first cut:
 *   node bin/run-ts.mjs bench/houjin/houjin-bench.ts [ROWS]
 * Generates a 全件 file of ROWS rows and a 差分 file of ROWS/100, then times `musubi connect
 * houjin-bangou` into a fresh SQLite database (peak RSS by /usr/bin/time) against sqlite3's own
 * `.import` of the same file into a 30-column table, and the 差分 file after the full load.
 * Writes bench/results/houjin-national.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHoujinFile } from './generate-houjin-file.ts';

const rows = Number(process.argv[2] ?? 20_000);
const dir = mkdtempSync(join(tmpdir(), 'musubi-houjin-'));
const full = join(dir, 'full.csv');
const diff = join(dir, 'diff.csv');
await writeHoujinFile(full, { rows, kind: 'full' });
await writeHoujinFile(diff, { rows: Math.max(1, Math.round(rows / 100)), kind: 'diff', seed: 2 });

function run(command: string, args: string[]): { seconds: number; peakMiB: number } {
  const started = performance.now();
  const result = execFileSync('/bin/sh', [
    '-c',
    `/usr/bin/time -f PEAK_KB=%M ${[command, ...args].map((a) => `'${a}'`).join(' ')} 2>&1 >/dev/null | grep PEAK_KB`,
  ]).toString();
  const peak = Number(/PEAK_KB=(\d+)/.exec(result)?.[1] ?? 0);
  return { seconds: (performance.now() - started) / 1000, peakMiB: Math.round(peak / 1024) };
}

const db = join(dir, 'connect.db');
const connectFull = run('node', [
  'bin/musubi.mjs',
  'connect',
  'houjin-bangou',
  full,
  '--db',
  db,
  '--json',
]);
const connectDiff = run('node', [
  'bin/musubi.mjs',
  'connect',
  'houjin-bangou',
  diff,
  '--db',
  db,
  '--json',
]);
const columns = Array.from({ length: 30 }, (_, i) => `c${i + 1} TEXT`).join(', ');
const engineDb = join(dir, 'engine.db');
const engine = run('sqlite3', [
  engineDb,
  `CREATE TABLE houjin (${columns});`,
  '.mode csv',
  `.import ${full} houjin`,
]);
const result = {
  rows,
  diffRows: Math.round(rows / 100),
  sqlite: {
    connectFull,
    connectDiff,
    engineImport: engine,
    ratio: Math.round((connectFull.seconds / engine.seconds) * 10) / 10,
    diffShareOfFull: Math.round((connectDiff.seconds / connectFull.seconds) * 1000) / 1000,
  },
  machine: '2 shared cores, other work running',
};
writeFileSync('bench/results/houjin-national.json', JSON.stringify(result, null, 2) + '\n');
console.log(JSON.stringify(result, null, 2));
