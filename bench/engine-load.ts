/**
 * What the benchmarks that compare Musubi's loads with the engine's own loader share: one child
 * process timed under GNU time, the PostgreSQL server's CPU for a database read from /proc, and
 * the secondary indexes (and, on SQLite, triggers and search index) a bulk load drops inside its
 * transaction and builds once at the end, as Musubi's own bulk path does (decision 015).
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { bumpSqliteDataVersion } from '#db/data-version.ts';
import { openDatabase } from '#db/open-database.ts';
import { fillSearchIndexSql, SEARCH_COLUMNS, searchTableOf } from '#db/search-index.ts';

export interface ProcessMeasure {
  wallSeconds: number;
  cpuSeconds: number;
  peakMiB: number;
  /** PostgreSQL: CPU of the server's backends for the database, when they could be sampled. */
  serverCpuSeconds?: number;
}

/** One child process under GNU time: wall, user + system CPU, peak RSS; throws when it fails. */
export async function measureProcess(
  command: string,
  args: readonly string[],
  cwd: string,
): Promise<ProcessMeasure & { stdout: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'musubi-bench-time-'));
  const timeFile = join(dir, 'time.txt');
  const child = spawn('/usr/bin/time', ['-f', '%e %U %S %M', '-o', timeFile, command, ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr
    .setEncoding('utf8')
    .on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-8000)));
  const code = await new Promise<number | null>((done, fail) => {
    child.on('error', fail);
    child.on('close', done);
  });
  const line = readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
  rmSync(dir, { recursive: true, force: true });
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed (${code}): ${stderr}`);
  const [wall, user, system, rssKb] = line.split(' ').map(Number);
  return {
    wallSeconds: wall ?? 0,
    cpuSeconds: Math.round(((user ?? 0) + (system ?? 0)) * 100) / 100,
    peakMiB: Math.round((rssKb ?? 0) / 1024),
    stdout,
  };
}

/**
 * CPU (user + system) of the PostgreSQL server's processes working for `database` while `work`
 * runs: its backends (and parallel workers) are listed every 200 ms and their counters read from
 * /proc, the last reading of each kept. Undefined when the server is not on this machine.
 */
export async function serverCpuWhile<T>(
  adminUrl: string,
  database: string,
  work: Promise<T>,
): Promise<{ result: T; serverCpuSeconds: number | undefined }> {
  const host = new URL(adminUrl).hostname;
  if (!['127.0.0.1', 'localhost', '::1', ''].includes(host))
    return { result: await work, serverCpuSeconds: undefined };
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const ticks = new Map<number, number>();
  let readable = true;
  let finished = false;
  const settled = work.finally(() => {
    finished = true;
  });
  const sample = async (): Promise<void> => {
    const { rows } = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [database],
    );
    for (const { pid } of rows) {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
        ticks.set(pid, Number(fields[11] ?? 0) + Number(fields[12] ?? 0));
      } catch {
        readable = readable && ticks.size > 0;
      }
    }
  };
  try {
    while (!finished) {
      await sample();
      await Promise.race([settled.catch(() => undefined), delay(200)]);
    }
    const result = await settled;
    const total = [...ticks.values()].reduce((a, b) => a + b, 0);
    return { result, serverCpuSeconds: readable ? Math.round(total) / 100 : undefined };
  } finally {
    await client.end();
  }
}

/** A measure with the server's CPU beside it, when it was sampled. */
export function withServerCpu<T extends ProcessMeasure>(measured: {
  result: T;
  serverCpuSeconds: number | undefined;
}): T {
  return measured.serverCpuSeconds === undefined
    ? measured.result
    : { ...measured.result, serverCpuSeconds: measured.serverCpuSeconds };
}

/** The statements a bulk load runs before (`drop`) and after (`create`) filling `table`. */
export interface DeferredIndexes {
  drop: string[];
  create: string[];
}

/** SQLite: the table's secondary indexes and triggers, its search index filled once, its data version moved. */
export async function sqliteDeferredIndexes(path: string, table: string): Promise<DeferredIndexes> {
  const db = await openDatabase(path);
  await db.close();
  const sqlite = new Database(path, { readonly: true });
  try {
    const rows = sqlite
      .prepare(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = ? AND sql IS NOT NULL ORDER BY type",
      )
      .all(table) as { type: string; name: string; sql: string }[];
    const searchColumns = SEARCH_COLUMNS[table];
    return {
      drop: rows.map((r) => `DROP ${r.type === 'trigger' ? 'TRIGGER' : 'INDEX'} "${r.name}";`),
      create: [
        ...rows.filter((r) => r.type === 'index').map((r) => `${r.sql};`),
        ...(searchColumns
          ? [`DELETE FROM ${searchTableOf(table)};`, `${fillSearchIndexSql(table, searchColumns)};`]
          : []),
        ...rows.filter((r) => r.type === 'trigger').map((r) => `${r.sql};`),
        `${bumpSqliteDataVersion(table)};`,
      ],
    };
  } finally {
    sqlite.close();
  }
}

/** PostgreSQL: the table's secondary indexes (not those behind a constraint). */
export async function postgresDeferredIndexes(
  url: string,
  table: string,
): Promise<DeferredIndexes> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; sql: string }>(
      `SELECT ci.relname AS name, pg_get_indexdef(ci.oid) AS sql
       FROM pg_index x JOIN pg_class ci ON ci.oid = x.indexrelid
       WHERE x.indrelid = to_regclass($1)
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`,
      [table],
    );
    return {
      drop: rows.map((r) => `DROP INDEX "${r.name}";`),
      create: rows.map((r) => `${r.sql};`),
    };
  } finally {
    await client.end();
  }
}
