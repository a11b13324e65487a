/**
 * Property-based fuzzing of every importer (issue 12): each entity in each format (CSV, JSON,
 * NDJSON, XLSX), rows taken from real records and then damaged — odd text, NUL bytes, BOMs, huge
 * fields, nested JSON, rows that are not objects, missing and unknown columns, wrong encodings,
 * stray bytes, cut files. Whatever the file, the import never crashes: it commits, or it throws a
 * DomainError that names every bad row with its row and column; and when it refuses, the
 * database is exactly as before (all or nothing).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '#core/domain-error.ts';
import { ENTITY_NAMES, ENTITY_SPECS, type EntityName } from '#core/entities/registry.ts';
import { toFlatRow } from '#core/flat-record.ts';
import { REJECT_CODES, rejectWords } from '#core/import-reasons.ts';
import type { StoredRecord } from '#core/ports.ts';
import type { Database } from '#db/open-database.ts';
import { fuzzParameters } from '#test/fuzz-runs.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { loadDemoEcosystem } from '#demo/load-demo-ecosystem.ts';
import { importRecords, type ImportReport } from './import-records.ts';
import { openRecordSource, type FileFormat } from './read-records.ts';

const dir = mkdtempSync(join(tmpdir(), 'musubi-import-fuzz-'));
let fileNo = 0;

const ODD_TEXT = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uFEFF',
  '\uFEFFid',
  '\ud800',
  '"',
  '""',
  '"unclosed',
  'a,b',
  'a;b;;c',
  '\r\n',
  '\n',
  '=HYPERLINK("http://x")',
  '+cmd|/C calc!A0',
  '-1',
  '0',
  '1e309',
  'NaN',
  'Infinity',
  '9007199254740993',
  'true',
  'null',
  '[]',
  '{}',
  '{"a":[1,{"b":null}]}',
  '[{"actorId":"x"}]',
  '__proto__',
  '１３',
  '１３００００',
  '株式会社テスト',
  'ｶﾌﾞｼｷｶﾞｲｼｬ',
  '2024-02-30',
  '13:lead',
  'x:y:z',
];

const oddText = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ODD_TEXT) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 10 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  // A huge field.
  { weight: 1, arbitrary: fc.constantFrom(50_000, 300_000).map((n) => '長'.repeat(n)) },
);

/** JSON values: nested objects and arrays, odd text, numbers of every kind. */
const oddJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: oddText },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, 0, -0, -1, 1.5, 1e308, 2 ** 53 + 2) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      [{ actorId: 'x', role: 'lead' }],
      { nested: { deeper: { deepest: [1, [2, [3]]] } } },
      JSON.parse(`${'['.repeat(200)}${']'.repeat(200)}`) as unknown,
    ),
  },
);

interface Damage {
  /** Index into the pool of real records (modulo its size). */
  base: number;
  /** Fresh id instead of the record's own (a new row rather than an update). */
  freshId: boolean;
  /** Cells or fields replaced: [column index, value]. */
  cells: [number, unknown][];
}

const damage: fc.Arbitrary<Damage> = fc.record({
  base: fc.nat(),
  freshId: fc.boolean(),
  cells: fc.array(fc.tuple(fc.nat(), oddJson), { maxLength: 3 }),
});

interface FileCase {
  entity: EntityName;
  rows: Damage[];
  /** Columns left out of the header (flat formats) or fields left out (JSON). */
  dropColumns: number[];
  unknownColumn: boolean;
  /** A row that is not an object (JSON formats), inserted at this position. */
  notAnObject?: { at: number; value: unknown };
  bytes: 'utf-8' | 'bom' | 'shift_jis' | 'utf-16le' | 'stray-bytes' | 'cut';
  at: number;
}

function fileCase(entities: readonly EntityName[]): fc.Arbitrary<FileCase> {
  return fc.record(
    {
      entity: fc.constantFrom(...entities),
      rows: fc.array(damage, { minLength: 0, maxLength: 6 }),
      dropColumns: fc.array(fc.nat(), { maxLength: 2 }),
      unknownColumn: fc.boolean(),
      notAnObject: fc.record({
        at: fc.nat(),
        value: fc.constantFrom(null, 5, 'text', [], [1, 2], true),
      }),
      bytes: fc.constantFrom(
        'utf-8',
        'utf-8',
        'utf-8',
        'bom',
        'shift_jis',
        'utf-16le',
        'stray-bytes',
        'cut',
      ),
      at: fc.nat(),
    },
    { requiredKeys: ['entity', 'rows', 'dropColumns', 'unknownColumn', 'bytes', 'at'] },
  );
}

function cellText(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? '';
}

function csvLine(cells: readonly string[]): string {
  return cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',');
}

function encodeText(text: string, c: FileCase): Buffer {
  let bytes: Buffer;
  if (c.bytes === 'shift_jis') bytes = iconv.encode(text, 'shift_jis');
  else if (c.bytes === 'utf-16le') bytes = iconv.encode(text, 'utf-16le');
  else bytes = Buffer.from(text, 'utf8');
  if (c.bytes === 'bom') bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
  if (c.bytes === 'stray-bytes' && bytes.length > 0) {
    const at = c.at % bytes.length;
    bytes = Buffer.concat([
      bytes.subarray(0, at),
      Buffer.from([0xff, 0xfe, 0x80, 0x00]),
      bytes.subarray(at),
    ]);
  }
  if (c.bytes === 'cut' && bytes.length > 0) bytes = bytes.subarray(0, c.at % bytes.length);
  return bytes;
}

/** Excel cannot hold NUL, most other control characters or lone surrogates in a cell. */
function excelCanHold(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  if (code >= 0xd800 && code <= 0xdfff) return false;
  return code >= 32 || code === 9 || code === 10 || code === 13;
}

async function writeCase(
  c: FileCase,
  format: FileFormat,
  pool: readonly StoredRecord[],
): Promise<string> {
  const spec = ENTITY_SPECS[c.entity];
  const all = spec.columns.filter((col) => !(spec.derivedKey && col.column === 'id'));
  const dropped = new Set(c.dropColumns.map((i) => i % all.length));
  const columns = all.filter((_, i) => !dropped.has(i));
  const records = c.rows.map((d, n) => {
    const base = pool.length > 0 ? pool[d.base % pool.length] : undefined;
    const record: Record<string, unknown> = { ...(base ?? {}) };
    if (d.freshId && !spec.derivedKey) record['id'] = `fuzz-${fileNo}-${n}`;
    return { record, damage: d };
  });
  fileNo += 1;
  const path = join(dir, `${fileNo}-${c.entity}.${format}`);
  if (format === 'json' || format === 'ndjson') {
    const objects: unknown[] = records.map(({ record, damage: d }) => {
      const out: Record<string, unknown> = {};
      for (const col of columns)
        if (record[col.field] !== undefined) out[col.field] = record[col.field];
      for (const [i, value] of d.cells) {
        const col = columns[i % Math.max(1, columns.length)];
        if (col) out[col.field] = value;
      }
      if (c.unknownColumn) out['no_such_field'] = 'x';
      return out;
    });
    if (c.notAnObject)
      objects.splice(c.notAnObject.at % (objects.length + 1), 0, c.notAnObject.value);
    const text =
      format === 'json'
        ? JSON.stringify(objects)
        : objects.map((o) => JSON.stringify(o)).join('\n');
    writeFileSync(path, encodeText(text, c));
    return path;
  }
  const header = [
    ...columns.map((col) => col.column),
    ...(c.unknownColumn ? ['no_such_column'] : []),
  ];
  const flatSpec = { ...spec, columns };
  const rows = records.map(({ record, damage: d }) => {
    const cells = toFlatRow(flatSpec, record);
    for (const [i, value] of d.cells)
      if (cells.length > 0) cells[i % cells.length] = cellText(value);
    return c.unknownColumn ? [...cells, 'x'] : cells;
  });
  if (format === 'csv') {
    writeFileSync(path, encodeText([header, ...rows].map(csvLine).join('\r\n'), c));
    return path;
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('fuzz');
  sheet.addRow(header);
  for (const row of rows) {
    // Excel cannot hold NUL and other control characters in a cell; numbers go as numbers.
    sheet.addRow(
      row.map((cell) => {
        const clean = [...cell].filter(excelCanHold).join('');
        return /^-?\d+(\.\d+)?$/.test(clean) && clean.length < 15
          ? Number(clean)
          : clean.slice(0, 32_000);
      }),
    );
  }
  let bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  if (c.bytes === 'cut') bytes = bytes.subarray(0, c.at % bytes.length);
  if (c.bytes === 'stray-bytes') {
    const at = c.at % bytes.length;
    bytes = Buffer.concat([
      bytes.subarray(0, at),
      Buffer.from([0xff, 0x00, 0x13]),
      bytes.subarray(at + 3),
    ]);
  }
  writeFileSync(path, bytes);
  return path;
}

async function snapshot(db: Database, entity: EntityName): Promise<unknown> {
  const rows: StoredRecord[] = [];
  for await (const batch of db.repos.entity(entity).iterate(5000)) rows.push(...batch);
  return { rows, counts: await db.repos.counts() };
}

const EXPECTED_CODES = ['validation_failed', 'import_rejected', 'unsupported_format'];

function checkRejection(error: unknown, label: string): void {
  if (!(error instanceof DomainError)) {
    throw new Error(`${label}: not a DomainError but ${(error as Error)?.stack ?? String(error)}`);
  }
  expect(EXPECTED_CODES, `${label}: ${error.code} ${error.message}`).toContain(error.code);
  expect(error.message.length, label).toBeGreaterThan(0);
  if (error.code !== 'import_rejected') return;
  const report = (error.details as { report?: ImportReport }).report;
  expect(report?.rejected.length, label).toBeGreaterThan(0);
  for (const rejected of report?.rejected ?? []) {
    expect(
      Number.isInteger(rejected.row) && rejected.row >= 1,
      `${label}: row ${rejected.row}`,
    ).toBe(true);
    expect(rejected.problems.length, label).toBeGreaterThan(0);
    for (const problem of rejected.problems) {
      expect(problem.field, label).toMatch(/\S/);
      expect(problem.reason, label).toMatch(/\S/);
      // Every problem has a code, its words said in the reader's language.
      expect(REJECT_CODES, `${label}: ${problem.reason}`).toContain(problem.code);
      expect(rejectWords('ja', problem), label).not.toMatch(/\{\w+\}/);
    }
  }
}

const FORMATS: { format: FileFormat; runs: number }[] = [
  { format: 'csv', runs: 20 },
  { format: 'json', runs: 30 },
  { format: 'ndjson', runs: 30 },
  { format: 'xlsx', runs: 15 },
];

describe.each(TEST_DATABASES)('importers (fuzz, $name)', (kind) => {
  let db: Database;
  const pools = new Map<EntityName, StoredRecord[]>();
  beforeAll(async () => {
    db = await kind.open();
    await loadDemoEcosystem(db.repos, { seed: 11, scale: 0.02 });
    for (const entity of ENTITY_NAMES) {
      pools.set(entity, (await db.repos.entity(entity).list({ limit: 8 })).items);
    }
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  // Found by fuzzing the API on PostgreSQL: text and jsonb there cannot hold U+0000, so a file
  // with a NUL character failed with a bare database error. It is now a bad row, named by row
  // and column, on both engines (data stay portable between them).
  it.each([
    [
      'csv',
      'id,kind,sector,name,prefecture_code\nnul-1,organization,company,a\u0000b,13\n',
      'name',
    ],
    [
      'ndjson',
      '{"id":"nul-1","kind":"organization","sector":"company","prefectureCode":"13","name":"ok","keywords":["a\\u0000b"]}\n',
      'keywords',
    ],
  ] as const)(
    '%s: a NUL character is a bad row named by row and column',
    async (format, text, column) => {
      fileNo += 1;
      const path = join(dir, `${fileNo}-nul.${format}`);
      writeFileSync(path, text);
      const before = await snapshot(db, 'actors');
      const error = await importRecords(db.repos, 'actors', await openRecordSource(path)).then(
        () => undefined,
        (e: unknown) => e,
      );
      checkRejection(error, `${format} with NUL`);
      expect((error as DomainError).code).toBe('import_rejected');
      const report = (error as DomainError).details['report'] as ImportReport;
      expect(report.rejected[0]?.row).toBe(format === 'csv' ? 2 : 1);
      expect(report.rejected[0]?.problems[0]?.field).toBe(column);
      expect(await snapshot(db, 'actors')).toEqual(before);
    },
  );

  it.each(FORMATS)(
    '$format: commits, or names every bad row and leaves the database as it was',
    async ({ format, runs }) => {
      await fc.assert(
        fc.asyncProperty(fileCase(ENTITY_NAMES), async (c) => {
          const path = await writeCase(c, format, pools.get(c.entity) ?? []);
          const label = `${c.entity} ${format} ${path}`;
          const before = await snapshot(db, c.entity);
          let report: ImportReport | undefined;
          let failure: unknown;
          try {
            const source = await openRecordSource(path, { format });
            report = await importRecords(db.repos, c.entity, source);
          } catch (error) {
            failure = error;
          }
          if (failure !== undefined) {
            checkRejection(failure, label);
            expect(await snapshot(db, c.entity), `${label}: database changed`).toEqual(before);
          } else {
            expect(report?.committed, label).toBe(true);
            expect(report?.rejectedCount, label).toBe(0);
          }
        }),
        // A run that never ends (a reader that hangs) fails with its case rather than a bare timeout.
        {
          ...fuzzParameters(kind.name === 'postgres' ? Math.ceil(runs / 2) : runs),
          timeout: 20_000,
        },
      );
    },
    300_000,
  );
});

describe('damaged XLSX', () => {
  // Found by the property above: three bytes overwritten inside a compressed entry made
  // ExcelJS's streaming reader wait forever (it drops the entry's inflate error), so the import
  // never ended. Every damaged position must now end in a named refusal, quickly.
  it('is refused, never waited on, wherever the damage is', { timeout: 120_000 }, async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('actors').addRow(['id', 'kind', 'sector', 'name', 'prefecture_code']);
    const good = Buffer.from(await workbook.xlsx.writeBuffer());
    for (let at = 0; at < good.length; at += 97) {
      const bytes = Buffer.concat([
        good.subarray(0, at),
        Buffer.from([0xff, 0x00, 0x13]),
        good.subarray(at + 3),
      ]);
      const path = join(dir, `damaged-${at}.xlsx`);
      writeFileSync(path, bytes);
      const outcome = await Promise.race([
        openRecordSource(path, { format: 'xlsx' }).then(
          async (source) => {
            for await (const _row of source.rows) void _row;
            return 'read';
          },
          (error: unknown) => error,
        ),
        new Promise((resolve) => setTimeout(() => resolve('still waiting after 5 s'), 5000)),
      ]);
      if (outcome === 'read') continue; // damage in a part nobody reads (e.g. the theme)
      expect(outcome, `damage at byte ${at}`).toBeInstanceOf(DomainError);
      expect((outcome as DomainError).message).toMatch(
        /is not a readable XLSX workbook|is empty|no worksheet/,
      );
    }
  });
});
