import { beforeAll, describe, expect, it } from 'vitest';
import { createKuromojiTokenizer, resolveKuromojiDictionaryPath } from './kuromoji-tokenizer.ts';
import type { Tokenizer } from '#matching/tokenizer.ts';

let tokenizer: Tokenizer;
beforeAll(async () => {
  tokenizer = await createKuromojiTokenizer();
});

describe('createKuromojiTokenizer', () => {
  it('resolves the dictionary inside the installed kuromoji package', () => {
    expect(resolveKuromojiDictionaryPath()).toMatch(/node_modules[\\/]kuromoji[\\/]dict$/);
  });

  it('gives surface, base form, reading, part of speech and offsets', () => {
    const tokens = tokenizer.tokenize('工場排水から銅を回収したい');
    expect(tokens.map((t) => t.surface)).toEqual([
      '工場',
      '排水',
      'から',
      '銅',
      'を',
      '回収',
      'し',
      'たい',
    ]);
    expect(tokens.map((t) => t.start)).toEqual([0, 2, 4, 6, 7, 8, 10, 11]);
    const haisui = tokens[1];
    expect(haisui?.reading).toBe('ハイスイ');
    expect(haisui?.partOfSpeech).toBe('名詞');
    expect(haisui?.partOfSpeechDetail).toEqual(['サ変接続']);
    expect(tokens[6]?.baseForm).toBe('する');
    expect(tokens[6]?.partOfSpeech).toBe('動詞');
    expect(tokens[7]?.partOfSpeech).toBe('助動詞');
  });

  it('marks unknown words and gives them their surface as base form', () => {
    const [token] = tokenizer.tokenize('キレート');
    expect(token?.known).toBe(false);
    expect(token?.baseForm).toBe('キレート');
    expect(token?.reading).toBe('');
  });

  it('returns nothing for empty text', () => {
    expect(tokenizer.tokenize('')).toEqual([]);
  });
});
