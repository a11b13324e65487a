/**
 * End-to-end communities benchmark (issue 16): what a user waits for. On the same planted network,
 * Musubi's whole commands — `musubi import relations` into a fresh database, then
 * `musubi analyze communities --json` — against python-igraph's whole process reading the same
 * relations CSV and running Leiden (Debian's python3-igraph, `n_iterations=2`, its default).
 * Each is a child process under GNU time (wall, user + system CPU, peak RSS); analysis rounds
 * alternate Musubi / igraph. Quality: modularity as each reports it, NMI to the planted truth
 * (Musubi's unassigned actors, in communities under the minimum size, count as singletons).
 * Results: bench/results/analytics-e2e.{json,md}.
 *
 * usage: node bin/run-ts.mjs bench/analytics/run-end-to-end.ts [--sizes e2e-30k,e2e-100k]
 *        [--engines sqlite,postgres] [--rounds 3] [--postgres-url URL] [--reuse] [--import-only]
 * --import-only: only `musubi import relations` against the engine's loader (no analysis rounds, no
 * report written; the figures are logged).
 * --reuse: keep each size's imported database (bench/tmp/analytics-e2e/SIZE.sqlite, PostgreSQL
 * database musubi_bench_communities_SIZE) and analyse it again without importing; the import
 * figures of the earlier row are kept. Without it every run imports into a fresh database.
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { normalizedMutualInformation } from '../../packages/analytics/src/partition-compare.ts';
import { adminQuery, withDatabase } from '../../packages/db/src/pg-admin.ts';
import {
  measureProcess,
  serverCpuWhile,
  withServerCpu,
  type ProcessMeasure,
} from '../engine-load.ts';
import { writePlantedFiles } from './planted-import-files.ts';
import { loadRelationsWithPsql, loadRelationsWithSqlite3 } from './relations-engine-load.ts';

export const END_TO_END_SIZES = {
  // A smoke size: checks the benchmark itself in seconds.
  'e2e-3k': { nodeCount: 3_000, averageDegree: 20, communityCount: 10, mixing: 0.3 },
  'e2e-30k': { nodeCount: 30_000, averageDegree: 20, communityCount: 30, mixing: 0.3 },
  'e2e-100k': { nodeCount: 100_000, averageDegree: 20, communityCount: 100, mixing: 0.3 },
  'e2e-1m': { nodeCount: 1_000_000, averageDegree: 20, communityCount: 1000, mixing: 0.3 },
} as const;
export type EndToEndSize = keyof typeof END_TO_END_SIZES;
type Engine = 'sqlite' | 'postgres';

type Measure = ProcessMeasure & { stdout: string };

const measure = measureProcess;

function nmiToPlanted(
  ids: readonly string[],
  labels: readonly number[],
  planted: Int32Array,
): number {
  const found = new Int32Array(planted.length).fill(-1);
  for (let i = 0; i < ids.length; i++)
    found[Number((ids[i] as string).slice(1)) - 1] = labels[i] as number;
  // A loop, not a spread: a million labels overflow the call stack.
  let next = 1 + labels.reduce((top, label) => Math.max(top, label), 0);
  for (let v = 0; v < found.length; v++) if (found[v] === -1) found[v] = next++;
  return normalizedMutualInformation(Array.from(found), Array.from(planted));
}

async function databaseExists(adminUrl: string, name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return found.rows.length > 0;
  } finally {
    await client.end();
  }
}

export interface Row {
  size: EndToEndSize;
  engine: Engine;
  nodes: number;
  edges: number;
  /** Null when an imported database was reused (`--reuse`): the earlier row's figure is kept. */
  importRelations: Measure | null;
  /** The engine's own loader of the same CSV into the same table (null when reused). */
  engineRelations: ProcessMeasure | null;
  musubi: Measure[];
  /**
   * Whether the first of `musubi` ran right after this run's import, as an analyst's first
   * analysis after a data load does (rows read, snapshot written); absent in older rows.
   */
  firstAfterImport?: boolean;
  igraph: Measure[];
  musubiModularity: number;
  musubiIterations: number | null;
  musubiNmi: number;
  igraphModularity: number;
  igraphNmi: number;
  igraphReadSeconds: number;
  igraphLeidenSeconds: number;
  loadAverage: { atStart: number; atEnd: number };
}

/** Client and, where sampled, server CPU. */
const cpuOf = (m: ProcessMeasure): number => m.cpuSeconds + (m.serverCpuSeconds ?? 0);

const cpuText = (m: ProcessMeasure): string =>
  m.serverCpuSeconds === undefined
    ? m.cpuSeconds.toFixed(1)
    : `${m.cpuSeconds.toFixed(1)} + ${m.serverCpuSeconds.toFixed(1)}`;

/** A copy of a database that holds the actors, for the engine's loader. */
async function copyDatabase(
  engine: Engine,
  location: string,
  adminUrl: string | undefined,
  name: string,
  tmp: string,
): Promise<{ name: string; location: string; drop: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const copy = join(tmp, 'engine-relations.sqlite');
    for (const suffix of ['', '-wal', '-shm']) {
      rmSync(copy + suffix, { force: true });
      if (existsSync(location + suffix)) copyFileSync(location + suffix, copy + suffix);
    }
    return {
      name: copy,
      location: copy,
      drop: async () => {
        for (const suffix of ['', '-wal', '-shm']) rmSync(copy + suffix, { force: true });
      },
    };
  }
  if (!adminUrl) throw new Error('--postgres-url is needed for the postgres engine');
  const copy = `${name}_engine`;
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${copy} WITH (FORCE)`);
  await adminQuery(adminUrl, `CREATE DATABASE ${copy} TEMPLATE ${name}`);
  return {
    name: copy,
    location: withDatabase(adminUrl, copy),
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${copy} WITH (FORCE)`),
  };
}

/** Both loads stored the same relations (count, identities and weights summed up). */
async function sameRelations(engine: Engine, musubiDb: string, engineDb: string): Promise<void> {
  const sql =
    'SELECT count(*) AS n, sum(length(id)) AS idChars, sum(weight) AS weights, min(id) AS first, max(id) AS last, count(DISTINCT updated_at) > 0 AS dated FROM relations WHERE version = 1 AND start_date IS NULL';
  const read = async (location: string): Promise<string> => {
    if (engine === 'sqlite') {
      const db = new Database(location, { readonly: true });
      try {
        return JSON.stringify(Object.values(db.prepare(sql).get() as object).map(String));
      } finally {
        db.close();
      }
    }
    const client = new pg.Client({ connectionString: location });
    await client.connect();
    try {
      const { rows } = await client.query(sql);
      return JSON.stringify(Object.values(rows[0] as object).map(String));
    } finally {
      await client.end();
    }
  };
  const [ours, theirs] = [await read(musubiDb), await read(engineDb)];
  if (ours !== theirs)
    throw new Error(`the engine's loader stored other relations: ${theirs} against ${ours}`);
}

const best = (runs: readonly Measure[], key: 'wallSeconds' | 'cpuSeconds' | 'peakMiB') =>
  Math.min(...runs.map((r) => r[key]));
const most = (runs: readonly Measure[]) => Math.max(...runs.map((r) => r.peakMiB));

export async function runEndToEndBench(options: {
  root: string;
  sizes: readonly EndToEndSize[];
  engines: readonly Engine[];
  rounds: number;
  postgresUrl?: string;
  reuse?: boolean;
  importOnly?: boolean;
  log?: (line: string) => void;
}): Promise<Row[]> {
  const log = options.log ?? ((line: string) => console.log(line));
  const tmp = join(options.root, 'bench', 'tmp', 'analytics-e2e');
  mkdirSync(tmp, { recursive: true });
  const musubi = join(options.root, 'bin', 'musubi.mjs');
  // The commands run from the bundle, as installed (the sources through tsx start slower).
  execFileSync('npm', ['run', 'build:cli'], { cwd: options.root, stdio: 'ignore' });
  const rows: Row[] = [];
  for (const size of options.sizes) {
    const files = await writePlantedFiles(tmp, END_TO_END_SIZES[size], 1);
    const planted = new Int32Array(new Uint8Array(readFileSync(files.plantedPath)).buffer);
    for (const engine of options.engines) {
      const atStart = loadavg()[0] ?? 0;
      let db: string;
      let imported = false;
      const databaseName = `musubi_bench_communities_${size.replace(/-/g, '_')}`;
      if (engine === 'sqlite') {
        db = join(tmp, `${size}.sqlite`);
        imported = options.reuse === true && existsSync(db);
        if (!imported)
          for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
      } else {
        const admin = options.postgresUrl;
        if (!admin) throw new Error('--postgres-url is needed for the postgres engine');
        imported = options.reuse === true && (await databaseExists(admin, databaseName));
        if (!imported) {
          await adminQuery(admin, `DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
          await adminQuery(admin, `CREATE DATABASE ${databaseName}`);
        }
        db = withDatabase(admin, databaseName);
      }
      let importRelations: Measure | null = null;
      let engineRelations: ProcessMeasure | null = null;
      if (!imported) {
        log(`${size} ${engine}: import actors`);
        await measure(
          'node',
          [musubi, 'import', 'actors', files.actorsCsv, '--db', db, '--json'],
          options.root,
        );
        // The engine's loader starts from the same actors: a copy of the database as it is now.
        const peer = await copyDatabase(engine, db, options.postgresUrl, databaseName, tmp);
        log(`${size} ${engine}: import relations`);
        const importCommand = measure(
          'node',
          [musubi, 'import', 'relations', files.relationsCsv, '--db', db, '--json'],
          options.root,
        );
        importRelations =
          engine === 'postgres' && options.postgresUrl
            ? withServerCpu(await serverCpuWhile(options.postgresUrl, databaseName, importCommand))
            : await importCommand;
        log(
          `  ${importRelations.wallSeconds.toFixed(1)} s wall, ${cpuOf(importRelations).toFixed(1)} s CPU, ${importRelations.peakMiB} MiB`,
        );
        log(`${size} ${engine}: the engine's loader of the same relations`);
        engineRelations =
          engine === 'postgres' && options.postgresUrl
            ? await loadRelationsWithPsql(
                options.root,
                options.postgresUrl,
                peer.name,
                peer.location,
                files.relationsCsv,
                join(tmp, 'relations-load.sql'),
              )
            : await loadRelationsWithSqlite3(options.root, peer.location, files.relationsCsv);
        log(
          `  ${engineRelations.wallSeconds.toFixed(1)} s wall, ${cpuOf(engineRelations).toFixed(1)} s CPU, ${engineRelations.peakMiB} MiB`,
        );
        await sameRelations(engine, db, peer.location);
        await peer.drop();
        const pairLine = `import relations / engine loader: ${(importRelations.wallSeconds / engineRelations.wallSeconds).toFixed(2)}× wall, ${(cpuOf(importRelations) / cpuOf(engineRelations)).toFixed(2)}× CPU (load average ${atStart.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)})`;
        log(`  ${pairLine}`);
        if (options.importOnly)
          appendImportPair(options.root, {
            size,
            engine,
            edges: files.edges,
            musubi: `${importRelations.wallSeconds.toFixed(1)} s wall, ${cpuOf(importRelations).toFixed(1)} s CPU, ${importRelations.peakMiB} MiB`,
            loader: `${engineRelations.wallSeconds.toFixed(1)} s wall, ${cpuOf(engineRelations).toFixed(1)} s CPU, ${engineRelations.peakMiB} MiB`,
            ratios: pairLine,
          });
      } else log(`${size} ${engine}: reusing the imported database`);
      if (options.importOnly) {
        if (engine === 'postgres' && options.postgresUrl)
          await adminQuery(
            options.postgresUrl,
            `DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`,
          );
        continue;
      }
      const musubiRuns: Measure[] = [];
      const igraphRuns: Measure[] = [];
      let musubiOut = '';
      let igraphOut = '';
      const membershipPath = join(tmp, `${size}-igraph.json`);
      for (let round = 0; round < options.rounds; round++) {
        const m = await measure(
          'node',
          [musubi, 'analyze', 'communities', '--seed', '1', '--json', '--db', db],
          options.root,
        );
        musubiRuns.push(m);
        musubiOut = m.stdout;
        log(
          `  musubi analyze communities: ${m.wallSeconds.toFixed(1)} s wall, ${m.cpuSeconds.toFixed(1)} s CPU, ${m.peakMiB.toFixed(0)} MiB`,
        );
        const g = await measure(
          '/usr/bin/python3',
          [
            join(options.root, 'bench', 'analytics', 'igraph-csv-communities.py'),
            files.relationsCsv,
            '2',
            '1',
            membershipPath,
          ],
          options.root,
        );
        igraphRuns.push(g);
        igraphOut = g.stdout;
        log(
          `  igraph read + Leiden: ${g.wallSeconds.toFixed(1)} s wall, ${g.cpuSeconds.toFixed(1)} s CPU, ${g.peakMiB.toFixed(0)} MiB`,
        );
      }
      const result = JSON.parse(musubiOut) as {
        modularity: number;
        iterations?: number;
        communities: { members: string[] }[];
      };
      const ids: string[] = [];
      const labels: number[] = [];
      result.communities.forEach((c, label) => {
        for (const id of c.members) {
          ids.push(id);
          labels.push(label);
        }
      });
      const peer = JSON.parse(igraphOut.trim().split('\n').pop() ?? '{}') as {
        modularity: number;
        readSeconds: number;
        leidenSeconds: number;
      };
      const igraphMembership = JSON.parse(readFileSync(membershipPath, 'utf8')) as {
        ids: string[];
        membership: number[];
      };
      rows.push({
        size,
        engine,
        nodes: files.nodes,
        edges: files.edges,
        importRelations,
        engineRelations,
        musubi: musubiRuns.map((r) => ({ ...r, stdout: '' })),
        firstAfterImport: !imported,
        igraph: igraphRuns.map((r) => ({ ...r, stdout: '' })),
        musubiModularity: result.modularity,
        musubiIterations: result.iterations ?? null,
        musubiNmi: nmiToPlanted(ids, labels, planted),
        igraphModularity: peer.modularity,
        igraphNmi: nmiToPlanted(igraphMembership.ids, igraphMembership.membership, planted),
        igraphReadSeconds: peer.readSeconds,
        igraphLeidenSeconds: peer.leidenSeconds,
        loadAverage: { atStart, atEnd: loadavg()[0] ?? 0 },
      });
      if (engine === 'postgres' && options.postgresUrl && options.reuse !== true)
        await adminQuery(
          options.postgresUrl,
          `DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`,
        );
    }
  }
  if (!options.importOnly) writeReport(options.root, rows);
  return rows;
}

export /**
 * `--import-only` keeps its pairs: one line each in bench/results/relations-import-runs.md (the
 * full run's report is left as it is).
 */
function appendImportPair(
  root: string,
  pair: {
    size: string;
    engine: string;
    edges: number;
    musubi: string;
    loader: string;
    ratios: string;
  },
): void {
  const path = join(root, 'bench', 'results', 'relations-import-runs.md');
  if (!existsSync(path))
    writeFileSync(
      path,
      '# Relations import against the engine loader (`run-end-to-end.ts --import-only`)\n\nTarget (issue 16 point 3): `musubi import relations` within 2× of sqlite3 `.import` / psql `\\copy` loading the same CSV into the same table (see analytics-e2e.md), wall and CPU; on PostgreSQL CPU is client + server.\n\n| measured | size | engine | relations | musubi import relations | engine loader | ratios |\n|---|---|---|---:|---|---|---|\n',
    );
  appendFileSync(
    path,
    `| ${new Date().toISOString()} | ${pair.size} | ${pair.engine} | ${pair.edges} | ${pair.musubi} | ${pair.loader} | ${pair.ratios} |\n`,
  );
}

function writeReport(root: string, fresh: Row[]): void {
  const jsonPath = join(root, 'bench', 'results', 'analytics-e2e.json');
  const earlier = existsSync(jsonPath)
    ? ((JSON.parse(readFileSync(jsonPath, 'utf8')) as { rows: (Row & { measuredAt: string })[] })
        .rows ?? [])
    : [];
  const now = new Date().toISOString();
  const key = (r: { size: string; engine: string }) => `${r.size}/${r.engine}`;
  const freshKeys = new Set(fresh.map(key));
  const earlierOf = new Map(earlier.map((r) => [key(r), r]));
  const rows = [
    ...fresh.map((r) => ({
      ...r,
      importRelations: r.importRelations ?? earlierOf.get(key(r))?.importRelations ?? null,
      engineRelations: r.engineRelations ?? earlierOf.get(key(r))?.engineRelations ?? null,
      measuredAt: now,
    })),
    ...earlier.filter((r) => !freshKeys.has(key(r))),
  ];
  const machine = `${cpus()[0]?.model ?? 'unknown'} (${cpus().length} CPUs, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB), Node ${process.version}`;
  writeFileSync(jsonPath, `${JSON.stringify({ generatedAt: now, machine, rows }, null, 2)}\n`);
  const lines = [
    '# Communities end to end: Musubi commands vs python-igraph (issue 16)',
    '',
    `Generated ${now} on ${machine}. The machine is shared (2 cores, other work running): the 1-min load average at start/end of each row is given; CPU-time ratios are less sensitive to it than wall ratios.`,
    '',
    "Same planted network on both sides (bench/analytics/planted-import-files.ts: organisations `P…`, `mou` ties of weight 1, duplicates removed). Musubi: `musubi import relations` into a fresh database, then `musubi analyze communities --seed 1 --json` (stores the run). python-igraph 0.10.2 (Debian): one process reading the same relations CSV as its best users would (split in one pass, ids numbered with numpy's `unique`, `Graph(n, edges)`; until 2026-12-05 10:40 UTC rows read it with Python's csv module), then running `community_leiden(modularity, β 0.01, n_iterations=2)`. Whole child processes under GNU time; analysis rounds alternate Musubi / igraph, best wall and CPU kept, peak RSS the largest.",
    '',
    'Targets: analyze communities ≤ 1.5× igraph read + Leiden (wall and CPU; the ratio columns take the best round, the first run after the import is given beside them), peak < 2 GB, modularity within 0.005 of igraph; `musubi import relations` ≤ 2× the engine loading the same CSV into the same table (sqlite3 `.import` / psql `\\copy` into a staging table, one `INSERT … SELECT` into `relations` of a copy of the database holding the actors, indexes built once at the end, foreign keys checked set-wise once: `relations-engine-load.ts`), peak < 2 GB. On PostgreSQL the import CPU is client + server (the backends of the database, from /proc).',
    '',
    '## Ratios (Musubi analyze communities / igraph read + Leiden)',
    '',
    '| size | engine | nodes | edges | wall ratio | CPU ratio | first run after the import (wall, CPU) | import relations / engine loader (wall, CPU) | import relations / igraph (wall) | Δ modularity | Musubi peak | targets met | measured | load avg |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|',
  ];
  for (const r of rows) {
    const wall = best(r.musubi, 'wallSeconds') / best(r.igraph, 'wallSeconds');
    const cpu = best(r.musubi, 'cpuSeconds') / best(r.igraph, 'cpuSeconds');
    const dq = r.musubiModularity - r.igraphModularity;
    const met = wall <= 1.5 && cpu <= 1.5 && most(r.musubi) < 2048 && Math.abs(dq) <= 0.005;
    const first = r.firstAfterImport === true ? r.musubi[0] : undefined;
    const firstText = first
      ? `${(first.wallSeconds / best(r.igraph, 'wallSeconds')).toFixed(2)}× / ${(first.cpuSeconds / best(r.igraph, 'cpuSeconds')).toFixed(2)}×`
      : '–';
    lines.push(
      `| ${r.size} | ${r.engine} | ${r.nodes} | ${r.edges} | **${wall.toFixed(2)}×** | **${cpu.toFixed(2)}×** | ${firstText} | ${r.importRelations && r.engineRelations ? `**${(r.importRelations.wallSeconds / r.engineRelations.wallSeconds).toFixed(2)}× / ${(cpuOf(r.importRelations) / cpuOf(r.engineRelations)).toFixed(2)}×**` : '–'} | ${r.importRelations ? `${(r.importRelations.wallSeconds / best(r.igraph, 'wallSeconds')).toFixed(2)}×` : '–'} | ${dq >= 0 ? '+' : ''}${dq.toFixed(4)} | ${most(r.musubi).toFixed(0)} MiB | ${met ? 'yes' : 'no'} | ${r.measuredAt} | ${r.loadAverage.atStart.toFixed(1)}/${r.loadAverage.atEnd.toFixed(1)} |`,
    );
  }
  lines.push(
    '',
    '## Side by side',
    '',
    '| size | engine | step | wall (s, best; all rounds) | CPU (s, best) | peak RSS (MiB) | modularity | NMI to planted |',
    '|---|---|---|---|---:|---:|---:|---:|',
  );
  for (const r of rows) {
    const all = (runs: Measure[]) => runs.map((m) => m.wallSeconds.toFixed(1)).join(', ');
    lines.push(
      r.importRelations
        ? `| ${r.size} | ${r.engine} | musubi import relations | ${r.importRelations.wallSeconds.toFixed(1)} | ${cpuText(r.importRelations)} | ${r.importRelations.peakMiB.toFixed(0)} | – | – |`
        : `| ${r.size} | ${r.engine} | musubi import relations | not measured | – | – | – | – |`,
      r.engineRelations
        ? `| ${r.size} | ${r.engine} | engine loader of the same relations | ${r.engineRelations.wallSeconds.toFixed(1)} | ${cpuText(r.engineRelations)} | ${r.engineRelations.peakMiB.toFixed(0)} | – | – |`
        : `| ${r.size} | ${r.engine} | engine loader of the same relations | not measured | – | – | – | – |`,
      `| ${r.size} | ${r.engine} | musubi analyze communities${r.musubiIterations !== null ? ` (${r.musubiIterations} iterations)` : ''} | ${best(r.musubi, 'wallSeconds').toFixed(1)}; ${all(r.musubi)} | ${best(r.musubi, 'cpuSeconds').toFixed(1)} | ${most(r.musubi).toFixed(0)} | ${r.musubiModularity.toFixed(4)} | ${r.musubiNmi.toFixed(4)} |`,
      `| ${r.size} | ${r.engine} | python-igraph read CSV + Leiden (read ${r.igraphReadSeconds.toFixed(1)} s, Leiden ${r.igraphLeidenSeconds.toFixed(1)} s) | ${best(r.igraph, 'wallSeconds').toFixed(1)}; ${all(r.igraph)} | ${best(r.igraph, 'cpuSeconds').toFixed(1)} | ${most(r.igraph).toFixed(0)} | ${r.igraphModularity.toFixed(4)} | ${r.igraphNmi.toFixed(4)} |`,
    );
  }
  writeFileSync(join(root, 'bench', 'results', 'analytics-e2e.md'), `${lines.join('\n')}\n`);
}
