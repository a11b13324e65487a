import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { LOAD_ORDER, type EntityName } from '#core/entities/registry.ts';
import type { Repositories } from '#core/ports.ts';
import { NATIONAL_PROGRAMMES } from '#core/programme-catalogue.ts';
import type { Database } from '#db/open-database.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { CONNECTORS } from '#connectors/connectors.ts';
import { exportRecords } from './export-records.ts';
import { creditsPathOf } from './write-records.ts';
import { importRecords } from './import-records.ts';
import { openRecordSource, type FileFormat } from './read-records.ts';

const dir = mkdtempSync(join(tmpdir(), 'musubi-export-'));

/** One or two records of every entity, with lists, nested values, booleans and awkward text. */
const SAMPLE: Record<EntityName, Record<string, unknown>[]> = {
  actors: [
    {
      id: 'u1',
      kind: 'organization',
      sector: 'university',
      name: '香川大学',
      nameEn: 'Kagawa University',
      prefectureCode: '37',
      municipalityCode: '372013',
      lat: 34.34,
      lon: 134.05,
      ror: '04j7mzp05',
      flags: [],
      keywords: ['希少糖', 'バイオ'],
      confirmedAt: '2025-04-01',
    },
    {
      id: 'c1',
      kind: 'organization',
      sector: 'company',
      name: '株式会社"引用",カンマ\n改行',
      prefectureCode: '37',
      corporateNumber: '7000012050002',
      flags: ['sme', 'regional_core'],
      keywords: [],
      employees: 120,
      revenue: 1.5e9,
      inRegionProcurementShare: 0.62,
      outOfRegionSalesShare: 0.8,
    },
    {
      id: 'p1',
      kind: 'person',
      sector: 'university',
      name: '何森 健',
      nameKana: 'いずもり けん',
      prefectureCode: '37',
      orcid: '0000-0002-1825-0097',
      kakenId: '12345678',
      flags: ['researcher', 'star_scientist'],
      keywords: [],
      papers: 210,
      citations: 5400,
    },
  ],
  relations: [
    {
      sourceId: 'u1',
      targetId: 'c1',
      type: 'joint_research',
      weight: 2.5,
      startDate: '2019-04-01',
      endDate: '2022-03-31',
      source: 'KAKEN',
    },
    { sourceId: 'p1', targetId: 'u1', type: 'affiliation', weight: 1 },
  ],
  programmes: [
    {
      id: 'kc',
      name: '知的クラスター創成事業',
      ministry: '文部科学省',
      startFy: 2002,
      endFy: 2009,
      type: 'cluster',
    },
  ],
  adoptions: [
    {
      id: 'ad1',
      programmeId: 'kc',
      regionName: '香川地域',
      prefectureCodes: ['37', '38'],
      startFy: 2002,
      endFy: 2006,
      budget: 2.5e9,
      interimGrade: 'A',
      finalGrade: 'S',
      universities: ['香川大学'],
      researchThemes: [
        {
          title: '希少糖の生産',
          leadResearcher: '何森 健',
          affiliation: '香川大学',
          position: '教授',
        },
      ],
      participatingOrgs: 40,
      participatingCompanies: 25,
      successorProgram: '地域イノベーション戦略支援プログラム',
      continuation: 'successor',
      lastActiveFy: 2015,
    },
  ],
  projects: [
    {
      id: 'pr1',
      title: '希少糖の量産',
      path: 'one_to_hundred',
      approach: 'seeds_push',
      stage: 'development',
      adoptionId: 'ad1',
      members: [
        { actorId: 'u1', role: 'lead' },
        { actorId: 'c1', role: 'company' },
      ],
      sdgs: [2, 3],
      budget: 3e7,
    },
  ],
  seeds: [
    {
      id: 's1',
      kind: 'patent',
      title: '希少糖の酵素変換',
      abstract: '酵素 D-タガトース 3-エピメラーゼ…',
      keywords: ['希少糖'],
      ownerId: 'u1',
      trl: 5,
      sdgs: [3],
      available: false,
      patentNumber: '特許第1234567号',
    },
  ],
  needs: [
    {
      id: 'n1',
      kind: 'company',
      title: '工場排水から銅を回収したい',
      ownerId: 'c1',
      confidentiality: 'confidential',
      keywords: [],
      sdgs: [6, 12],
      open: true,
    },
  ],
  funding: [
    {
      id: 'f1',
      sourceType: 'national_programme',
      funderId: 'u1',
      adoptionId: 'ad1',
      fiscalYear: 2003,
      amount: 5e8,
      currency: 'JPY',
    },
  ],
  'support-measures': [
    {
      id: 'sm1',
      name: 'ものづくり補助金',
      provider: '中小企業庁',
      stages: ['one_to_hundred'],
      targetSectors: ['company'],
      fields: [],
      prefectureCodes: [],
      maxAmount: 1e7,
    },
  ],
  cases: [
    {
      id: 'cs1',
      title: '希少糖で地域産業',
      outcome: 'success',
      factors: ['スター研究者', '自治体の継続支援'],
      actorIds: ['u1', 'c1'],
      projectIds: ['pr1'],
      programmeIds: ['kc'],
      prefectureCodes: ['37'],
      year: 2015,
    },
  ],
  indicators: [
    {
      areaType: 'prefecture',
      areaCode: '37',
      year: 2024,
      metric: 'patents',
      value: 321,
      unit: '件',
    },
  ],
  'region-strategies': [
    {
      id: 'rs1',
      name: '香川 希少糖ビジョン',
      areaType: 'prefecture',
      areaCode: '37',
      vision: '希少糖で,"世界"へ\n改行',
      coreBodyId: 'u1',
      startFy: 2024,
      endFy: 2028,
      kpiTargets: [
        {
          metric: 'patents',
          value: 'industrial',
          year: 2026,
          target: 400,
          unit: '件',
          direction: 'increase',
        },
      ],
      pdca: [{ phase: 'check', date: '2025-03-31', note: '中間点検' }],
    },
  ],
  'training-programmes': [
    {
      id: 'tp1',
      name: 'リスキリング講座',
      kind: 'reskilling',
      providerId: 'u1',
      areaType: 'prefecture',
      areaCode: '37',
      cohorts: [
        {
          fiscalYear: 2024,
          enrolled: 40,
          completed: 35,
          stayedLocal: 20,
          leftRegion: 10,
          unknown: 5,
        },
      ],
    },
  ],
};

async function load(repos: Repositories): Promise<void> {
  for (const entity of LOAD_ORDER) await repos.entity(entity).upsertMany(SAMPLE[entity]);
}

async function xlsxRows(path: string): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const rows: unknown[][] = [];
  workbook.worksheets[0]?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe.each(TEST_DATABASES)('export → import round trip on $name', (kind) => {
  const open: Database[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) await db.close();
  });
  async function fresh(): Promise<Database> {
    const db = await kind.open();
    open.push(db);
    return db;
  }

  it.each(['csv', 'json', 'ndjson', 'xlsx'] as FileFormat[])(
    '%s gives identical data for every entity',
    async (format) => {
      const first = await fresh();
      await load(first.repos);
      const second = await fresh();
      for (const entity of LOAD_ORDER) {
        const path1 = join(dir, `${kind.name}-${entity}-1.${format}`);
        const path2 = join(dir, `${kind.name}-${entity}-2.${format}`);
        const exported = await exportRecords(first.repos, entity, path1, format);
        // Every database starts with the national programme catalogue.
        const count =
          SAMPLE[entity].length + (entity === 'programmes' ? NATIONAL_PROGRAMMES.length : 0);
        expect(exported.written).toBe(count);
        const report = await importRecords(second.repos, entity, await openRecordSource(path1));
        expect(report.written).toBe(count);
        await exportRecords(second.repos, entity, path2, format);
        if (format === 'xlsx') expect(await xlsxRows(path2)).toEqual(await xlsxRows(path1));
        else expect(readFileSync(path2, 'utf8')).toBe(readFileSync(path1, 'utf8'));
        const original = [];
        for await (const batch of first.repos.entity(entity).iterate()) original.push(...batch);
        const copied = [];
        for await (const batch of second.repos.entity(entity).iterate()) copied.push(...batch);
        expect(copied).toEqual(original);
      }
    },
  );

  it('carries the credit lines of the open sources: a credits sheet in XLSX, a file beside CSV', async () => {
    const db = await fresh();
    await db.repos.entity('actors').upsertMany([
      { ...SAMPLE.actors[0], id: 'r1', source: 'ror' },
      { ...SAMPLE.actors[0], id: 'd1', ror: undefined, source: 'demo' },
    ]);
    const csv = join(dir, `${kind.name}-credits.csv`);
    const report = await exportRecords(db.repos, 'actors', csv, 'csv');
    expect(report.credits).toEqual([CONNECTORS.ror.credit]);
    expect(readFileSync(csv, 'utf8')).toMatch(/^id,kind,sector,name,/);
    expect(readFileSync(creditsPathOf(csv), 'utf8')).toContain(CONNECTORS.ror.credit);
    const xlsx = join(dir, `${kind.name}-credits.xlsx`);
    await exportRecords(db.repos, 'actors', xlsx, 'xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    const credits = workbook.getWorksheet('credits');
    expect(credits?.getRow(2).getCell(1).value).toBe(CONNECTORS.ror.credit);
    // a file from no open source has no credits beside it
    const plain = join(dir, `${kind.name}-plain.csv`);
    expect((await exportRecords(db.repos, 'seeds', plain, 'csv')).credits).toEqual([]);
    expect(existsSync(creditsPathOf(plain))).toBe(false);
  });

  it('writes an empty file with just the header for an empty entity', async () => {
    const db = await fresh();
    const path = join(dir, `${kind.name}-empty.csv`);
    await exportRecords(db.repos, 'seeds', path, 'csv');
    expect(readFileSync(path, 'utf8')).toMatch(/^id,kind,title,/);
  });
});
