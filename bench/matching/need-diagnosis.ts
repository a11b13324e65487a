/**
 * Per-need view of the service's ranking on the evaluation set: nDCG@10 of each need, its
 * first results with their grades and the grade-3 seeds' ranks, worst needs first. For finding
 * where the ranking loses, not a figure to report.
 *
 *   node bin/run-ts.mjs bench/matching/need-diagnosis.ts [--corpus judged] [--worst N]
 */
import { resolve } from 'node:path';
import { searchWithExpansion } from '#matching/expansion.ts';
import { meanRankingQuality } from '#matching/ranking-metrics.ts';
import { buildGlossLinkTable } from '#matching/gloss-link-table.ts';
import { readEdict } from '#matching-node/edict-file.ts';
import { readSudachiSynonyms } from '#matching-node/sudachi-synonyms-file.ts';
import { synonymLinks } from '#matching/synonym-groups.ts';
import { loadEvalCorpus } from './eval-corpus.ts';

const root = resolve(import.meta.dirname, '..', '..');
const worstAt = process.argv.indexOf('--worst');
const worst = worstAt > 0 ? Number(process.argv[worstAt + 1]) : 30;
const { set, corpus, dictionary, analyzer, index } = await loadEvalCorpus(
  root,
  process.argv.includes('judged'),
);
const titles = new Map(corpus.map((d) => [d.id, d.title]));
const synonyms = synonymLinks(readSudachiSynonyms(), { synonymWeight: 0.5 });
const table = buildGlossLinkTable(readEdict(), index.vocabulary(), {
  minWeight: 0.5,
  synonyms,
  preferred: dictionary.canonical,
});
const rows = set.needs.map((need) => {
  const { query, hits } = searchWithExpansion(index, analyzer, need.text, {
    k: 20,
    dictionary,
    glosses: table,
    glossExpansion: { weight: 0.8 },
    cooccurrence: false,
    feedback: { documents: 8 },
  });
  const ranked = hits.map((h) => h.id);
  const q = meanRankingQuality([{ ranked, judgments: need.judgments }]);
  return { need, ranked, q, query };
});
rows.sort((a, b) => a.q.ndcgAt10 - b.q.ndcgAt10);
for (const { need, ranked, q, query } of rows.slice(0, worst)) {
  const best = [...need.judgments].filter(([, g]) => g === 3).map(([id]) => id);
  const ranks = best.map(
    (id) => `${titles.get(id)?.slice(0, 24)}@${ranked.indexOf(id) + 1 || '-'}`,
  );
  console.log(
    `\n${need.id}${need.markedGap ? ' GAP' : ''} nDCG ${q.ndcgAt10.toFixed(2)} ${need.text.slice(0, 70)}`,
  );
  console.log(
    `  terms: ${query
      .slice(0, 24)
      .map(
        (t) => `${t.term}${t.source !== 'query' ? `(${t.source[0]}${t.weight.toFixed(2)})` : ''}`,
      )
      .join(' ')}`,
  );
  console.log(`  grade-3: ${ranks.join(' | ')}`);
  for (const id of ranked.slice(0, 5)) {
    console.log(`    ${need.judgments.get(id) ?? 0} ${titles.get(id)?.slice(0, 40)}`);
  }
}
const mean = meanRankingQuality(
  rows.map((r) => ({ ranked: r.ranked, judgments: r.need.judgments })),
);
console.log(`\nmean nDCG@10 ${mean.ndcgAt10.toFixed(3)}`);
