import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import BetterSqlite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CONNECTORS } from '#connectors/connectors.ts';
import { isDomainError } from '#core/domain-error.ts';
import type { Repositories, StoredRecord } from '#core/ports.ts';
import type { Database } from '#db/open-database.ts';
import { fileInput, inputOf, samplePath } from '#test/connector-input.ts';
import { openDatabase } from '#db/open-database.ts';
import { sqliteTestDatabase, TEST_DATABASES, TEST_WORK_DIR } from '#test/test-databases.ts';
import { connectSource, type ConnectDetails } from './connect-source.ts';

const houjin = CONNECTORS['houjin-bangou'];
const options = { retrievedOn: '2026-12-04', now: '2026-12-05T00:00:00Z' };
const sample = samplePath('houjin-bangou', 'diff_20211001_unicode_sample.csv');

/** 法人番号 of a 12-digit base, with its check digit. */
function corporateNumber(base: number): string {
  const digits = String(base).padStart(12, '0');
  let sum = 0;
  for (let n = 1; n <= 12; n++) sum += Number(digits[12 - n]) * (n % 2 === 1 ? 1 : 2);
  return `${9 - (sum % 9)}${digits}`;
}

/** One 全件/差分 line (30 columns) of a company in 東京都文京区. */
function line(
  sequence: number,
  number: string,
  name: string,
  extra: { closeDate?: string; updateDate?: string; prefectureCode?: string } = {},
): string {
  const cells = Array.from({ length: 30 }, () => '');
  cells[0] = String(sequence);
  cells[1] = number;
  cells[2] = extra.closeDate ? '71' : '01';
  cells[3] = '1';
  cells[4] = extra.updateDate ?? '2021-10-01';
  cells[5] = '2021-09-24';
  cells[6] = `"${name}"`;
  cells[8] = '301';
  cells[9] = '"東京都"';
  cells[10] = '"文京区"';
  cells[13] = extra.prefectureCode ?? '13';
  cells[14] = '105';
  cells[18] = extra.closeDate ?? '';
  cells[18 + 1] = extra.closeDate ? '01' : '';
  cells[23] = '1';
  return cells.join(',');
}

async function allActors(repos: Repositories): Promise<StoredRecord[]> {
  const records: StoredRecord[] = [];
  for await (const batch of repos.entity('actors').iterate(1000)) records.push(...batch);
  return records;
}

async function failureOf(run: Promise<unknown>): Promise<unknown> {
  return run.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe.each(TEST_DATABASES)('法人番号 applied in batches on $name', (kind) => {
  const open: Database[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) await db.close();
  });
  async function fresh(): Promise<Database> {
    const db = await kind.open();
    open.push(db);
    return db;
  }

  it('gives the same actors and counts in batches of 3 as in one batch, on an empty and a filled database', async () => {
    const [one, small] = [await fresh(), await fresh()];
    const whole = await connectSource(one.repos, houjin, [fileInput(sample)], options);
    const batched = await connectSource(small.repos, houjin, [fileInput(sample)], {
      ...options,
      batchSize: 3,
    });
    expect(batched.report).toEqual(whole.report);
    expect(batched.skippedCount).toBe(whole.skippedCount);
    expect(await allActors(small.repos)).toEqual(await allActors(one.repos));
    const again = await connectSource(small.repos, houjin, [fileInput(sample)], {
      ...options,
      batchSize: 3,
    });
    expect(again.report).toMatchObject({ added: 0, updated: 0, unchanged: whole.report.added });
  });

  it('applies a corporation met again after its batch was written onto the same actor, counted once', async () => {
    const db = await fresh();
    const [a, b, c, d] = [1, 2, 3, 4].map((base) => corporateNumber(100_000_000_000 + base));
    const file = [
      line(1, a ?? '', '旧名株式会社'),
      line(2, b ?? '', 'ビー株式会社'),
      line(3, c ?? '', 'シー株式会社'),
      line(4, d ?? '', 'ディー株式会社'),
      line(5, a ?? '', '新名株式会社', { updateDate: '2021-10-02' }),
      line(6, a ?? '', '新名株式会社', { closeDate: '2021-10-03', updateDate: '2021-10-03' }),
    ].join('\n');
    const details = await connectSource(db.repos, houjin, [inputOf('diff.csv', file)], {
      ...options,
      batchSize: 2,
    });
    expect(details.report).toMatchObject({ read: 6, added: 4, updated: 0, closed: 1 });
    expect((await db.repos.entity('actors').get(`corp-${a}`))?.record).toMatchObject({
      name: '新名株式会社',
      formerNames: ['旧名株式会社'],
      closedOn: '2021-10-03',
    });
    expect(await db.repos.entity('actors').count()).toBe(4);

    // Unchanged by its first row, changed by a later one: one actor updated, none unchanged twice.
    const rerun = [
      line(1, b ?? '', 'ビー株式会社'),
      line(2, c ?? '', 'シー株式会社'),
      line(3, d ?? '', 'ディー株式会社'),
      line(4, b ?? '', 'ビー商事株式会社', { updateDate: '2021-11-01' }),
    ].join('\n');
    const second = await connectSource(db.repos, houjin, [inputOf('diff2.csv', rerun)], {
      ...options,
      batchSize: 2,
    });
    expect(second.report).toMatchObject({ added: 0, updated: 1, unchanged: 2 });
  });

  it('finds an actor without a 法人番号 by its name and place and gives it the number', async () => {
    const db = await fresh();
    await db.repos.entity('actors').upsertMany([
      {
        id: 'corp-other',
        kind: 'organization',
        sector: 'company',
        name: '別会社株式会社',
        prefectureCode: '13',
        corporateNumber: corporateNumber(100_000_000_099),
      },
      {
        id: 'akita-tech',
        kind: 'organization',
        sector: 'company',
        name: '秋田テック株式会社',
        prefectureCode: '13',
      },
    ]);
    const number = corporateNumber(100_000_000_007);
    const details = await connectSource(
      db.repos,
      houjin,
      [
        inputOf(
          'diff.csv',
          [
            line(1, number, '秋田テック株式会社'),
            line(2, corporateNumber(100_000_000_008), '秋田テック株式会社'),
          ].join('\n'),
        ),
      ],
      options,
    );
    expect(details.report).toMatchObject({ added: 1, updated: 1 });
    expect((await db.repos.entity('actors').get('akita-tech'))?.record).toMatchObject({
      corporateNumber: number,
    });
  });

  it('a file that breaks off after batches were written leaves the database as it was', async () => {
    const db = await fresh();
    await connectSource(db.repos, houjin, [fileInput(sample)], options);
    const before = await allActors(db.repos);
    const renamed = readFileSync(sample, 'utf8')
      .split('\n')
      .filter((text) => text.trim() !== '')
      .map((text) => text.replace(/"([^"]*株式会社)"/, '"$1改"'));
    const truncated = [...renamed, '999,1010001001210,12,0,2021-10-02'].join('\n');
    const failure = await failureOf(
      connectSource(db.repos, houjin, [inputOf('cut.csv', truncated)], {
        ...options,
        batchSize: 2,
      }),
    );
    expect(isDomainError(failure) && failure.code).toBe('unsupported_format');
    expect(String(failure)).toMatch(/line 26 has 5/);
    expect(await allActors(db.repos)).toEqual(before);
  });

  it('reports every rejected row, early and late in the file, and writes nothing', async () => {
    const db = await fresh();
    const rows = Array.from({ length: 9 }, (_, i) =>
      line(i + 1, corporateNumber(100_000_000_100 + i), `会社${i}株式会社`),
    );
    rows[1] = line(2, '1000000000000', '誤り株式会社');
    rows[7] = line(8, corporateNumber(100_000_000_200), '日付誤り株式会社', {
      updateDate: '2021/10/01',
    });
    const failure = await failureOf(
      connectSource(db.repos, houjin, [inputOf('bad.csv', rows.join('\n'))], {
        ...options,
        batchSize: 2,
      }),
    );
    expect(isDomainError(failure) && failure.code).toBe('import_rejected');
    const details = isDomainError(failure)
      ? (failure.details['details'] as ConnectDetails)
      : undefined;
    expect(details?.rejected.map((r) => [r.at, r.field])).toEqual([
      ['line 2', 'corporateNumber'],
      ['line 8', 'updateDate'],
    ]);
    expect(details?.report.rejected).toBe(2);
    expect(await db.repos.entity('actors').count()).toBe(0);
  });

  it('a dry run counts as a real run and writes nothing', async () => {
    const db = await fresh();
    const dry = await connectSource(db.repos, houjin, [fileInput(sample)], {
      ...options,
      dryRun: true,
      batchSize: 4,
    });
    expect(dry.committed).toBe(false);
    expect(await db.repos.entity('actors').count()).toBe(0);
    const real = await connectSource(db.repos, houjin, [fileInput(sample)], options);
    expect(dry.report).toEqual(real.report);
  });
});

describe('法人番号 差分 killed mid-load', () => {
  it('leaves the filled database as it was: rows, search index and triggers', async () => {
    const target = await sqliteTestDatabase.freshTarget();
    const full = join(TEST_WORK_DIR, `killed-full-${process.pid}.csv`);
    const diff = join(TEST_WORK_DIR, `killed-diff-${process.pid}.csv`);
    writeFileSync(
      full,
      Array.from({ length: 3000 }, (_, i) =>
        line(i + 1, corporateNumber(100_000 + i), `既存精工${i}株式会社`),
      ).join('\n'),
    );
    // Renames of known corporations and many new ones: a load into a filled table.
    writeFileSync(
      diff,
      Array.from({ length: 60_000 }, (_, i) =>
        i < 2000
          ? line(i + 1, corporateNumber(100_000 + i), `改称電機${i}株式会社`, {
              updateDate: '2021-10-02',
            })
          : line(i + 1, corporateNumber(500_000 + i), `新設商事${i}株式会社`),
      ).join('\n'),
    );
    const filled = await openDatabase(target);
    await connectSource(filled.repos, houjin, [fileInput(full)], options);
    await filled.close();
    const stateOf = (db: BetterSqlite.Database): unknown => ({
      actors: db.prepare('SELECT count(*) AS n, max(updated_at) AS at FROM actors').get(),
      search: db.prepare('SELECT count(*) AS n FROM actors_search').get(),
      renamed: db.prepare("SELECT count(*) AS n FROM actors WHERE name LIKE '改称%'").get(),
      schema: db
        .prepare(
          "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'actors' ORDER BY name",
        )
        .all(),
    });
    const probe = new BetterSqlite(target, { timeout: 0 });
    const before = stateOf(probe);

    const root = resolve(import.meta.dirname, '../../../..');
    const child = spawn(
      process.execPath,
      [join(root, 'bin/musubi.mjs'), 'connect', 'houjin-bangou', diff, '--db', target],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let exited = false;
    const exit = new Promise<[number | null, string | null]>((done) =>
      child.on('exit', (code, signal) => {
        exited = true;
        done([code, signal]);
      }),
    );
    // The connector holds the write lock from the start of its transaction: once a write cannot
    // begin, the load is under way (triggers dropped, rows going in); kill it a moment later.
    while (!exited) {
      try {
        probe.exec('BEGIN IMMEDIATE');
        probe.exec('ROLLBACK');
        await new Promise((done) => setTimeout(done, 20));
      } catch {
        await new Promise((done) => setTimeout(done, 1500));
        break;
      }
    }
    child.kill('SIGKILL');
    const [, signal] = await exit;
    expect(signal).toBe('SIGKILL');

    expect(probe.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(stateOf(probe)).toEqual(before);
    probe.close();
  }, 120_000);
});
