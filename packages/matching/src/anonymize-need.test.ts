import { describe, expect, it } from 'vitest';
import { anonymiseNeedText, redactText } from './anonymize-need.ts';

describe('redactText', () => {
  it.each([
    ['阿波精工株式会社では銅の回収に困っています', '［非公開］では銅の回収に困っています'],
    ['（株）ムスビ製作所の工場', '［非公開］の工場'],
    ['株式会社ムスビの工場', '［非公開］の工場'],
    ['徳島県徳島市の工場で、従業員は35名です', '［地域］の工場で、従業員は○名です'],
    ['創業１２０年の酒蔵です', '創業○年の酒蔵です'],
    ['讃岐精工株式会社 技術部です', '［非公開］ 技術部です'],
    ['連絡先 info@awa.example.jp 088-123-4567', '連絡先 ［非公開］ ［非公開］'],
  ])('%s', (input, expected) => {
    expect(redactText(input, ['阿波精工株式会社'])).toBe(expected);
  });

  it('hides the owner name written without its legal form and in other widths', () => {
    expect(
      redactText('ｱﾜ精工の課題と阿波精工の技術', ['アワ精工株式会社', '阿波精工株式会社']),
    ).toBe('［非公開］の課題と［非公開］の技術');
  });
});

describe('anonymiseNeedText', () => {
  it('keeps the technical content and drops identifying keywords', () => {
    const digest = anonymiseNeedText(
      {
        title: '香川県の工場排水から銅を回収したい',
        description: '讃岐メッキ株式会社です。工場排水に含まれる銅を年間3トン回収したい。',
        keywords: ['銅', '排水', '讃岐メッキ'],
      },
      ['讃岐メッキ株式会社'],
    );
    expect(digest.title).toBe('［地域］の工場排水から銅を回収したい');
    expect(digest.summary).toBe('［非公開］です。工場排水に含まれる銅を年間○トン回収したい。');
    expect(digest.keywords).toEqual(['銅', '排水']);
  });
});
