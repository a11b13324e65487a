import { describe, expect, it } from 'vitest';
import { placeholdersOf } from './bilingual-words.ts';
import { COLUMN_LABELS } from './entities/column-labels.ts';
import { ENTITY_NAMES, ENTITY_SPECS } from './entities/registry.ts';
import { parseFlatRow, parseRecord, type FieldProblem } from './flat-record.ts';
import {
  REASON_TEMPLATES,
  REFUSAL_CODES,
  REJECT_CODES,
  refusalDetails,
  refusalIn,
  refusalWords,
  rejectedRowWords,
  rejectWords,
} from './import-reasons.ts';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/u;

describe('every reason of the import in both languages', () => {
  it.each([...REJECT_CODES, ...REFUSAL_CODES])('%s has English and Japanese words', (code) => {
    const { en, ja } = REASON_TEMPLATES[code];
    expect(en.trim(), code).not.toBe('');
    expect(ja.trim(), code).not.toBe('');
    expect(en, code).not.toMatch(JAPANESE);
    expect(ja, code).toMatch(JAPANESE);
  });

  it('fills every placeholder of a rejected row’s words', () => {
    const values = Object.fromEntries(
      Object.values(REASON_TEMPLATES)
        .flatMap(({ en, ja }) => [...placeholdersOf(en), ...placeholdersOf(ja)])
        .map((name) => [name, 'x']),
    );
    for (const code of REJECT_CODES)
      for (const language of ['ja', 'en'] as const)
        expect(
          rejectedRowWords(language, 3, { field: 'start_fy', code, values }),
          code,
        ).not.toMatch(/\{\w+\}/);
    for (const code of REFUSAL_CODES)
      for (const language of ['ja', 'en'] as const)
        expect(refusalWords(language, { code, values }), code).not.toMatch(/\{\w+\}/);
  });

  it('names every column of every entity in both languages', () => {
    for (const entity of ENTITY_NAMES)
      for (const { column } of ENTITY_SPECS[entity].columns) {
        const label = COLUMN_LABELS[column];
        expect(label?.en, `${entity}.${column}`).toBeTruthy();
        expect(label?.ja, `${entity}.${column}`).toMatch(/\S/);
      }
  });
});

describe('a rejected row as a clerk reads it', () => {
  const endBeforeStart = parseFlatRow(ENTITY_SPECS.adoptions, {
    id: 'a1',
    program: 'p1',
    region_name: '浜松地域',
    prefecture_codes: '22',
    start_fy: '2021',
    end_fy: '2020',
  });

  it('names the row and the column, in words and by its name', () => {
    if (endBeforeStart.ok) throw new Error('expected a rejection');
    const [problem] = endBeforeStart.problems;
    if (!problem) throw new Error('expected a problem');
    // The CLI's words stay as they were.
    expect(problem.reason).toBe('end FY 2020 is before start FY 2021');
    expect(rejectedRowWords('ja', 3, problem)).toBe(
      '3 行目: 終了年度 (end_fy) が開始より前になっています',
    );
    expect(rejectedRowWords('en', 3, problem)).toBe(
      'Row 3: end fiscal year (end_fy) is earlier than the start',
    );
  });

  it('says a column whose words are its name once', () => {
    const problem = { field: 'employees', code: 'not_whole_number', values: {} } as const;
    expect(rejectWords('en', problem)).toBe('employees must be a whole number');
    expect(rejectWords('ja', problem)).toBe('従業員数 (employees) には整数を入れてください');
  });

  /** Bad rows of each entity, as clerks write them: every problem has a code of its own. */
  const BAD: [string, FieldProblem[]][] = [];
  const flat = (entity: keyof typeof ENTITY_SPECS, row: Record<string, string>) => {
    const outcome = parseFlatRow(ENTITY_SPECS[entity], row);
    BAD.push([entity, outcome.ok ? [] : outcome.problems]);
  };
  const json = (entity: keyof typeof ENTITY_SPECS, record: unknown) => {
    const outcome = parseRecord(ENTITY_SPECS[entity], record);
    BAD.push([entity, outcome.ok ? [] : outcome.problems]);
  };
  flat('actors', { id: 'a 1', kind: 'organisation', sector: 'x', name: '', prefecture_code: '48' });
  flat('actors', { id: 'a1', kind: 'organization', sector: 'company', name: 'N', lat: '35' });
  flat('actors', {
    id: 'a1',
    kind: 'organization',
    sector: 'company',
    name: 'N',
    prefecture_code: '22',
    municipality_code: '131016',
    corporate_number: '1234567890123',
    ror: 'nope',
    orcid: '0000',
    kaken_id: 'x',
    openalex_id: 'x',
    url: 'nope',
  });
  flat('actors', {
    id: 'a1',
    kind: 'organization',
    sector: 'company',
    name: 'N',
    country_code: 'us',
  });
  flat('actors', {
    id: 'a1',
    kind: 'organization',
    sector: 'company',
    name: 'N',
    employees: '1.5',
  });
  flat('actors', {
    id: 'a1',
    kind: 'organization',
    sector: 'company',
    name: 'N',
    flags: '',
    papers: 'x',
  });
  flat('seeds', { id: 's1', owner_id: 'a1', title: 'T', trl: '12', sdgs: '18;x' });
  flat('seeds', { id: 's1', owner_id: 'a1', title: 'T', available: 'maybe' });
  flat('projects', { id: 'p1', title: 'T', members: 'a1', start_date: '2020-02-30' });
  flat('projects', { id: 'p1', title: 'T', kpis: '{' });
  flat('adoptions', {
    id: 'a',
    program: 'p',
    region_name: 'r',
    prefecture_codes: '',
    start_fy: 'x',
  });
  flat('indicators', {
    area_type: 'prefecture',
    area_code: '99',
    year: '2020',
    metric: 'Bad Metric',
    value: '1',
    unit: '',
  });
  flat('relations', {
    source_id: 'a',
    target_id: 'b',
    type: 'joint_research',
    weight: '-1',
    start_date: '2021-01-01',
    end_date: '2020-01-01',
  });
  json('projects', {
    id: 'p',
    title: 't',
    kpis: [{ name: 'k', value: 'social', target: 1 }],
    sdgs: [18, 1, 1],
  });
  json('projects', {
    id: 'p',
    title: 't',
    milestones: [
      { id: 'm', title: 'a', plannedDate: '2020-01-01' },
      { id: 'm', title: 'b', plannedDate: '2020-01-01' },
    ],
  });
  json('funding', { id: 'f', sourceType: 'x', fiscalYear: 2020.5, amount: -1, currency: 'GBP' });
  json('training-programmes', {
    id: 't',
    name: 'n',
    kind: 'other',
    cohorts: [
      { fiscalYear: 2020, enrolled: 1, completed: 2, stayedLocal: 3, leftRegion: 0, unknown: 0 },
    ],
  });
  json('actors', 'not an object');

  it.each(BAD.map(([entity, problems], index) => [`${entity} #${index}`, problems] as const))(
    '%s: every problem has a code of its own and words in both languages',
    (_name, problems) => {
      expect(problems.length).toBeGreaterThan(0);
      for (const problem of problems) {
        expect(problem.code, problem.reason).not.toBe('not_valid');
        expect(problem.code, problem.reason).not.toBe('wrong_type');
        expect(rejectWords('ja', problem), problem.reason).toMatch(JAPANESE);
        expect(rejectWords('en', problem), problem.reason).not.toMatch(/\{\w+\}/);
      }
    },
  );
});

describe('a refused file', () => {
  it('keeps its reason in the error’s details and says it in both languages', () => {
    const details = {
      missingColumns: ['name'],
      ...refusalDetails('columns_missing', { columns: 'name' }),
    };
    const reason = refusalIn(details);
    expect(reason).toEqual({ code: 'columns_missing', values: { columns: 'name' } });
    if (!reason) throw new Error('expected a reason');
    expect(refusalWords('ja', reason)).toBe('必須の列がありません: name');
    expect(refusalWords('en', reason)).toBe('required columns are missing: name');
    expect(refusalIn({ refusal: { code: 'no_such_code', values: {} } })).toBeNull();
  });
});
