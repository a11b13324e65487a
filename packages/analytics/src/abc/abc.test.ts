import { describe, expect, it } from 'vitest';
import type { Relation } from '#core/entities/relation.ts';
import { buildActorGraph, relationStrength } from './actor-graph.ts';
import { analyseCommunities } from './communities.ts';
import { ECOSYSTEM, FUKUOKA, HOKURIKU, RELATIONS, actor } from './fixtures.ts';
import { rankGapFillers } from './gap-fill.ts';
import { bureauJurisdiction } from './jurisdiction.ts';
import { findAnchorCompanies, findCoreCompanies, findStarScientists } from './roles.ts';

const AS_OF = { asOf: '2025-04-01' };

describe('actor graph', () => {
  it('weights ties by type and decays ended ones with a half-life', () => {
    const base: Relation = { sourceId: 'a', targetId: 'b', type: 'joint_research', weight: 2 };
    expect(relationStrength(base, AS_OF)).toBe(6);
    expect(relationStrength({ ...base, endDate: '2020-04-01' }, AS_OF)).toBeCloseTo(3, 2);
    expect(relationStrength({ ...base, type: 'mou' }, { ...AS_OF, typeWeights: { mou: 0 } })).toBe(
      0,
    );
  });
  it('filters by period, type and sector and ignores ties to unknown actors', () => {
    const relations: Relation[] = [
      {
        sourceId: 'toyama-u',
        targetId: 'venture',
        type: 'spinout',
        weight: 1,
        startDate: '2010-01-01',
        endDate: '2012-01-01',
      },
      { sourceId: 'toyama-u', targetId: 'ghost', type: 'joint_research', weight: 1 },
      {
        sourceId: 'toyama-u',
        targetId: 'toyama-pref',
        type: 'grant',
        weight: 1,
        startDate: '2020-01-01',
      },
    ];
    const recent = buildActorGraph(ECOSYSTEM, relations, { ...AS_OF, from: '2015-01-01' });
    expect(recent.graph.totalWeight).toBeCloseTo(1.5);
    const universities = buildActorGraph(ECOSYSTEM, relations, {
      ...AS_OF,
      sectors: ['university'],
    });
    expect(universities.actors.map((a) => a.id)).toEqual(['toyama-u', 'kanazawa-u', 'kyushu-u']);
    expect(universities.graph.totalWeight).toBe(0);
  });
});

describe('communities as regions (ABC)', () => {
  const graph = buildActorGraph(ECOSYSTEM, RELATIONS, AS_OF);
  const report = analyseCommunities(graph, { seed: 7, asOfYear: 2025 });
  const hokuriku = report.communities.find((c) => c.members.includes('toyama-u'));
  const fukuoka = report.communities.find((c) => c.members.includes('kyushu-u'));

  it('finds the cross-prefecture 北陸 community and the 福岡 one', () => {
    expect(hokuriku?.members).toEqual(HOKURIKU.map((a) => a.id).sort());
    expect(fukuoka?.members).toEqual(expect.arrayContaining(FUKUOKA.map((a) => a.id)));
    expect(report.modularity).toBeGreaterThan(0.3);
  });

  it('tells a two-prefecture community from a one-prefecture one', () => {
    expect(hokuriku?.prefectures).toEqual(['16', '17']);
    expect(hokuriku?.scale).toBe('multi_prefecture');
    expect(hokuriku?.crossPrefectureShare).toBeGreaterThan(0.3);
    expect(fukuoka?.prefectures[0]).toBe('40');
  });

  it('names wheel influencers and gaps in plain words', () => {
    expect(hokuriku?.wheel.influencers.university?.map((i) => i.id).sort()).toEqual([
      'kanazawa-u',
      'toyama-u',
    ]);
    const gaps = hokuriku?.wheel.gaps ?? [];
    expect(
      gaps.find((g) => g.kind === 'missing_sector' && g.sectors[0] === 'national_government')?.ja,
    ).toBe('国がコミュニティにいません');
    expect(
      gaps.some((g) => g.kind === 'weak_link' && g.sectors.join() === 'university,large_companies'),
    ).toBe(false);
    const fukuokaGaps = fukuoka?.wheel.gaps
      .filter((g) => g.kind === 'missing_sector')
      .map((g) => g.sectors[0]);
    expect(fukuokaGaps).toEqual(
      expect.arrayContaining(['large_companies', 'new_companies', 'regional_government']),
    );
  });

  it('reports a weak link when two present sectors have no tie', () => {
    const cut = RELATIONS.filter(
      (r) =>
        !(['toyama-u', 'kanazawa-u'].includes(r.sourceId) && r.targetId === 'big-pharma') &&
        !(r.sourceId === 'big-pharma' && ['toyama-u', 'kanazawa-u'].includes(r.targetId)),
    );
    const cutReport = analyseCommunities(buildActorGraph(ECOSYSTEM, cut, AS_OF), {
      seed: 7,
      asOfYear: 2025,
    });
    const community = cutReport.communities.find((c) => c.members.includes('toyama-u'));
    expect(
      community?.wheel.gaps.find(
        (g) => g.kind === 'weak_link' && g.sectors.join() === 'university,large_companies',
      )?.en,
    ).toBe(
      'university and research institutes and large companies are both present but not tied to each other',
    );
  });

  it('is deterministic under a seed', () => {
    expect(analyseCommunities(graph, { seed: 7, asOfYear: 2025 })).toEqual(report);
  });

  it('compares with prefectures by AMI', () => {
    expect(report.ami).toBeGreaterThan(0);
    expect(report.ami).toBeLessThan(1);
  });

  it('counts partners abroad in their own 海外 group (abroad), not as a prefecture', () => {
    const partner = (id: string) => {
      const a = actor(id, { sector: 'university', countryCode: 'US' });
      delete a.prefectureCode;
      return a;
    };
    const partners = ['mit', 'stanford', 'caltech', 'harvard', 'yale', 'cornell'].map(partner);
    const ties = [
      ...RELATIONS,
      ...partners.flatMap((p, i) =>
        ['kyushu-u', 'sme1', 'sme2', ...partners.slice(0, i).map((q) => q.id)].map((other) => ({
          sourceId: p.id,
          targetId: other,
          type: 'joint_research' as const,
          weight: 1,
        })),
      ),
    ];
    const withPartners = analyseCommunities(
      buildActorGraph([...ECOSYSTEM, ...partners], ties, AS_OF),
      { seed: 7, asOfYear: 2025 },
    );
    const community = withPartners.communities.find((c) => c.members.includes('mit'));
    expect(community?.members).toEqual(expect.arrayContaining(['kyushu-u', 'mit', 'yale']));
    expect(community?.prefectures).toEqual(expect.arrayContaining(['40', 'abroad']));
    expect(community?.prefectures).not.toContain(undefined);
  });

  it('handles an empty graph and isolated actors', () => {
    const empty = analyseCommunities(buildActorGraph([], [], AS_OF), { asOfYear: 2025 });
    expect(empty).toMatchObject({ communityCount: 0, modularity: 0, ami: 0, unassigned: 0 });
    const isolated = analyseCommunities(buildActorGraph(ECOSYSTEM, [], AS_OF), { asOfYear: 2025 });
    expect(isolated.communityCount).toBe(0);
    expect(isolated.unassigned).toBe(ECOSYSTEM.length);
  });
});

describe('roles', () => {
  const researchers = Array.from({ length: 20 }, (_, i) =>
    actor(`r${i}`, {
      kind: 'person',
      sector: 'university',
      field: 'バイオ',
      papers: i * 10,
      citations: i * 100 + (i === 18 ? 5000 : 0),
    }),
  );
  const startup = actor('bio-venture', { flags: ['university_venture'] });
  it('finds star scientists: top of their field on papers and citations, with a venture tie', () => {
    const relations: Relation[] = [
      { sourceId: 'r19', targetId: 'bio-venture', type: 'spinout', weight: 1 },
    ];
    const stars = findStarScientists([...researchers, startup], relations);
    expect(stars[0]).toMatchObject({ id: 'r19', qualifies: true, score: 18 / 19 });
    expect(stars[0]?.evidence.find((e) => e.criterion === 'venture_ties')?.note).toBe(
      'spinout: bio-venture',
    );
    const r18 = stars.find((s) => s.id === 'r18');
    expect(r18).toMatchObject({ qualifies: false });
    expect(r18?.evidence.map((e) => e.score)).toEqual([18 / 19, 1, 0]);
  });
  it('scores regional core companies on the six METI criteria', () => {
    const core = actor('core', {
      prefectureCode: '16',
      employees: 1000,
      inRegionProcurementShare: 0.7,
      outOfRegionSalesShare: 0.8,
      growthRate: 0.05,
    });
    const buyers = Array.from({ length: 5 }, (_, i) =>
      actor(`buyer${i}`, { prefectureCode: '13' }),
    );
    const relations: Relation[] = buyers.map((b) => ({
      sourceId: 'core',
      targetId: b.id,
      type: 'sales',
      weight: 1,
    }));
    const [top] = findCoreCompanies([core, ...buyers], relations, [
      {
        id: 'p',
        title: 'p',
        stage: 'research',
        members: [{ actorId: 'core', role: 'lead' }],
        sdgs: [],
      },
    ]);
    // jobs 1, procurement .7, sales .8, growth .5, channels 1, projects 1/3
    expect(top?.id).toBe('core');
    expect(top?.score).toBeCloseTo((1 + 0.7 + 0.8 + 0.5 + 1 + 1 / 3) / 6, 6);
    expect(top?.qualifies).toBe(true);
  });
  it('scores anchor companies on partners grown, regional suppliers and outside demand', () => {
    const anchor = actor('anchor', { prefectureCode: '16' });
    const locals = Array.from({ length: 10 }, (_, i) =>
      actor(`local${i}`, { prefectureCode: '16' }),
    );
    const relations: Relation[] = locals.map((l) => ({
      sourceId: l.id,
      targetId: 'anchor',
      type: 'supply',
      weight: 1,
    }));
    const [top] = findAnchorCompanies([anchor, ...locals], relations);
    expect(top).toMatchObject({ id: 'anchor', qualifies: false });
    expect(top?.score).toBeCloseTo(1 / 3, 6);
  });
  it('counts the regional firms an anchor grows, joint research in either direction, firms only', () => {
    const anchor = actor('anchor', { prefectureCode: '16' });
    const firms = Array.from({ length: 4 }, (_, i) => actor(`firm${i}`, { prefectureCode: '16' }));
    const university = actor('univ', { prefectureCode: '16', sector: 'university' });
    const farFirm = actor('far', { prefectureCode: '13' });
    const tie = (sourceId: string, targetId: string, type: Relation['type']): Relation => ({
      sourceId,
      targetId,
      type,
      weight: 1,
    });
    const relations: Relation[] = [
      tie('anchor', 'firm0', 'license'),
      tie('anchor', 'firm1', 'investment'),
      tie('firm2', 'anchor', 'joint_research'), // undirected: the anchor grows firm2
      tie('firm3', 'anchor', 'license'), // firm3 licenses to the anchor: not grown by it
      tie('anchor', 'univ', 'joint_research'), // not a firm
      tie('anchor', 'far', 'investment'), // outside the prefecture
    ];
    const candidates = findAnchorCompanies([anchor, ...firms, university, farFirm], relations);
    const top = candidates.find((c) => c.id === 'anchor');
    const grown = top?.evidence.find((e) => e.criterion === 'regional_partners_grown');
    expect(grown?.value).toBe(3);
    expect(top?.score).toBeCloseTo(0.3 / 3, 6);
  });
});

describe('filling a gap from anywhere', () => {
  it('ranks the missing national-government actor that shares expertise and is a friend of a friend', () => {
    const graph = buildActorGraph(ECOSYSTEM, RELATIONS, AS_OF);
    const candidates = rankGapFillers(graph, [], {
      members: HOKURIKU.map((a) => a.id),
      sector: 'national_government',
      asOfYear: 2025,
    });
    expect(candidates.map((c) => c.id)).toEqual(['mext', 'meti']);
    expect(candidates[0]?.sharedTerms).toEqual(['医薬品']);
    expect(candidates[0]?.path).toEqual([
      '株式会社ホクリクバイオ',
      '久留米化成株式会社',
      '九州大学',
      '文部科学省',
    ]);
    expect(candidates[0]?.reasons.map((r) => r.ja)).toContain('共通の専門: 医薬品');
  });
});

describe('calibrated roles: baselines and minimum evidence', () => {
  const venture = actor('v', { flags: ['university_venture'] });
  const spinout = (id: string): Relation => ({
    sourceId: id,
    targetId: 'v',
    type: 'spinout',
    weight: 1,
  });
  const thin = actor('thin', {
    kind: 'person',
    sector: 'university',
    field: '材料',
    papers: 2,
    citations: 3,
  });

  it('a 2-paper, 3-citation researcher with a spin-out is never a star, alone (n = 1) or in a crowd', () => {
    const [alone] = findStarScientists([thin, venture], [spinout('thin')]);
    expect(alone).toMatchObject({ id: 'thin', qualifies: false, status: 'insufficient_evidence' });
    expect(alone?.basis.n).toBe(1);
    expect(alone?.basis.insufficient.join(' ')).toMatch(/papers/);
    // in a field of 40 weaker researchers they top the field, and still are no star
    const weaker = Array.from({ length: 40 }, (_, i) =>
      actor(`w${i}`, {
        kind: 'person',
        sector: 'university',
        field: '材料',
        papers: 1,
        citations: 0,
      }),
    );
    const crowd = findStarScientists([thin, ...weaker, venture], [spinout('thin')]);
    expect(crowd.find((c) => c.id === 'thin')).toMatchObject({ qualifies: false });
    expect(crowd.some((c) => c.qualifies)).toBe(false);
  });

  it('a star is in the top of a large enough field baseline, and the claim says its basis', () => {
    const field = Array.from({ length: 30 }, (_, i) =>
      actor(`f${i}`, {
        kind: 'person',
        sector: 'university',
        field: '材料',
        papers: 5 + i,
        citations: 50 + i * 20,
      }),
    );
    const star = actor('star', {
      kind: 'person',
      sector: 'university',
      field: '材料',
      papers: 120,
      citations: 4000,
    });
    const [top] = findStarScientists([...field, star, venture], [spinout('star')]);
    expect(top).toMatchObject({ id: 'star', qualifies: true, status: 'qualifies' });
    expect(top?.basis).toMatchObject({ n: 31, population: '材料' });
    expect(top?.basis.thresholds['papers']).toBeGreaterThan(30);
    expect(top?.basis.thresholds['minPapers']).toBe(10);
    // a small field falls back to all fields, and says so
    const other = actor('bio', {
      kind: 'person',
      sector: 'university',
      field: 'バイオ',
      papers: 200,
      citations: 9000,
    });
    const mixed = findStarScientists([...field, star, other, venture], [spinout('bio')]);
    const bio = mixed.find((c) => c.id === 'bio');
    expect(bio).toMatchObject({ qualifies: true });
    expect(bio?.basis.population).toBe('all fields');
  });

  it('with career starts known, papers and citations are compared per career year', () => {
    // 30 researchers who publish 2–2.9 papers and 30–39 citations a year, for 5 to 34 years
    const field = Array.from({ length: 30 }, (_, i) =>
      actor(`c${i}`, {
        kind: 'person',
        sector: 'university',
        field: '材料',
        careerStartYear: 2021 - i,
        papers: 2 * (5 + i) + i,
        citations: 30 * (5 + i) + 10 * i,
      }),
    );
    // a long career with an ordinary yearly output: top on counts, not per year
    const veteran = actor('veteran', {
      kind: 'person',
      sector: 'university',
      field: '材料',
      careerStartYear: 1981,
      papers: 99,
      citations: 1395,
    });
    // a young researcher with fewer papers than the veteran but far more per year
    const young = actor('young', {
      kind: 'person',
      sector: 'university',
      field: '材料',
      careerStartYear: 2016,
      papers: 60,
      citations: 1500,
    });
    const ties = [spinout('veteran'), spinout('young')];
    const people = [...field, veteran, young, venture];
    const byCounts = findStarScientists(people, ties);
    expect(byCounts.find((c) => c.id === 'veteran')).toMatchObject({ qualifies: true });
    expect(byCounts.find((c) => c.id === 'young')).toMatchObject({ qualifies: false });
    expect(byCounts[0]?.basis.method).toMatch(/not normalised by career age/);

    const perYear = findStarScientists(people, ties, { asOfYear: 2025 });
    const y = perYear.find((c) => c.id === 'young');
    expect(y).toMatchObject({ qualifies: true, status: 'qualifies' });
    expect(y?.basis.normalisedByCareerAge).toBe(true);
    expect(y?.evidence[0]).toMatchObject({ criterion: 'papers_per_year', value: 6 });
    expect(y?.basis.method).toMatch(/per career year \(10 year\(s\) since 2016\)/);
    expect(perYear.find((c) => c.id === 'veteran')).toMatchObject({
      qualifies: false,
      status: 'does_not_qualify',
    });
  });

  it('without enough known career starts, counts are compared and the basis says why', () => {
    const field = Array.from({ length: 30 }, (_, i) =>
      actor(`u${i}`, {
        kind: 'person',
        sector: 'university',
        field: '材料',
        papers: 5 + i,
        citations: 50 + i * 20,
      }),
    );
    const known = actor('known', {
      kind: 'person',
      sector: 'university',
      field: '材料',
      careerStartYear: 2000,
      papers: 120,
      citations: 4000,
    });
    const [top] = findStarScientists([...field, known, venture], [spinout('known')], {
      asOfYear: 2025,
    });
    expect(top).toMatchObject({ id: 'known', qualifies: true });
    expect(top?.basis.normalisedByCareerAge).toBe(false);
    expect(top?.basis.method).toMatch(/fewer than 20 researchers .* with a known career start/);
  });

  it('a company with only its headcount recorded is not claimed a regional core company', () => {
    const big = actor('big', { employees: 5000, growthRate: 0.3 });
    const [c] = findCoreCompanies([big], [], []);
    expect(c).toMatchObject({ qualifies: false, status: 'insufficient_evidence' });
    expect(c?.basis.insufficient.join(' ')).toMatch(/域内仕入|procurement/);
  });

  it('an anchor claim needs enough regional ties', () => {
    const anchor = actor('anchor', { prefectureCode: '16' });
    const local = actor('l0', { prefectureCode: '16' });
    const [a] = findAnchorCompanies(
      [anchor, local],
      [{ sourceId: 'anchor', targetId: 'l0', type: 'investment', weight: 1 }],
      { anchorMinScore: 0.01 },
    );
    expect(a).toMatchObject({ id: 'anchor', qualifies: false, status: 'insufficient_evidence' });
    expect(a?.basis.thresholds['minTies']).toBeGreaterThan(1);
  });
});

describe('gap filling that discriminates', () => {
  const gov = (id: string, name: string, prefectureCode: string, keywords: string[] = []) =>
    actor(id, { sector: 'national_government', name, prefectureCode, keywords });
  const members = [
    actor('k-univ', { sector: 'university', prefectureCode: '14', keywords: ['ロボット'] }),
    actor('k-co', { prefectureCode: '14', field: 'ロボット', keywords: ['ロボット'] }),
    actor('t-co', { prefectureCode: '13', keywords: ['介護'] }),
  ];
  const outsiders = Array.from({ length: 6 }, (_, i) => actor(`x${i}`, { prefectureCode: '13' }));
  const candidates = [
    gov('chubu', '中部経済産業局', '23', ['ロボット']),
    gov('kanto', '関東経済産業局', '11'),
    gov('mext', '文部科学省', '13'),
    gov('mhlw', '厚生労働省', '13'),
    gov('maff', '農林水産省', '13'),
  ];
  const t = (sourceId: string, targetId: string): Relation => ({
    sourceId,
    targetId,
    type: 'grant',
    weight: 1,
  });
  const relations: Relation[] = [
    t('k-univ', 'k-co'),
    t('k-co', 't-co'),
    t('chubu', 'k-co'),
    t('mext', 'x0'),
    t('mext', 'x1'),
    t('mext', 'x2'),
    t('x0', 'k-univ'),
    t('mhlw', 'x3'),
    t('maff', 'x4'),
    t('maff', 'x5'),
  ];
  const graph = buildActorGraph([...members, ...outsiders, ...candidates], relations, AS_OF);
  const ranked = rankGapFillers(graph, [], {
    members: members.map((m) => m.id),
    sector: 'national_government',
    asOfYear: 2025,
  });

  it('never proposes 中部経済産業局 to a 神奈川・東京 community, and proposes 関東 instead', () => {
    expect(ranked.map((c) => c.id)).not.toContain('chubu');
    expect(ranked.map((c) => c.id)).toContain('kanto');
    expect(bureauJurisdiction('中部経済産業局')).toEqual(['16', '17', '21', '23', '24']);
    expect(bureauJurisdiction('関東経済産業局')).toContain('14');
    expect(bureauJurisdiction('経済産業省')).toBeNull();
  });

  it('national-government candidates no longer tie: reach, distance and capacity tell them apart', () => {
    const scores = ranked.map((c) => c.score);
    expect(new Set(scores.map((s) => s.toFixed(6))).size).toBe(scores.length);
    // MEXT reaches the community through x0 and funds most: first, with who can introduce it
    expect(ranked[0]?.id).toBe('mext');
    expect(ranked[0]?.introducer).toMatchObject({ id: 'x0' });
    expect(ranked[0]?.reasons.map((r) => r.en).join(' ')).toMatch(/introduce/);
    expect(ranked.find((c) => c.id === 'mhlw')?.distanceKm).toBeCloseTo(
      ranked.find((c) => c.id === 'maff')?.distanceKm ?? -1,
      6,
    );
  });
});
