/** Entry: node bin/run-ts.mjs bench/web/run-page-bench.ts [--label NAME] [--cold-only] */
import { runPageBench } from './page-bench.ts';

const i = process.argv.indexOf('--label');
const label = i >= 0 ? process.argv[i + 1] : undefined;
const coldOnly = process.argv.includes('--cold-only');
const result = await runPageBench({ ...(label ? { label } : {}), coldOnly });
console.log(`all pages within target: ${result.allPagesMeetTarget}`);
