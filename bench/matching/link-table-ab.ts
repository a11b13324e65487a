/**
 * Entry point: node bin/run-ts.mjs bench/matching/link-table-ab.ts SNAPSHOT [--rounds N]
 * The query cost of SudachiDict synonyms in the link table (decision 016), measured so that a
 * loaded machine does not decide it: one process, one restored index (`analysis-build.ts
 * --save`), both tables (EDICT gloss links alone, and with synonyms), each latency query run
 * with both, which one first alternating, after a round that warms what they share; the service's expanded top-20 search plus the
 * confidence of the 20 results. Prints wall-clock and CPU-time percentiles of both.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAnalyzer } from '#matching/analyze.ts';
import { decodeSerializedIndex, restoreBm25fIndex } from '#matching/bm25f.ts';
import { compileDictionary } from '#matching/dictionary.ts';
import { parseEvalSet } from '#matching/evaluation-set.ts';
import { searchWithExpansion } from '#matching/expansion.ts';
import { buildGlossLinkTable } from '#matching/gloss-link-table.ts';
import type { GlossLinker } from '#matching/gloss-links.ts';
import { assessHit, textScale } from '#matching/match-confidence.ts';
import { STARTER_DOMAIN_DICTIONARY } from '#matching/starter-dictionary.ts';
import { synonymLinks } from '#matching/synonym-groups.ts';
import { readEdict } from '#matching-node/edict-file.ts';
import { createKuromojiTokenizer } from '#matching-node/kuromoji-tokenizer.ts';
import { readSudachiSynonyms } from '#matching-node/sudachi-synonyms-file.ts';
import { COMMUNITY_NEEDS, FIELDS } from '#demo/field-vocabulary.ts';
import { loadJson } from './matching-bench.ts';

const args = process.argv.slice(2);
const snapshot = args[0];
if (snapshot === undefined) throw new Error('usage: link-table-ab.ts SNAPSHOT [--rounds N]');
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt < 0 ? 2 : Number(args[roundsAt + 1]);
const index = restoreBm25fIndex(decodeSerializedIndex(readFileSync(snapshot)));
index.flush();
const edict = readEdict();
const tables: [string, GlossLinker][] = [
  ['EDICT gloss links', buildGlossLinkTable(edict, index.vocabulary())],
  [
    'EDICT + SudachiDict synonyms',
    buildGlossLinkTable(edict, index.vocabulary(), {
      synonyms: synonymLinks(readSudachiSynonyms()),
    }),
  ],
];
const set = parseEvalSet(loadJson(resolve('.'), 'packages/matching/eval/eval-set.json'));
const dictionary = compileDictionary(STARTER_DOMAIN_DICTIONARY);
const analyzer = createAnalyzer({ tokenizer: await createKuromojiTokenizer(), dictionary });
const queries = [
  ...set.needs.map((n) => n.text),
  ...FIELDS.flatMap((f) => f.needs),
  ...COMMUNITY_NEEDS.map(([title]) => title),
];
const run = (text: string, glosses: GlossLinker): void => {
  const { query, hits } = searchWithExpansion(index, analyzer, text, {
    k: 20,
    dictionary,
    glosses,
  });
  const scale = textScale(index, query);
  for (const hit of hits) assessHit(index, query, hit, scale);
};
for (const q of queries.slice(0, 20)) for (const [, t] of tables) run(q, t);
const wall = tables.map(() => [] as number[]);
const cpu = tables.map(() => [] as number[]);
// Round 0 warms the per-index co-occurrence cache both share (not recorded); the table that
// goes first alternates per query.
for (let round = 0; round <= rounds; round += 1) {
  queries.forEach((q, n) => {
    const order = (n + round) % 2 === 0 ? [0, 1] : [1, 0];
    for (const i of order) {
      const table = tables[i]?.[1];
      if (table === undefined) continue;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      run(q, table);
      const ms = performance.now() - t0;
      const c = process.cpuUsage(c0);
      if (round === 0) continue;
      wall[i]?.push(ms);
      cpu[i]?.push((c.user + c.system) / 1000);
    }
  });
}
const at = (values: readonly number[], p: number): string => {
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0).toFixed(2);
};
console.log(
  `${index.documentCount} seeds, ${queries.length} queries × ${rounds} rounds, alternating; load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
);
console.log('| table | wall p50 | wall p95 | CPU p50 | CPU p95 |\n|---|---|---|---|---|');
tables.forEach(([name], i) => {
  console.log(
    `| ${name} | ${at(wall[i] ?? [], 0.5)} | ${at(wall[i] ?? [], 0.95)} | ${at(cpu[i] ?? [], 0.5)} | ${at(cpu[i] ?? [], 0.95)} |`,
  );
});
