import { describe, expect, it } from 'vitest';
import {
  fuseCompanyHits,
  fuseSeedHits,
  rankResearchers,
  type ActorFusionFacts,
  type NeedFusionFacts,
  type SeedFusionFacts,
} from './match-fusion.ts';
import { highlight, pathView, termViews } from './match-views.ts';
import { buildTrustGraph, reachFrom } from './network-path.ts';
import { DEFAULT_SIGNAL_WEIGHTS } from './signals.ts';

const actors: Record<string, ActorFusionFacts> = {
  lab: { id: 'lab', kind: 'person', sector: 'university', flags: [], prefectureCode: '37' },
  firm: { id: 'firm', kind: 'organization', sector: 'company', flags: [], prefectureCode: '13' },
  uni: {
    id: 'uni',
    kind: 'organization',
    sector: 'university',
    flags: ['researcher'],
    prefectureCode: '36',
  },
  maker: {
    id: 'maker',
    kind: 'organization',
    sector: 'company',
    flags: [],
    field: 'food',
    prefectureCode: '37',
  },
};
const seeds: Record<string, SeedFusionFacts> = {
  s1: { id: 's1', kind: 'research', ownerId: 'lab', sdgs: [], available: true },
  s2: { id: 's2', kind: 'research', ownerId: 'firm', sdgs: [], available: true },
  s3: { id: 's3', kind: 'research', ownerId: 'uni', sdgs: [], available: false },
  s4: { id: 's4', kind: 'research', ownerId: 'lab', sdgs: [], available: true },
};
const noFeedback = { value: 0, reasons: [] };

function fuse(overrides: Partial<Parameters<typeof fuseSeedHits>[0]> = {}) {
  return fuseSeedHits({
    hits: [
      { id: 's1', score: 10 },
      { id: 's2', score: 10 },
      { id: 's3', score: 9 },
      { id: 'gone', score: 8 },
      { id: 's4', score: 5 },
    ],
    subject: { sdgs: [], prefectureCode: '37' },
    region: 'any',
    weights: DEFAULT_SIGNAL_WEIGHTS,
    seedOf: (id) => seeds[id],
    actorOf: (id) => actors[id],
    feedbackOf: () => noFeedback,
    hopsTo: () => undefined,
    ...overrides,
  });
}

describe('fusing text hits with the structured signals', () => {
  it('shares text by the best hit, adds region and availability, skips unknown seeds, orders ties by id', () => {
    const scored = fuse();
    // s3 (0.9 of the text, unavailable, next prefecture) still outranks s4 (half the text, same one).
    expect(scored.map((s) => s.id)).toEqual(['s1', 's2', 's3', 's4']);
    const byId = new Map(scored.map((s) => [s.id, s]));
    expect(byId.get('s1')?.signals.values.text).toBe(1);
    expect(byId.get('s4')?.signals.values.text).toBe(0.5);
    expect(byId.get('s1')?.signals.region).toBe('in_region');
    expect(byId.get('s2')?.signals.region).toBe('elsewhere');
    expect(byId.get('s3')?.signals.values.availability).toBe(-1);
    expect(byId.get('s3')?.signals.region).toBe('neighbouring');
    expect(byId.get('s1')?.score).toBeGreaterThan(byId.get('s2')?.score ?? Infinity);
  });

  it('puts text on the absolute scale when given one: a weak first hit stays weak', () => {
    const byId = new Map(fuse({ textScale: 40 }).map((s) => [s.id, s]));
    expect(byId.get('s1')?.signals.values.text).toBe(0.25);
    expect(byId.get('s4')?.signals.values.text).toBe(0.125);
    expect(fuse({ textScale: 5 })[0]?.signals.values.text).toBe(1);
  });

  it('keeps the text order among hits past the cap of the absolute scale', () => {
    // Both text values are capped at 1 and every other signal is equal: the stronger text
    // score goes first, not the smaller id.
    const scored = fuse({
      hits: [
        { id: 's4', score: 20 },
        { id: 's1', score: 10 },
      ],
      subject: { sdgs: [] },
      textScale: 5,
    });
    expect(scored.map((s) => s.signals.values.text)).toEqual([1, 1]);
    expect(scored.map((s) => s.id)).toEqual(['s4', 's1']);
  });

  it('keeps only the prefecture (in) or it and its neighbours (near)', () => {
    expect(fuse({ region: 'in' }).map((s) => s.id)).toEqual(['s1', 's4']);
    expect(fuse({ region: 'near' }).map((s) => s.id)).toEqual(['s1', 's3', 's4']);
  });

  it('lets feedback and the trust path reorder, and carries the feedback reasons', () => {
    const scored = fuse({
      feedbackOf: (seed) =>
        seed.id === 's1' ? { value: -1, reasons: ['rejected before: wrong_field'] } : noFeedback,
      hopsTo: (actorId) => (actorId === 'uni' ? 1 : undefined),
    });
    expect(scored.map((s) => s.id)).toEqual(['s2', 's3', 's1', 's4']);
    expect(scored.find((s) => s.id === 's1')?.feedback).toEqual(['rejected before: wrong_field']);
    expect(scored.find((s) => s.id === 's3')?.signals.values.network).toBe(1);
  });

  it('ranks researchers by their best seed plus a third of the others, companies left out', () => {
    const ranked = rankResearchers(
      fuse(),
      (id) => seeds[id],
      (id) => actors[id],
      10,
    );
    expect(ranked.map((r) => r.actorId)).toEqual(['lab', 'uni']);
    const [lab] = ranked;
    const scored = new Map(fuse().map((s) => [s.id, s.score]));
    expect(lab?.seedIds).toEqual(['s1', 's4']);
    expect(lab?.score).toBeCloseTo((scored.get('s1') ?? 0) + (scored.get('s4') ?? 0) / 3, 4);
    expect(
      rankResearchers(
        fuse(),
        (id) => seeds[id],
        (id) => actors[id],
        1,
      ),
    ).toHaveLength(1);
  });
});

describe('fusing need hits into companies for a seed', () => {
  const needs: Record<string, NeedFusionFacts> = {
    n1: { ownerId: 'firm', confidentiality: 'public', sdgs: [2] },
    n2: { ownerId: 'firm', confidentiality: 'public', sdgs: [] },
    n3: { ownerId: 'lab', confidentiality: 'members', sdgs: [] },
    n4: { ownerId: 'uni', confidentiality: 'confidential', sdgs: [] },
  };
  const fuseCompanies = (membersVisible: boolean, hops: Record<string, number> = {}) =>
    fuseCompanyHits({
      hits: [
        { id: 'n4', score: 20 },
        { id: 'n1', score: 10 },
        { id: 'n3', score: 8 },
        { id: 'n2', score: 4 },
      ],
      subject: { sdgs: [2], field: 'food', prefectureCode: '37' },
      region: 'any',
      weights: DEFAULT_SIGNAL_WEIGHTS,
      membersVisible,
      needOf: (id) => needs[id],
      actorOf: (id) => actors[id],
      actors: () => Object.values(actors),
      hopsTo: (actorId) => hops[actorId],
    });

  it('groups needs by company, best need first plus a quarter of the others, confidential never', () => {
    const scored = fuseCompanies(false);
    expect(scored.map((s) => s.actorId)).toEqual(['firm']);
    const [firm] = scored;
    expect(firm?.needIds).toEqual(['n1', 'n2']);
    expect(firm?.bestNeed).toBe('n1');
    // Shares are of the best hit overall (the confidential one among them): 0.5 + 0.2 / 4.
    expect(firm?.signals.values.text).toBeCloseTo(0.55, 10);
    expect(firm?.signals.values.sdgs).toBeGreaterThan(0);
  });

  it('counts members-only needs for a signed-in viewer, and adds near companies of the field', () => {
    const scored = fuseCompanies(true, { maker: 2 });
    expect(scored.map((s) => s.actorId).sort()).toEqual(['firm', 'lab', 'maker']);
    expect(scored.find((s) => s.actorId === 'maker')?.bestNeed).toBe('');
    expect(fuseCompanies(true, { maker: 3 }).map((s) => s.actorId)).not.toContain('maker');
  });
});

describe('match views', () => {
  it('marks matched spans, overlapping ones once', () => {
    expect(
      highlight('希少糖の製造法', [
        { start: 0, end: 3 },
        { start: 1, end: 2 },
        { start: 4, end: 7 },
      ]),
    ).toBe('【希少糖】の【製造法】');
    expect(termViews(undefined)).toEqual([]);
  });

  it('names each step of the trust path', () => {
    const graph = buildTrustGraph([{ sourceId: 'a', targetId: 'b', type: 'joint_research' }]);
    const reach = reachFrom(graph, 'a', { maxHops: 3 });
    expect(pathView(reach, 'b', (id) => id.toUpperCase())).toEqual([
      { from: 'a', fromName: 'A', to: 'b', toName: 'B', relation: 'joint_research' },
    ]);
    expect(pathView(undefined, 'b', (id) => id)).toEqual([]);
  });
});
