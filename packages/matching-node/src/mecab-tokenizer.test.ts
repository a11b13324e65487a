import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createBatchAnalyzer } from '#matching/batch-analyzer.ts';
import { compileDictionary } from '#matching/dictionary.ts';
import { createKuromojiTokenizer } from './kuromoji-tokenizer.ts';
import {
  createMecabTokenizer,
  IPADIC_PARTS_OF_SPEECH,
  isMecabAvailable,
  parseMecabLines,
  toMecabLine,
} from './mecab-tokenizer.ts';
import { STARTER_DOMAIN_DICTIONARY } from '#matching/starter-dictionary.ts';
import { createAnalyzer } from '#matching/analyze.ts';
import type { BatchTokenizer } from '#matching/tokenizer.ts';

describe('parseMecabLines', () => {
  it('maps IPADIC part-of-speech ids, status and base forms to tokens with offsets', () => {
    const text = '工場 排水とキレートを使った';
    const tokens = parseMecabLines(text, [
      '工場\t0\t38\t工場',
      '排水\t0\t36\t排水',
      'と\t0\t23\tと',
      'キレート\t1\t38\t',
      'を\t0\t13\tを',
      '使っ\t0\t31\t使う',
      'た\t0\t999\tた',
    ]);
    expect(tokens.map((t) => [t.surface, t.start, t.known, t.baseForm])).toEqual([
      ['工場', 0, true, '工場'],
      ['排水', 3, true, '排水'],
      ['と', 5, true, 'と'],
      ['キレート', 6, false, 'キレート'],
      ['を', 10, true, 'を'],
      ['使っ', 11, true, '使う'],
      ['た', 13, true, 'た'],
    ]);
    expect(tokens.map((t) => [t.partOfSpeech, ...t.partOfSpeechDetail])).toEqual([
      ['名詞', '一般'],
      ['名詞', 'サ変接続'],
      ['助詞', '並立助詞'],
      ['名詞', '一般'],
      ['助詞', '格助詞', '一般'],
      ['動詞', '自立'],
      ['名詞'], // an id outside the table: a plain noun, not a crash
    ]);
  });

  it('has the part-of-speech ids of the installed IPADIC', () => {
    // mecab-ipadic ships pos-id.def (EUC-JP) beside the UTF-8 build; when present, it must
    // match the table the parser reads ids through.
    const path = '/usr/share/mecab/dic/ipadic/pos-id.def';
    if (!existsSync(path)) return;
    const lines = new TextDecoder('euc-jp')
      .decode(readFileSync(path))
      .split('\n')
      .filter((line) => line.trim() !== '');
    expect(lines.map((line) => line.split(' ')[0])).toEqual(IPADIC_PARTS_OF_SPEECH);
    expect(lines.map((line) => Number(line.split(' ')[1]))).toEqual(lines.map((_, i) => i));
  });

  it('reads a fifth column as the reading, and a base form without one as before', () => {
    const tokens = parseMecabLines('杉の木とキレート', [
      '杉\t0\t38\t杉\tスギ',
      'の\t0\t24\tの\tノ',
      '木\t0\t38\t木\tキ',
      'と\t0\t23\tと\t*',
      'キレート\t1\t38\t',
    ]);
    expect(tokens.map((t) => [t.surface, t.baseForm, t.reading])).toEqual([
      ['杉', '杉', 'スギ'],
      ['の', 'の', 'ノ'],
      ['木', '木', 'キ'],
      ['と', 'と', ''],
      ['キレート', 'キレート', ''],
    ]);
  });

  it('keeps line protocol safe: control characters become spaces of the same length', () => {
    expect(toMecabLine('a\nb\r\tc')).toBe('a b  c');
  });
});

describe.runIf(isMecabAvailable())('MeCab child process', () => {
  let mecab: BatchTokenizer;
  afterAll(async () => mecab.close());

  it('tokenises batches in order, empty and odd texts included, and agrees with kuromoji', async () => {
    mecab = createMecabTokenizer();
    const texts = ['工場排水から銅を回収したい', '', '🙂🙂', 'EOS', '改行\nを含む'];
    const [a, b] = await Promise.all([mecab.tokenizeMany(texts), mecab.tokenizeMany(['希少糖'])]);
    expect(a).toHaveLength(5);
    expect(a[0]?.map((t) => t.surface)).toEqual([
      '工場',
      '排水',
      'から',
      '銅',
      'を',
      '回収',
      'し',
      'たい',
    ]);
    expect(a[1]).toEqual([]);
    expect(a[3]?.map((t) => t.surface)).toEqual(['EOS']);
    expect(b?.[0]?.length).toBeGreaterThan(0);

    const dictionary = compileDictionary(STARTER_DOMAIN_DICTIONARY);
    const batch = createBatchAnalyzer({ batch: mecab, dictionary });
    const text = 'キレート樹脂による重金属イオンの選択的吸着（セミコンダクタ向け）';
    const viaMecab = (await batch.prepare([text])).terms(text);
    const viaKuromoji = createAnalyzer({
      tokenizer: await createKuromojiTokenizer(),
      dictionary,
    }).terms(text);
    expect(viaMecab).toEqual(viaKuromoji);
  }, 30_000);

  it('gives readings only when asked, with the same tokens and base forms', async () => {
    const withReadings = createMecabTokenizer({ readings: true });
    const plain = createMecabTokenizer();
    try {
      const text = '杉の木を使った新しい家具とキレート';
      const [[a], [b]] = await Promise.all([
        withReadings.tokenizeMany([text]),
        plain.tokenizeMany([text]),
      ]);
      expect(a?.map((t) => [t.surface, t.baseForm])).toEqual(
        b?.map((t) => [t.surface, t.baseForm]),
      );
      expect(a?.find((t) => t.surface === '杉')?.reading).toBe('スギ');
      expect(a?.find((t) => t.surface === '使っ')?.baseForm).toBe('使う');
      expect(a?.find((t) => t.surface === 'キレート')?.reading).toBe('');
      expect(b?.every((t) => t.reading === '')).toBe(true);
    } finally {
      await Promise.all([withReadings.close(), plain.close()]);
    }
  }, 30_000);

  it('finishes the work asked for before closing, and refuses work after', async () => {
    const own = createMecabTokenizer();
    const pending = own.tokenizeMany(['産学官連携による地域イノベーション']);
    const closed = own.close();
    await expect(pending.then((r) => r[0]?.map((t) => t.surface))).resolves.toContain('連携');
    await closed;
    await expect(own.tokenizeMany(['銅'])).rejects.toThrow('closed');
  }, 30_000);
});
