import { serialize, deserialize } from 'node:v8';
import { systemClock } from '#core/ports.ts';
import { openDatabase } from '#db/open-database.ts';
import { buildNetworkPart } from '../packages/server/src/routes/web-data-snapshot.ts';
import { createAnalysisContext } from '#services/analysis-store/in-process-runner.ts';
import { runSharedAnalysis } from '#services/analysis-store/shared-analyses.ts';
const database = await openDatabase(process.argv[2]!);
console.log(await database.repos.counts());
let t = performance.now();
const part = await buildNetworkPart(database.repos, systemClock);
console.log('network part', (performance.now()-t)/1000);
t = performance.now(); const buf = serialize(part); console.log('serialize', (performance.now()-t)/1000, buf.length);
t = performance.now(); deserialize(buf); console.log('deserialize', (performance.now()-t)/1000);
const { context } = createAnalysisContext(database.repos);
for (const [name, params] of [['roles', {}], ['brokers', {}], ['strengths', {prefectureCode:'22'}], ['money', {prefectureCode:'22'}], ['regionReport', {prefectureCode:'13'}], ['continuation', {}], ['portfolio', {prefectureCode:'13'}]] as const) {
  t = performance.now();
  const v = await runSharedAnalysis(context, name as never, params as never);
  const s = JSON.stringify(v);
  console.log(name, (performance.now()-t)/1000, s.length, JSON.stringify(JSON.parse(s)) === s);
}
await database.close();
