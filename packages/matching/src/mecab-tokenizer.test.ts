import { afterAll, describe, expect, it } from 'vitest';
import { createBatchAnalyzer } from './batch-analyzer.ts';
import { compileDictionary } from './dictionary.ts';
import { createKuromojiTokenizer } from './kuromoji-tokenizer.ts';
import {
  createMecabTokenizer,
  isMecabAvailable,
  parseMecabLines,
  toMecabLine,
  type BatchTokenizer,
} from './mecab-tokenizer.ts';
import { STARTER_DOMAIN_DICTIONARY } from './starter-dictionary.ts';
import { createAnalyzer } from './analyze.ts';

describe('parseMecabLines', () => {
  it('maps IPADIC features and status to tokens with offsets', () => {
    const text = '工場 排水とキレート';
    const tokens = parseMecabLines(text, [
      '工場\t0\t名詞,一般,*,*,工場,コウジョウ',
      '排水\t0\t名詞,サ変接続,*,*,排水,ハイスイ',
      'と\t0\t助詞,並立助詞,*,*,と,ト',
      'キレート\t1\t名詞,一般,*,*,*',
    ]);
    expect(tokens.map((t) => [t.surface, t.start, t.known, t.baseForm])).toEqual([
      ['工場', 0, true, '工場'],
      ['排水', 3, true, '排水'],
      ['と', 5, true, 'と'],
      ['キレート', 6, false, 'キレート'],
    ]);
    expect(tokens[1]?.partOfSpeechDetail).toEqual(['サ変接続']);
    expect(tokens[1]?.reading).toBe('ハイスイ');
    expect(tokens[3]?.reading).toBe('');
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

  it('finishes the work asked for before closing, and refuses work after', async () => {
    const own = createMecabTokenizer();
    const pending = own.tokenizeMany(['産学官連携による地域イノベーション']);
    const closed = own.close();
    await expect(pending.then((r) => r[0]?.map((t) => t.surface))).resolves.toContain('連携');
    await closed;
    await expect(own.tokenizeMany(['銅'])).rejects.toThrow('closed');
  }, 30_000);
});
