import { describe, expect, it } from 'vitest';
import { ENTITY_SPECS } from './entities/registry.ts';
import {
  checkHeader,
  parseFlatRow,
  parseRecord,
  requiredColumns,
  toFlatRow,
} from './flat-record.ts';

const actors = ENTITY_SPECS.actors;
const relations = ENTITY_SPECS.relations;

describe('parseFlatRow on actors', () => {
  it('reads a full row, padding codes that lost their leading zero', () => {
    const outcome = parseFlatRow(actors, {
      id: 'a1',
      kind: 'organization',
      sector: 'company',
      name: '株式会社札幌テック',
      prefecture_code: '1',
      municipality_code: '11002',
      corporate_number: '7000012050002',
      employees: '1,200',
      flags: 'sme; regional_core',
      lat: '43.06',
      lon: '141.35',
    });
    expect(outcome).toEqual({
      ok: true,
      record: expect.objectContaining({
        prefectureCode: '01',
        municipalityCode: '011002',
        employees: 1200,
        flags: ['sme', 'regional_core'],
        keywords: [],
      }),
    });
  });

  it('reports every bad field by column', () => {
    const outcome = parseFlatRow(actors, {
      id: 'a 1',
      kind: 'robot',
      sector: 'company',
      name: 'X',
      prefecture_code: '27',
      municipality_code: '131016',
      corporate_number: '7000012050003',
      employees: '-3',
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    const fields = outcome.problems.map((p) => p.field).sort();
    expect(fields).toEqual(['corporate_number', 'employees', 'id', 'kind', 'municipality_code']);
    expect(outcome.problems.find((p) => p.field === 'municipality_code')?.reason).toContain(
      'is not in prefecture 27',
    );
  });

  it('reports cells that cannot be read as numbers before schema checks', () => {
    const outcome = parseFlatRow(actors, {
      id: 'a1',
      kind: 'person',
      sector: 'university',
      name: '山田太郎',
      prefecture_code: '13',
      papers: 'many',
    });
    expect(outcome).toEqual({
      ok: false,
      problems: [
        { field: 'papers', reason: 'not a whole number', code: 'not_whole_number', values: {} },
      ],
    });
  });

  it('says in words a clerk understands, in Japanese and English, that a value is required', () => {
    const outcome = parseFlatRow(ENTITY_SPECS.adoptions, {
      id: 'a1',
      program: 'prog-x',
      region_name: '仙台地域',
      prefecture_codes: '04',
      end_fy: '2015',
    });
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? [] : outcome.problems).toContainEqual({
      field: 'start_fy',
      reason: expect.stringMatching(
        /^start_fy is required: .*fiscal year.* ／ start_fy（.*）は必須です$/,
      ),
      code: 'required',
      values: {},
    });
  });

  it('keeps an unpublished end year and grade as unknown, not guessed', () => {
    const outcome = parseFlatRow(ENTITY_SPECS.adoptions, {
      id: 'a1',
      program: 'prog-x',
      region_name: '仙台地域',
      prefecture_codes: '04',
      start_fy: '2011',
      end_fy: '',
      final_grade: '不明',
      interim_grade: '-',
    });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.record['endFy']).toBeUndefined();
    expect(outcome.record['finalGrade']).toBeUndefined();
    expect(outcome.record['interimGrade']).toBeUndefined();
    const wrong = parseFlatRow(ENTITY_SPECS.adoptions, {
      id: 'a1',
      program: 'prog-x',
      region_name: '仙台地域',
      prefecture_codes: '04',
      start_fy: '2011',
      final_grade: 'D',
    });
    expect(wrong.ok ? [] : wrong.problems.map((p) => p.field)).toEqual(['final_grade']);
  });

  it('reads full-width digits', () => {
    const outcome = parseFlatRow(actors, {
      id: 'a1',
      kind: 'person',
      sector: 'university',
      name: '山田太郎',
      prefecture_code: '１３',
      papers: '１２',
    });
    expect(outcome.ok && outcome.record['papers']).toBe(12);
  });
});

describe('relations', () => {
  it('rejects an end before the start and a negative weight', () => {
    const outcome = parseFlatRow(relations, {
      source_id: 'a',
      target_id: 'b',
      type: 'joint_research',
      weight: '-1',
      start_date: '2020-04-01',
      end_date: '2019-03-31',
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problems.map((p) => p.field).sort()).toEqual(['end_date', 'weight']);
  });
  it('derives the identity from source, target, type and start', () => {
    expect(
      relations.keyOf({ sourceId: 'a', targetId: 'b', type: 'mou', startDate: '2020-01-01' }),
    ).toBe('a>b:mou@2020-01-01');
  });
});

describe('flat round trip', () => {
  it('writes and reads back the same record for every entity with lists and nested values', () => {
    const project = ENTITY_SPECS.projects;
    const record = {
      id: 'p1',
      title: '希少糖の量産',
      stage: 'research',
      members: [
        { actorId: 'u:1', role: 'lead' },
        { actorId: 'c1', role: 'company' },
      ],
      sdgs: [3, 9],
    };
    const parsed = parseRecord(project, record);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const row = toFlatRow(project, parsed.record);
    const header = project.columns.map((c) => c.column);
    const back = parseFlatRow(project, Object.fromEntries(header.map((h, i) => [h, row[i]])));
    expect(back).toEqual({ ok: true, record: parsed.record });
  });
});

describe('headers', () => {
  it('names unknown columns and missing required ones', () => {
    expect(checkHeader(actors, ['id', 'kind', 'name', 'colour'])).toEqual({
      unknown: ['colour'],
      missingRequired: ['sector', 'prefecture_code'],
    });
  });
  it('takes country_code instead of prefecture_code in a file of actors abroad', () => {
    expect(checkHeader(actors, ['id', 'kind', 'sector', 'name', 'country_code'])).toEqual({
      unknown: [],
      missingRequired: [],
    });
  });
  it('knows the contract minimum for actors', () => {
    expect(requiredColumns(actors).map((c) => c.column)).toEqual([
      'id',
      'kind',
      'sector',
      'name',
      'prefecture_code',
    ]);
  });
});

describe('actors abroad', () => {
  const row = { id: 'x', kind: 'organization', sector: 'university', name: 'Universität Wien' };
  it('stores a foreign actor with its country and no prefecture', () => {
    const outcome = parseFlatRow(actors, { ...row, country_code: 'AT' });
    expect(outcome).toMatchObject({ ok: true, record: { countryCode: 'AT' } });
    expect(outcome.ok && outcome.record['prefectureCode']).toBeUndefined();
  });
  it('still requires a prefecture in Japan, saying so in English and Japanese', () => {
    for (const country of ['', 'JP']) {
      const outcome = parseFlatRow(actors, { ...row, country_code: country });
      expect(outcome.ok).toBe(false);
      if (outcome.ok) continue;
      expect(outcome.problems).toEqual([
        {
          field: 'prefecture_code',
          reason: expect.stringMatching(/required for an actor in Japan.*都道府県コード/s),
          code: 'prefecture_required_in_japan',
          values: {},
        },
      ]);
    }
  });
  it('refuses a prefecture or municipality for an actor abroad', () => {
    const outcome = parseFlatRow(actors, { ...row, country_code: 'US', prefecture_code: '13' });
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.problems[0]?.reason).toMatch(/actor in US has no Japanese/);
  });
});

describe('identifier URLs', () => {
  it('accepts ROR and ORCID URLs and stores the bare identifiers', () => {
    const outcome = parseFlatRow(actors, {
      id: 'p9',
      kind: 'person',
      sector: 'university',
      name: '研究者',
      prefecture_code: '01',
      ror: 'https://ror.org/02e16g702',
      orcid: 'https://orcid.org/0000-0002-1694-233x',
    });
    expect(outcome.ok && [outcome.record['ror'], outcome.record['orcid']]).toEqual([
      '02e16g702',
      '0000-0002-1694-233X',
    ]);
  });
});
