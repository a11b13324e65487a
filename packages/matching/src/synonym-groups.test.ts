import { describe, expect, it } from 'vitest';
import {
  buildGlossLinkTable,
  decodeGlossLinkTable,
  encodeGlossLinkTable,
} from './gloss-link-table.ts';
import { dictionaryGlossLinker, parseEdict } from './gloss-links.ts';
import { synonymLinks, withSynonymLinks, type SynonymGroup } from './synonym-groups.ts';

const item = (midashi: string, vocabularyNumber: number | undefined, expandControl = 0) => ({
  midashi,
  vocabularyNumber,
  expandControl,
});

/** Groups in the shape of SudachiDict's synonym file (npm sudachi-synonyms-dictionary). */
const GROUPS: SynonymGroup[] = [
  // 亀裂 / ひび割れ / クラック / crack: one meaning; ひび割れ and ひびわれ one word.
  {
    id: '000100',
    items: [
      item('亀裂', 1),
      item('ひび割れ', 2),
      item('ひびわれ', 2),
      item('クラック', 3),
      item('裂け目', 4, 1),
      item('割れ目', 5, 2),
    ],
  },
  { id: '000200', items: [item('猪', 1), item('イノシシ', 1)] },
  { id: '000300', items: [item('単独', 1)] },
];

describe('SudachiDict synonym links', () => {
  const links = synonymLinks(GROUPS, { synonymWeight: 0.7 });
  const terms = (word: string) => (links.get(word) ?? []).map((l) => `${l.term}:${l.weight}`);

  it('links spelling variants at 1 and synonyms at the synonym weight', () => {
    expect(terms('ひび割れ')).toEqual(['ヒビワレ:1', 'クラック:0.7', '亀裂:0.7', '裂け目:0.7']);
    expect(terms('猪')).toEqual(['イノシシ:1']);
  });

  it('reaches a no-trigger item but does not expand from it, and leaves deletion records out', () => {
    expect(terms('裂け目')).toEqual([]);
    for (const list of links.values()) expect(list.map((l) => l.term)).not.toContain('割れ目');
    expect(links.has('割れ目')).toBe(false);
    expect(links.has('単独')).toBe(false);
  });

  it('merges with gloss links, the surer weight winning, only into kept words', () => {
    const edict = parseEdict('亀裂 [きれつ] /(n) crack/fissure/\nクラック /(n) crack/');
    const vocabulary = new Set(['クラック', '亀裂', 'ヒビワレ']);
    const keep = (t: string): boolean => vocabulary.has(t);
    const linker = withSynonymLinks(dictionaryGlossLinker(edict), links);
    const found = linker.linksOf('ひび割れ', keep);
    expect(found.map((l) => l.term)).toEqual(['ヒビワレ', 'クラック', '亀裂']);
    // 亀裂 → クラック: a gloss link (shared "crack") and a synonym; the surer of the two.
    const gloss = dictionaryGlossLinker(edict).linksOf('亀裂', keep)[0]?.weight ?? 0;
    expect(linker.linksOf('亀裂', keep)[0]).toEqual({
      term: 'クラック',
      weight: Math.max(gloss, 0.7),
    });
  });

  it('goes into the link table the service builds with its index, and survives encoding', () => {
    const edict = parseEdict('橋梁 [きょうりょう] /(n) bridge/');
    const vocabulary = ['亀裂', 'イノシシ', '橋梁'];
    const keep = (t: string): boolean => vocabulary.includes(t);
    const without = buildGlossLinkTable(edict, vocabulary);
    expect(without.linksOf('ひび割れ', keep)).toEqual([]);
    const table = decodeGlossLinkTable(
      encodeGlossLinkTable(buildGlossLinkTable(edict, vocabulary, { synonyms: links })),
    );
    expect(table.linksOf('ひび割れ', keep)).toEqual([{ term: '亀裂', weight: 0.7 }]);
    expect(table.linksOf('猪', keep)).toEqual([{ term: 'イノシシ', weight: 1 }]);
    expect(table.linksOf('ひび割れ', keep)).toEqual(
      withSynonymLinks(dictionaryGlossLinker(edict), links).linksOf('ひび割れ', keep),
    );
  });
});
