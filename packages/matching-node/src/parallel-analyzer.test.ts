import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBatchAnalyzer } from '#matching/batch-analyzer.ts';
import { createBm25fIndex, encodeSerializedIndex, type FieldSpec } from '#matching/bm25f.ts';
import { compileDictionary } from '#matching/dictionary.ts';
import { parseEvalSet } from '#matching/evaluation-set.ts';
import { createKuromojiTokenizer } from './kuromoji-tokenizer.ts';
import { fromSyncTokenizer } from '#matching/tokenizer.ts';
import { createMecabTokenizer, isMecabAvailable } from './mecab-tokenizer.ts';
import {
  analyzeInOrder,
  analyzeTermIdsInOrder,
  createParallelAnalyzer,
  type ParallelAnalyzer,
} from './parallel-analyzer.ts';
import { STARTER_DOMAIN_DICTIONARY } from '#matching/starter-dictionary.ts';

const load = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../matching/eval/${name}`, import.meta.url), 'utf8'));

interface Doc {
  readonly id: string;
  readonly title: string;
  readonly abstract: string;
  readonly keywords: readonly string[];
}

const FIELDS: FieldSpec[] = [
  { name: 'title', weight: 3 },
  { name: 'abstract', weight: 1 },
  { name: 'keywords', weight: 2 },
];
const fieldsOf = (d: Doc) => ({
  title: d.title,
  abstract: d.abstract,
  keywords: d.keywords.join('、'),
});

// The judged seeds and part of the fixed distractors, plus texts that stress the protocol.
const set = parseEvalSet(load('eval-set.json'));
const distractors = (load('distractors.json') as Doc[]).slice(0, 600);
const odd: Doc[] = [
  { id: 'odd-empty', title: '', abstract: '', keywords: [] },
  {
    id: 'odd-lines',
    title: '改行\nを含む\r題名',
    abstract: 'EOS',
    keywords: ['🙂', 'ＡＢＣ　ｄｅｆ'],
  },
];
const corpus: Doc[] = [...set.seeds, ...distractors, ...odd];
const tokenizer = isMecabAvailable() ? 'mecab' : 'kuromoji';

describe(`parallel analysis (${tokenizer})`, () => {
  let parallel: ParallelAnalyzer;
  beforeAll(async () => {
    parallel = await createParallelAnalyzer({
      tokenizer,
      dictionary: STARTER_DOMAIN_DICTIONARY,
      workers: 2,
    });
  }, 60_000);
  afterAll(async () => parallel.close());

  it('builds the same serialised index as the sequential build, in small batches', async () => {
    const batch =
      tokenizer === 'mecab'
        ? createMecabTokenizer()
        : fromSyncTokenizer(await createKuromojiTokenizer(), 'kuromoji');
    const sequential = createBm25fIndex({ fields: FIELDS });
    try {
      const analyzer = await createBatchAnalyzer({
        batch,
        dictionary: compileDictionary(STARTER_DOMAIN_DICTIONARY),
      }).prepare(corpus.flatMap((d) => Object.values(fieldsOf(d))));
      for (const d of corpus) {
        const f = fieldsOf(d);
        sequential.upsert(d.id, {
          title: analyzer.terms(f.title),
          abstract: analyzer.terms(f.abstract),
          keywords: analyzer.terms(f.keywords),
        });
      }
    } finally {
      await batch.close();
    }
    sequential.flush();

    const built = createBm25fIndex({ fields: FIELDS });
    const order: string[] = [];
    await analyzeInOrder(
      parallel,
      corpus,
      fieldsOf,
      (d, fields) => {
        order.push(d.id);
        built.upsert(d.id, fields);
      },
      { batchSize: 37, window: 5 },
    );
    built.flush();

    // The same through term positions in the workers' vocabularies (what bulk loads use).
    const byIds = createBm25fIndex({ fields: FIELDS });
    await analyzeTermIdsInOrder(
      parallel,
      corpus,
      fieldsOf,
      (d, fields, vocabulary) => byIds.upsertTermIds(d.id, fields, vocabulary),
      { batchSize: 29, window: 3 },
    );
    byIds.flush();

    expect(order).toEqual(corpus.map((d) => d.id));
    expect(built.documentCount).toBe(corpus.length);
    const expected = Buffer.from(encodeSerializedIndex(sequential.serialize()));
    expect(Buffer.from(encodeSerializedIndex(built.serialize())).equals(expected)).toBe(true);
    expect(Buffer.from(encodeSerializedIndex(byIds.serialize())).equals(expected)).toBe(true);
  }, 120_000);

  it('answers overlapping calls each with its own texts', async () => {
    const [a, b, c] = await Promise.all([
      parallel.termsMany(['希少糖の製造技術']),
      parallel.termsMany(['工場排水から銅を回収したい', '']),
      parallel.termsMany(['希少糖の製造技術']),
    ]);
    expect(a).toEqual([['希少', '希少糖', '製造', '製造技術', '技術']]);
    expect(b?.[0]).toContain('排水');
    expect(b?.[1]).toEqual([]);
    expect(c).toEqual(a);
  }, 60_000);
});
