/** Entry: node bin/run-ts.mjs bench/web/run-national-pages.ts [--db PATH] [--wait-minutes 60] */
import { join } from 'node:path';
import { runNationalPagesBench, writeNationalPagesReport } from './national-pages-bench.ts';

const flag = (name: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const root = process.cwd();
const report = await runNationalPagesBench({
  root,
  database: flag('--db') ?? join(root, 'bench', 'tmp', 'analytics-e2e', 'e2e-1m.sqlite'),
  waitMinutes: Number(flag('--wait-minutes') ?? 60),
});
writeNationalPagesReport(root, report);
console.log(
  `warm-up ${report.warmUpSeconds ?? 'unfinished'} s; pages within target: ${report.pages.filter((p) => p.meetsTarget).length} of ${report.pages.length}`,
);
