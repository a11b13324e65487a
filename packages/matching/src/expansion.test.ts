import { beforeAll, describe, expect, it } from 'vitest';
import type { Analyzer } from './analyze.ts';
import { analyzeFields, createAnalyzer } from './analyze.ts';
import type { Bm25fIndex } from './bm25f.ts';
import { createBm25fIndex } from './bm25f.ts';
import type { CompiledDictionary } from './dictionary.ts';
import { compileDictionary } from './dictionary.ts';
import {
  buildQuery,
  cooccurrenceNeighbours,
  expandWithCooccurrence,
  expandWithDictionary,
  expandWithFeedback,
  expandWithReadings,
  searchWithExpansion,
} from './expansion.ts';
import { COPPER_NEED, SEED_CORPUS } from './fixtures/seed-corpus.ts';
import { dictionaryGlossLinker, parseEdict } from './gloss-links.ts';
import { createKuromojiTokenizer } from '#matching-node/kuromoji-tokenizer.ts';
import { STARTER_DOMAIN_DICTIONARY } from './starter-dictionary.ts';
import type { Tokenizer } from './tokenizer.ts';

const FIELDS = [
  { name: 'title', weight: 3 },
  { name: 'abstract', weight: 1 },
  { name: 'keywords', weight: 2 },
];

let tokenizer: Tokenizer;
let analyzer: Analyzer;
let index: Bm25fIndex;
let dictionary: CompiledDictionary;

const buildIndex = (with_: Analyzer): Bm25fIndex => {
  const built = createBm25fIndex({ fields: FIELDS });
  for (const seed of SEED_CORPUS) built.upsert(seed.id, analyzeFields(with_, seed.fields));
  return built;
};

beforeAll(async () => {
  tokenizer = await createKuromojiTokenizer();
  analyzer = createAnalyzer({ tokenizer });
  index = buildIndex(analyzer);
  dictionary = compileDictionary(STARTER_DOMAIN_DICTIONARY);
});

const ids = (hits: readonly { id: string }[]): string[] => hits.map((hit) => hit.id);

describe('the copper need against the chelate seed', () => {
  it('lexical matching alone misses the chelate seed (no shared word)', () => {
    const { hits, query } = searchWithExpansion(index, analyzer, COPPER_NEED, {
      k: 20,
      cooccurrence: false,
      feedback: false,
    });
    expect(query.every((term) => term.source === 'query')).toBe(true);
    expect(ids(hits)).toContain('link-plating');
    expect(ids(hits)).toContain('link-mine');
    expect(ids(hits)).not.toContain('chelate');
  });

  it('co-occurrence expansion finds it through 重金属 and 吸着', () => {
    const { hits, query } = searchWithExpansion(index, analyzer, COPPER_NEED, {
      k: 5,
      feedback: false,
    });
    expect(ids(hits)).toContain('chelate');
    const heavyMetal = query.find((term) => term.term === '重金属');
    expect(heavyMetal?.source).toBe('cooccurrence');
    expect(heavyMetal?.via).toEqual(expect.arrayContaining(['銅', '排水', '回収']));
    expect(heavyMetal?.weight).toBeGreaterThan(0);
    expect(heavyMetal?.weight).toBeLessThanOrEqual(0.4);
    expect(query.find((term) => term.term === '吸着')?.source).toBe('cooccurrence');
  });

  it('pseudo-relevance feedback finds it through the top linking seeds', () => {
    const { hits, query } = searchWithExpansion(index, analyzer, COPPER_NEED, {
      k: 5,
      cooccurrence: false,
    });
    expect(ids(hits)).toContain('chelate');
    const adsorption = query.find((term) => term.term === '吸着');
    expect(adsorption?.source).toBe('feedback');
    expect(adsorption?.via).toEqual(expect.arrayContaining(['link-mine', 'link-plating']));
  });

  it('the dictionary alone finds it through 銅 ≈ 重金属', () => {
    const dictAnalyzer = createAnalyzer({ tokenizer, dictionary });
    const dictIndex = buildIndex(dictAnalyzer);
    const { hits, query } = searchWithExpansion(dictIndex, dictAnalyzer, COPPER_NEED, {
      k: 5,
      dictionary,
      cooccurrence: false,
      feedback: false,
    });
    expect(ids(hits)).toContain('chelate');
    expect(query.find((term) => term.term === '重金属')).toEqual({
      term: '重金属',
      weight: 0.5,
      source: 'dictionary',
      via: ['排水', '銅'],
    });
  });

  it('all sources together keep the direct matches first and bring the seed into the top 5', () => {
    const { hits } = searchWithExpansion(index, analyzer, COPPER_NEED, { k: 5, dictionary });
    expect(ids(hits).slice(0, 2).sort()).toEqual(['link-mine', 'link-plating']);
    expect(ids(hits)).toContain('chelate');
  });

  it('follows live edits: without the linking seeds, co-occurrence no longer finds it', () => {
    const edited = buildIndex(analyzer);
    edited.remove('link-plating');
    edited.remove('link-mine');
    const { hits, query } = searchWithExpansion(edited, analyzer, COPPER_NEED, {
      k: 20,
      feedback: false,
    });
    expect(query.some((term) => term.term === '重金属')).toBe(false);
    expect(ids(hits)).not.toContain('chelate');
  });
});

describe('cooccurrenceNeighbours', () => {
  it('scores neighbours by PPMI over documents', () => {
    const neighbours = cooccurrenceNeighbours(index, '銅');
    const heavyMetal = neighbours.find((n) => n.term === '重金属');
    // 銅 is in 2 of 12 seeds, 重金属 in 4; both linking seeds have both: ln((2/2)/(4/12)).
    expect(heavyMetal?.count).toBe(2);
    expect(heavyMetal?.ppmi).toBeCloseTo(Math.log(3), 12);
    expect(heavyMetal?.score).toBeCloseTo(Math.log(3) * Math.log(3), 12);
    expect(neighbours.every((n) => n.count >= 2 && n.ppmi >= 0.5)).toBe(true);
    expect(neighbours.map((n) => n.score)).toEqual(
      [...neighbours.map((n) => n.score)].sort((a, b) => b - a),
    );
  });

  it('is empty for an unknown term', () => {
    expect(cooccurrenceNeighbours(index, '存在しない語')).toEqual([]);
  });

  it('follows live edits at once (neighbours are cached per index revision only)', () => {
    const live = createBm25fIndex({ fields: FIELDS });
    for (let i = 0; i < 6; i += 1) live.upsert(`a${i}`, { title: ['銅', `他${i}`] });
    for (let i = 0; i < 6; i += 1) live.upsert(`b${i}`, { title: ['亜鉛', `他${i}`] });
    expect(cooccurrenceNeighbours(live, '銅').map((n) => n.term)).not.toContain('電解');
    live.upsert('c0', { title: ['銅', '電解'] });
    live.upsert('c1', { title: ['銅', '電解'] });
    expect(cooccurrenceNeighbours(live, '銅').map((n) => n.term)).toContain('電解');
    live.remove('c0');
    expect(cooccurrenceNeighbours(live, '銅').map((n) => n.term)).not.toContain('電解');
  });
});

describe('query building and expansion steps', () => {
  it('marks synonyms and weights bigrams lower', () => {
    const dictAnalyzer = createAnalyzer({ tokenizer, dictionary });
    const query = buildQuery(dictAnalyzer, 'キレートのセミコンダクタ', { bigramWeight: 0.25 });
    expect(query.find((t) => t.term === '半導体')).toEqual({
      term: '半導体',
      weight: 1,
      source: 'synonym',
      via: ['セミコンダクタ'],
    });
    expect(query.find((t) => t.term === '#キレ')?.weight).toBe(0.25);
    expect(query.find((t) => t.term === 'キレート')).toEqual({
      term: 'キレート',
      weight: 1,
      source: 'query',
      via: [],
    });
  });

  it('does not add a term already in the query', () => {
    const base = buildQuery(analyzer, '銅と重金属');
    const expanded = expandWithDictionary(base, dictionary);
    expect(expanded.filter((t) => t.term === '重金属')).toHaveLength(1);
    expect(expanded.find((t) => t.term === '重金属')?.source).toBe('query');
    expect(expanded.find((t) => t.term === '亜鉛')?.via).toEqual(['重金属']);
  });

  it('limits co-occurrence and feedback terms', () => {
    const base = buildQuery(analyzer, COPPER_NEED);
    const co = expandWithCooccurrence(index, base, { maxTerms: 2 });
    expect(co.filter((t) => t.source === 'cooccurrence')).toHaveLength(2);
    const first = index.search(base, 10);
    const fb = expandWithFeedback(index, base, first, { maxTerms: 3, weight: 0.6 });
    const added = fb.filter((t) => t.source === 'feedback');
    expect(added).toHaveLength(3);
    expect(Math.max(...added.map((t) => t.weight))).toBeCloseTo(0.6, 12);
    expect(expandWithFeedback(index, base, [])).toEqual(base);
  });
});

describe('expandWithCooccurrence support', () => {
  // 'x' keeps company with 'a' only; 'y' with both query words.
  const small = createBm25fIndex({ fields: [{ name: 'text', weight: 1 }] });
  const docs: string[][] = [
    ['a', 'x'],
    ['a', 'x'],
    ['a', 'x', 'y'],
    ['b', 'y'],
    ['b', 'y'],
    ['c'],
    ['c'],
    ['d'],
    ['d'],
    ['e'],
    ...Array.from({ length: 10 }, () => ['f']),
  ];
  docs.forEach((terms, i) => small.upsert(`doc-${i}`, { text: terms }));
  const query = [
    { term: 'a', weight: 1, source: 'query' as const, via: [] },
    { term: 'b', weight: 1, source: 'query' as const, via: [] },
  ];
  const added = (minSupport?: number): string[] =>
    expandWithCooccurrence(small, query, {
      minCount: 1,
      ...(minSupport === undefined ? {} : { minSupport }),
    })
      .filter((term) => term.source === 'cooccurrence')
      .map((term) => term.term)
      .sort();

  it('adds only terms linked to at least two query words by default', () => {
    expect(added()).toEqual(['y']);
  });

  it('adds neighbours of a single word when asked, or when the query has one word', () => {
    expect(added(1)).toEqual(['x', 'y']);
    const single = expandWithCooccurrence(small, query.slice(0, 1), { minCount: 1 });
    expect(
      single
        .filter((t) => t.source === 'cooccurrence')
        .map((t) => t.term)
        .sort(),
    ).toEqual(['x', 'y']);
  });
});

describe('katakana readings', () => {
  const seeds = [
    {
      id: 'clt',
      fields: { title: 'スギ材を用いた直交集成板の強度', abstract: '', keywords: 'スギ' },
    },
    { id: 'cattle', fields: { title: '放牧ウシの行動解析', abstract: '', keywords: '' } },
    { id: 'plant', fields: { title: '工場の省エネルギー', abstract: '', keywords: '' } },
  ];
  const small = (): Bm25fIndex => {
    const built = createBm25fIndex({ fields: FIELDS });
    for (const seed of seeds) built.upsert(seed.id, analyzeFields(analyzer, seed.fields));
    return built;
  };

  it('adds the reading of a kanji noun when the index holds it, below the written word', () => {
    const query = expandWithReadings(small(), buildQuery(analyzer, '杉と牛と工場'), 0.8);
    expect(query.find((t) => t.term === 'スギ')).toEqual({
      term: 'スギ',
      weight: 0.8,
      source: 'synonym',
      via: ['杉'],
    });
    expect(query.find((t) => t.term === 'ウシ')?.via).toEqual(['牛']);
    // 工場 reads コウジョウ, which no seed writes: nothing added.
    expect(query.some((t) => t.term === 'コウジョウ')).toBe(false);
    expect(query.filter((t) => t.source === 'synonym')).toHaveLength(2);
  });

  it('finds the seed written in katakana from a need written in kanji, and can be turned off', () => {
    const index = small();
    const text = '杉の使い道を探したい';
    const on = searchWithExpansion(index, analyzer, text, { k: 3, feedback: false });
    expect(ids(on.hits)[0]).toBe('clt');
    const off = searchWithExpansion(index, analyzer, text, {
      k: 3,
      feedback: false,
      readings: false,
    });
    expect(ids(off.hits)).not.toContain('clt');
  });
});

describe('searchWithExpansion: English word pairs', () => {
  it('translates the need’s adjacent English words as one when glosses are on', () => {
    const dictionary = parseEdict(
      [
        '猪 [いのしし] /(n) wild boar (Sus scrofa)/(P)/',
        'イノシシ /(n) (uk) wild boar/',
        '野生 [やせい] /(n,adj-no) wild/',
        '被害 [ひがい] /(n) damage/harm/(P)/',
      ].join('\n'),
    );
    const fields = [{ name: 'title', weight: 1 }];
    const boarIndex = createBm25fIndex({ fields });
    boarIndex.upsert('boar', analyzeFields(analyzer, { title: 'イノシシの被害対策' }));
    boarIndex.upsert('wild', analyzeFields(analyzer, { title: '野生植物の被害' }));
    const search = (text: string) =>
      searchWithExpansion(boarIndex, analyzer, text, {
        k: 2,
        glosses: dictionaryGlossLinker(dictionary),
        cooccurrence: false,
        feedback: false,
      });
    expect(search('Wild boar damage').hits[0]?.id).toBe('boar');
    // Full-width letters, as Japanese text often writes them, are the same words.
    expect(search('Ｗｉｌｄ ｂｏａｒ ｄａｍａｇｅ').hits[0]?.id).toBe('boar');
    // The same words apart are two words: "wild" translates alone.
    expect(search('Wild animals, boar damage').query.some((t) => t.term === 'イノシシ')).toBe(
      false,
    );
  });
});
