/**
 * A browser upload is checked off the server's event loop: with the database given by location,
 * a large 法人番号 file's dry run runs in a worker thread, so while it is checked this thread keeps
 * answering, and the check's answer is the one the same check gives in process; confirming
 * applies it from the worker too.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { rejectedRowWords } from '#core/import-reasons.ts';
import type { Clock } from '#core/ports.ts';
import { openDatabase, type Database } from '#db/open-database.ts';
import { createAccount } from '#services/accounts/create-account.ts';
import type { ConnectorUploadCheck } from '#services/import-export/connector-upload-check.ts';
import type { UploadCheck } from '#services/import-export/browser-uploads.ts';
import { inProcessUploadWork } from '#services/import-export/upload-work.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { credentialsFrom, PASSWORD, TEST_COST } from './api-test-fixture.ts';
import { createUploadWorkServices } from './analysis-services.ts';
import { createApp } from './app.ts';
import { CSRF_HEADER } from './request-auth.ts';

const now = new Date('2026-01-15T09:00:00Z');
const clock: Clock = { now: () => now };

/** A 法人番号 with its check digit (the first digit, over the other twelve). */
function corporateNumber(serial: number): string {
  const base = String(serial).padStart(12, '0');
  let sum = 0;
  for (let n = 1; n <= 12; n++) sum += Number(base[12 - n]) * (n % 2 === 1 ? 1 : 2);
  return `${9 - (sum % 9)}${base}`;
}

/** A 差分 file in the download format (30 columns, no header), one new company a row. */
function houjinFile(rows: number): Buffer {
  const lines: string[] = [];
  for (let i = 1; i <= rows; i++)
    lines.push(
      `${i},${corporateNumber(10_001_000_000 + i)},01,0,2021-10-01,2021-09-24,` +
        `"テスト工業${i}株式会社",,301,"東京都","文京区","千駄木２丁目${i}番１号",,13,105,` +
        `1130022,,,,,,,2015-10-05,1,,,,,"テストコウギョウ${i}",0`,
    );
  return Buffer.from(`${lines.join('\n')}\n`);
}

/** An actors CSV of Musubi's own columns with three bad rows (a header, then `rows` rows). */
function actorsFile(rows: number): { body: Buffer; bad: Map<number, string> } {
  const bad = new Map([
    [2, 'prefecture_code'],
    [Math.floor(rows / 2), 'kind'],
    [rows + 1, 'name'],
  ]);
  const lines = ['id,kind,sector,name,prefecture_code'];
  for (let row = 2; row <= rows + 1; row++) {
    const field = bad.get(row);
    lines.push(
      `imp-${row},${field === 'kind' ? 'robot' : 'organization'},company,` +
        `${field === 'name' ? '' : `試験工業${row}`},${field === 'prefecture_code' ? '99' : '22'}`,
    );
  }
  return { body: Buffer.from(`${lines.join('\n')}\n`), bad };
}

describe.each(TEST_DATABASES)('a browser upload on $name', (kind) => {
  let db: Database | undefined;
  let uploads: ReturnType<typeof createUploadWorkServices> | undefined;
  let scratch: string | undefined;
  afterEach(async () => {
    await uploads?.close();
    await db?.close();
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  });

  it(
    'a CSV of one entity is checked in a worker, every bad row reported with row, column and reason in both languages',
    { timeout: 240_000 },
    async () => {
      const target = await kind.freshTarget();
      db = await openDatabase(target, clock);
      await createAccount(
        db.repos,
        { principal: { kind: 'anonymous' }, clock },
        {
          email: 'coord@test.example',
          displayName: 'coord',
          role: 'coordinator',
          organisationId: null,
          password: PASSWORD,
        },
        { bootstrap: true, cost: TEST_COST },
      );
      uploads = createUploadWorkServices(db.repos, { database: target });
      const app = createApp({
        repos: db.repos,
        clock,
        uploadWork: uploads.work,
        webDistDir: '/nonexistent-web-dist/',
        warmWebData: false,
        workflow: { refreshIntervalMs: 0, persist: false },
      });
      const signedIn = await app.request('/api/auth/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'coord@test.example', password: PASSWORD }),
      });
      const coordinator = credentialsFrom(signedIn);
      const rows = 80_000;
      const { body, bad } = actorsFile(rows);

      const asked = performance.now();
      const checked = Promise.resolve(
        app.request('/api/uploads?entity=actors&fileName=actors.csv', {
          method: 'POST',
          headers: {
            cookie: coordinator.cookie,
            [CSRF_HEADER]: coordinator.csrf,
            'content-type': 'text/csv',
          },
          body,
        }),
      );
      const health: number[] = [];
      let done = false;
      const answered = checked.finally(() => {
        done = true;
      });
      while (!done) {
        const due = performance.now();
        await new Promise((wait) => setTimeout(wait, 100));
        expect((await app.request('/api/health')).status).toBe(200);
        health.push(performance.now() - due - 100);
      }
      const response = await answered;
      const tookMs = performance.now() - asked;
      expect(response.status).toBe(200);
      const check = (await response.json()) as UploadCheck;
      // Seconds of checking, and this thread answered within 1 s all along: not on its loop.
      expect(tookMs).toBeGreaterThan(1_000);
      expect(health.length).toBeGreaterThan(5);
      expect(Math.max(...health)).toBeLessThan(1_000);

      expect(check).toMatchObject({ rowsRead: rows, rejectedCount: 3, wouldWrite: 0 });
      expect(check.uploadId).toBeNull();
      const reported = new Map(
        check.rejected.map((r) => [r.row, r.problems.map((p) => p.field).join(',')]),
      );
      expect(reported).toEqual(bad);
      // Each as the import page says it, naming the row and the column.
      for (const { row, problems } of check.rejected)
        for (const problem of problems) {
          expect(rejectedRowWords('ja', row, problem)).toMatch(
            new RegExp(`^${row} 行目: .*\\(${problem.field}\\).*[\u3040-\u30ff]`, 'u'),
          );
          expect(rejectedRowWords('en', row, problem)).toMatch(
            new RegExp(`^Row ${row}: .*${problem.field}`),
          );
          expect(rejectedRowWords('en', row, problem)).not.toMatch(/[\u3040-\u30ff]/u);
        }
      expect(await db.repos.entity('actors').count()).toBe(0);

      // The worker's answer is the one the same check gives in this thread.
      scratch = mkdtempSync(join(tmpdir(), 'musubi-upload-test-'));
      const path = join(scratch, 'actors.csv');
      writeFileSync(path, body);
      const inProcess = await inProcessUploadWork(db.repos).checkFile({
        entity: 'actors',
        fileName: 'actors.csv',
        format: 'csv',
        path,
        bytes: body.byteLength,
      });
      expect(check).toEqual(inProcess);
    },
  );

  it(
    'is checked in a worker: the event loop stays free and the answer is the in-process one',
    { timeout: 240_000 },
    async () => {
      const target = await kind.freshTarget();
      db = await openDatabase(target, clock);
      await createAccount(
        db.repos,
        { principal: { kind: 'anonymous' }, clock },
        {
          email: 'coord@test.example',
          displayName: 'coord',
          role: 'coordinator',
          organisationId: null,
          password: PASSWORD,
        },
        { bootstrap: true, cost: TEST_COST },
      );
      uploads = createUploadWorkServices(db.repos, { database: target });
      const app = createApp({
        repos: db.repos,
        clock,
        uploadWork: uploads.work,
        webDistDir: '/nonexistent-web-dist/',
        warmWebData: false,
        workflow: { refreshIntervalMs: 0, persist: false },
      });
      const signedIn = await app.request('/api/auth/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'coord@test.example', password: PASSWORD }),
      });
      expect(signedIn.status).toBe(200);
      const coordinator = credentialsFrom(signedIn);
      const body = houjinFile(60_000);

      const asked = performance.now();
      const checked = Promise.resolve(
        app.request('/api/connector-uploads?source=houjin-bangou&fileName=diff.csv', {
          method: 'POST',
          headers: {
            cookie: coordinator.cookie,
            [CSRF_HEADER]: coordinator.csrf,
            'content-type': 'application/octet-stream',
          },
          body,
        }),
      );
      const health: number[] = [];
      let done = false;
      const answered = checked.finally(() => {
        done = true;
      });
      while (!done) {
        // From being due to answered: a busy event loop delays the timer as much as the answer.
        const due = performance.now();
        await new Promise((wait) => setTimeout(wait, 100));
        const response = await app.request('/api/health');
        expect(response.status).toBe(200);
        health.push(performance.now() - due - 100);
      }
      const response = await answered;
      const tookMs = performance.now() - asked;
      expect(response.status).toBe(200);
      const check = (await response.json()) as ConnectorUploadCheck;
      expect(check.report.read).toBe(60_000);
      expect(check.uploadId).not.toBeNull();
      // It took seconds, and this thread answered within 1 s all along.
      expect(tookMs).toBeGreaterThan(1_000);
      expect(health.length).toBeGreaterThan(5);
      expect(Math.max(...health)).toBeLessThan(1_000);

      scratch = mkdtempSync(join(tmpdir(), 'musubi-upload-test-'));
      const path = join(scratch, 'diff.upload');
      writeFileSync(path, body);
      const inProcess = await inProcessUploadWork(db.repos).checkConnector(
        { source: 'houjin-bangou', fileName: 'diff.csv', path, bytes: body.byteLength },
        now,
      );
      expect({ ...check, uploadId: null, expiresAt: null }).toEqual(inProcess);

      // Confirming runs the connector for real in the worker: its writes are the server's data.
      const confirmed = await app.request(`/api/uploads/${String(check.uploadId)}/confirm`, {
        method: 'POST',
        headers: { cookie: coordinator.cookie, [CSRF_HEADER]: coordinator.csrf },
      });
      expect(confirmed.status).toBe(200);
      const applied = (await confirmed.json()) as { written: number };
      expect(applied.written).toBe(60_000);
      expect(await db.repos.entity('actors').count()).toBe(60_000);
    },
  );
});
