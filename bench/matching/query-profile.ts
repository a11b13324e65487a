/**
 * Entry point: node bin/run-ts.mjs bench/matching/query-profile.ts SNAPSHOT [--top N] [--glosses]
 * Restores a seed index saved by `analysis-build.ts --save SNAPSHOT` and times each step of the
 * expanded search (analysis, dictionary, co-occurrence, first retrieval, feedback, final
 * retrieval) for the matching benchmark's latency queries, after the same warm-up; prints the
 * percentiles of each step and the slowest queries with their query sizes. For deciding where
 * the p95 goes without rebuilding the 1 M index each time. `--glosses` adds the EDICT gloss
 * links after the dictionary (decision 014); `--synonyms` merges SudachiDict's synonyms into
 * that table, as the service does (decision 016); the confidence of the 20 results is timed too.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAnalyzer } from '#matching/analyze.ts';
import { decodeSerializedIndex, restoreBm25fIndex } from '#matching/bm25f.ts';
import { compileDictionary } from '#matching/dictionary.ts';
import { parseEvalSet } from '#matching/evaluation-set.ts';
import {
  buildQuery,
  expandWithCooccurrence,
  expandWithDictionary,
  expandWithFeedback,
  expandWithGlosses,
  searchWithExpansion,
} from '#matching/expansion.ts';
import { assessHit, textScale } from '#matching/match-confidence.ts';
import { buildGlossLinkTable } from '#matching/gloss-link-table.ts';
import { readEdict } from '#matching-node/edict-file.ts';
import { readSudachiSynonyms } from '#matching-node/sudachi-synonyms-file.ts';
import { synonymLinks } from '#matching/synonym-groups.ts';
import { createKuromojiTokenizer } from '#matching-node/kuromoji-tokenizer.ts';
import { STARTER_DOMAIN_DICTIONARY } from '#matching/starter-dictionary.ts';
import { COMMUNITY_NEEDS, FIELDS } from '#demo/field-vocabulary.ts';
import { loadJson } from './matching-bench.ts';

const args = process.argv.slice(2);
const snapshot = args[0];
if (snapshot === undefined) throw new Error('usage: query-profile.ts SNAPSHOT [--top N]');
const topAt = args.indexOf('--top');
const top = topAt < 0 ? 10 : Number(args[topAt + 1]);

const withSynonyms = args.includes('--synonyms');
const withGlosses = args.includes('--glosses') || withSynonyms;
const root = resolve('.');
const started = performance.now();
const index = restoreBm25fIndex(decodeSerializedIndex(readFileSync(snapshot)));
index.flush();
// As the service holds them: the compact table built from the index's vocabulary.
const glosses = withGlosses
  ? buildGlossLinkTable(readEdict(), index.vocabulary(), {
      ...(withSynonyms ? { synonyms: synonymLinks(readSudachiSynonyms()) } : {}),
    })
  : undefined;
console.log(
  `restored ${index.documentCount} seeds in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
const set = parseEvalSet(loadJson(root, 'packages/matching/eval/eval-set.json'));
const dictionary = compileDictionary(STARTER_DOMAIN_DICTIONARY);
const analyzer = createAnalyzer({ tokenizer: await createKuromojiTokenizer(), dictionary });
const queries = [
  ...set.needs.map((n) => n.text),
  ...FIELDS.flatMap((f) => f.needs),
  ...COMMUNITY_NEEDS.map(([title]) => title),
];

const STEPS = [
  'analyse',
  'dictionary',
  'gloss',
  'cooccurrence',
  'first',
  'feedback',
  'final',
  'confidence',
] as const;
interface Profile {
  readonly text: string;
  readonly ms: Record<(typeof STEPS)[number], number>;
  readonly total: number;
  readonly terms: { first: number; final: number };
}

function profile(text: string): Profile {
  const ms = Object.fromEntries(STEPS.map((s) => [s, 0])) as Profile['ms'];
  const time = <T>(step: (typeof STEPS)[number], run: () => T): T => {
    const at = performance.now();
    const value = run();
    ms[step] += performance.now() - at;
    return value;
  };
  const at = performance.now();
  let query = time('analyse', () => buildQuery(analyzer, text));
  query = time('dictionary', () => expandWithDictionary(query, dictionary));
  if (glosses !== undefined) query = time('gloss', () => expandWithGlosses(index, query, glosses));
  query = time('cooccurrence', () => expandWithCooccurrence(index, query));
  const firstTerms = query.length;
  const first = time('first', () => index.search(query, 10));
  query = time('feedback', () => expandWithFeedback(index, query, first));
  const seeds = first.map((h) => h.id);
  const hits = time('final', () => index.search(query, 20, { seeds }));
  time('confidence', () => {
    const scale = textScale(index, query);
    for (const hit of hits) assessHit(index, query, hit, scale);
  });
  return {
    text,
    ms,
    total: performance.now() - at,
    terms: { first: firstTerms, final: query.length },
  };
}

for (const q of queries.slice(0, 20))
  searchWithExpansion(index, analyzer, q, {
    k: 20,
    dictionary,
    ...(glosses !== undefined ? { glosses } : {}),
  });
const runs: Profile[] = [];
for (let round = 0; round < 2; round += 1) for (const q of queries) runs.push(profile(q));

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};
console.log(`${runs.length} queries (2 rounds)`);
for (const step of [...STEPS, 'total'] as const) {
  const values = runs.map((r) => (step === 'total' ? r.total : r.ms[step]));
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  console.log(
    `${step.padEnd(13)} p50 ${percentile(values, 50).toFixed(2).padStart(7)}  p95 ${percentile(values, 95).toFixed(2).padStart(7)}  mean ${mean.toFixed(2).padStart(7)} ms`,
  );
}
console.log('slowest:');
for (const r of [...runs].sort((a, b) => b.total - a.total).slice(0, top)) {
  const steps = STEPS.map((s) => `${s} ${r.ms[s].toFixed(1)}`).join(', ');
  console.log(
    `${r.total.toFixed(1).padStart(6)} ms  terms ${r.terms.first}/${r.terms.final}  ${steps}  ${r.text.slice(0, 40)}`,
  );
}
