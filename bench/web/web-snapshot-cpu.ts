/**
 * What building the web views' snapshot costs on the demo (issue 11 "Speed"), in this process: wall
 * time and CPU (user + system) of
 * - `buildWebSnapshot` on a fresh copy of the demo (no network snapshot, no communities kept: what
 *   the web views' worker does first after `musubi start` on a fresh data dir, the communities
 *   computed here);
 * - the network part again with the communities and the stored network snapshot kept (what a
 *   server finds when the analysis worker has read the network and computed the communities first);
 * - the pieces: the record read (`loadNetwork`, every actor and relation checked) and the compact
 *   read (`repos.network.readCompact()`), from the rows and from the stored snapshot.
 *   node bin/run-ts.mjs bench/web/web-snapshot-cpu.ts [--rounds N]
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '#core/ports.ts';
import { openDatabase } from '#db/open-database.ts';
import { defaultCommunitiesFingerprint } from '#services/analysis/current-communities.ts';
import { loadNetwork } from '#services/analysis/load-network.ts';
import { buildNetworkPart, buildWebSnapshot } from '#server/routes/web-data-snapshot.ts';
import { prepareDemo } from './page-bench.ts';

interface Cost {
  wallSeconds: number;
  cpuSeconds: number;
}

async function measured<T>(work: () => Promise<T>): Promise<Cost & { value: T }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return {
    value,
    wallSeconds: (performance.now() - started) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
  };
}

const s = (n: number) => n.toFixed(2);
const i = process.argv.indexOf('--rounds');
const rounds = i >= 0 ? Number(process.argv[i + 1]) : 1;

const workDir = join(process.cwd(), 'bench', 'tmp', 'pages');
mkdirSync(workDir, { recursive: true });
const demo = join(workDir, 'demo.sqlite');
await prepareDemo(demo);
const fresh = join(workDir, 'snapshot-cpu.sqlite');

const rows: [string, Cost][] = [];
for (let round = 0; round < rounds; round++) {
  for (const suffix of ['', '-wal', '-shm']) rmSync(fresh + suffix, { force: true });
  copyFileSync(demo, fresh);
  const database = await openDatabase(fresh);
  try {
    await database.client.run('DELETE FROM analysis_results');
    await database.client.run('DELETE FROM graph_snapshot_chunks');
    const { repos } = database;
    const load = loadavg()[0] ?? 0;
    const cold = await measured(() => buildWebSnapshot(repos, systemClock));
    rows.push([`whole snapshot, fresh copy (communities computed; load ${s(load)})`, cold]);
    const records = await measured(() => loadNetwork(repos, { seeds: true, projects: true }));
    rows.push(['record read (loadNetwork, seeds and projects)', records]);
    await database.client.run('DELETE FROM graph_snapshot_chunks');
    rows.push([
      'compact read from the rows (snapshot stored)',
      await measured(() => repos.network.readCompact()),
    ]);
    rows.push([
      'compact read from the stored snapshot',
      await measured(() => repos.network.readCompact()),
    ]);
    const [versions, [latest]] = await Promise.all([
      repos.dataVersions(),
      repos.analysisRuns.list('communities', 1),
    ]);
    const keepAs = defaultCommunitiesFingerprint(versions, latest?.id ?? null);
    // The first keeps the communities (computed once more), the second finds them kept.
    await buildNetworkPart(repos, systemClock, keepAs);
    rows.push([
      'network part, communities and network snapshot kept',
      await measured(() => buildNetworkPart(repos, systemClock, keepAs)),
    ]);
  } finally {
    await database.close();
  }
}
for (const suffix of ['', '-wal', '-shm']) rmSync(fresh + suffix, { force: true });

console.log(`${new Date().toISOString()}; ${cpus().length} cores`);
console.log('| step | wall (s) | CPU (s) |');
console.log('|---|---|---|');
for (const [name, cost] of rows)
  console.log(`| ${name} | ${s(cost.wallSeconds)} | ${s(cost.cpuSeconds)} |`);
