import { describe, expect, it } from 'vitest';
import { nameSimilarity, normalizeActorName } from './actor-names.ts';

describe('normalizeActorName', () => {
  it.each([
    ['株式会社ｊｉｇ．ｊｐ', 'jigjp'],
    ['㈱ジグジェイピー', 'ジグジェイピー'],
    ['（株）ジグジェイピー', 'ジグジェイピー'],
    ['ジグジェイピー株式会社', 'ジグジェイピー'],
    ['国立大学法人東北大学', '東北大学'],
    ['国立大学法人　東北大学', '東北大学'],
    ['ＤＹＳ株式会社', 'dys'],
    ['Akkey Lab Co., Ltd.', 'akkeylab'],
    ['地方独立行政法人大阪産業技術研究所', '大阪産業技術研究所'],
    ['株式会社　メムス・コア', 'メムスコア'],
  ])('%s → %s', (name, expected) => {
    expect(normalizeActorName(name)).toBe(expected);
  });

  it('scores similar names high and different ones low', () => {
    expect(nameSimilarity('秋田県畜産試験場', '秋田県畜産試験所')).toBeGreaterThan(0.8);
    expect(nameSimilarity('東北大学', '東北学院大学')).toBeLessThan(0.8);
  });
});
