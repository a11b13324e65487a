/**
 * Regenerates packages/matching/eval/distractors.json (the evaluation set's 2,800 distractor
 * seeds): node bin/run-ts.mjs bench/matching/write-distractors.ts
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { generateDistractors } from './distractors.ts';

export const EVAL_DISTRACTOR_COUNT = 2_800;
export const EVAL_DISTRACTOR_SEED = 20_240_401;

const path = resolve('packages/matching/eval/distractors.json');
const list = [...generateDistractors({ count: EVAL_DISTRACTOR_COUNT, seed: EVAL_DISTRACTOR_SEED })];
const config = (await resolveConfig(path)) ?? {};
writeFileSync(path, await format(JSON.stringify(list), { ...config, parser: 'json' }));
console.log(`wrote ${list.length} distractors to ${path}`);
