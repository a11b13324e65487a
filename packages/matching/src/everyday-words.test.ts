import { beforeAll, describe, expect, it } from 'vitest';
import { createKuromojiTokenizer } from '#matching-node/kuromoji-tokenizer.ts';
import { createAnalyzer, type Analyzer } from './analyze.ts';
import { createBm25fIndex } from './bm25f.ts';
import { compileDictionary, foldDictionaryTerm } from './dictionary.ts';
import { EVERYDAY_WORDS } from './everyday-words.ts';
import { buildQuery, expandWithDictionary, searchWithExpansion } from './expansion.ts';
import { STARTER_DOMAIN_DICTIONARY } from './starter-dictionary.ts';

const dictionary = compileDictionary(STARTER_DOMAIN_DICTIONARY);
let analyzer: Analyzer;

beforeAll(async () => {
  analyzer = createAnalyzer({ tokenizer: await createKuromojiTokenizer(), dictionary });
});

/** The term a surface is indexed and queried as. */
const indexedAs = (surface: string): string => {
  const folded = foldDictionaryTerm(surface);
  return dictionary.canonical.get(folded) ?? folded;
};

describe('EVERYDAY_WORDS', () => {
  it('is part of the starter dictionary without claiming a technical term’s synonym', () => {
    expect(compileDictionary(STARTER_DOMAIN_DICTIONARY).conflicts).toEqual([]);
    for (const entry of EVERYDAY_WORDS) {
      expect(STARTER_DOMAIN_DICTIONARY).toContain(entry);
      expect(entry.category).toBe('生活語');
      expect(entry.related?.length ?? 0).toBeGreaterThan(0);
    }
  });

  it('is reached from a sentence for every word and each of its other spellings', () => {
    const unreached: string[] = [];
    for (const entry of EVERYDAY_WORDS) {
      for (const surface of [entry.term, ...(entry.synonyms ?? [])]) {
        const terms = analyzer.terms(`うちでは${surface}で困っている。`);
        if (!terms.includes(indexedAs(surface))) unreached.push(`${surface}: ${terms.join(' ')}`);
      }
    }
    expect(unreached).toEqual([]);
  });

  it('is reached from the inflected forms firms write', () => {
    const cases: [string, string][] = [
      ['夏場はおかずがすぐ傷んでしまう', '傷む'],
      ['型がすぐすり減ってしまう', 'すり減る'],
      ['屋外の金具が錆びてしまう', '錆びる'],
      ['型に材料がくっついて表面が荒れる', 'くっつく'],
      ['塗装がはがれてくる', 'はがれる'],
      ['寝たきりの方の皮膚がただれてくる', 'ただれる'],
      ['保育園でかぜがうつってしまう', 'うつる'],
      ['食事のときにむせてしまう', 'むせる'],
      ['硬いものがうまく噛めない', '噛む'],
      ['畑をイノシシに荒らされて困る', '荒らす'],
      ['床ずれがなかなか治らない', '褥瘡'],
      ['いけすの魚に病気が広がる', '生簀'],
      ['草取りが大変だ', '草刈り'],
    ];
    for (const [text, word] of cases) expect(analyzer.terms(text), text).toContain(indexedAs(word));
  });

  it('relates a firm’s word to the words research uses for the same problem', () => {
    const related = (word: string): string[] =>
      (dictionary.related.get(indexedAs(word)) ?? []).map((r) => r.term);
    expect(related('傷む')).toEqual(expect.arrayContaining(['鮮度', '腐敗', '日持ち']));
    expect(related('徘徊')).toEqual(expect.arrayContaining(['認知症', '見守り']));
    expect(related('竹やぶ')).toEqual(expect.arrayContaining(['竹林', '放置竹林']));
    expect(related('錆びる')).toEqual(expect.arrayContaining(['腐食', '防錆']));
    // Symmetric, as every related term of the dictionary: a seed on 鮮度 reaches a need on 傷む.
    expect(related('鮮度')).toContain(indexedAs('傷む'));
  });

  it('lets a need in a firm’s words find the seed that says it as research does', () => {
    const index = createBm25fIndex({
      fields: [
        { name: 'title', weight: 3 },
        { name: 'abstract', weight: 1 },
      ],
    });
    const seeds: Record<string, { title: string; abstract: string }> = {
      freshness: {
        title: '乳酸菌による惣菜の日持ち向上',
        abstract: '調理食品の腐敗を抑え、鮮度を保つ静菌技術。',
      },
      press: { title: 'プレス金型の長寿命化', abstract: '表面処理により摩耗を抑える。' },
      sensor: { title: '河川水位の無線センサ', abstract: '大雨時の水位を遠隔で監視する。' },
    };
    for (const [id, seed] of Object.entries(seeds)) {
      index.upsert(id, {
        title: analyzer.terms(seed.title),
        abstract: analyzer.terms(seed.abstract),
      });
    }
    index.flush();
    const need = 'お弁当屋です。夏場はおかずがすぐ傷んでしまう。';
    // Without the everyday words no word of the need is in any seed.
    expect(index.search(buildQuery(analyzer, need), 5)).toEqual([]);
    const query = expandWithDictionary(buildQuery(analyzer, need), dictionary);
    expect(query.filter((t) => t.source === 'dictionary').map((t) => t.term)).toEqual(
      expect.arrayContaining(['鮮度', '腐敗', '日持ち']),
    );
    const { hits } = searchWithExpansion(index, analyzer, need, { k: 3, dictionary });
    expect(hits[0]?.id).toBe('freshness');
  });
});
