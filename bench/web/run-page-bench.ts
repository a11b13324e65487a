/** Entry: node bin/run-ts.mjs bench/web/run-page-bench.ts [--label NAME] */
import { runPageBench } from './page-bench.ts';

const i = process.argv.indexOf('--label');
const label = i >= 0 ? process.argv[i + 1] : undefined;
const result = await runPageBench(label ? { label } : {});
console.log(`all pages within target: ${result.allPagesMeetTarget}`);
