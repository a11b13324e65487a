/**
 * Import from the browser as an outsider would try it: another account's upload cannot be read,
 * confirmed, checked again or cancelled (the same 404 as none at all); members, viewers and visitors cannot
 * import (not even their own organisation's seeds), nor without the CSRF token; a body past the
 * limit is refused; the upload's content never reaches the logs.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UploadCheck } from '#contract/routes/imports.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import {
  createApiFixture,
  expectProblem,
  type AccountKey,
  type ApiFixture,
  type Credentials,
} from '../api-test-fixture.ts';

const uploadPath = (entity: string, fileName: string) =>
  `/api/uploads?entity=${entity}&fileName=${encodeURIComponent(fileName)}`;
const MARKER = 'ZETA-UPLOAD-SECRET-8841';
const RELATIONS = [
  'source_id,target_id,type,weight,start_date,end_date,note',
  `uni-u,co-a,joint_research,2,2024-04-01,,${MARKER} 共同研究`,
].join('\n');

describe.each(TEST_DATABASES)('import from the browser, attacked, on $name', (kind) => {
  let f: ApiFixture;
  let as: Record<AccountKey, Credentials>;
  beforeEach(async () => {
    f = await createApiFixture(kind);
    as = await f.signInAll();
  });
  afterEach(async () => f.close());

  const upload = (
    who: Credentials | undefined,
    body: string,
    entity = 'relations',
    headers: Record<string, string> = {},
  ) =>
    f.app.request(uploadPath(entity, 'file.csv'), {
      method: 'POST',
      headers: {
        'content-type': 'text/csv',
        ...(who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {}),
        ...headers,
      },
      body,
    });

  it('another account can neither read, confirm, check again nor cancel someone’s upload', async () => {
    const check = (await (await upload(as.coordinator, RELATIONS)).json()) as UploadCheck;
    const id = check.uploadId ?? '';
    expect(id).not.toBe('');
    for (const other of [as.otherCoordinator, as.admin, as.memberA]) {
      await expectProblem(await f.call(`/api/uploads/${id}`, { as: other }), 404);
      await expectProblem(
        await f.call(`/api/uploads/${id}/confirm`, { method: 'POST', as: other }),
        404,
      );
      await expectProblem(
        await f.call(`/api/uploads/${id}/check`, { method: 'POST', as: other }),
        404,
      );
      await expectProblem(await f.call(`/api/uploads/${id}`, { method: 'DELETE', as: other }), 404);
    }
    await expectProblem(await f.call(`/api/uploads/${id}/check`, { method: 'POST' }), 401);
    await expectProblem(await f.call(`/api/uploads/${id}`), 401);
    expect(await f.database.repos.entity('relations').count()).toBe(0);
    // Still there for its uploader.
    const mine = await f.call(`/api/uploads/${id}/confirm`, { method: 'POST', as: as.coordinator });
    expect(mine.status).toBe(200);
    expect(await f.database.repos.entity('relations').count()).toBe(1);
  });

  it('refuses members (even for their own seeds), viewers, visitors and requests without CSRF', async () => {
    const ownSeed = ['id,owner_id,kind,title', 'seed-a9,co-a,technology,自社の技術'].join('\n');
    await expectProblem(await upload(as.memberA, ownSeed, 'seeds'), 403, 'forbidden');
    await expectProblem(await upload(as.memberA, RELATIONS), 403, 'forbidden');
    await expectProblem(await upload(as.viewer, RELATIONS), 403, 'forbidden');
    await expectProblem(await upload(undefined, RELATIONS), 401);
    await expectProblem(
      await upload(as.coordinator, RELATIONS, 'relations', { 'x-csrf-token': 'forged' }),
      403,
    );
    expect(await f.database.repos.entity('seeds').get('seed-a9')).toBeUndefined();
  });

  it('refuses a body past 20 MiB, whatever Content-Length claims', async () => {
    const big = 'x'.repeat((20 << 20) + 1);
    await expectProblem(await upload(as.coordinator, big), 413, 'payload_too_large');
  });

  it('never writes the upload’s content to the logs', async () => {
    const lines: string[] = [];
    const keep = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
    const spies = [
      vi.spyOn(console, 'log').mockImplementation(keep),
      vi.spyOn(console, 'info').mockImplementation(keep),
      vi.spyOn(console, 'warn').mockImplementation(keep),
      vi.spyOn(console, 'error').mockImplementation(keep),
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
        lines.push(String(chunk));
        return true;
      }),
      vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
        lines.push(String(chunk));
        return true;
      }),
    ];
    try {
      const bad = `${RELATIONS}\nuni-u,${MARKER},license,1,,,${MARKER}`;
      const rejected = (await (await upload(as.coordinator, bad)).json()) as UploadCheck;
      expect(rejected.rejectedCount).toBe(1);
      await upload(as.coordinator, `source_id,${MARKER}\n${MARKER},x`);
      await upload(as.coordinator, `\u0000${MARKER}\u00ff\u00fe`, 'relations');
      const check = (await (await upload(as.coordinator, RELATIONS)).json()) as UploadCheck;
      await f.call(`/api/uploads/${check.uploadId ?? ''}/confirm`, {
        method: 'POST',
        as: as.coordinator,
      });
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(lines.join('\n')).not.toContain(MARKER);
  });
});
