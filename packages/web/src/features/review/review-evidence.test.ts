import { describe, expect, it } from 'vitest';
import { SHAPE_LABELS, SHAPE_NAMES } from '#connectors/detect/source-shapes.ts';
import { ActorIndex, evidenceText, type KnownActor } from '#connectors/resolve-actor.ts';
import { REVIEW_EVIDENCE_CODES, type ReviewEvidence } from '#contract/routes/reviews.ts';
import { findPrefecture } from '#core/geo.ts';
import en from '../../i18n/en.json';
import ja from '../../i18n/ja.json';
import { evidenceMessage, type EvidenceNames } from './review-evidence.ts';

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);
}

const namesJa: EvidenceNames = {
  prefecture: (code) => findPrefecture(code)?.name ?? code,
  abroad: (country) => fill(ja['connectorDetect.place.abroad'], { country }),
  list: (items) => items.join('、'),
};
const namesEn: EvidenceNames = {
  prefecture: (code) => findPrefecture(code)?.nameEn ?? code,
  abroad: (country) => fill(en['connectorDetect.place.abroad'], { country }),
  list: (items) => items.join(', '),
};

function index(...actors: KnownActor[]): ActorIndex {
  const built = new ActorIndex();
  for (const actor of actors) built.put(actor);
  return built;
}

/** The evidence the resolver itself gives, one case per code it can take a record on. */
const org = (id: string, name: string, prefectureCode?: string): KnownActor => ({
  id,
  kind: 'organization',
  name,
  ...(prefectureCode ? { prefectureCode } : {}),
});
const cases = [
  index(org('a', '秋田県畜産試験場', '05')).resolve({
    name: '秋田県畜産試験場',
    prefectureCode: '05',
  }),
  index(org('a', '試験大学', '05'), org('b', '試験大学', '05')).resolve({
    name: '試験大学',
    prefectureCode: '05',
  }),
  index({ id: 'p', kind: 'person', name: '高橋 利清', prefectureCode: '05' }).resolve({
    name: '高橋利清',
    kind: 'person',
    prefectureCode: '05',
  }),
  index(org('a', '東北大学')).resolve({ name: '東北大学', prefectureCode: '04' }),
  index(org('a', '秋田県畜産試験場', '05')).resolve({
    name: '秋田県畜産試験所',
    prefectureCode: '05',
  }),
  index({ id: 'uk', kind: 'organization', name: 'Cabinet Office', countryCode: 'GB' }).resolve({
    name: 'Cabinet Office',
    countryCode: 'GB',
  }),
];
const evidences: ReviewEvidence[] = cases.flatMap((resolution) =>
  'evidence' in resolution ? [resolution.evidence] : [],
);

describe('review reasons from their codes and values', () => {
  it('covers the codes the resolver gives', () => {
    expect(new Set(evidences.map((e) => e.code))).toEqual(
      new Set([
        'same_name_place',
        'same_name_place_several',
        'same_name_place_people',
        'same_name_place_unknown',
        'similar_name_same_place',
      ]),
    );
  });

  it('reads in Japanese with place names, and in English as the resolver says it', () => {
    const japanese = evidences.map((e) => {
      const m = evidenceMessage(e, namesJa);
      return fill(ja[m.key], m.values);
    });
    expect(japanese).toEqual([
      '名称と所在地（秋田県）が同じです',
      '名称と都道府県（秋田県）が同じ主体が複数あります',
      '氏名と都道府県（秋田県）が同じですが、同姓同名の人がいます',
      '名称は同じですが、一方の都道府県がわかりません',
      '同じ都道府県（秋田県）に似た名称「秋田県畜産試験場」があります',
      '名称と所在地（海外（GB））が同じです',
    ]);
    for (const e of evidences) {
      const m = evidenceMessage(e, namesEn);
      const english = fill(en[m.key], m.values);
      expect(english).not.toMatch(/[\u3040-\u30ff]|\{\w+\}/u);
      // Without a place to name, the resolver's own words.
      if (e.code === 'same_name_place_unknown')
        expect(english).toBe(evidenceText({ code: e.code, values: {} }));
    }
  });

  it('names a place abroad and ids in a conflict, and shows stored words as they are', () => {
    const abroad = evidenceMessage(
      { code: 'same_name_place', values: { place: 'abroad:GB' } },
      namesJa,
    );
    expect(fill(ja[abroad.key], abroad.values)).toBe('名称と所在地（海外（GB））が同じです');
    const conflict = evidenceMessage(
      { code: 'identifiers_conflict', values: { actorIds: ['a', 'b'] } },
      namesJa,
    );
    expect(fill(ja[conflict.key], conflict.values)).toBe(
      '識別子が別々の主体（a、b）を指しています',
    );
    const other = evidenceMessage({ code: 'other', values: { text: 'name+prefecture' } }, namesJa);
    expect(fill(ja[other.key], other.values)).toBe('name+prefecture');
  });

  it('has both languages for every code and every shape the connectors tell apart', () => {
    for (const code of REVIEW_EVIDENCE_CODES) {
      expect(ja).toHaveProperty(`connectorDetect.evidence.${code}`);
      expect(en).toHaveProperty(`connectorDetect.evidence.${code}`);
    }
    for (const shape of SHAPE_NAMES) {
      expect(ja[`connectorDetect.shape.${shape}`]).toBe(SHAPE_LABELS[shape].ja);
      expect(en[`connectorDetect.shape.${shape}`]).toBe(SHAPE_LABELS[shape].en);
    }
  });
});
