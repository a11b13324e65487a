import { describe, expect, it } from 'vitest';
import type { HitExplanation, TermExplanation } from './explain.ts';
import { termViews } from './match-views.ts';

const term = (over: Partial<TermExplanation>): TermExplanation => ({
  term: '鮮度',
  display: '鮮度',
  source: 'query',
  via: [],
  queryWeight: 1,
  idf: 2,
  frequencies: { title: 1 },
  contribution: 0.5,
  spans: [{ field: 'title', start: 0, end: 2, surface: '鮮度', kind: 'word' }],
  ...over,
});

describe('termViews', () => {
  it('says which of the need’s words an expansion term came from, and only then', () => {
    const explanation = {
      id: 's1',
      score: 1.5,
      terms: [
        term({ term: '魚', display: '魚', source: 'query' }),
        term({ source: 'dictionary', via: ['傷む'] }),
        term({ term: '排水', display: '排水', source: 'gloss', via: ['wastewater'] }),
        // Feedback terms come from the first documents (their ids), not from the need.
        term({ term: '冷却', display: '冷却', source: 'feedback', via: ['seed-1', 'seed-2'] }),
      ],
    } as unknown as HitExplanation;
    const views = termViews(explanation);
    expect(views.map((v) => [v.term, v.source, v.from])).toEqual([
      ['魚', 'query', undefined],
      ['鮮度', 'dictionary', ['傷む']],
      ['排水', 'gloss', ['wastewater']],
      ['冷却', 'feedback', undefined],
    ]);
    expect(views[3]).not.toHaveProperty('from');
  });
});
