import type { Actor } from '#core/entities/actor.ts';
import type { Relation } from '#core/entities/relation.ts';

/** A small hand-made ecosystem: a 富山–石川 community, a 福岡 community, one weak bridge between them. */
export function actor(id: string, overrides: Partial<Actor>): Actor {
  return {
    id,
    kind: 'organization',
    sector: 'company',
    name: id,
    prefectureCode: '13',
    flags: [],
    keywords: [],
    ...overrides,
  };
}

export const HOKURIKU: Actor[] = [
  actor('toyama-u', {
    sector: 'university',
    name: '富山大学',
    prefectureCode: '16',
    keywords: ['医薬品', '製剤'],
  }),
  actor('kanazawa-u', {
    sector: 'university',
    name: '金沢大学',
    prefectureCode: '17',
    keywords: ['材料'],
  }),
  actor('big-pharma', {
    name: '北陸製薬株式会社',
    prefectureCode: '16',
    flags: ['large'],
    employees: 2000,
    keywords: ['医薬品'],
  }),
  actor('venture', {
    name: '株式会社ホクリクバイオ',
    prefectureCode: '17',
    flags: ['university_venture'],
    keywords: ['製剤'],
  }),
  actor('toyama-pref', { sector: 'prefecture', name: '富山県', prefectureCode: '16' }),
  actor('takaoka', {
    sector: 'municipality',
    name: '高岡市',
    prefectureCode: '16',
    municipalityCode: '162027',
  }),
  actor('foundation', {
    sector: 'support_org',
    name: '富山県新世紀産業機構',
    prefectureCode: '16',
  }),
];

export const FUKUOKA: Actor[] = [
  actor('kyushu-u', {
    sector: 'university',
    name: '九州大学',
    prefectureCode: '40',
    keywords: ['半導体'],
  }),
  actor('sme1', { name: '博多精工株式会社', prefectureCode: '40', flags: ['sme'] }),
  actor('sme2', { name: '筑紫電子株式会社', prefectureCode: '40', flags: ['sme'] }),
  actor('sme3', { name: '久留米化成株式会社', prefectureCode: '40', flags: ['sme'] }),
  actor('fukuoka-city', {
    sector: 'municipality',
    name: '福岡市',
    prefectureCode: '40',
    municipalityCode: '401307',
  }),
];

export const OUTSIDERS: Actor[] = [
  actor('mext', {
    sector: 'national_government',
    name: '文部科学省',
    prefectureCode: '13',
    keywords: ['医薬品'],
  }),
  actor('meti', { sector: 'national_government', name: '経済産業省', prefectureCode: '13' }),
];

function tie(
  sourceId: string,
  targetId: string,
  type: Relation['type'] = 'joint_research',
  weight = 1,
): Relation {
  return { sourceId, targetId, type, weight };
}

function clique(ids: string[], type: Relation['type'] = 'joint_research'): Relation[] {
  const out: Relation[] = [];
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++) out.push(tie(ids[i] ?? '', ids[j] ?? '', type));
  return out;
}

export const RELATIONS: Relation[] = [
  // 北陸: two overlapping cliques; the large company works with 金沢大学 but not 富山大学.
  ...clique(['toyama-u', 'kanazawa-u', 'venture', 'toyama-pref', 'takaoka', 'foundation']),
  ...clique(['big-pharma', 'venture', 'toyama-pref', 'takaoka', 'foundation', 'kanazawa-u']),
  ...clique(['kyushu-u', 'sme1', 'sme2', 'sme3', 'fukuoka-city']),
  tie('sme3', 'venture', 'supply', 0.2),
  tie('meti', 'kyushu-u', 'grant'),
  tie('mext', 'kyushu-u', 'grant'),
];

export const ECOSYSTEM: Actor[] = [...HOKURIKU, ...FUKUOKA, ...OUTSIDERS];
