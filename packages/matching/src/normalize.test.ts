import { describe, expect, it } from 'vitest';
import {
  foldKatakanaVariants,
  foldReading,
  foldTerm,
  hiraganaToKatakana,
  katakanaToHiragana,
  normalizeOrganisationName,
  normalizeText,
  normalizeWithOffsets,
  stemEnglish,
  toOriginalSpan,
} from './normalize.ts';

describe('normalizeText', () => {
  it.each([
    ['full-width Latin and digits', 'ＩｏＴ２０２４', 'iot2024'],
    ['half-width katakana', 'ｺﾝﾋﾟｭｰﾀ', 'コンピュータ'],
    ['half-width voiced marks compose', 'ｶﾞｽﾀﾞﾝﾊﾟ', 'ガスダンパ'],
    ['full-width space', '重金属　吸着', '重金属 吸着'],
    ['upper case', 'CO2 Sensor', 'co2 sensor'],
    ['circled ideograph', '㈱ムスビ', '(株)ムスビ'],
    ['full-width minus after katakana', 'コンピュ－タ', 'コンピュータ'],
    ['horizontal bar after katakana', 'サ―バ', 'サーバ'],
    ['wave dash after katakana', 'メ〜ル', 'メール'],
    ['hyphen between Latin letters kept', 'AI-based', 'ai-based'],
    ['hyphen after kanji kept', '北海道-東北', '北海道-東北'],
    ['unit square', '㌔', 'キロ'],
  ])('%s: %s → %s', (_name, input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});

describe('normalizeWithOffsets', () => {
  it('copies runs that need no change and maps the rest cluster by cluster', () => {
    const text = '銅の回収、ｶﾞｽ-ﾎﾞﾝﾍﾞ 12％ ABC-x';
    const normalized = normalizeWithOffsets(text);
    expect(normalized.text).toBe('銅の回収、ガスーボンベ 12% abc-x');
    // ｶﾞ (two units) gives one unit spanning both.
    expect([normalized.origStart[5], normalized.origEnd[5]]).toEqual([5, 7]);
    // The ASCII hyphen after katakana became a long vowel mark; after a letter it stays.
    expect(normalized.text.at(-2)).toBe('-');
    expect(normalized.origStart.length).toBe(normalized.text.length);
    for (let i = 0; i < 5; i += 1) {
      expect([normalized.origStart[i], normalized.origEnd[i]]).toEqual([i, i + 1]);
    }
  });

  it('maps each normalised unit back to its original span', () => {
    const normalized = normalizeWithOffsets('ｶﾞｽと㈱');
    expect(normalized.text).toBe('ガスと(株)');
    expect(Array.from(normalized.origStart)).toEqual([0, 2, 3, 4, 4, 4]);
    expect(Array.from(normalized.origEnd)).toEqual([2, 3, 4, 5, 5, 5]);
    // ス at normalised 1 is original [2, 3); the span ガス is original [0, 3).
    expect(toOriginalSpan(normalized, 0, 2)).toEqual({ start: 0, end: 3 });
    expect(toOriginalSpan(normalized, 3, 6)).toEqual({ start: 4, end: 5 });
  });

  it('keeps surrogate pairs together', () => {
    const normalized = normalizeWithOffsets('𠮷野家');
    expect(normalized.text).toBe('𠮷野家');
    expect(toOriginalSpan(normalized, 0, 2)).toEqual({ start: 0, end: 2 });
  });
});

describe('kana folding', () => {
  it.each([
    ['りんご', 'リンゴ'],
    ['ゝ', 'ヽ'],
    ['漢字かな', '漢字カナ'],
  ])('hiraganaToKatakana %s → %s', (input, expected) => {
    expect(hiraganaToKatakana(input)).toBe(expected);
  });

  it('katakanaToHiragana is the inverse on kana', () => {
    expect(katakanaToHiragana('リンゴとミカン')).toBe('りんごとみかん');
    expect(hiraganaToKatakana(katakanaToHiragana('キレート'))).toBe('キレート');
  });

  it.each([
    ['ヴァイオリン', 'バイオリン'],
    ['ヴィーナス', 'ビーナス'],
    ['ヴェネツィア', 'ベネツィア'],
    ['ウィルス', 'ウイルス'],
    ['ウェアラブル', 'ウエアラブル'],
    ['霞ヶ関', '霞ケ関'],
    ['コンピューター', 'コンピュータ'],
    ['センサー', 'センサ'],
    ['カー', 'カー'],
    ['ビール', 'ビール'],
    ['データーー', 'データ'],
    ['半導体', '半導体'],
  ])('foldKatakanaVariants %s → %s', (input, expected) => {
    expect(foldKatakanaVariants(input)).toBe(expected);
  });

  it.each([
    ['りんご', 'リンゴ'],
    ['リンゴ', 'リンゴ'],
    ['ぶどう', 'ブドウ'],
    ['IoT', 'iot'],
    ['見守り', '見守り'],
    ['ばいおりん', 'バイオリン'],
  ])('foldTerm %s → %s', (input, expected) => {
    expect(foldTerm(input)).toBe(expected);
  });

  it('foldReading makes readings comparable across scripts and long vowels', () => {
    expect(foldReading('こんぴゅーた')).toBe(foldReading('コンピュータ'));
    expect(foldReading('ｺﾝﾋﾟｭｰﾀｰ')).toBe('コンピュタ');
  });
});

describe('stemEnglish', () => {
  it.each([
    ['devices', 'device'],
    ['studies', 'study'],
    ['processes', 'process'],
    ['boxes', 'box'],
    ['sensors', 'sensor'],
    ['glass', 'glass'],
    ['status', 'status'],
    ['analysis', 'analysis'],
    ['gas', 'gas'],
  ])('%s → %s', (input, expected) => {
    expect(stemEnglish(input)).toBe(expected);
  });
});

describe('normalizeOrganisationName', () => {
  it.each([
    ['株式会社ムスビ', 'ムスビ'],
    ['ムスビ株式会社', 'ムスビ'],
    ['（株）ムスビ', 'ムスビ'],
    ['(株)ﾑｽﾋﾞ', 'ムスビ'],
    ['㈱ムスビ', 'ムスビ'],
    ['株式会社　ムスビ', 'ムスビ'],
    ['ムスビ K.K.', 'ムスビ'],
    ['有限会社ムスビ', 'ムスビ'],
    ['(有)ムスビ', 'ムスビ'],
    ['合同会社ムスビ', 'ムスビ'],
    ['一般社団法人 むすび協会', 'むすび協会'],
    ['公益財団法人ムスビ産業振興財団', 'ムスビ産業振興財団'],
    ['(公財)ムスビ産業振興財団', 'ムスビ産業振興財団'],
    ['地方独立行政法人ムスビ工業技術センター', 'ムスビ工業技術センター'],
    ['国立研究開発法人 産業技術総合研究所', '産業技術総合研究所'],
    ['国立大学法人 結び大学', '結び大学'],
    ['特定非営利活動法人 結びネット', '結びネット'],
    ['NPO法人 結び・ネット', '結びネット'],
    ['Musubi Co., Ltd.', 'musubi'],
    ['Musubi Inc.', 'musubi'],
    ['MUSUBI CORPORATION', 'musubi'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeOrganisationName(input)).toBe(expected);
  });

  it('keeps names that differ apart', () => {
    expect(normalizeOrganisationName('株式会社ムスビ')).not.toBe(
      normalizeOrganisationName('株式会社ムスビ精工'),
    );
  });
});
