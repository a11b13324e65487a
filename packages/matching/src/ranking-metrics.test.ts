import { describe, expect, it } from 'vitest';
import { meanRankingQuality, ndcgAt, recallAt, reciprocalRank } from './ranking-metrics.ts';

const judgments = new Map([
  ['a', 3],
  ['b', 2],
  ['c', 1],
  ['z', 0],
]);

describe('ndcgAt', () => {
  it('is 1 for the ideal order', () => {
    expect(ndcgAt(['a', 'b', 'c'], judgments, 10)).toBeCloseTo(1, 12);
  });

  it('matches a hand-computed value', () => {
    // ranked c, x, a: DCG = 1/log2(2) + 0 + 7/log2(4) = 1 + 3.5 = 4.5
    // ideal a, b, c:  IDCG = 7 + 3/log2(3) + 1/log2(4) = 7 + 1.892789 + 0.5 = 9.392789
    expect(ndcgAt(['c', 'x', 'a'], judgments, 10)).toBeCloseTo(4.5 / 9.392789, 5);
  });

  it('cuts at k, both the ranking and the ideal', () => {
    // k = 1: DCG = gain(c) = 1, IDCG = gain(a) = 7
    expect(ndcgAt(['c', 'a'], judgments, 1)).toBeCloseTo(1 / 7, 12);
  });

  it('counts a repeated id once and is 0 without relevant documents', () => {
    expect(ndcgAt(['a', 'a'], judgments, 10)).toBeCloseTo(7 / 9.392789, 5);
    expect(ndcgAt(['a'], new Map([['a', 0]]), 10)).toBe(0);
  });
});

describe('recallAt', () => {
  it('counts relevant documents (grade ≥ 1 by default) in the first k', () => {
    expect(recallAt(['z', 'c', 'x', 'a'], judgments, 20)).toBeCloseTo(2 / 3, 12);
    expect(recallAt(['z', 'c', 'x', 'a'], judgments, 2)).toBeCloseTo(1 / 3, 12);
  });

  it('can require a higher grade', () => {
    expect(recallAt(['c', 'b'], judgments, 20, { minGrade: 2 })).toBeCloseTo(1 / 2, 12);
  });
});

describe('reciprocalRank', () => {
  it('is 1 / rank of the first relevant document', () => {
    expect(reciprocalRank(['z', 'x', 'b'], judgments)).toBeCloseTo(1 / 3, 12);
    expect(reciprocalRank(['x', 'y'], judgments)).toBe(0);
    expect(reciprocalRank(['c', 'a'], judgments, { minGrade: 3 })).toBe(1 / 2);
  });
});

describe('meanRankingQuality', () => {
  it('averages over queries', () => {
    const quality = meanRankingQuality([
      { ranked: ['a', 'b', 'c'], judgments },
      { ranked: ['x'], judgments },
    ]);
    expect(quality.queries).toBe(2);
    expect(quality.ndcgAt10).toBeCloseTo(0.5, 12);
    expect(quality.recallAt20).toBeCloseTo(0.5, 12);
    expect(quality.mrr).toBeCloseTo(0.5, 12);
  });
});
