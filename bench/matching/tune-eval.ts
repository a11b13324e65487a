/**
 * Settings tried on the evaluation set (issue 13), chosen on the tuning half and checked on the
 * held-out half (`isHeldOut` of gap-eval: needs in id order, every other one held out). The
 * corpus is analysed once; each variant rebuilds the index when its BM25F settings differ and
 * ranks the 79 needs as the service does (expansion with the link table of EDICT gloss links
 * and SudachiDict synonyms), or as `match batch` answers with `--batch` (the service's search
 * settings: for the index variants).
 *
 *   node bin/run-ts.mjs bench/matching/tune-eval.ts --grid k1,b [--corpus judged] [--batch]
 *
 * Appends its rows to bench/results/matching-tuning.md. Seconds per variant. Rows of settings
 * whose code was removed after the trial (verbs' and compounds' query weights) stay there.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createAnalyzer } from '#matching/analyze.ts';
import { createBm25fIndex, type Bm25fIndex, type FieldSpec } from '#matching/bm25f.ts';
import { compileDictionary } from '#matching/dictionary.ts';
import { parseEvalSet, vocabularyGaps, type EvalNeed } from '#matching/evaluation-set.ts';
import { searchWithExpansion, type ExpandedSearchOptions } from '#matching/expansion.ts';
import { buildGlossLinkTable } from '#matching/gloss-link-table.ts';
import type { GlossLinker } from '#matching/gloss-links.ts';
import { meanRankingQuality, type RankingQuality } from '#matching/ranking-metrics.ts';
import { STARTER_DOMAIN_DICTIONARY } from '#matching/starter-dictionary.ts';
import { synonymLinks } from '#matching/synonym-groups.ts';
import { EDICT_PATH, readEdict } from '#matching-node/edict-file.ts';
import { createKuromojiTokenizer } from '#matching-node/kuromoji-tokenizer.ts';
import { readSudachiSynonyms } from '#matching-node/sudachi-synonyms-file.ts';
import { batchAnswer } from './batch-ranker.ts';
import type { CorpusSeed } from './distractors.ts';
import { FIELD_SPECS } from './matching-bench.ts';

export interface Variant {
  readonly name: string;
  readonly k1?: number;
  readonly fields?: readonly FieldSpec[];
  readonly search?: Partial<ExpandedSearchOptions>;
}

const fields = (title: number, abstract: number, keywords: number, b = 0.75): FieldSpec[] => [
  { name: 'title', weight: title, b },
  { name: 'abstract', weight: abstract, b },
  { name: 'keywords', weight: keywords, b },
];

/** The grids tried (`--grid a,b`); `base` is the service's settings. */
const GRIDS: Readonly<Record<string, readonly Variant[]>> = {
  base: [{ name: 'service settings' }],
  k1: [0.6, 0.9, 1.5, 2.0].map((k1) => ({ name: `k1 ${k1}`, k1 })),
  b: [0.3, 0.5, 0.9].map((b) => ({ name: `b ${b}`, fields: fields(2, 1, 2, b) })),
  fields: [
    { name: 'fields 2/1/2', fields: fields(2, 1, 2) },
    { name: 'fields 3/1/1', fields: fields(3, 1, 1) },
    { name: 'fields 4/1/2', fields: fields(4, 1, 2) },
    { name: 'fields 3/2/2', fields: fields(3, 2, 2) },
    { name: 'fields 5/1/3', fields: fields(5, 1, 3) },
  ],
  bigram: [0, 0.15, 0.5].map((w) => ({ name: `bigram weight ${w}`, search: { bigramWeight: w } })),
  cooc: [
    { name: 'co-occurrence off', search: { cooccurrence: false } },
    {
      name: 'co-occurrence weight 0.4',
      search: { cooccurrence: { maxDocuments: 300, weight: 0.4 } },
    },
    {
      name: 'co-occurrence 10 terms',
      search: { cooccurrence: { maxDocuments: 300, maxTerms: 10 } },
    },
  ],
  feedback: [
    { name: 'feedback off', search: { feedback: false } },
    { name: 'feedback weight 0.3', search: { feedback: { documents: 8, weight: 0.3 } } },
    { name: 'feedback weight 0.8', search: { feedback: { documents: 8, weight: 0.8 } } },
    { name: 'feedback 5 documents', search: { feedback: { documents: 5 } } },
    { name: 'feedback 20 terms', search: { feedback: { documents: 8, maxTerms: 20 } } },
  ],
  gloss: [0.6, 1.0].map((w) => ({
    name: `gloss weight ${w}`,
    search: { glossExpansion: { weight: w } },
  })),
  fields2: [
    { name: 'fields 1.5/1/2', fields: fields(1.5, 1, 2) },
    { name: 'fields 2/1/3', fields: fields(2, 1, 3) },
    { name: 'fields 2/1/1.5', fields: fields(2, 1, 1.5) },
    { name: 'fields 2.5/1/2', fields: fields(2.5, 1, 2) },
    { name: 'fields 2/0.7/2', fields: fields(2, 0.7, 2) },
    { name: 'fields 2/1.5/2', fields: fields(2, 1.5, 2) },
  ],
  combo: [
    {
      name: 'fields 2/1/2 + co-occurrence off',
      fields: fields(2, 1, 2),
      search: { cooccurrence: false },
    },
    {
      name: 'fields 2/1/2 + feedback 20 terms',
      fields: fields(2, 1, 2),
      search: { feedback: { documents: 8, maxTerms: 20 } },
    },
    {
      name: 'fields 2/1/2 + co-occurrence off + feedback 20 terms',
      fields: fields(2, 1, 2),
      search: { cooccurrence: false, feedback: { documents: 8, maxTerms: 20 } },
    },
    {
      name: 'co-occurrence off + feedback 20 terms',
      search: { cooccurrence: false, feedback: { documents: 8, maxTerms: 20 } },
    },
    {
      name: 'fields 2/1/2 + co-occurrence weight 0.1',
      fields: fields(2, 1, 2),
      search: { cooccurrence: { maxDocuments: 300, weight: 0.1 } },
    },
  ],
  dict: [0.5, 1.5].map((w) => ({
    name: `dictionary weight ${w}`,
    search: { dictionaryExpansion: { weight: w } },
  })),
};

const f3 = (x: number): string => x.toFixed(3);

async function main(): Promise<void> {
  const root = resolve(import.meta.dirname, '..', '..');
  const arg = (name: string): string | undefined => {
    const at = process.argv.indexOf(name);
    return at > 0 ? process.argv[at + 1] : undefined;
  };
  const judgedOnly = arg('--corpus') === 'judged';
  const asBatch = process.argv.includes('--batch');
  const grids = (arg('--grid') ?? 'base').split(',');
  const load = (path: string): unknown => JSON.parse(readFileSync(join(root, path), 'utf8'));
  const set = parseEvalSet(load('packages/matching/eval/eval-set.json'));
  const fixed = judgedOnly ? [] : (load('packages/matching/eval/distractors.json') as CorpusSeed[]);
  const corpus: CorpusSeed[] = [...set.seeds, ...fixed];
  const dictionary = compileDictionary(STARTER_DOMAIN_DICTIONARY);
  const analyzer = createAnalyzer({ tokenizer: await createKuromojiTokenizer(), dictionary });
  const analysed = corpus.map((d) => ({
    id: d.id,
    title: analyzer.terms(d.title),
    abstract: analyzer.terms(d.abstract),
    keywords: analyzer.terms(d.keywords.join('、')),
  }));
  const indexOf = (variant: Variant): Bm25fIndex => {
    const index = createBm25fIndex({
      fields: variant.fields ?? FIELD_SPECS,
      ...(variant.k1 !== undefined ? { k1: variant.k1 } : {}),
    });
    for (const d of analysed) {
      index.upsert(d.id, { title: d.title, abstract: d.abstract, keywords: d.keywords });
    }
    index.flush();
    return index;
  };
  const baseIndex = indexOf({ name: 'base' });
  const table: GlossLinker | undefined = existsSync(EDICT_PATH)
    ? buildGlossLinkTable(readEdict(), baseIndex.vocabulary(), {
        synonyms: synonymLinks(readSudachiSynonyms(), { synonymWeight: 0.5 }),
      })
    : undefined;
  const computed = new Set(
    vocabularyGaps(set, analyzer)
      .filter((g) => g.gap)
      .map((g) => g.needId),
  );
  const sorted = [...set.needs].map((n) => n.id).sort();
  const heldOutIds = new Set(sorted.filter((_, i) => i % 2 === 1));
  const rows: string[] = [];
  const when = new Date().toISOString();
  for (const grid of ['base', ...grids.filter((g) => g !== 'base')]) {
    for (const variant of GRIDS[grid] ?? []) {
      const index =
        variant.k1 !== undefined || variant.fields !== undefined ? indexOf(variant) : baseIndex;
      const rank = (need: EvalNeed): string[] =>
        asBatch
          ? batchAnswer(index, analyzer, dictionary, table, need.text).ids
          : searchWithExpansion(index, analyzer, need.text, {
              k: 20,
              dictionary,
              ...(table !== undefined ? { glosses: table } : {}),
              cooccurrence: false,
              feedback: { documents: 8 },
              ...variant.search,
            }).hits.map((h) => h.id);
      const ranked = set.needs.map((need) => ({ need, ranked: rank(need) }));
      const q = (keep: (n: EvalNeed) => boolean): RankingQuality =>
        meanRankingQuality(
          ranked
            .filter((r) => keep(r.need))
            .map((r) => ({ ranked: r.ranked, judgments: r.need.judgments })),
        );
      const all = q(() => true);
      const marked = q((n) => n.markedGap);
      const gap = q((n) => computed.has(n.id));
      const tune = (n: EvalNeed) => !heldOutIds.has(n.id);
      const held = (n: EvalNeed) => heldOutIds.has(n.id);
      const row = `| ${when.slice(0, 16)} | ${judgedOnly ? 'judged' : 'hard'}${asBatch ? ', batch' : ''} | ${variant.name} | ${f3(q(tune).ndcgAt10)} / ${f3(q((n) => tune(n) && n.markedGap).ndcgAt10)} | ${f3(q(held).ndcgAt10)} / ${f3(q((n) => held(n) && n.markedGap).ndcgAt10)} | ${f3(all.ndcgAt10)} / ${f3(all.recallAt20)} / ${f3(all.mrr)} | ${f3(marked.ndcgAt10)} / ${f3(marked.recallAt20)} / ${f3(marked.mrr)} | ${f3(gap.ndcgAt10)} |`;
      rows.push(row);
      console.log(row);
    }
  }
  const out = join(root, 'bench', 'results', 'matching-tuning.md');
  if (!existsSync(out)) {
    writeFileSync(
      out,
      '# Matching settings tried (bench/matching/tune-eval.ts)\n\nChosen on the tuning half, checked on the held-out half. nDCG@10 all / marked gap per half; whole set nDCG@10 / recall@20 / MRR.\n\n| when | set | variant | tuning half | held-out half | whole set | marked gap | computed gap nDCG@10 |\n|---|---|---|---|---|---|---|---|\n',
    );
  }
  appendFileSync(out, `${rows.join('\n')}\n`);
}

await main();
