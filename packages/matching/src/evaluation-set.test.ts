import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer, type Analyzer } from './analyze.ts';
import { compileDictionary } from './dictionary.ts';
import { parseEvalSet, vocabularyGaps, type EvalSet } from './evaluation-set.ts';
import { createKuromojiTokenizer } from '#matching-node/kuromoji-tokenizer.ts';
import { STARTER_DOMAIN_DICTIONARY } from './starter-dictionary.ts';

const load = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../eval/${name}`, import.meta.url), 'utf8'));

describe('the shipped evaluation set', () => {
  const set: EvalSet = parseEvalSet(load('eval-set.json'));
  let analyzer: Analyzer;

  beforeAll(async () => {
    analyzer = createAnalyzer({
      tokenizer: await createKuromojiTokenizer(),
      dictionary: compileDictionary(STARTER_DOMAIN_DICTIONARY),
    });
  });

  it('has at least 60 needs in the four voices and a few hundred judged seeds', () => {
    expect(set.needs.length).toBeGreaterThanOrEqual(60);
    expect(new Set(set.needs.map((n) => n.voice))).toEqual(
      new Set(['sme', 'farmer', 'hospital', 'municipality']),
    );
    expect(set.seeds.length).toBeGreaterThanOrEqual(200);
  });

  it('resolves every judged id and gives every need a seed graded 3', () => {
    const ids = new Set(set.seeds.map((s) => s.id));
    for (const need of set.needs) {
      expect([...need.judgments.keys()].every((id) => ids.has(id))).toBe(true);
      expect([...need.judgments.values()]).toContain(3);
    }
  });

  it('distractors do not reuse the ids of judged seeds', () => {
    const distractors = load('distractors.json');
    expect(Array.isArray(distractors)).toBe(true);
    const ids = new Set(set.seeds.map((s) => s.id));
    const list = distractors as { id: string }[];
    expect(list.length + set.seeds.length).toBeGreaterThanOrEqual(3000);
    expect(list.some((d) => ids.has(d.id))).toBe(false);
  });

  it('has a vocabulary-gap subset of at least 20 needs', () => {
    const overlaps = vocabularyGaps(set, analyzer);
    expect(overlaps).toHaveLength(set.needs.length);
    expect(overlaps.filter((o) => o.gap).length).toBeGreaterThanOrEqual(20);
    // The issue's own example shares no content word with its best seed.
    expect(overlaps.find((o) => o.needId === 'n02')?.gap).toBe(true);
  });

  it('marks a gap subset of everyday-words needs by hand (徘徊 is not one, ふらっと外へ is)', () => {
    const marked = set.needs.filter((n) => n.markedGap).map((n) => n.id);
    expect(marked.length).toBeGreaterThanOrEqual(15);
    expect(marked).toContain('n63');
    expect(marked).not.toContain('n64');
    expect(marked).not.toContain('n01');
  });
});

describe('parseEvalSet', () => {
  const topic = {
    id: 't',
    needs: [{ id: 'n', voice: 'sme', text: '銅を回収したい' }],
    seeds: [{ id: 's', title: 'キレート樹脂', abstract: '吸着', keywords: [], grades: [2] }],
  };

  it('flattens grades into judgments per need', () => {
    const set = parseEvalSet({ version: 1, description: '', topics: [topic] });
    expect(set.needs[0]?.judgments.get('s')).toBe(2);
  });

  it('rejects duplicate ids and grade lists that do not fit the topic', () => {
    expect(() =>
      parseEvalSet({ version: 1, description: '', topics: [topic, { ...topic, id: 'u' }] }),
    ).toThrow(/duplicate id/);
    const bad = { ...topic, seeds: [{ ...topic.seeds[0], grades: [1, 2] }] };
    expect(() => parseEvalSet({ version: 1, description: '', topics: [bad] })).toThrow(/grades/);
  });
});
