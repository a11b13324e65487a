import { describe, expect, it } from 'vitest';
import { createBm25fIndex } from './bm25f.ts';
import { expandWithGlosses, type QueryTerm } from './expansion.ts';
import { dictionaryGlossLinker, glossLinks, normalizeGloss, parseEdict } from './gloss-links.ts';

// Lines in EDICT's format (the Debian package's /usr/share/edict/edict, decoded from EUC-JP).
const EDICT_SAMPLE = [
  '　？？？ /EDICT, EDICT_SUB(P), EDICT2 Japanese-English Electronic Dictionary Files/',
  '竹やぶ [たけやぶ] /(n) bamboo grove/',
  '竹林 [ちくりん] /(n) bamboo thicket/bamboo grove/(P)/',
  '魚 [さかな] /(n) fish/(P)/',
  '魚類 [ぎょるい] /(n) fish/fishes/(P)/',
  '切る [きる] /(v5r,vt) (1) to cut/(v5r,vt) (2) to sever (connections, ties)/(v5r,vt) (3) to turn off (e.g. the light)/(v5r,vt) (4) to terminate/(P)/',
  '伐採 [ばっさい] /(n,vs) cutting down/felling/logging/(P)/',
  '裁断 [さいだん] /(n,vs) cutting/to cut/',
  '橋梁 [きょうりょう] /(n) bridge/(P)/',
  '橋 [はし] /(n) bridge/(P)/',
  '点検 [てんけん] /(n,vs) inspection/examination/checking/(P)/',
  '亀裂 [きれつ] /(n,vs) crack/crevice/fissure/chap/rift/(P)/',
  'ひび割れ [ひびわれ] /(n,vs) crack/(P)/',
  'ドローン /(n) drone (unmanned aircraft)/',
  '猪 [いのしし] /(n) wild boar (Sus scrofa)/(P)/',
  'イノシシ /(n) (uk) wild boar/',
  '野生 [やせい] /(n,adj-no) wild/',
  '被害 [ひがい] /(n) damage/harm/(P)/',
].join('\n');

describe('EDICT gloss links', () => {
  const dictionary = parseEdict(EDICT_SAMPLE);

  it('normalises glosses: tags, notes and a leading "to" dropped', () => {
    expect(normalizeGloss('(v5r,vt) (3) to turn off (e.g. the light)')).toBe('turn off');
    expect(normalizeGloss('(n) bamboo grove')).toBe('bamboo grove');
  });

  it('links words sharing glosses, surer when the gloss is most of both meanings', () => {
    const bamboo = glossLinks(dictionary, '竹やぶ');
    expect(bamboo.map((l) => l.term)).toEqual(['竹林']);
    expect(bamboo[0]?.glosses).toEqual(['bamboo grove']);
    const fish = glossLinks(dictionary, '魚');
    expect(fish.map((l) => l.term)).toEqual(['魚類']);
    // 切る has four senses, 裁断 two: the link covers a small part of 切る.
    const cut = glossLinks(dictionary, '切る', { minWeight: 0 });
    expect(cut[0]?.term).toBe('裁断');
    expect(cut[0]?.weight).toBeLessThan((fish[0]?.weight ?? 0) - 0.2);
    // Below the default minimum weight: not added at all.
    expect(glossLinks(dictionary, '切る')).toEqual([]);
  });

  it('adds linked words the index holds, weighted by the link, marked as gloss links', () => {
    const index = createBm25fIndex({ fields: [{ name: 'title', weight: 3 }] });
    index.upsert('s1', { title: ['竹林', '整備'] });
    index.upsert('s2', { title: ['魚類', '鮮度'] });
    const query: QueryTerm[] = [
      { term: '竹やぶ', weight: 1, source: 'query', via: [] },
      { term: '魚', weight: 1, source: 'query', via: [] },
    ];
    const expanded = expandWithGlosses(
      index,
      query,
      dictionaryGlossLinker(dictionary, { minWeight: 0.3 }),
      { weight: 0.5 },
    );
    const added = expanded.filter((t) => t.source === 'gloss');
    expect(added.map((t) => [t.term, t.via])).toEqual([
      ['竹林', ['竹やぶ']],
      ['魚類', ['魚']],
    ]);
    for (const t of added) expect(t.weight).toBeLessThanOrEqual(0.5);
    expect(
      index
        .search(expanded, 2)
        .map((h) => h.id)
        .sort(),
    ).toEqual(['s1', 's2']);
    expect(index.search(query, 2)).toEqual([]);
  });

  it('lets an English need reach a Japanese seed through the words its glosses translate', () => {
    const index = createBm25fIndex({ fields: [{ name: 'title', weight: 3 }] });
    index.upsert('crack', { title: ['ドローン', '画像', '橋梁', 'ヒビワレ', '自動', '点検'] });
    index.upsert('fish', { title: ['魚類', '鮮度'] });
    const english = ['inspection', 'bridge', 'crack', 'drone'].map((term): QueryTerm => ({
      term,
      weight: 1,
      source: 'query',
      via: [],
    }));
    expect(index.search(english, 2)).toEqual([]);
    const expanded = expandWithGlosses(index, english, dictionaryGlossLinker(dictionary));
    const added = new Map(expanded.filter((t) => t.source === 'gloss').map((t) => [t.term, t.via]));
    expect(added.get('橋梁')).toEqual(['bridge']);
    expect(added.get('点検')).toEqual(['inspection']);
    expect(added.get('ドローン')).toEqual(['drone']);
    expect(added.has('橋')).toBe(false); // not in the index
    expect(index.search(expanded, 2).map((h) => h.id)).toEqual(['crack']);
  });

  it('translates two adjacent English words as one where EDICT glosses a word so', () => {
    // "wild boar": 猪 (the index has its katakana form) and not only 野生 "wild".
    expect(dictionary.english.get('wild boar')).toEqual(['猪', 'イノシシ']);
    const index = createBm25fIndex({ fields: [{ name: 'title', weight: 3 }] });
    index.upsert('boar', { title: ['イノシシ', '被害', '対策'] });
    index.upsert('wild', { title: ['野生', '植物', '被害'] });
    const english = ['wild', 'boar', 'damage'].map((term): QueryTerm => ({
      term,
      weight: 1,
      source: 'query',
      via: [],
    }));
    const linker = dictionaryGlossLinker(dictionary);
    const alone = expandWithGlosses(index, english, linker);
    expect(alone.some((t) => t.term === 'イノシシ')).toBe(false);
    expect(index.search(alone, 2)[0]?.id).toBe('wild');
    const paired = expandWithGlosses(index, english, linker, { englishPairs: ['wild boar'] });
    expect(paired.find((t) => t.term === 'イノシシ')).toMatchObject({
      source: 'gloss',
      via: ['boar', 'wild'],
    });
    expect(index.search(paired, 2)[0]?.id).toBe('boar');
  });
});
