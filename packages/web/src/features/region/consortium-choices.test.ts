import { describe, expect, it } from 'vitest';
import { choicesOf, consortiumMatches } from './consortium-choices.ts';

const hikari = {
  id: 'consortium-22-hikari',
  name: '浜松・東部 光・電子技術イノベーション推進協議会',
  nameEn: 'Shizuoka Photonics and Electronics Innovation Council',
};

describe('the consortium picker’s choices', () => {
  it('reads id and names, leaving out items without an id', () => {
    expect(choicesOf([hikari, { name: '名前だけ' }, { id: 'bare' }])).toEqual([
      hikari,
      { id: 'bare', name: 'bare' },
    ]);
  });

  it.each([
    ['', true],
    ['光・電子', true],
    ['ｲﾉﾍﾞｰｼｮﾝ', true],
    ['photonics', true],
    ['ＰＨＯＴＯＮＩＣＳ', true],
    ['22-hikari', true],
    ['福岡', false],
  ])('“%s” matches: %s', (text, expected) => {
    expect(consortiumMatches(hikari, text)).toBe(expected);
  });
});
