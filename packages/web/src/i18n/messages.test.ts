import { describe, expect, it } from 'vitest';
import en from './en.json';
import ja from './ja.json';

describe('message catalogues', () => {
  it('have the same keys in Japanese and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const [key, text] of Object.entries(ja)) {
      const english: unknown = (en as Record<string, unknown>)[key];
      expect(typeof english, key).toBe('string');
      expect(placeholders(String(english)), key).toEqual(placeholders(text));
    }
  });
});
