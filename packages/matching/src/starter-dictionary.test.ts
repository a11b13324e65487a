import { describe, expect, it } from 'vitest';
import { compileDictionary } from './dictionary.ts';
import { STARTER_DOMAIN_DICTIONARY } from './starter-dictionary.ts';

describe('STARTER_DOMAIN_DICTIONARY', () => {
  const compiled = compileDictionary(STARTER_DOMAIN_DICTIONARY);

  it('has between 100 and 500 entries with unique preferred forms', () => {
    expect(STARTER_DOMAIN_DICTIONARY.length).toBeGreaterThanOrEqual(100);
    expect(STARTER_DOMAIN_DICTIONARY.length).toBeLessThanOrEqual(500);
    const terms = STARTER_DOMAIN_DICTIONARY.map((entry) => entry.term);
    expect(new Set(terms).size).toBe(terms.length);
  });

  it('compiles without conflicting synonyms', () => {
    expect(compiled.conflicts).toEqual([]);
  });

  it('covers the regional-innovation fields', () => {
    const categories = new Set(STARTER_DOMAIN_DICTIONARY.map((entry) => entry.category));
    for (const field of [
      '材料',
      '食品',
      '農業',
      '医療',
      '情報',
      'エネルギー',
      '環境',
      'ものづくり',
    ]) {
      expect(categories.has(field)).toBe(true);
    }
  });

  it('contains the examples of the brief', () => {
    expect(compiled.canonical.get('希少糖')).toBe('希少糖');
    expect(compiled.canonical.get('放射光')).toBe('放射光');
    expect(compiled.canonical.get('セミコンダクタ')).toBe('半導体');
    expect(compiled.related.get('重金属')?.map((r) => r.term)).toEqual(
      expect.arrayContaining(['銅', '亜鉛', '鉛']),
    );
    expect(compiled.related.get('銅')?.map((r) => r.term)).toContain('重金属');
  });
});
