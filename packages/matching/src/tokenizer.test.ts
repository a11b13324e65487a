import { describe, expect, it } from 'vitest';
import { createScriptRunTokenizer } from './tokenizer.ts';

describe('createScriptRunTokenizer', () => {
  it('splits text into runs of one script with offsets', () => {
    const tokens = createScriptRunTokenizer().tokenize('工場排水から銅をAI回収2024');
    expect(tokens.map((t) => [t.surface, t.start, t.partOfSpeech])).toEqual([
      ['工場排水', 0, '名詞'],
      ['から', 4, '助詞'],
      ['銅', 6, '名詞'],
      ['を', 7, '助詞'],
      ['AI', 8, '名詞'],
      ['回収', 10, '名詞'],
      ['2024', 12, '名詞'],
    ]);
    expect(tokens[6]?.partOfSpeechDetail).toEqual(['数']);
    expect(tokens.every((t) => !t.known)).toBe(true);
  });

  it('returns nothing for empty text', () => {
    expect(createScriptRunTokenizer().tokenize('')).toEqual([]);
  });
});
