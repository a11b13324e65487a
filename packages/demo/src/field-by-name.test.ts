import { describe, expect, it } from 'vitest';
import { holdsTechnologySeeds, plausibleField } from './field-by-name.ts';

describe('plausibleField', () => {
  it.each([
    // real names from the ROR and MEXT lists the demo draws on, with the field drawn at random
    ['長崎県窯業技術センター', '海洋・水産', '材料'],
    ['多治見市陶磁器意匠研究所', 'ライフサイエンス', '材料'],
    ['高知県立紙産業技術センター', 'ものづくり', '材料'],
    ['東京都立皮革技術センター', '医療機器', '材料'],
    ['文化学園大学', '光・量子', '光・量子'],
    ['福井県内水面総合センター', '光・量子', '海洋・水産'],
    ['香川県赤潮研究所', '材料', '海洋・水産'],
    ['栃木県県央家畜保健衛生所', '医療機器', '食品・農業'],
    ['鳥取県中小家畜試験場', 'ものづくり', '食品・農業'],
    ['佐賀県上場営農センター', '半導体', '食品・農業'],
    ['沖縄県病害虫防除技術センター', '海洋・水産', '食品・農業'],
    ['長崎県環境保健研究センター', '医療機器', '環境'],
    ['新潟県放射線監視センター', '食品・農業', '環境'],
    ['青森県原子力センター', 'ものづくり', '環境'],
    ['佐賀県衛生薬業センター', 'IoT・AI', 'ライフサイエンス'],
    ['東京都健康安全研究センター', '海洋・水産', 'ライフサイエンス'],
    ['生理学研究所', 'ものづくり', 'ライフサイエンス'],
    ['沖縄県立北部病院', '放射光', '医療機器'],
    ['あいちシンクロトロン光センター', 'ものづくり', '放射光'],
    ['群馬県立ぐんま天文台', 'ものづくり', '光・量子'],
    ['北海道情報大学', '食品・農業', 'IoT・AI'],
    ['統計数理研究所', 'ものづくり', 'IoT・AI'],
    ['国立研究開発法人防災科学技術研究所', '材料', '環境'],
    ['奈良県産業振興総合センター', '海洋・水産', 'ものづくり'],
    ['京都府中小企業技術センタ−', 'ライフサイエンス', 'ものづくり'],
  ])('%s (drawn %s) works in %s', (name, drawn, expected) => {
    expect(plausibleField(name, drawn)).toBe(expected);
  });

  it('keeps the drawn field of a name that says nothing, within its place', () => {
    expect(plausibleField('株式会社山田', '海洋・水産', '22')).toBe('海洋・水産');
    // 奈良 has no sea; 希少糖 is Kagawa's own field
    expect(plausibleField('株式会社山田', '海洋・水産', '29')).toBe('環境');
    expect(plausibleField('株式会社山田', '希少糖', '13')).toBe('食品・農業');
    expect(plausibleField('株式会社山田', '希少糖', '37')).toBe('希少糖');
    // a name that says its water keeps it inland
    expect(plausibleField('滋賀県水産試験場', '環境', '25')).toBe('海洋・水産');
  });
});

describe('holdsTechnologySeeds', () => {
  it.each([
    '参議院',
    '年金積立金管理運用独立行政法人',
    '朝日新聞社',
    '独立行政法人統計センター',
    '独立行政法人国立印刷局',
    '財務省財務総合政策研究所',
    '原子力規制委員会',
    '岡山県生涯学習センター',
    '東京藝術大学',
    '学習院女子大学',
    '一橋大学',
  ])('refuses %s', (name) => {
    expect(holdsTechnologySeeds(name)).toBe(false);
  });

  it.each(['長崎県窯業技術センター', '国立天文台', 'お茶の水女子大学', '女子栄養大学', '京都大学'])(
    'allows %s',
    (name) => {
      expect(holdsTechnologySeeds(name)).toBe(true);
    },
  );

  it('lets a private university whose name says no science hold seeds only when it is large', () => {
    expect(holdsTechnologySeeds('杉野服飾大学', { type: '私立', faculties: 2 })).toBe(false);
    expect(holdsTechnologySeeds('奈良大学', { type: '私立', faculties: 6 })).toBe(false);
    expect(holdsTechnologySeeds('早稲田大学', { type: '私立', faculties: 38 })).toBe(true);
    expect(holdsTechnologySeeds('佐賀大学', { type: '国立', faculties: 6 })).toBe(true);
    // a name that says its science holds seeds however small the school
    expect(holdsTechnologySeeds('湘南工科大学', { type: '私立', faculties: 1 })).toBe(true);
  });
});
