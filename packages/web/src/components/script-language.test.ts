import { describe, expect, it } from 'vitest';
import { scriptLanguage } from './script-language.ts';

describe('scriptLanguage', () => {
  it('marks names written in kanji or kana as Japanese', () => {
    expect(scriptLanguage('鹿児島大学')).toBe('ja');
    expect(scriptLanguage('センター・オブ・イノベーション（COI）プログラム')).toBe('ja');
  });

  it('leaves Latin names unmarked', () => {
    expect(scriptLanguage('Max Planck Institute')).toBeUndefined();
  });
});
