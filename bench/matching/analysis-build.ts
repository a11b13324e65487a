/**
 * Entry point: node bin/run-ts.mjs bench/matching/analysis-build.ts
 *   [--documents N] [--workers W] [--sequential] [--seed N] [--save FILE]
 * Builds the matching benchmark's seed index (the same corpus as matching-bench.ts) with the
 * analysis in W worker threads, or in the main thread through one MeCab (`--sequential`, the
 * earlier build), and prints the seconds and a SHA-256 of the serialised index: the two builds
 * must print the same hash. For profiling: node --cpu-prof bin/run-ts.mjs … --sequential.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Analyzer } from '#matching/analyze.ts';
import { createBatchAnalyzer } from '#matching/batch-analyzer.ts';
import { createBm25fIndex, encodeSerializedIndex } from '#matching/bm25f.ts';
import { compileDictionary } from '#matching/dictionary.ts';
import { parseEvalSet } from '#matching/evaluation-set.ts';
import { createKuromojiTokenizer } from '#matching-node/kuromoji-tokenizer.ts';
import { createMecabTokenizer, isMecabAvailable } from '#matching-node/mecab-tokenizer.ts';
import {
  analyzeTermIdsInOrder,
  createParallelAnalyzer,
  defaultAnalysisWorkers,
} from '#matching-node/parallel-analyzer.ts';
import { STARTER_DOMAIN_DICTIONARY } from '#matching/starter-dictionary.ts';
import { fromSyncTokenizer } from '#matching/tokenizer.ts';
import type { CorpusSeed } from './distractors.ts';
import { corpusOf, FIELD_SPECS, loadJson } from './matching-bench.ts';

const args = process.argv.slice(2);
const option = (flag: string, fallback: number): number => {
  const at = args.indexOf(flag);
  const value = at < 0 ? fallback : Number(args[at + 1]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${flag} needs a positive integer`);
  return value;
};
const documents = option('--documents', 100_000);
const workers = option('--workers', defaultAnalysisWorkers());
const sequential = args.includes('--sequential');
const seed = option('--seed', 1);
const saveAt = args.indexOf('--save');
const savePath = saveAt < 0 ? undefined : args[saveAt + 1];

const root = resolve('.');
const set = parseEvalSet(loadJson(root, 'packages/matching/eval/eval-set.json'));
const fixed = loadJson(root, 'packages/matching/eval/distractors.json') as CorpusSeed[];
const corpus = corpusOf(set, fixed, documents, seed);
const useMecab = isMecabAvailable();
const fieldsOf = (d: CorpusSeed) => ({
  title: d.title,
  abstract: d.abstract,
  keywords: d.keywords.join('、'),
});

const started = performance.now();
const index = createBm25fIndex({ fields: FIELD_SPECS });
if (sequential) {
  const batch = useMecab
    ? createMecabTokenizer()
    : fromSyncTokenizer(await createKuromojiTokenizer(), 'kuromoji');
  const analyzer = createBatchAnalyzer({
    batch,
    dictionary: compileDictionary(STARTER_DOMAIN_DICTIONARY),
  });
  // As the build did before the workers: the next batch is tokenised while this one is analysed.
  let pending: Promise<{ docs: CorpusSeed[]; analyzer: Analyzer }> | undefined;
  const consume = async (): Promise<void> => {
    if (pending === undefined) return;
    const { docs, analyzer: prepared } = await pending;
    pending = undefined;
    for (const d of docs) {
      const fields = fieldsOf(d);
      index.upsert(d.id, {
        title: prepared.terms(fields.title),
        abstract: prepared.terms(fields.abstract),
        keywords: prepared.terms(fields.keywords),
      });
    }
  };
  let docs: CorpusSeed[] = [];
  const send = async (): Promise<void> => {
    const batchDocs = docs;
    docs = [];
    const next = analyzer
      .prepare(batchDocs.flatMap((d) => Object.values(fieldsOf(d))))
      .then((prepared) => ({ docs: batchDocs, analyzer: prepared }));
    await consume();
    pending = next;
  };
  for (const d of corpus) {
    docs.push(d);
    if (docs.length === 2_000) await send();
  }
  if (docs.length > 0) await send();
  await consume();
  await batch.close();
} else {
  const analyzer = await createParallelAnalyzer({
    tokenizer: useMecab ? 'mecab' : 'kuromoji',
    dictionary: STARTER_DOMAIN_DICTIONARY,
    workers,
  });
  try {
    await analyzeTermIdsInOrder(analyzer, corpus, fieldsOf, (d, fields, vocabulary) =>
      index.upsertTermIds(d.id, fields, vocabulary),
    );
  } finally {
    await analyzer.close();
  }
}
index.flush();
const seconds = (performance.now() - started) / 1000;
const bytes = encodeSerializedIndex(index.serialize());
const hash = createHash('sha256').update(bytes).digest('hex');
// The saved snapshot lets query profiling (query-profile.ts) start in seconds at 1 M seeds.
if (savePath !== undefined) writeFileSync(savePath, bytes);
console.log(
  `${documents} seeds, ${sequential ? 'sequential' : `${workers} workers`}: ${seconds.toFixed(1)} s, index sha256 ${hash.slice(0, 16)}`,
);
