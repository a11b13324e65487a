import { beforeAll, describe, expect, it } from 'vitest';
import type { Analyzer } from './analyze.ts';
import { analyzeFields, createAnalyzer } from './analyze.ts';
import type { Bm25fIndex } from './bm25f.ts';
import { createBm25fIndex } from './bm25f.ts';
import { compileDictionary } from './dictionary.ts';
import type { CompiledDictionary } from './dictionary.ts';
import { buildQuery, searchWithExpansion } from './expansion.ts';
import { explainHit } from './explain.ts';
import { CHELATE_SEED, COPPER_NEED, SEED_CORPUS } from './fixtures/seed-corpus.ts';
import type { SeedFixture } from './fixtures/seed-corpus.ts';
import { createKuromojiTokenizer } from '#matching-node/kuromoji-tokenizer.ts';
import { STARTER_DOMAIN_DICTIONARY } from './starter-dictionary.ts';

let analyzer: Analyzer;
let index: Bm25fIndex;
let dictionary: CompiledDictionary;

const seed = (id: string): SeedFixture => {
  const found = SEED_CORPUS.find((s) => s.id === id);
  if (found === undefined) throw new Error(`no seed ${id}`);
  return found;
};

beforeAll(async () => {
  dictionary = compileDictionary(STARTER_DOMAIN_DICTIONARY);
  analyzer = createAnalyzer({ tokenizer: await createKuromojiTokenizer(), dictionary });
  index = createBm25fIndex({
    fields: [
      { name: 'title', weight: 3 },
      { name: 'abstract', weight: 1 },
      { name: 'keywords', weight: 2 },
    ],
  });
  for (const s of SEED_CORPUS) index.upsert(s.id, analyzeFields(analyzer, s.fields));
});

describe('explainHit', () => {
  it('sums contributions to the search score and lists terms by contribution', () => {
    const query = buildQuery(analyzer, '銅の回収');
    const [hit] = index.search(query, 1);
    expect(hit?.id).toBe('link-mine');
    const explanation = explainHit({ index, analyzer, query, document: seed('link-mine') });
    expect(explanation.score).toBeCloseTo(hit?.score ?? 0, 10);
    expect(explanation.terms.map((t) => t.term).sort()).toEqual(['回収', '銅']);
    const contributions = explanation.terms.map((t) => t.contribution);
    expect(contributions).toEqual([...contributions].sort((a, b) => b - a));
    expect(explanation.expansionShare).toBe(0);
  });

  it('gives fields, frequencies and highlight positions of each matched term', () => {
    const query = buildQuery(analyzer, '銅の回収');
    const document = seed('link-mine');
    const explanation = explainHit({ index, analyzer, query, document });
    const copper = explanation.terms.find((t) => t.term === '銅');
    expect(copper?.frequencies).toEqual({ title: 1, abstract: 1, keywords: 1 });
    expect(copper?.spans.map((s) => [s.field, s.start, s.end, s.surface])).toEqual([
      ['title', 6, 7, '銅'],
      ['abstract', 16, 17, '銅'],
      ['keywords', 0, 1, '銅'],
    ]);
    const texts: Record<string, string> = { ...document.fields };
    for (const span of copper?.spans ?? []) {
      expect((texts[span.field] ?? '').slice(span.start, span.end)).toBe('銅');
    }
    expect(copper?.idf).toBeCloseTo(index.idf('銅'), 12);
  });

  it('tells which terms came from expansion and through what', () => {
    const { query, hits } = searchWithExpansion(index, analyzer, COPPER_NEED, {
      k: 10,
      dictionary,
    });
    const hit = hits.find((h) => h.id === 'chelate');
    expect(hit).toBeDefined();
    const explanation = explainHit({ index, analyzer, query, document: CHELATE_SEED });
    expect(explanation.score).toBeCloseTo(hit?.score ?? 0, 10);
    expect(explanation.expansionShare).toBe(1);
    const heavyMetal = explanation.terms.find((t) => t.term === '重金属');
    expect(heavyMetal?.source).toBe('dictionary');
    expect(heavyMetal?.via).toEqual(['排水', '銅']);
    expect(heavyMetal?.spans.map((s) => s.field)).toEqual(['title', 'abstract', 'keywords']);
    expect(explanation.terms.every((t) => t.source !== 'query')).toBe(true);
  });

  it('highlights the written synonym and strips the bigram marker for display', () => {
    const query = buildQuery(analyzer, 'セミコンダクター評価');
    const explanation = explainHit({ index, analyzer, query, document: seed('synchrotron') });
    const semiconductor = explanation.terms.find((t) => t.term === '半導体');
    expect(semiconductor?.source).toBe('synonym');
    expect(semiconductor?.spans.find((s) => s.field === 'abstract')).toMatchObject({
      surface: 'セミコンダクタ',
      synonymOf: 'セミコンダクタ',
    });
    const bigram = explanation.terms.find((t) => t.term.startsWith('#'));
    expect(bigram?.display).toBe(bigram?.term.slice(1));
  });

  it('is empty for a document without a matching term', () => {
    const query = buildQuery(analyzer, '銅の回収');
    const explanation = explainHit({ index, analyzer, query, document: seed('rare-sugar') });
    expect(explanation).toEqual({ id: 'rare-sugar', score: 0, terms: [], expansionShare: 0 });
  });
});
