import { describe, expect, it } from 'vitest';
import { createBm25fIndex } from './bm25f.ts';
import type { QueryTerm } from './expansion.ts';
import { learnLinkWeights, linksCarrying, reweightLinks } from './link-judgements.ts';

const index = createBm25fIndex({ fields: [{ name: 'title', weight: 3 }] });
index.upsert('mold-fungus', { title: ['カビ', '抑制'] });
index.upsert('mold-die', { title: ['金型', '寿命'] });
index.flush();

// 金型 (mold, a die) linked by its gloss to カビ (mold, a fungus): the noise decision 014 saw.
const query: QueryTerm[] = [
  { term: '金型', weight: 1, source: 'query', via: [] },
  { term: '寿命', weight: 1, source: 'query', via: [] },
  { term: 'カビ', weight: 0.6, source: 'gloss', via: ['金型'] },
];
const rejectFungus = (needField?: string) => ({
  query,
  seedId: 'mold-fungus',
  decision: 'rejected' as const,
  ...(needField !== undefined ? { needField } : {}),
});

describe('learning link weights from judgements', () => {
  it('finds the links that carried a judged seed: added terms the seed holds', () => {
    expect(linksCarrying(index, query, 'mold-fungus')).toEqual(['金型\u0000カビ']);
    expect(linksCarrying(index, query, 'mold-die')).toEqual([]);
  });

  it('lowers a link rejected again and again, leaves unjudged links and own words alone', () => {
    const none = learnLinkWeights(index, []);
    expect(reweightLinks(query, none)).toEqual(query);
    const twice = learnLinkWeights(index, [rejectFungus(), rejectFungus()]);
    expect(twice.factor('金型', 'カビ')).toBeCloseTo(0.5);
    expect(twice.factor('銅', '重金属')).toBe(1);
    const reweighted = reweightLinks(query, twice);
    expect(reweighted.find((t) => t.term === 'カビ')?.weight).toBeCloseTo(0.3);
    expect(reweighted.filter((t) => t.source === 'query')).toEqual(query.slice(0, 2));
    // A later need with the same words ranks the fungus seed lower than before.
    const score = (q: readonly QueryTerm[]) =>
      index.search(q, 2).find((h) => h.id === 'mold-fungus')?.score ?? 0;
    expect(score(reweighted)).toBeLessThan(score(query));
  });

  it('a chosen expansion keeps its link; per field when the field has judged it enough', () => {
    const mixed = learnLinkWeights(index, [
      rejectFungus('製造'),
      rejectFungus('製造'),
      { query, seedId: 'mold-fungus', decision: 'chosen', needField: '食品' },
      { query, seedId: 'mold-fungus', decision: 'chosen', needField: '食品' },
    ]);
    // In food a mould is a fungus: the link holds there and is cut in manufacturing.
    expect(mixed.factor('金型', 'カビ', '食品')).toBe(1);
    expect(mixed.factor('金型', 'カビ', '製造')).toBeCloseTo(0.5);
    expect(mixed.factor('金型', 'カビ')).toBeCloseTo(4 / 6);
    expect(mixed.factor('金型', 'カビ', '農業')).toBeCloseTo(4 / 6);
  });
});

describe("judged seeds that share the need's own words", () => {
  it('do not count against the links that also reached them', () => {
    // The die seed holds 寿命, one of the need's own words: judged on more than a link.
    const withOwnWords = [{ query, seedId: 'mold-die', decision: 'rejected' as const }];
    index.upsert('mold-both', { title: ['カビ', '寿命'] });
    index.flush();
    const both = [
      { query, seedId: 'mold-both', decision: 'rejected' as const },
      { query, seedId: 'mold-both', decision: 'rejected' as const },
    ];
    expect(learnLinkWeights(index, [...withOwnWords, ...both]).factor('金型', 'カビ')).toBe(1);
    expect(
      learnLinkWeights(index, both, { linkCarriedOnly: false }).factor('金型', 'カビ'),
    ).toBeCloseTo(0.5);
  });
});
