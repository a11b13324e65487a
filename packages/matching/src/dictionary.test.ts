import { describe, expect, it } from 'vitest';
import { compileDictionary, emptyDictionary, foldDictionaryTerm } from './dictionary.ts';

describe('compileDictionary', () => {
  const dictionary = compileDictionary([
    { term: '半導体', synonyms: ['セミコンダクター', 'Semiconductors'] },
    { term: '重金属', related: ['銅', '亜鉛'] },
    { term: '銅', synonyms: ['Cu'] },
    { term: '樹脂', synonyms: ['プラスチック'] },
    { term: '高分子', synonyms: ['プラスチック'] },
  ]);

  it('maps synonyms (folded) to the folded preferred form', () => {
    expect(dictionary.canonical.get('セミコンダクタ')).toBe('半導体');
    expect(dictionary.canonical.get('semiconductor')).toBe('半導体');
    expect(dictionary.canonical.get('半導体')).toBe('半導体');
    expect(dictionary.canonical.get('cu')).toBe('銅');
  });

  it('makes related terms symmetric and resolves them to preferred forms', () => {
    expect(dictionary.related.get('重金属')).toEqual([
      { term: '亜鉛', weight: 0.5 },
      { term: '銅', weight: 0.5 },
    ]);
    expect(dictionary.related.get('銅')).toEqual([{ term: '重金属', weight: 0.5 }]);
    expect(dictionary.canonical.get('亜鉛')).toBe('亜鉛');
  });

  it('reports a synonym claimed twice and keeps the first claim', () => {
    expect(dictionary.conflicts).toEqual([
      { surface: 'プラスチック', kept: '樹脂', ignored: '高分子' },
    ]);
    expect(dictionary.canonical.get('プラスチック')).toBe('樹脂');
  });

  it('takes the related weight from the options', () => {
    const custom = compileDictionary([{ term: 'a', related: ['b'] }], { relatedWeight: 0.25 });
    expect(custom.related.get('a')).toEqual([{ term: 'b', weight: 0.25 }]);
  });

  it('tracks the longest surface', () => {
    expect(dictionary.maxSurfaceLength).toBe('semiconductor'.length);
    expect(emptyDictionary().maxSurfaceLength).toBe(0);
  });
});

describe('foldDictionaryTerm', () => {
  it.each([
    ['ｾﾝｻｰ', 'センサ'],
    ['Sensors', 'sensor'],
    ['3D プリンタ', '3dプリンタ'],
    ['ヴァイオリン', 'バイオリン'],
  ])('%s → %s', (input, expected) => {
    expect(foldDictionaryTerm(input)).toBe(expected);
  });
});
