/**
 * The evaluation set, its corpus (the judged seeds, and the fixed distractors unless only the
 * judged seeds are asked for) and a Musubi index of that corpus analysed as the bench analyses
 * it: kuromoji with the starter dictionary, the service's field weights.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAnalyzer, type Analyzer } from '#matching/analyze.ts';
import { createBm25fIndex, type Bm25fIndex } from '#matching/bm25f.ts';
import {
  compileDictionary,
  type CompiledDictionary,
  type DomainDictionaryEntry,
} from '#matching/dictionary.ts';
import { parseEvalSet, type EvalSet } from '#matching/evaluation-set.ts';
import { STARTER_DOMAIN_DICTIONARY } from '#matching/starter-dictionary.ts';
import { createKuromojiTokenizer } from '#matching-node/kuromoji-tokenizer.ts';
import type { CorpusSeed } from './distractors.ts';
import { FIELD_SPECS } from './matching-bench.ts';

export interface EvalCorpus {
  readonly set: EvalSet;
  readonly corpus: readonly CorpusSeed[];
  readonly dictionary: CompiledDictionary;
  readonly analyzer: Analyzer;
  readonly index: Bm25fIndex;
}

export async function loadEvalCorpus(
  root: string,
  judgedOnly: boolean,
  entries: readonly DomainDictionaryEntry[] = STARTER_DOMAIN_DICTIONARY,
): Promise<EvalCorpus> {
  const load = (path: string): unknown => JSON.parse(readFileSync(join(root, path), 'utf8'));
  const set = parseEvalSet(load('packages/matching/eval/eval-set.json'));
  const fixed = load('packages/matching/eval/distractors.json') as CorpusSeed[];
  const corpus: CorpusSeed[] = judgedOnly ? [...set.seeds] : [...set.seeds, ...fixed];
  const dictionary = compileDictionary(entries);
  const analyzer = createAnalyzer({ tokenizer: await createKuromojiTokenizer(), dictionary });
  const index = createBm25fIndex({ fields: FIELD_SPECS });
  for (const d of corpus) {
    index.upsert(d.id, {
      title: analyzer.terms(d.title),
      abstract: analyzer.terms(d.abstract),
      keywords: analyzer.terms(d.keywords.join('、')),
    });
  }
  index.flush();
  return { set, corpus, dictionary, analyzer, index };
}
