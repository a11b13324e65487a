import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { DomainError } from '#core/domain-error.ts';
import type { EntityName } from '#core/entities/registry.ts';
import { refusalIn } from '#core/import-reasons.ts';
import type { Repositories } from '#core/ports.ts';
import type { Database } from '#db/open-database.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { importRecords, type ImportOptions, type RejectedRow } from './import-records.ts';
import { openRecordSource, type FileFormat } from './read-records.ts';

const dir = mkdtempSync(join(tmpdir(), 'musubi-import-'));
let fileCounter = 0;
function file(name: string, content: string | Buffer): string {
  fileCounter += 1;
  const path = join(dir, `${fileCounter}-${name}`);
  writeFileSync(path, content);
  return path;
}

const ACTORS_CSV = [
  'id,kind,sector,name,name_en,prefecture_code,municipality_code,corporate_number,flags',
  'u1,organization,university,香川大学,Kagawa University,37,372013,,',
  'c1,organization,company,株式会社テスト,,37,,7000012050002,sme;regional_core',
  'p1,person,university,何森 健,,37,,,researcher;star_scientist',
].join('\n');

/** The repositories, noting every key asked of `actors.findExisting` (inside transactions too). */
function countingActorLookups(repos: Repositories, asked: string[]): Repositories {
  const bound = <T extends object>(target: T, key: string | symbol): unknown => {
    const value: unknown = Reflect.get(target, key);
    return typeof value === 'function'
      ? (value as (...a: unknown[]) => unknown).bind(target)
      : value;
  };
  return new Proxy(repos, {
    get(target, key) {
      if (key === 'transaction')
        return <T>(work: (tx: Repositories) => Promise<T>) =>
          target.transaction((tx) => work(countingActorLookups(tx, asked)));
      if (key === 'entity')
        return (name: EntityName) => {
          const entity = target.entity(name);
          if (name !== 'actors') return entity;
          return new Proxy(entity, {
            get(inner, innerKey) {
              if (innerKey === 'findExisting')
                return (keys: readonly string[]) => {
                  asked.push(...keys);
                  return inner.findExisting(keys);
                };
              return bound(inner, innerKey);
            },
          });
        };
      return bound(target, key);
    },
  });
}

describe.each(TEST_DATABASES)('importRecords on $name', (kind) => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });
  async function open(): Promise<Database> {
    db = await kind.open();
    return db;
  }
  async function run(
    database: Database,
    entity: EntityName,
    path: string,
    options: ImportOptions & { format?: FileFormat } = {},
  ) {
    const source = await openRecordSource(path, options.format ? { format: options.format } : {});
    return importRecords(database.repos, entity, source, options);
  }
  async function rejection(promise: Promise<unknown>): Promise<DomainError> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(error instanceof DomainError))
      throw new Error(`expected a DomainError, got ${String(error)}`);
    return error;
  }

  it('refuses a 法人番号 that belongs to another actor, in the file or the database', async () => {
    const database = await open();
    await run(database, 'actors', file('a.csv', ACTORS_CSV));
    const second = file(
      'b.csv',
      [
        'id,kind,sector,name,prefecture_code,corporate_number',
        'c2,organization,company,テスト,37,7000012050002',
      ].join('\n'),
    );
    const error = await rejection(run(database, 'actors', second));
    const report = error.details['report'] as { rejected: RejectedRow[] };
    expect(report.rejected[0]?.problems).toEqual([
      expect.objectContaining({
        field: 'corporate_number',
        reason: expect.stringMatching(/belongs to actor c1 already/),
      }),
    ]);
    const twice = file(
      'c.csv',
      [
        'id,kind,sector,name,prefecture_code,ror',
        'x1,organization,university,甲,13,02e16g702',
        'x2,organization,university,乙,13,02e16g702',
      ].join('\n'),
    );
    const inFile = await rejection(run(database, 'actors', twice));
    expect((inFile.details['report'] as { rejected: RejectedRow[] }).rejected[0]).toMatchObject({
      row: 3,
      problems: [
        expect.objectContaining({ field: 'ror', reason: expect.stringMatching(/also on row 2/) }),
      ],
    });
    expect(await database.repos.entity('actors').count()).toBe(3);
  });

  it('imports UTF-8 CSV and upserts on re-import without duplicates', async () => {
    const database = await open();
    const path = file('actors.csv', ACTORS_CSV);
    const first = await run(database, 'actors', path);
    expect(first).toMatchObject({
      rowsRead: 3,
      written: 3,
      rejectedCount: 0,
      committed: true,
      encoding: 'utf-8',
    });
    await run(database, 'actors', path);
    expect(await database.repos.entity('actors').count()).toBe(3);
    expect((await database.repos.entity('actors').get('c1'))?.record['flags']).toEqual([
      'sme',
      'regional_core',
    ]);
  });

  it('imports foreign actors with a country code and no prefecture, from CSV and JSON', async () => {
    const database = await open();
    const csv = [
      'id,kind,sector,name,country_code',
      'mit,organization,university,Massachusetts Institute of Technology,US',
    ].join('\n');
    expect(await run(database, 'actors', file('abroad.csv', csv))).toMatchObject({ written: 1 });
    const json = JSON.stringify([
      {
        id: 'ethz',
        kind: 'organization',
        sector: 'university',
        name: 'ETH Zürich',
        countryCode: 'CH',
      },
    ]);
    expect(await run(database, 'actors', file('abroad.json', json))).toMatchObject({ written: 1 });
    const stored = await database.repos.entity('actors').get('mit');
    expect(stored?.record).toMatchObject({ countryCode: 'US' });
    expect(stored?.record['prefectureCode']).toBeUndefined();
    const mixed = [
      'id,kind,sector,name,prefecture_code,country_code',
      'jp1,organization,company,国内社,,JP',
    ].join('\n');
    const error = await rejection(run(database, 'actors', file('mixed.csv', mixed)));
    const report = error.details['report'] as { rejected: RejectedRow[] };
    expect(report.rejected[0]?.problems[0]).toMatchObject({
      field: 'prefecture_code',
      reason: expect.stringContaining('都道府県コード'),
    });
  });

  it('keeps seeds and needs whose owner is not registered yet, and links them when it arrives', async () => {
    const database = await open();
    const seeds = [
      'id,title,owner_id,owner_name,owner_corporate_number,prefecture_code',
      's-name,キレート樹脂,,香川精工株式会社,,37',
      's-number,排水処理,,（株）どこか,7000012050002,',
      's-unsure,名前だけ,,香川精工株式会社,,',
      's-none,所有者不明のシーズ,,,,',
    ].join('\n');
    expect(await run(database, 'seeds', file('seeds.csv', seeds))).toMatchObject({
      written: 4,
      ownersLinked: 0,
      ownersPending: 3,
    });
    const needs = ['id,title,owner_name,prefecture_code', 'n1,銅の回収,香川精工㈱,37'].join('\n');
    expect(await run(database, 'needs', file('needs.csv', needs))).toMatchObject({ written: 1 });
    const actors = [
      'id,kind,sector,name,prefecture_code,corporate_number',
      'kagawa-seiko,organization,company,香川精工株式会社,37,',
      'c1,organization,company,株式会社テスト,37,7000012050002',
    ].join('\n');
    expect(await run(database, 'actors', file('owners.csv', actors))).toMatchObject({
      ownersLinked: 3,
      ownersPending: 1,
    });
    const owner = async (entity: 'seeds' | 'needs', id: string) =>
      (await database.repos.entity(entity).get(id))?.record;
    expect(await owner('seeds', 's-name')).toMatchObject({ ownerId: 'kagawa-seiko' });
    expect((await owner('seeds', 's-name'))?.['ownerName']).toBeUndefined();
    expect(await owner('seeds', 's-number')).toMatchObject({ ownerId: 'c1' });
    expect(await owner('needs', 'n1')).toMatchObject({ ownerId: 'kagawa-seiko' });
    // A name without a place may be someone else: it waits for a person, never guessed.
    expect(await owner('seeds', 's-unsure')).toMatchObject({ ownerName: '香川精工株式会社' });
    expect((await owner('seeds', 's-unsure'))?.['ownerId']).toBeUndefined();
    expect((await owner('seeds', 's-none'))?.['ownerId']).toBeUndefined();
  });

  it('refuses an owner_id the registry does not have, saying how to keep the record pending', async () => {
    const database = await open();
    const csv = ['id,title,owner_id', 's1,キレート樹脂,nobody'].join('\n');
    const error = await rejection(run(database, 'seeds', file('orphan.csv', csv)));
    const report = error.details['report'] as { rejected: RejectedRow[] };
    expect(report.rejected[0]?.problems).toEqual([
      {
        field: 'owner_id',
        reason: expect.stringMatching(/not a registered actor.*owner_name.*登録されていません/s),
        code: 'owner_not_registered',
        values: { value: 'nobody' },
      },
    ]);
  });

  it('detects Shift_JIS (CP932) written by Excel, including ㈱', async () => {
    const database = await open();
    const csv = ACTORS_CSV.replace('株式会社テスト', '㈱テスト①');
    const report = await run(database, 'actors', file('sjis.csv', iconv.encode(csv, 'cp932')));
    expect(report.encoding).toBe('cp932');
    expect((await database.repos.entity('actors').get('c1'))?.record['name']).toBe('㈱テスト①');
  });

  it('is all-or-nothing: one bad row imports nothing and the report names row and field', async () => {
    const database = await open();
    const csv = ACTORS_CSV + '\nbad,organization,company,悪い会社,,27,131016,7000012050003,';
    const error = await rejection(run(database, 'actors', file('bad.csv', csv)));
    expect(error.code).toBe('import_rejected');
    const report = error.details['report'] as { rejected: RejectedRow[] };
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]?.row).toBe(5);
    expect(report.rejected[0]?.problems.map((p) => p.field).sort()).toEqual([
      'corporate_number',
      'municipality_code',
    ]);
    expect(await database.repos.entity('actors').count()).toBe(0);
  });

  it('in a dry run, reports what would be written and writes nothing', async () => {
    const database = await open();
    const report = await run(database, 'actors', file('dry.csv', ACTORS_CSV), { dryRun: true });
    expect(report).toMatchObject({ rowsRead: 3, written: 3, rejectedCount: 0, committed: false });
    expect(await database.repos.entity('actors').count()).toBe(0);
    const csv = ACTORS_CSV + '\nbad,organization,company,悪い会社,,27,131016,7000012050003,';
    const error = await rejection(
      run(database, 'actors', file('dry-bad.csv', csv), { dryRun: true }),
    );
    const failed = error.details['report'] as { rejected: RejectedRow[] };
    expect(failed.rejected.map((r) => r.row)).toEqual([5]);
    expect(await database.repos.entity('actors').count()).toBe(0);
  });

  it('with partial, imports the valid rows and hands every rejected row over', async () => {
    const database = await open();
    const csv = [ACTORS_CSV, 'x1,robot,company,X,13', 'x2,person,company,Y,99'].join('\n');
    const seen: RejectedRow[] = [];
    const report = await run(database, 'actors', file('partial.csv', csv), {
      partial: true,
      onRejected: (r) => seen.push(r),
    });
    expect(report).toMatchObject({ written: 3, rejectedCount: 2, committed: true });
    expect(seen.map((r) => [r.row, r.problems[0]?.field])).toEqual([
      [5, 'kind'],
      [6, 'prefecture_code'],
    ]);
    expect(seen[0]?.input).toMatchObject({ id: 'x1', kind: 'robot' });
    expect(await database.repos.entity('actors').count()).toBe(3);
  });

  it('rejects relations that point to unknown actors, end before start, or negative weight', async () => {
    const database = await open();
    await run(database, 'actors', file('a.csv', ACTORS_CSV));
    const csv = [
      'source_id,target_id,type,weight,start_date,end_date',
      'u1,c1,joint_research,2,2019-04-01,2022-03-31',
      'u1,ghost,joint_research,1,,',
      'u1,c1,license,-1,,',
      'p1,c1,mentoring,1,2020-01-01,2019-01-01',
      'u1,c1,joint_research,5,2019-04-01,',
    ].join('\n');
    const error = await rejection(run(database, 'relations', file('r.csv', csv)));
    const report = error.details['report'] as { rejected: RejectedRow[] };
    expect(report.rejected.map((r) => [r.row, r.problems.map((p) => p.field).join('+')])).toEqual([
      [4, 'weight'],
      [5, 'end_date'],
      [6, '(identity)'],
      [3, 'target_id'],
    ]);
    expect(report.rejected.find((r) => r.row === 3)?.problems[0]?.reason).toBe(
      'unknown actor "ghost"',
    );
    expect(report.rejected.find((r) => r.row === 6)?.problems[0]?.reason).toContain(
      'duplicate of row 2',
    );
    // The same reasons as codes, said in the reader's language by the browser.
    expect(report.rejected.map((r) => [r.row, r.problems.map((p) => [p.code, p.values])])).toEqual([
      [4, [['not_negative', {}]]],
      [5, [['ends_before_start', {}]]],
      [6, [['duplicate_row', { row: '2' }]]],
      [3, [['unknown_reference', { value: 'ghost', target: 'actor', targetJa: '主体' }]]],
    ]);
  });

  it('asks the store once for an actor that many relations name, and still finds the unknown one', async () => {
    const database = await open();
    await run(database, 'actors', file('a.csv', ACTORS_CSV));
    const asked: string[] = [];
    const counting = countingActorLookups(database.repos, asked);
    const csv = [
      'source_id,target_id,type,weight',
      'u1,c1,joint_research,1',
      'p1,c1,mentoring,1',
      'c1,u1,sales,1',
      'p1,u1,license,1',
      'u1,p1,mou,1',
      'c1,ghost,supply,1',
    ].join('\n');
    const source = await openRecordSource(file('many.csv', csv));
    const error = await rejection(importRecords(counting, 'relations', source, { batchSize: 2 }));
    const report = error.details['report'] as { rejected: RejectedRow[] };
    expect(report.rejected.map((r) => [r.row, r.problems[0]?.reason])).toEqual([
      [7, 'unknown actor "ghost"'],
    ]);
    // Three batches name u1, c1 and p1: each is looked up once (it was three times per batch).
    expect(asked.filter((id) => id !== 'ghost').sort()).toEqual(['c1', 'p1', 'u1']);
    expect(asked).toContain('ghost');
    expect(await database.repos.entity('relations').count()).toBe(0);
  });

  it('names unknown columns and refuses them unless told to ignore them', async () => {
    const database = await open();
    const csv = ACTORS_CSV.split('\n')
      .map((line, i) => line + (i === 0 ? ',colour' : ',red'))
      .join('\n');
    const error = await rejection(run(database, 'actors', file('unknown.csv', csv)));
    expect(error.message).toContain('unknown column(s): colour');
    const report = await run(database, 'actors', file('unknown2.csv', csv), {
      ignoreUnknownColumns: true,
    });
    expect(report.unknownColumns).toEqual(['colour']);
    expect(report.written).toBe(3);
  });

  it('refuses a file without a required column', async () => {
    const database = await open();
    const error = await rejection(
      run(database, 'actors', file('missing.csv', 'id,kind,name\na,person,X\n')),
    );
    expect(error.message).toContain('required column(s) missing: sector, prefecture_code');
    expect(refusalIn(error.details)).toEqual({
      code: 'columns_missing',
      values: { columns: 'sector, prefecture_code' },
    });
  });

  it('reports malformed CSV and undecodable bytes with their row', async () => {
    const database = await open();
    const undecodable = Buffer.concat([
      Buffer.from(ACTORS_CSV + '\n'),
      Buffer.from('z1,person,company,'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(',13\n'),
    ]);
    const error = await rejection(run(database, 'actors', file('bytes.csv', undecodable)));
    const report = error.details['report'] as { rejected: RejectedRow[] };
    expect(report.rejected[0]).toMatchObject({
      row: 5,
      problems: [
        {
          field: '(row)',
          reason: 'column name: bytes that are not valid utf-8',
          code: 'undecodable_bytes',
          values: { column: 'name', encoding: 'utf-8' },
        },
      ],
    });

    const malformed = ACTORS_CSV + '\nq1,person,company,"unclosed,13\n';
    const error2 = await rejection(run(database, 'actors', file('malformed.csv', malformed)));
    const report2 = error2.details['report'] as { rejected: RejectedRow[] };
    expect(report2.rejected[0]?.problems[0]).toMatchObject({
      reason: expect.stringMatching(/^malformed CSV/),
      code: 'csv_malformed',
    });
    expect(await database.repos.entity('actors').count()).toBe(0);
  });

  it('imports NDJSON and JSON with domain field names, reporting bad lines', async () => {
    const database = await open();
    const lines = [
      JSON.stringify({
        id: 'j1',
        kind: 'organization',
        sector: 'npo',
        name: 'NPO法人テスト',
        prefectureCode: '01',
      }),
      '{not json',
      JSON.stringify({
        id: 'j2',
        kind: 'organization',
        sector: 'npo',
        name: '',
        prefectureCode: '01',
      }),
    ].join('\n');
    const seen: RejectedRow[] = [];
    const report = await run(database, 'actors', file('a.ndjson', lines), {
      partial: true,
      onRejected: (r) => seen.push(r),
    });
    expect(report.written).toBe(1);
    expect(seen.map((r) => [r.row, r.problems[0]?.field])).toEqual([
      [2, '(row)'],
      [3, 'name'],
    ]);
    const json = JSON.stringify([
      { id: 'j3', kind: 'person', sector: 'university', name: '鈴木', prefectureCode: '13' },
    ]);
    expect((await run(database, 'actors', file('a.json', json))).written).toBe(1);
  });

  it('imports XLSX with numbers where Excel dropped leading zeros', async () => {
    const database = await open();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('actors');
    sheet.addRow([
      'id',
      'kind',
      'sector',
      'name',
      'prefecture_code',
      'municipality_code',
      'employees',
    ]);
    sheet.addRow(['x1', 'organization', 'company', '札幌精工株式会社', 1, 11002, 120]);
    sheet.addRow([]);
    sheet.addRow(['x2', 'organization', 'prefecture', '北海道', '01', '010006', null]);
    const path = join(dir, 'actors.xlsx');
    await workbook.xlsx.writeFile(path);
    const report = await run(database, 'actors', path);
    expect(report).toMatchObject({ format: 'xlsx', written: 2 });
    const x1 = (await database.repos.entity('actors').get('x1'))?.record;
    expect(x1).toMatchObject({ prefectureCode: '01', municipalityCode: '011002', employees: 120 });
  });

  it('reports rows of adoptions with the JAREC columns, including end before start', async () => {
    const database = await open();
    await database.repos
      .entity('programmes')
      .upsertMany([{ id: 'kc', name: '知的クラスター創成事業' }]);
    const csv = [
      'id,program,region_name,prefecture_codes,start_fy,end_fy,core_institution,final_grade,interim_grade,successor_program,budget,participating_orgs,participating_companies',
      'ad1,kc,富山・高岡地域,16,2002,2006,富山県新世紀産業機構,S,A,知的クラスター創成事業（第Ⅱ期）,2500000000,40,25',
      'ad2,kc,北陸,16;17;18,2008,2007,,A,B,,-5,,',
      'ad3,kc,仙台地域,04,2011,,,不明,,,,,',
    ].join('\n');
    const seen: RejectedRow[] = [];
    await run(database, 'adoptions', file('ad.csv', csv), {
      partial: true,
      onRejected: (r) => seen.push(r),
    });
    expect(seen[0]?.problems.map((p) => p.field).sort()).toEqual(['budget', 'end_fy']);
    const ad1 = (await database.repos.entity('adoptions').get('ad1'))?.record;
    expect(ad1).toMatchObject({
      prefectureCodes: ['16'],
      finalGrade: 'S',
      participatingCompanies: 25,
      continuation: 'successor',
    });
    // end year and grade not published: kept unknown, not guessed
    const ad3 = (await database.repos.entity('adoptions').get('ad3'))?.record;
    expect(ad3).toMatchObject({ startFy: 2011, continuation: 'unknown' });
    expect(ad3?.['endFy']).toBeUndefined();
    expect(ad3?.['finalGrade']).toBeUndefined();
  });

  it('knows the national programmes in a fresh database, by id and by Japanese name', async () => {
    const database = await open();
    const csv = [
      'id,program,region_name,prefecture_codes,start_fy,end_fy',
      'ad1,地域イノベーション戦略支援プログラム,宮城県地域,04,2012,2016',
      'ad2,prog-chiteki-cluster,札幌地域,01,2002,2006',
    ].join('\n');
    await run(database, 'adoptions', file('fresh.csv', csv));
    expect((await database.repos.entity('adoptions').get('ad1'))?.record['programmeId']).toBe(
      'prog-innov-senryaku',
    );
    expect(await database.repos.entity('programmes').count()).toBeGreaterThanOrEqual(14);
  });

  it('takes a programme named in Japanese instead of its id', async () => {
    const database = await open();
    await database.repos
      .entity('programmes')
      .upsertMany([{ id: 'prog-chiteki-cluster', name: '知的クラスター創成事業' }]);
    const csv = [
      'id,program,region_name,prefecture_codes,start_fy,end_fy',
      'ad1,知的クラスター創成事業,富山・高岡地域,16,2002,2006',
      'ad2,存在しない事業,北陸,16,2002,2006',
    ].join('\n');
    const error = await rejection(run(database, 'adoptions', file('ad.csv', csv)));
    const report = error.details['report'] as { rejected: RejectedRow[] };
    expect(report.rejected.map((r) => r.row)).toEqual([3]);
    await run(database, 'adoptions', file('ad2.csv', csv.split('\n').slice(0, 2).join('\n')));
    expect((await database.repos.entity('adoptions').get('ad1'))?.record).toMatchObject({
      programmeId: 'prog-chiteki-cluster',
      continuation: 'unknown',
    });
  });
});

describe('formats', () => {
  it('reads the same records from CSV, NDJSON and XLSX sources', async () => {
    const csv = await openRecordSource(file('x.csv', ACTORS_CSV));
    const rows = [];
    for await (const row of csv.rows) rows.push(row);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ row: 2, cells: { id: 'u1', name: '香川大学' } });
    expect(readFileSync(file('y.csv', ACTORS_CSV), 'utf8')).toContain('u1');
  });
  it('refuses an unknown extension', async () => {
    await expect(openRecordSource(file('x.parquet', 'x'))).rejects.toThrow('--format');
  });
  it('gives each refusal of a whole file its code, to be said in the reader’s language', async () => {
    const codeOf = (path: string) =>
      openRecordSource(path).then(
        () => null,
        (error: unknown) => (error instanceof DomainError ? refusalIn(error.details)?.code : error),
      );
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('actors').addRow(['id', 'name']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await codeOf(file('x.parquet', 'x'))).toBe('format_unknown');
    expect(await codeOf(file('empty.csv', '\n'))).toBe('file_without_header');
    expect(await codeOf(file('bad.json', '{"id":'))).toBe('json_invalid');
    expect(await codeOf(file('object.json', '{"id":"a"}'))).toBe('json_not_array');
    expect(await codeOf(file('cut.xlsx', xlsx.subarray(0, xlsx.length / 2)))).toBe(
      'xlsx_unreadable',
    );
  });
});
