import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/open-database.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { analyzeCaseFactors, searchCases } from './case-library.ts';
import { findSupportMeasures } from './find-support-measures.ts';

const clock = { now: () => new Date('2026-06-01T00:00:00Z') };

describe.each(TEST_DATABASES)('support fit and case library ($name)', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await kind.open(clock);
    await db.repos.entity('actors').upsertMany([
      {
        id: 'co-1',
        kind: 'organization',
        sector: 'company',
        name: '博多精機株式会社',
        prefectureCode: '40',
        municipalityCode: '401323',
        employees: 12,
        flags: ['sme'],
        field: '医療機器',
        keywords: [],
      },
      {
        id: 'co-2',
        kind: 'organization',
        sector: 'company',
        name: '九大発ベンチャー',
        prefectureCode: '40',
        flags: ['university_venture'],
        keywords: [],
      },
      {
        id: 'co-3',
        kind: 'organization',
        sector: 'company',
        name: '八幡製作所',
        prefectureCode: '40',
        municipalityCode: '401099',
        employees: 4,
        keywords: [],
      },
      {
        id: 'city-1',
        kind: 'organization',
        sector: 'municipality',
        name: '北九州市',
        prefectureCode: '40',
        municipalityCode: '401005',
        keywords: [],
      },
      {
        id: 'u-1',
        kind: 'organization',
        sector: 'university',
        name: '九州大学',
        prefectureCode: '40',
        flags: [],
        keywords: [],
      },
    ]);
    await db.repos.entity('projects').upsertMany([
      {
        id: 'p-1',
        title: '小型医療機器の開発',
        stage: 'development',
        path: 'zero_to_one',
        prefectureCode: '40',
        members: [
          { actorId: 'u-1', role: 'lead' },
          { actorId: 'co-1', role: 'company' },
        ],
        sdgs: [],
      },
    ]);
    await db.repos.entity('support-measures').upsertMany([
      {
        id: 'sm-1',
        name: '福岡県医療機器開発補助',
        provider: '福岡県',
        stages: ['one_to_hundred'],
        targetSectors: ['company'],
        fields: ['医療機器'],
        prefectureCodes: ['40'],
        maxAmount: 10_000_000,
      },
      {
        id: 'sm-2',
        name: '大学発ベンチャー創出支援',
        provider: 'JST',
        stages: ['zero_to_one'],
        targetSectors: ['company'],
        fields: [],
        prefectureCodes: [],
      },
      {
        id: 'sm-3',
        name: '北海道食品補助',
        provider: '北海道',
        stages: [],
        targetSectors: ['company'],
        fields: ['食品'],
        prefectureCodes: ['01'],
      },
      {
        id: 'sm-4',
        name: '北九州市ものづくり補助',
        provider: '北九州市',
        providerId: 'city-1',
        targetSectors: ['company'],
        maxAmount: 5_000_000,
      },
      {
        id: 'sm-5',
        name: '大規模社会実装実証',
        provider: '内閣府',
        stages: ['one_to_hundred'],
        targetSectors: ['company'],
        maxAmount: 5_000_000_000,
      },
    ]);
    await db.repos.entity('cases').upsertMany([
      {
        id: 'c1',
        title: '成功A',
        outcome: 'success',
        factors: ['伴走支援', '地域金融'],
        prefectureCodes: ['40'],
      },
      {
        id: 'c2',
        title: '成功B',
        outcome: 'success',
        factors: ['伴走支援'],
        prefectureCodes: ['40'],
      },
      {
        id: 'c3',
        title: '成功C',
        outcome: 'success',
        factors: ['伴走支援', '地域金融'],
        prefectureCodes: ['13'],
      },
      {
        id: 'c4',
        title: '失敗A',
        outcome: 'failure',
        factors: ['資金計画なし'],
        prefectureCodes: ['40'],
        lessons: '終了前に資金計画を',
      },
      {
        id: 'c5',
        title: '失敗B',
        outcome: 'failure',
        factors: ['資金計画なし', '地域金融'],
        prefectureCodes: ['13'],
      },
      {
        id: 'c6',
        title: '一部成功',
        outcome: 'mixed',
        factors: ['伴走支援'],
        prefectureCodes: ['40'],
      },
    ]);
  });
  afterAll(async () => db.close());

  it('fits measures to a company, with reasons, and near misses with why not', async () => {
    const fit = await findSupportMeasures(db.repos, clock, { actorId: 'co-1' });
    expect(fit.subject).toMatchObject({
      stage: 'one_to_hundred',
      sector: 'company',
      prefectureCode: '40',
    });
    expect(fit.matches.map((m) => m.measure.id)).toEqual(['sm-1']);
    expect(fit.matches[0]?.reasons.every((r) => r.ok && r.reason.length > 0)).toBe(true);
    expect(fit.nearMisses.map((m) => m.measure.id)).toContain('sm-2');
    expect(fit.nearMisses.find((m) => m.measure.id === 'sm-2')?.whyNot[0]?.criterion).toBe('stage');
    const venture = await findSupportMeasures(db.repos, clock, { actorId: 'co-2' });
    expect(venture.subject.stage).toBe('zero_to_one');
    expect(venture.matches.map((m) => m.measure.id)).toEqual(['sm-2']);
  });

  it('a city’s measure is for that city, and a 50億円 award is not for a 4-person firm', async () => {
    const hakata = await findSupportMeasures(db.repos, clock, { actorId: 'co-1' });
    expect(hakata.matches.map((m) => m.measure.id)).not.toContain('sm-4');
    expect(hakata.nearMisses.find((m) => m.measure.id === 'sm-4')?.whyNot[0]).toMatchObject({
      code: 'region_municipality_only',
      values: { municipalityCodes: ['401005'] },
    });
    const yahata = await findSupportMeasures(db.repos, clock, { actorId: 'co-3' });
    expect(yahata.subject).toMatchObject({ municipalityCode: '401099', employees: 4 });
    expect(yahata.matches.map((m) => m.measure.id)).toContain('sm-4');
    expect(yahata.matches.map((m) => m.measure.id)).not.toContain('sm-5');
    expect(yahata.nearMisses.find((m) => m.measure.id === 'sm-5')?.whyNot[0]?.code).toBe(
      'size_out_of_scale',
    );
  });

  it('fits measures to a project through its company member and its path', async () => {
    const fit = await findSupportMeasures(db.repos, clock, { projectId: 'p-1' });
    expect(fit.subject).toMatchObject({ kind: 'project', stage: 'zero_to_one', sector: 'company' });
    expect(fit.matches.map((m) => m.measure.id)).toEqual(['sm-2']);
    const given = await findSupportMeasures(db.repos, clock, {
      projectId: 'p-1',
      stage: 'one_to_hundred',
    });
    expect(given.matches.map((m) => m.measure.id)).toEqual(['sm-1']);
  });

  it('refuses an unknown or missing subject', async () => {
    await expect(findSupportMeasures(db.repos, clock, {})).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(findSupportMeasures(db.repos, clock, { actorId: 'nope' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('searches cases by text, outcome, prefecture and factor', async () => {
    expect((await searchCases(db.repos, { outcome: 'failure' })).total).toBe(2);
    expect((await searchCases(db.repos, { prefectureCode: '13' })).cases.map((c) => c.id)).toEqual([
      'c3',
      'c5',
    ]);
    expect((await searchCases(db.repos, { q: '資金計画' })).cases.map((c) => c.id)).toEqual([
      'c4',
      'c5',
    ]);
    expect((await searchCases(db.repos, { factor: '伴走支援' })).total).toBe(4);
  });

  it('compares factors in successes and failures, and says when it cannot', async () => {
    const all = await analyzeCaseFactors(db.repos);
    expect(all).toMatchObject({ successes: 3, failures: 2, mixedExcluded: 1, note: null });
    expect(all.factors[0]?.factor).toBe('伴走支援');
    expect(all.factors[0]?.table).toEqual([
      [3, 0],
      [0, 2],
    ]);
    const onlySuccesses = await analyzeCaseFactors(db.repos, { factor: '伴走支援' });
    expect(onlySuccesses.factors).toEqual([]);
    expect(onlySuccesses.note).toContain('both success and failure');
  });
});
