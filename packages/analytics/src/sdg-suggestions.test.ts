import { describe, expect, it } from 'vitest';
import { suggestSdgs } from './sdg-suggestions.ts';

describe('suggestSdgs', () => {
  it('suggests goals from the text, with the terms and where they were found', () => {
    const suggestions = suggestSdgs(
      [
        { name: 'title', text: '藻場再生による沿岸漁業の振興' },
        { name: 'abstract', text: '海藻の養殖技術で二酸化炭素を吸収する（ブルーカーボン）。' },
        { name: 'keywords', text: '水産;ＩｏＴ' },
      ],
      [14],
    );
    expect(suggestions.map((s) => s.sdg)).toEqual([14, 9, 13]);
    expect(suggestions[0]).toMatchObject({ sdg: 14, tagged: true });
    expect(suggestions[0]?.evidence.map((e) => e.term)).toEqual(
      expect.arrayContaining(['漁業', '養殖', '海藻', '沿岸', '水産', '藻場']),
    );
    expect(suggestions[2]?.evidence[0]).toMatchObject({
      field: 'abstract',
      term: '二酸化炭素',
    });
    expect(suggestions[2]?.evidence[0]?.excerpt).toContain('二酸化炭素を吸収');
    // full-width ＩｏＴ is read as IoT
    expect(suggestions[1]?.evidence[0]).toMatchObject({ field: 'keywords', term: 'IoT' });
  });

  it('matches Latin terms as words only, and suggests nothing without a cue', () => {
    expect(suggestSdgs([{ name: 'title', text: 'email maintenance of a chain' }])).toEqual([]);
    expect(suggestSdgs([{ name: 'title', text: 'AI で検査を自動化' }])[0]).toMatchObject({
      sdg: 9,
      score: 2,
    });
  });
});
