/** Builders of valid records for tests; override what a test is about. */
import type { Actor } from '#core/entities/actor.ts';
import type { Need } from '#core/entities/need.ts';
import type { Relation } from '#core/entities/relation.ts';
import type { Seed } from '#core/entities/seed.ts';

let sequence = 0;
function next(): number {
  sequence += 1;
  return sequence;
}

export function buildActor(overrides: Partial<Actor> = {}): Actor {
  const n = next();
  return {
    id: `actor-${n}`,
    kind: 'organization',
    sector: 'company',
    name: `テスト株式会社${n}`,
    prefectureCode: '13',
    flags: [],
    keywords: [],
    ...overrides,
  };
}

export function buildRelation(
  overrides: Partial<Relation> & Pick<Relation, 'sourceId' | 'targetId'>,
): Relation {
  return { type: 'joint_research', weight: 1, ...overrides };
}

export function buildSeed(overrides: Partial<Seed> & Pick<Seed, 'ownerId'>): Seed {
  const n = next();
  return {
    id: `seed-${n}`,
    kind: 'research_result',
    title: `テストシーズ${n}`,
    keywords: [],
    sdgs: [],
    available: true,
    ...overrides,
  };
}

export function buildNeed(overrides: Partial<Need> & Pick<Need, 'ownerId'>): Need {
  const n = next();
  return {
    id: `need-${n}`,
    kind: 'company',
    title: `テストニーズ${n}`,
    confidentiality: 'public',
    keywords: [],
    sdgs: [],
    open: true,
    ...overrides,
  };
}
