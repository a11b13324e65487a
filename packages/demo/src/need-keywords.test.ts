import { describe, expect, it } from 'vitest';
import { keywordsIn } from './need-keywords.ts';

describe('keywordsIn', () => {
  it('takes the nouns of a need as it is written, its town left out', () => {
    expect(keywordsIn('新宿区の商店街に人の流れを取り戻したい', ['新宿区'])).toEqual([
      '商店街',
      '人の流れ',
    ]);
    expect(keywordsIn('雲南市で一人暮らしのお年寄りの見守りを続けたい', ['雲南市'])).toEqual([
      '一人暮らし',
      'お年寄り',
      '見守り',
    ]);
  });

  it('leaves out words that say nothing of the problem and the stems of verbs', () => {
    expect(keywordsIn('塗装品の錆び対策を見直したい')).toEqual(['塗装品', '対策']);
    expect(keywordsIn('樹脂成形品を今より2割軽くしたい')).toEqual(['樹脂成形品']);
    expect(keywordsIn('半導体工場向けの洗浄の時間を半分にしたい')).toEqual(['半導体工場', '洗浄']);
  });

  it('keeps a noun of one kanji that stands alone', () => {
    expect(keywordsIn('朝日町の川が濁ったり臭ったりする原因を知りたい', ['朝日町'])).toEqual([
      '川',
    ]);
  });

  it('gives each word once, in the order of the text', () => {
    expect(keywordsIn('金型の寿命と金型の摩耗を調べたい')).toEqual(['金型', '寿命', '摩耗']);
  });
});
