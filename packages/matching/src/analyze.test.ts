import { beforeAll, describe, expect, it } from 'vitest';
import type { Analyzer } from './analyze.ts';
import {
  analyzeFields,
  createAnalyzer,
  displayTerm,
  englishWordPairs,
  isBigramTerm,
  isFoldInvariant,
} from './analyze.ts';
import { foldTerm } from './normalize.ts';
import { compileDictionary } from './dictionary.ts';
import { createKuromojiTokenizer } from '#matching-node/kuromoji-tokenizer.ts';
import { createScriptRunTokenizer } from './tokenizer.ts';
import type { Tokenizer } from './tokenizer.ts';

let tokenizer: Tokenizer;
let plain: Analyzer;
let withDictionary: Analyzer;

beforeAll(async () => {
  tokenizer = await createKuromojiTokenizer();
  plain = createAnalyzer({ tokenizer });
  withDictionary = createAnalyzer({
    tokenizer,
    dictionary: compileDictionary([
      { term: '希少糖' },
      { term: '半導体', synonyms: ['セミコンダクタ'] },
      { term: 'センサ', synonyms: ['sensor'] },
      { term: 'ナノファイバー' },
    ]),
  });
});

const words = (analyzer: Analyzer, text: string): string[] =>
  analyzer.terms(text).filter((term) => !isBigramTerm(term));

describe('createAnalyzer: content words', () => {
  it.each([
    ['工場排水から銅を回収したい', ['工場', '工場排水', '排水', '銅', '回収']],
    ['高齢者の見守りを行う', ['高齢', '高齢者', '見守る']],
    ['新しい材料を使った', ['新しい', '材料', '使う']],
    ['それは2024年のことです', []],
    ['選択的吸着', ['選択', '選択的吸着', '吸着']],
  ])('%s', (text, expected) => {
    expect(words(plain, text)).toEqual(expected);
  });

  it('drops particles, auxiliaries, symbols and bare numbers', () => {
    const terms = plain.terms('銅を、12.5%だけ回収する。');
    expect(terms).toEqual(['銅', '回収']);
  });
});

describe('createAnalyzer: width, case and kana variants', () => {
  it.each([
    ['ｺﾝﾋﾟｭｰﾀｰ', 'コンピューター'],
    ['コンピュータ', 'コンピューター'],
    ['ヴァイオリン', 'バイオリン'],
    ['ＩｏＴ', 'iot'],
    ['センサー', 'センサ'],
  ])('%s and %s give the same terms', (a, b) => {
    expect(words(plain, a)).toEqual(words(plain, b));
    expect(words(plain, a).length).toBeGreaterThan(0);
  });
});

describe('createAnalyzer: English in mixed text', () => {
  it('lower-cases, drops stop words and stems plurals', () => {
    const terms = plain.analyze('希少糖とAI-based sensing devices for the Food industry');
    expect(terms.filter((t) => t.kind === 'english').map((t) => t.term)).toEqual([
      'ai',
      'based',
      'sensing',
      'device',
      'food',
      'industry',
    ]);
  });

  it('keeps alphanumeric words with a letter and drops bare numbers', () => {
    const english = plain.analyze('5G と CO2 を 2024 年に').filter((t) => t.kind === 'english');
    expect(english.map((t) => t.term)).toEqual(['5g', 'co2']);
  });

  it('points English terms at their original spans', () => {
    const [term] = plain.analyze('ＩｏＴ機器').filter((t) => t.kind === 'english');
    expect(term).toMatchObject({ term: 'iot', start: 0, end: 3, surface: 'ＩｏＴ' });
  });

  it('drops how a need is asked (want, need, more than), keeps what it asks for', () => {
    const english = plain
      .analyze('We want more than a warning; we need wild boar traps')
      .filter((t) => t.kind === 'english');
    expect(english.map((t) => t.term)).toEqual(['warning', 'wild', 'boar', 'trap']);
  });
});

describe('createAnalyzer: katakana words the dictionary splits', () => {
  it('keeps ドローン one word (IPADIC reads ド+ローン, a loan), and ど真ん中 as it was', () => {
    const terms = plain.analyze('ドローンで橋梁を点検する').map((t) => t.term);
    expect(terms).toContain('ドローン');
    expect(terms).not.toContain('ローン');
    expect(plain.analyze('ど真ん中').map((t) => t.term)).toContain('真ん中');
  });
});

describe('englishWordPairs', () => {
  it('pairs adjacent words, stemmed, never across a stop word or punctuation', () => {
    expect(englishWordPairs('Wild boar and deer damage our rice fields.')).toEqual([
      'wild boar',
      'deer damage',
      'rice field',
    ]);
    expect(englishWordPairs('late frost; peach-blossoms')).toEqual(['late frost', 'peach blossom']);
    expect(englishWordPairs('copper, from the wastewater')).toEqual([]);
    expect(englishWordPairs('竹やぶが広がる')).toEqual([]);
  });
});

describe('createAnalyzer: compounds and bigrams', () => {
  it('joins compound nouns and keeps their parts, with original offsets', () => {
    const terms = plain.analyze('めっき工場排水の処理');
    expect(terms.find((t) => t.term === 'めっき工場排水')).toMatchObject({
      kind: 'compound',
      start: 0,
      end: 7,
    });
    expect(terms.find((t) => t.term === '工場')).toMatchObject({ kind: 'word', start: 3, end: 5 });
    expect(terms.find((t) => t.term === '排水')).toMatchObject({ kind: 'word', start: 5, end: 7 });
  });

  it('adds character bigrams for unknown words', () => {
    const terms = plain.analyze('キレート');
    expect(terms.filter((t) => t.kind === 'bigram').map((t) => displayTerm(t.term))).toEqual([
      'キレ',
      'レー',
      'ート',
    ]);
    expect(terms.every((t) => t.kind !== 'bigram' || isBigramTerm(t.term))).toBe(true);
  });

  it('adds character bigrams for long compounds only', () => {
    const long = plain.analyze('大量生産技術');
    expect(long.filter((t) => t.kind === 'bigram').length).toBe(5);
    const short = plain.analyze('工場排水');
    expect(short.filter((t) => t.kind === 'bigram')).toEqual([]);
  });

  it('gives offsets in the original text when normalisation changes lengths', () => {
    const text = 'ｶﾞｽｾﾝｻｰの開発';
    const kaihatsu = plain.analyze(text).find((t) => t.term === '開発');
    expect(kaihatsu?.surface).toBe('開発');
    expect(text.slice(kaihatsu?.start, kaihatsu?.end)).toBe('開発');
  });
});

describe('createAnalyzer: domain dictionary', () => {
  it('keeps dictionary terms whole that the tokenizer splits', () => {
    const terms = withDictionary.analyze('希少糖の生産');
    expect(terms.find((t) => t.term === '希少糖')).toMatchObject({ start: 0, end: 3 });
  });

  it('maps synonyms to the preferred form and records the written form', () => {
    const terms = withDictionary.analyze('セミコンダクターの評価');
    const semiconductor = terms.find((t) => t.term === '半導体');
    expect(semiconductor).toMatchObject({
      synonymOf: 'セミコンダクタ',
      surface: 'セミコンダクター',
      start: 0,
      end: 8,
    });
  });

  it('maps English synonyms after stemming', () => {
    expect(withDictionary.terms('gas sensors')).toEqual(['gas', 'センサ']);
  });

  it('finds dictionary terms inside an unknown word', () => {
    const terms = withDictionary.analyze('セルロースナノファイバー');
    expect(terms.some((t) => t.term === 'ナノファイバ' && t.kind === 'dictionary')).toBe(true);
  });
});

describe('createAnalyzer with the script-run tokenizer', () => {
  it('indexes kanji runs whole and as bigrams', () => {
    const analyzer = createAnalyzer({ tokenizer: createScriptRunTokenizer() });
    const terms = analyzer.terms('重金属イオンの吸着');
    expect(terms).toContain('重金属');
    expect(terms).toContain('#金属');
    expect(terms).toContain('イオン');
    expect(terms).toContain('吸着');
  });
});

describe('analyzeFields', () => {
  it('analyses each field', () => {
    expect(analyzeFields(plain, { title: '銅の回収', keywords: '排水' })).toEqual({
      title: ['銅', '回収'],
      keywords: ['排水'],
    });
  });
});

describe('terms for indexing', () => {
  it.each([
    '工場排水から銅を回収したい',
    'キレート樹脂による重金属イオンの選択的吸着（セミコンダクタ向け）',
    '㍿ムスビの希少糖、ｶﾞﾗｽ繊維とsensor devices — ナノファイバーー',
    '',
    '🙂 <b>HTML</b> 1,234％ 〜 ヴァイオリン',
  ])('are the terms of the full analysis, in order: %s', (text) => {
    expect(withDictionary.terms(text)).toEqual(withDictionary.analyze(text).map((t) => t.term));
    expect(plain.terms(text)).toEqual(plain.analyze(text).map((t) => t.term));
  });
});

describe('createAnalyzer: spans far into a long text', () => {
  it('gives the same terms, in the same order, after 40,000 characters that give none', () => {
    const analyzer = createAnalyzer({
      tokenizer: createScriptRunTokenizer(),
      dictionary: compileDictionary([{ term: '希少糖' }, { term: '半導体' }]),
    });
    const text = '工場排水処理 希少糖製造 sensors and devices 半導体材料 工場排水処理';
    const far = `${'。'.repeat(40_000)}${text}`;
    expect(analyzer.terms(far)).toEqual(analyzer.terms(text));
    expect(analyzer.analyze(far).map((t) => [t.term, t.kind, t.start - 40_000])).toEqual(
      analyzer.analyze(text).map((t) => [t.term, t.kind, t.start]),
    );
  });
});

describe('isFoldInvariant', () => {
  it('holds only for terms that folding leaves unchanged', () => {
    // Kanji, okurigana, kana of both scripts, long vowel marks, variants and letters, mixed.
    const alphabet = [...'銅回収活かすりんごリンゴヴァイオリンーヶ霞々〆AbΣ㐀ゝ'];
    let state = 7;
    const next = (n: number): number => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return state % n;
    };
    let invariant = 0;
    for (let i = 0; i < 5_000; i += 1) {
      const length = 1 + next(5);
      let term = '';
      for (let j = 0; j < length; j += 1) term += alphabet[next(alphabet.length)] ?? '';
      if (isFoldInvariant(term)) {
        invariant += 1;
        expect(foldTerm(term), term).toBe(term);
      }
    }
    expect(invariant).toBeGreaterThan(100);
    expect(isFoldInvariant('活かす')).toBe(true);
    expect(isFoldInvariant('りんご')).toBe(false);
    expect(isFoldInvariant('霞ヶ関')).toBe(false);
    expect(isFoldInvariant('ＡＩ活用')).toBe(false);
  });
});
