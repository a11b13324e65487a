/**
 * Importing from the browser: an upload is checked in a dry run (every bad row with its field,
 * nothing written), a clean one waits for its uploader's confirmation, confirming imports it
 * all-or-nothing, cancelling or waiting 30 minutes throws it away.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UploadCheck } from '#contract/routes/imports.ts';
import { buildActor } from '#test/factories.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import {
  createApiFixture,
  expectProblem,
  type ApiFixture,
  type Credentials,
} from '../api-test-fixture.ts';

const HEADER = 'source_id,target_id,type,weight,start_date,end_date';
const GOOD_ROWS = ['uni-u,co-a,joint_research,2,2024-04-01,', 'uni-u,co-b,license,1,,'];

function uploadPath(entity: string, fileName: string): string {
  return `/api/uploads?entity=${entity}&fileName=${encodeURIComponent(fileName)}`;
}

describe.each(TEST_DATABASES)('import from the browser on $name', (kind) => {
  let f: ApiFixture;
  let coordinator: Credentials;
  beforeEach(async () => {
    f = await createApiFixture(kind);
    coordinator = await f.signIn('coord@test.example');
  });
  afterEach(async () => f.close());

  const upload = async (as: Credentials, body: string | Uint8Array, fileName = 'ties.csv') =>
    f.app.request(uploadPath('relations', fileName), {
      method: 'POST',
      headers: { cookie: as.cookie, 'x-csrf-token': as.csrf, 'content-type': 'text/csv' },
      body,
    });
  const relations = () => f.database.repos.entity('relations').count();

  it('reports every bad row with its field, writes nothing and keeps nothing', async () => {
    const csv = [HEADER, ...GOOD_ROWS, 'uni-u,ghost,joint_research,1,,', 'co-a,co-b,license,-3,,'];
    const response = await upload(coordinator, csv.join('\n'));
    expect(response.status).toBe(200);
    const check = (await response.json()) as UploadCheck;
    expect(check).toMatchObject({
      uploadId: null,
      entity: 'relations',
      fileName: 'ties.csv',
      format: 'csv',
      rowsRead: 4,
      wouldWrite: 0,
      rejectedCount: 2,
      refusal: null,
    });
    expect(check.rejected.map((r) => [r.row, r.problems.map((p) => p.field)])).toEqual([
      [5, ['weight']],
      [4, ['target_id']],
    ]);
    expect(check.rejected.find((r) => r.row === 4)?.problems[0]).toMatchObject({
      reason: 'unknown actor "ghost"',
      code: 'unknown_reference',
      values: { value: 'ghost', target: 'actor', targetJa: '主体' },
    });
    expect(await relations()).toBe(0);
  });

  it('keeps a clean file for confirmation, then imports it all-or-nothing, once', async () => {
    const response = await upload(coordinator, [HEADER, ...GOOD_ROWS].join('\n'));
    const check = (await response.json()) as UploadCheck;
    expect(check).toMatchObject({ rowsRead: 2, wouldWrite: 2, rejectedCount: 0 });
    expect(check.uploadId).toEqual(expect.any(String));
    expect(check.expiresAt).toBe('2025-06-01T00:30:00.000Z');
    expect(await relations()).toBe(0);
    const id = check.uploadId ?? '';
    const again = await f.call(`/api/uploads/${id}`, { as: coordinator });
    expect(((await again.json()) as UploadCheck).wouldWrite).toBe(2);

    const confirmed = await f.call(`/api/uploads/${id}/confirm`, {
      method: 'POST',
      as: coordinator,
    });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toEqual({
      entity: 'relations',
      fileName: 'ties.csv',
      rowsRead: 2,
      written: 2,
    });
    expect(await relations()).toBe(2);
    await expectProblem(
      await f.call(`/api/uploads/${id}/confirm`, { method: 'POST', as: coordinator }),
      404,
    );
    const audit = await f.call('/api/audit?entity=relations', {
      as: await f.signIn('admin@test.example'),
    });
    expect(JSON.stringify(await audit.json())).toContain('"via":"web"');
  });

  it('refuses at confirmation when the data changed since the check, importing nothing', async () => {
    await f.database.repos.entity('actors').upsertMany([buildActor({ id: 'co-new' })]);
    const rows = [HEADER, ...GOOD_ROWS, 'uni-u,co-new,supply,1,,'];
    const response = await upload(coordinator, rows.join('\n'));
    const id = ((await response.json()) as UploadCheck).uploadId ?? '';
    await f.database.repos.entity('actors').delete('co-new');
    const confirmed = await f.call(`/api/uploads/${id}/confirm`, {
      method: 'POST',
      as: coordinator,
    });
    await expectProblem(confirmed, 422, 'import_rejected');
    expect(await relations()).toBe(0);

    // Held with the row that failed: checked again once the actor is back, without a new upload.
    const held = (await (
      await f.call(`/api/uploads/${id}`, { as: coordinator })
    ).json()) as UploadCheck;
    expect(held).toMatchObject({ uploadId: id, rejectedCount: 1, wouldWrite: 0 });
    expect(held.rejected[0]).toMatchObject({ row: 4, problems: [{ code: 'unknown_reference' }] });
    const recheck = () => f.call(`/api/uploads/${id}/check`, { method: 'POST', as: coordinator });
    const stillBad = (await (await recheck()).json()) as UploadCheck;
    expect(stillBad).toMatchObject({ uploadId: id, rejectedCount: 1 });
    await f.database.repos.entity('actors').upsertMany([buildActor({ id: 'co-new' })]);
    const passed = await recheck();
    expect(passed.status).toBe(200);
    expect(await passed.json()).toMatchObject({ uploadId: id, rejectedCount: 0, wouldWrite: 3 });
    const imported = await f.call(`/api/uploads/${id}/confirm`, {
      method: 'POST',
      as: coordinator,
    });
    expect(imported.status).toBe(200);
    expect(await relations()).toBe(3);
    // Done: nothing held any more.
    await expectProblem(await recheck(), 404);
  });

  it('throws an upload away when cancelled or after 30 minutes', async () => {
    const first = (
      (await (await upload(coordinator, [HEADER, ...GOOD_ROWS].join('\n'))).json()) as UploadCheck
    ).uploadId;
    const second = (
      (await (await upload(coordinator, [HEADER, ...GOOD_ROWS].join('\n'))).json()) as UploadCheck
    ).uploadId;
    const cancelled = await f.call(`/api/uploads/${first}`, { method: 'DELETE', as: coordinator });
    expect(cancelled.status).toBe(204);
    await expectProblem(await f.call(`/api/uploads/${first}`, { as: coordinator }), 404);
    f.clock.advance(30 * 60_000 + 1);
    await expectProblem(
      await f.call(`/api/uploads/${second}/confirm`, { method: 'POST', as: coordinator }),
      404,
    );
    expect(await relations()).toBe(0);
  });

  it('refuses a file with an unknown column as a whole, naming the column', async () => {
    const check = (await (
      await upload(
        coordinator,
        ['source_id,target_id,type,colour', 'uni-u,co-a,license,red'].join('\n'),
      )
    ).json()) as UploadCheck;
    expect(check.uploadId).toBeNull();
    expect(check.refusal).toContain('colour');
    expect(check.refusal).not.toContain('musubi-uploads');
    expect(check.refusalReason).toEqual({
      code: 'columns_unknown',
      values: { columns: 'colour' },
    });
  });

  it('reads XLSX workbooks', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('relations');
    for (const line of [HEADER, ...GOOD_ROWS]) sheet.addRow(line.split(','));
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const check = (await (await upload(coordinator, bytes, 'ties.xlsx')).json()) as UploadCheck;
    expect(check).toMatchObject({ format: 'xlsx', rowsRead: 2, wouldWrite: 2, rejectedCount: 0 });
  });
});
