import { describe, expect, it } from 'vitest';
import {
  buildGlossLinkTable,
  decodeGlossLinkTable,
  encodeGlossLinkTable,
  glossLinkTableSize,
} from './gloss-link-table.ts';
import { dictionaryGlossLinker, parseEdict } from './gloss-links.ts';

const EDICT_SAMPLE = [
  '竹やぶ [たけやぶ] /(n) bamboo grove/',
  '竹林 [ちくりん] /(n) bamboo thicket/bamboo grove/(P)/',
  '魚 [さかな] /(n) fish/(P)/',
  '魚類 [ぎょるい] /(n) fish/fishes/(P)/',
  '鮮魚 [せんぎょ] /(n) fresh fish/',
  '橋梁 [きょうりょう] /(n) bridge/(P)/',
  '橋 [はし] /(n) bridge/(P)/',
  '点検 [てんけん] /(n,vs) inspection/examination/checking/(P)/',
  '検査 [けんさ] /(n,vs) inspection/examination/(P)/',
].join('\n');

describe('gloss link table', () => {
  const dictionary = parseEdict(EDICT_SAMPLE);
  // The index's vocabulary: 竹やぶ, 魚, 橋 and 検査 are words no seed uses.
  const vocabulary = ['竹林', '魚類', '橋梁', '点検', '整備', 'fish', 'inspection'];
  const inVocabulary = (t: string): boolean => vocabulary.includes(t);
  const table = buildGlossLinkTable(dictionary, vocabulary);

  it('holds the links the parsed dictionary gives for the vocabulary, and no others', () => {
    const library = dictionaryGlossLinker(dictionary);
    for (const word of ['竹やぶ', '魚', '橋', '検査', '点検', '整備', '鮮魚']) {
      expect(table.linksOf(word, inVocabulary)).toEqual(
        library.linksOf(word, inVocabulary).map(({ term, weight }) => ({ term, weight })),
      );
      expect(table.englishOf(word, inVocabulary)).toEqual(
        library.englishOf(word, inVocabulary).map(({ term, weight }) => ({ term, weight })),
      );
    }
    // English glosses that are index words, for seeds written in English: 魚 "fish" (its only
    // gloss, weight 1), 点検 "inspection" (one of three).
    expect(table.englishOf('魚', inVocabulary)).toEqual([{ term: 'fish', weight: 1 }]);
    expect(table.englishOf('検査', inVocabulary)).toEqual([
      { term: 'inspection', weight: 1 / Math.sqrt(2) },
    ]);
    expect(table.linksOf('竹やぶ', inVocabulary).map((l) => l.term)).toEqual(['竹林']);
    expect(table.translationsOf('bridge', inVocabulary).map((l) => l.term)).toEqual(['橋梁']);
    expect(table.translationsOf('inspection', inVocabulary).map((l) => l.term)).toEqual(['点検']);
    // Two words glossing one: "bamboo thicket" is 竹林, stored and read back as one key.
    expect(table.translationsOf('bamboo thicket', inVocabulary).map((l) => l.term)).toEqual([
      '竹林',
    ]);
    expect(
      decodeGlossLinkTable(encodeGlossLinkTable(table))
        .translationsOf('bamboo thicket', inVocabulary)
        .map((l) => l.term),
    ).toEqual(['竹林']);
    // Only links into the vocabulary are kept: nothing leads to 橋 or 検査.
    for (const list of table.links.values()) {
      for (const link of list) expect(inVocabulary(link.term)).toBe(true);
    }
  });

  it('drops at query time the links to words the index no longer holds', () => {
    expect(table.linksOf('竹やぶ', (t) => t !== '竹林')).toEqual([]);
  });

  it('encodes to bytes and decodes to the same links', () => {
    const bytes = encodeGlossLinkTable(table);
    const decoded = decodeGlossLinkTable(bytes);
    expect([...decoded.links]).toEqual([...table.links]);
    expect([...decoded.translations]).toEqual([...table.translations]);
    expect(glossLinkTableSize(decoded)).toEqual(glossLinkTableSize(table));
    expect(() => decodeGlossLinkTable(bytes.subarray(0, bytes.length - 3))).toThrow();
    expect(() => decodeGlossLinkTable(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow(
      /not a gloss link table/,
    );
  });

  it('links a dictionary synonym as the preferred form the index holds it under', () => {
    // The domain dictionary indexes 廃水 as 排水, so no index holds 廃水: "wastewater" and the
    // words sharing its gloss reach 排水 only through the preferred form.
    const edict = parseEdict(
      [
        '廃水 [はいすい] /(n) wastewater/waste water/liquid waste/',
        '排水 [はいすい] /(n,vs) drainage/draining/',
        '汚水 [おすい] /(n) wastewater/waste water/',
        '廃液 [はいえき] /(n) waste fluids/liquid waste/',
      ].join('\n'),
    );
    const words = ['排水', '廃液'];
    const held = (t: string): boolean => words.includes(t);
    const plain = buildGlossLinkTable(edict, words);
    expect(plain.translationsOf('wastewater', held)).toEqual([]);
    const preferred = new Map([['廃水', '排水']]);
    const mapped = buildGlossLinkTable(edict, words, { preferred });
    expect(mapped.translationsOf('wastewater', held).map((l) => l.term)).toEqual(['排水']);
    // A word glossed like the synonym (汚水 "wastewater") links to the preferred form, once.
    expect(mapped.linksOf('汚水', held).map((l) => l.term)).toEqual(['排水']);
    expect(plain.linksOf('汚水', held).map((l) => l.term)).toEqual([]);
    // The preferred form never links to itself through its synonym.
    expect(mapped.linksOf('排水', held).map((l) => l.term)).not.toContain('排水');
  });
});
