import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRng } from '#analytics/random.ts';
import { isDomainError } from '#core/domain-error.ts';
import { analyzeFields, createAnalyzer } from './analyze.ts';
import type { Bm25fIndex, WeightedTerm } from './bm25f.ts';
import {
  createBm25fIndex,
  decodeSerializedIndex,
  encodeSerializedIndex,
  restoreBm25fIndex,
} from './bm25f.ts';
import { SEED_CORPUS } from './fixtures/seed-corpus.ts';
import { createScriptRunTokenizer } from './tokenizer.ts';

const q = (...terms: string[]): WeightedTerm[] => terms.map((term) => ({ term, weight: 1 }));

const SEED_FIELDS = [
  { name: 'title', weight: 3 },
  { name: 'abstract', weight: 1 },
  { name: 'keywords', weight: 2 },
];

describe('BM25F scoring', () => {
  it('computes the BM25F formula over weighted, length-normalised fields', () => {
    const index = createBm25fIndex({
      fields: [
        { name: 'title', weight: 2, b: 0.5 },
        { name: 'body', weight: 1, b: 0.75 },
      ],
      k1: 1.2,
    });
    index.upsert('a', { title: ['x', 'y'], body: ['x', 'z', 'z'] });
    index.upsert('b', { title: ['y'], body: ['z'] });
    index.upsert('c', { body: ['w'] });
    // N = 3, avg title = 1, avg body = 5/3, df(x) = 1.
    const idf = Math.log(1 + (3 - 1 + 0.5) / (1 + 0.5));
    const titleNorm = 1 - 0.5 + (0.5 * 2) / 1;
    const bodyNorm = 1 - 0.75 + (0.75 * 3) / (5 / 3);
    const pseudo = (2 * 1) / titleNorm + (1 * 1) / bodyNorm;
    const expected = (idf * pseudo) / (1.2 + pseudo);
    const [hit] = index.search(q('x'), 10);
    expect(hit?.id).toBe('a');
    expect(hit?.score).toBeCloseTo(expected, 12);
    expect(index.scoreTerm('a', 'x')).toMatchObject({
      idf,
      frequencies: { title: 1, body: 1 },
    });
    expect(index.scoreTerm('a', 'x')?.score).toBeCloseTo(expected, 12);
    expect(index.idf('x')).toBeCloseTo(idf, 12);
    expect(index.documentFrequency('z')).toBe(2);
  });

  it('ranks a title match above an abstract match, and more matched terms higher', () => {
    const index = createBm25fIndex({ fields: SEED_FIELDS });
    index.upsert('in-title', { title: ['銅', '回収'], abstract: ['技術', '開発'] });
    index.upsert('in-abstract', { title: ['技術', '開発'], abstract: ['銅', '回収'] });
    index.upsert('both-terms', { title: ['銅', '排水'], abstract: ['回収'] });
    index.upsert('unrelated', { title: ['希少糖'], abstract: ['酵素'] });
    expect(index.search(q('銅'), 10).map((h) => h.id)).toEqual([
      'both-terms',
      'in-title',
      'in-abstract',
    ]);
    expect(index.search(q('銅', '排水'), 10).map((h) => h.id)[0]).toBe('both-terms');
    expect(index.search(q('存在しない'), 10)).toEqual([]);
  });

  it('weights query terms and merges duplicates', () => {
    const index = createBm25fIndex({ fields: SEED_FIELDS });
    index.upsert('a', { title: ['銅'] });
    index.upsert('b', { title: ['亜鉛'] });
    index.upsert('c', { title: ['鉛'] });
    const heavy = index.search(
      [
        { term: '銅', weight: 0.2 },
        { term: '亜鉛', weight: 1 },
      ],
      10,
    );
    expect(heavy.map((h) => h.id)).toEqual(['b', 'a']);
    const [single] = index.search([{ term: '銅', weight: 2 }], 1);
    const [twice] = index.search(q('銅', '銅'), 1);
    expect(twice?.score).toBeCloseTo(single?.score ?? 0, 12);
    expect(index.search([{ term: '銅', weight: 0 }], 10)).toEqual([]);
  });

  it('returns the top k with a heap, ties broken by id', () => {
    const index = createBm25fIndex({ fields: SEED_FIELDS });
    for (let i = 0; i < 50; i += 1) {
      const id = `doc-${String(i).padStart(2, '0')}`;
      index.upsert(id, { title: i % 5 === 0 ? ['銅', '銅'] : ['銅'], abstract: ['x'] });
    }
    const hits = index.search(q('銅'), 4);
    expect(hits.map((h) => h.id)).toEqual(['doc-00', 'doc-05', 'doc-10', 'doc-15']);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    const all = index.search(q('銅'), 100);
    expect(all).toHaveLength(50);
    expect(all.slice(0, 4)).toEqual(hits);
  });

  it('excludes ids on request', () => {
    const index = createBm25fIndex({ fields: SEED_FIELDS });
    index.upsert('a', { title: ['銅'] });
    index.upsert('b', { abstract: ['銅'] });
    expect(index.search(q('銅'), 10, { exclude: new Set(['a']) }).map((h) => h.id)).toEqual(['b']);
  });

  it('rejects unknown fields and bad field specs with a DomainError', () => {
    const index = createBm25fIndex({ fields: SEED_FIELDS });
    expect(() => index.upsert('a', { body: ['銅'] })).toThrow(/unknown field body/);
    let code = '';
    try {
      createBm25fIndex({ fields: [{ name: 't', weight: 1, b: 2 }] });
    } catch (error) {
      if (isDomainError(error)) code = error.code;
    }
    expect(code).toBe('validation_failed');
    expect(() => createBm25fIndex({ fields: [] })).toThrow();
  });
});

describe('live add, update and delete', () => {
  it('reflects each change in the next query', () => {
    const index = createBm25fIndex({ fields: SEED_FIELDS });
    index.upsert('a', { title: ['銅', '回収'] });
    index.upsert('b', { title: ['亜鉛'] });
    expect(index.documentCount).toBe(2);
    const revision = index.revision;

    index.upsert('c', { title: ['銅'] });
    expect(index.revision).toBeGreaterThan(revision);
    expect(index.search(q('銅'), 10).map((h) => h.id)).toEqual(['c', 'a']);

    index.upsert('a', { title: ['鉛'] });
    expect(index.documentCount).toBe(3);
    expect(index.search(q('銅'), 10).map((h) => h.id)).toEqual(['c']);
    expect(index.search(q('回収'), 10)).toEqual([]);
    expect(index.search(q('鉛'), 10).map((h) => h.id)).toEqual(['a']);
    expect(index.documentFrequency('回収')).toBe(0);

    expect(index.remove('c')).toBe(true);
    expect(index.remove('c')).toBe(false);
    expect(index.has('c')).toBe(false);
    expect(index.search(q('銅'), 10)).toEqual([]);
    expect(index.ids().sort()).toEqual(['a', 'b']);
    expect(index.documentCount).toBe(2);
  });

  it('gives the same scores as an index built from scratch after edits', () => {
    const edited = createBm25fIndex({ fields: SEED_FIELDS });
    const fresh = createBm25fIndex({ fields: SEED_FIELDS });
    edited.upsert('a', { title: ['x', 'y'], abstract: ['z'] });
    edited.upsert('b', { title: ['y'], abstract: ['z', 'z', 'w'] });
    edited.upsert('c', { title: ['q'] });
    edited.upsert('a', { title: ['x'], abstract: ['w'] });
    edited.remove('c');
    fresh.upsert('b', { title: ['y'], abstract: ['z', 'z', 'w'] });
    fresh.upsert('a', { title: ['x'], abstract: ['w'] });
    for (const query of [q('x'), q('w'), q('y', 'z'), q('q')]) {
      expect(edited.search(query, 10)).toEqual(fresh.search(query, 10));
    }
  });

  it('purges postings of many removed documents without changing results', () => {
    const index = createBm25fIndex({ fields: [{ name: 'body', weight: 1 }] });
    const reference = createBm25fIndex({ fields: [{ name: 'body', weight: 1 }] });
    const body = (i: number): string[] =>
      Array.from({ length: 100 }, (_, j) => `t${(i * 7 + j) % 300}`);
    for (let i = 0; i < 1000; i += 1) index.upsert(`d${i}`, { body: body(i) });
    for (let i = 0; i < 800; i += 1) index.remove(`d${i}`);
    for (let i = 800; i < 1000; i += 1) reference.upsert(`d${i}`, { body: body(i) });
    for (const term of ['t0', 't17', 't299']) {
      expect(index.search(q(term), 20)).toEqual(reference.search(q(term), 20));
    }
    expect(index.documentFrequency('t0')).toBe(reference.documentFrequency('t0'));
  });
});

describe('upsertTermIds (terms as positions in a vocabulary)', () => {
  it('builds the same index as upsert, across vocabularies, and names a bad position', () => {
    const byTerms = createBm25fIndex({ fields: SEED_FIELDS });
    const byIds = createBm25fIndex({ fields: SEED_FIELDS });
    const first = ['回収', '銅', '排水'];
    const second = ['銅', '鉛'];
    byTerms.upsert('a', { title: ['銅', '回収'], keywords: ['排水', '銅'] });
    byIds.upsertTermIds('a', { keywords: [2, 1], title: [1, 0] }, first);
    byTerms.upsert('b', { abstract: ['鉛', '銅'] });
    byIds.upsertTermIds('b', { abstract: [1, 0] }, second);
    first.push('亜鉛'); // a vocabulary only grows; positions already mapped stay valid
    byTerms.upsert('a', { title: ['亜鉛', '銅'] });
    byIds.upsertTermIds('a', { title: [3, 1] }, first);
    expect(Buffer.from(encodeSerializedIndex(byIds.serialize()))).toEqual(
      Buffer.from(encodeSerializedIndex(byTerms.serialize())),
    );

    let error: unknown;
    try {
      byIds.upsertTermIds('c', { title: [0, 7] }, second);
    } catch (e) {
      error = e;
    }
    expect(isDomainError(error) && error.code).toBe('validation_failed');
    expect(String(error)).toContain('term id 7');
    expect(isDomainError(error) && error.details).toMatchObject({ id: 'c', field: 'title' });
    expect(byIds.has('c')).toBe(false);
  });
});

describe('serialise and restore', () => {
  const analyzer = createAnalyzer({ tokenizer: createScriptRunTokenizer() });
  const queries: WeightedTerm[][] = [
    q('重金属', '吸着'),
    q('食品', '発酵'),
    q('#金属', 'イオン'),
    [
      { term: '工場', weight: 1 },
      { term: '排水', weight: 0.5 },
      { term: 'iot', weight: 2 },
    ],
  ];
  const build = (): Bm25fIndex => {
    const index = createBm25fIndex({ fields: SEED_FIELDS, k1: 1.5 });
    for (const seed of SEED_CORPUS) index.upsert(seed.id, analyzeFields(analyzer, seed.fields));
    index.remove('rare-sugar');
    index.upsert('soil', analyzeFields(analyzer, { title: '重金属の吸着による土壌浄化' }));
    return index;
  };

  it('restores an index that answers identically', () => {
    const original = build();
    const restored = restoreBm25fIndex(original.serialize());
    expect(restored.documentCount).toBe(original.documentCount);
    expect(restored.ids().sort()).toEqual(original.ids().sort());
    for (const query of queries) {
      const hits = original.search(query, 10);
      expect(hits.length).toBeGreaterThan(0);
      expect(restored.search(query, 10)).toEqual(hits);
    }
    expect(restored.k1).toBe(1.5);
  });

  it('keeps its byte format: the bytes of a fixed index and its hits do not change', () => {
    const index = build();
    index.upsert(
      'chelate',
      analyzeFields(analyzer, { title: '重金属イオンの吸着', keywords: '吸着' }),
    );
    const sha = createHash('sha256').update(encodeSerializedIndex(index.serialize()));
    expect(sha.digest('hex')).toBe(
      'd908401ee9de997250311f3241bcf98bc180d36513c3990212217585993b6928',
    );
    expect(index.search(queries[0] ?? [], 3).map((hit) => hit.id)).toEqual([
      'chelate',
      'soil',
      'link-plating',
    ]);
  });

  it('round-trips through bytes and keeps accepting edits', () => {
    const original = build();
    const serialized = original.serialize();
    expect(serialized.docTermIds).toBeInstanceOf(Uint32Array);
    expect(serialized.docTermFrequencies).toBeInstanceOf(Uint16Array);
    expect(serialized.terms).not.toContain('希少糖');
    const bytes = encodeSerializedIndex(serialized);
    const decoded = decodeSerializedIndex(bytes);
    expect(Array.from(decoded.docTermIds)).toEqual(Array.from(serialized.docTermIds));
    expect(Array.from(decoded.docTermFrequencies)).toEqual(
      Array.from(serialized.docTermFrequencies),
    );
    const restored = restoreBm25fIndex(decoded);
    for (const query of queries) {
      expect(restored.search(query, 10)).toEqual(original.search(query, 10));
    }
    original.upsert('new', { title: ['重金属', '吸着', '吸着'] });
    restored.upsert('new', { title: ['重金属', '吸着', '吸着'] });
    expect(restored.search(queries[0] ?? [], 10)).toEqual(original.search(queries[0] ?? [], 10));
  });

  it('rejects bytes that are not a serialised index', () => {
    expect(() => decodeSerializedIndex(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow(
      /not a serialised BM25F index/,
    );
  });
});

describe('index statistics for expansion', () => {
  it('gives document vectors and co-occurrence counts of live documents', () => {
    const index = createBm25fIndex({ fields: SEED_FIELDS });
    index.upsert('a', { title: ['銅'], abstract: ['重金属', '排水'] });
    index.upsert('b', { title: ['銅', '重金属'] });
    index.upsert('c', { title: ['亜鉛', '重金属'] });
    expect(index.documentVector('a')).toEqual({
      terms: new Map([
        ['銅', 3],
        ['重金属', 1],
        ['排水', 1],
      ]),
      length: 5,
    });
    const co = index.cooccurrence('銅', 100);
    expect(co.sampled).toBe(2);
    expect(co.counts.get('重金属')).toBe(2);
    expect(co.counts.get('排水')).toBe(1);
    expect(co.counts.has('亜鉛')).toBe(false);
    index.remove('b');
    expect(index.cooccurrence('銅', 100).counts.get('重金属')).toBe(1);
    expect(index.documentVector('b')).toBeUndefined();
  });
});

describe('pruned search', () => {
  it('returns exactly what scoring every document would (Zipf-like terms, live edits)', () => {
    const random = createRng(42);
    const vocabulary = Array.from({ length: 400 }, (_, i) => `w${i}`);
    const draw = (): string => vocabulary[Math.floor(vocabulary.length * random() ** 3)] ?? 'w0';
    const index = createBm25fIndex({
      fields: [
        { name: 'title', weight: 3 },
        { name: 'body', weight: 1 },
      ],
    });
    const docs = 3000;
    for (let i = 0; i < docs; i += 1) {
      index.upsert(`d${i}`, {
        title: Array.from({ length: 1 + Math.floor(random() * 4) }, draw),
        body: Array.from({ length: 5 + Math.floor(random() * 30) }, draw),
      });
    }
    for (let i = 0; i < 200; i += 7) index.remove(`d${i}`);
    for (let i = 1; i < 200; i += 11) index.upsert(`d${i}`, { title: [draw()], body: [draw()] });

    const brute = (query: { term: string; weight: number }[], k: number, exclude: Set<string>) =>
      index
        .ids()
        .filter((id) => !exclude.has(id))
        .map((id) => ({
          id,
          score: query.reduce(
            (s, q) => s + q.weight * (index.scoreTerm(id, q.term)?.score ?? 0),
            0,
          ),
        }))
        .filter((hit) => hit.score > 0)
        .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
        .slice(0, k);

    for (let q = 0; q < 60; q += 1) {
      const terms = new Set<string>();
      // A rare word or two and several common ones: the case pruning is for.
      terms.add(vocabulary[200 + Math.floor(random() * 200)] ?? 'w0');
      for (let j = 0; j < 6; j += 1) terms.add(draw());
      const query = [...terms].map((term) => ({ term, weight: 0.2 + random() }));
      const k = q % 2 === 0 ? 10 : 20;
      const exclude = new Set(q % 3 === 0 ? ['d1', 'd2', 'd3'] : []);
      const got = index.search(query, k, { exclude });
      const want = brute(query, k, exclude);
      expect(got.map((h) => h.id)).toEqual(want.map((h) => h.id));
      got.forEach((hit, i) => expect(hit.score).toBeCloseTo(want[i]?.score ?? 0, 9));
    }
  });
});

describe('block-max pruning against scoring every document', () => {
  it('gives exactly the same top k over random corpora, queries and interleaved edits', () => {
    for (let corpus = 0; corpus < 6; corpus += 1) {
      const random = createRng(1_000 + corpus);
      const vocabularySize = 50 + Math.floor(random() * 600);
      const skew = 1 + random() * 3;
      const draw = (): string => `w${Math.floor(vocabularySize * random() ** skew)}`;
      const index = createBm25fIndex({
        fields: [
          { name: 'title', weight: 3, b: random() },
          { name: 'body', weight: 1 },
          { name: 'tags', weight: 2, b: 0.3 },
        ],
        k1: 0.8 + random(),
      });
      const words = (n: number): string[] => Array.from({ length: n }, draw);
      const doc = (): Record<string, string[]> => ({
        title: words(Math.floor(random() * 6)),
        body: words(Math.floor(random() * (corpus % 2 === 0 ? 40 : 400))),
        tags: words(Math.floor(random() * 3)),
      });
      const documents = 300 + Math.floor(random() * 3_000);
      for (let i = 0; i < documents; i += 1) index.upsert(`d${i}`, doc());
      for (let round = 0; round < 40; round += 1) {
        // Live edits between queries: new documents, replacements (some with ties), removals.
        const edits = Math.floor(random() * 20);
        for (let e = 0; e < edits; e += 1) {
          const id = `d${Math.floor(random() * documents * 1.1)}`;
          if (random() < 0.3) index.remove(id);
          else if (random() < 0.2) index.upsert(id, { title: ['w1'], body: ['w2'] });
          else index.upsert(id, doc());
        }
        if (round % 10 === 9) {
          // A burst of removals (compaction) and of long documents (average lengths drift).
          for (let i = 0; i < documents / 5; i += 1)
            index.remove(`d${Math.floor(random() * documents)}`);
          for (let i = 0; i < 50; i += 1) index.upsert(`long${round}-${i}`, { body: words(800) });
        }
        const terms = Array.from({ length: 1 + Math.floor(random() * 30) }, () =>
          random() < 0.2 ? `w${Math.floor(random() * vocabularySize)}` : draw(),
        );
        const query = terms.map((term) => ({ term, weight: 0.05 + random() * 2 }));
        const k = 1 + Math.floor(random() * 40);
        const exclude = new Set(random() < 0.3 ? ['d1', 'd2', `d${round}`] : []);
        const pruned = index.search(query, k, { exclude });
        const exhaustive = index.search(query, k, { exclude, exhaustive: true });
        expect(pruned).toEqual(exhaustive);
        expect(exhaustive.length).toBeLessThanOrEqual(k);
        // Seeds (good guesses, bad guesses, unknown ids) change the work, never the results.
        const seeds = [
          ...exhaustive.slice(0, 3).map((hit) => hit.id),
          `d${Math.floor(random() * documents)}`,
          'missing',
          'd1',
        ];
        expect(index.search(query, k, { exclude, seeds })).toEqual(exhaustive);
      }
    }
  });

  it('makes an upsert visible to the very next query and a removal gone from it', () => {
    const index = createBm25fIndex({ fields: [{ name: 'body', weight: 1 }] });
    for (let i = 0; i < 5_000; i += 1) index.upsert(`d${i}`, { body: ['common', `t${i % 97}`] });
    expect(index.search(q('common'), 3)).toHaveLength(3);
    index.upsert('fresh', { body: ['common', 'unique', 'unique'] });
    expect(index.search(q('unique', 'common'), 1).map((h) => h.id)).toEqual(['fresh']);
    index.upsert('fresh', { body: ['common'] });
    expect(index.search(q('unique'), 5)).toEqual([]);
    index.remove('d0');
    expect(index.search(q('t0'), 100).map((h) => h.id)).not.toContain('d0');
    expect(index.search(q('t0'), 100)).toEqual(index.search(q('t0'), 100, { exhaustive: true }));
  });

  it('restores from bytes held in a Node Buffer (a view into shared memory) identically', () => {
    const random = createRng(7);
    const index = createBm25fIndex({ fields: SEED_FIELDS });
    for (let i = 0; i < 2_000; i += 1) {
      index.upsert(`d${i}`, {
        title: [`w${Math.floor(random() * 50)}`],
        abstract: Array.from({ length: 20 }, () => `w${Math.floor(300 * random() ** 2)}`),
      });
    }
    for (let i = 0; i < 300; i += 3) index.remove(`d${i}`);
    const bytes = encodeSerializedIndex(index.serialize());
    // As a database adapter hands it over: a Buffer at an offset into a larger allocation.
    const pool = Buffer.alloc(bytes.length + 13);
    pool.set(bytes, 13);
    const restored = restoreBm25fIndex(decodeSerializedIndex(pool.subarray(13)));
    for (let t = 0; t < 60; t += 1) {
      const query = q(`w${t}`, `w${(t * 7) % 300}`, `w${(t * 13) % 300}`);
      expect(restored.search(query, 20)).toEqual(index.search(query, 20));
    }
    expect(restored.documentCount).toBe(index.documentCount);
  });
});
