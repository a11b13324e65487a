/**
 * A connector's file uploaded as an outsider would try it: members, viewers and visitors cannot
 * upload one (nor without the CSRF token), and another account can neither read, confirm nor
 * cancel someone's waiting file.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectorUploadCheck } from '#contract/routes/imports.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import {
  createApiFixture,
  expectProblem,
  type AccountKey,
  type ApiFixture,
  type Credentials,
} from '../api-test-fixture.ts';

const HOUJIN = readFileSync(
  '/work/shared/data/real-samples/houjin-bangou/diff_20211001_unicode_sample.csv',
);
const PATH = '/api/connector-uploads?source=houjin-bangou&fileName=diff.csv';

describe.each(TEST_DATABASES)('a connector’s file from the browser, attacked, on $name', (kind) => {
  let f: ApiFixture;
  let as: Record<AccountKey, Credentials>;
  beforeEach(async () => {
    f = await createApiFixture(kind);
    as = await f.signInAll();
  });
  afterEach(async () => f.close());

  const upload = (who: Credentials | undefined, headers: Record<string, string> = {}) =>
    f.app.request(PATH, {
      method: 'POST',
      headers: {
        'content-type': 'text/csv',
        ...(who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {}),
        ...headers,
      },
      body: HOUJIN,
    });

  it('refuses members, viewers, visitors and requests without CSRF, writing nothing', async () => {
    const before = await f.database.repos.entity('actors').count();
    await expectProblem(await upload(as.memberA), 403, 'forbidden');
    await expectProblem(await upload(as.viewer), 403, 'forbidden');
    await expectProblem(await upload(undefined), 401);
    await expectProblem(await upload(as.coordinator, { 'x-csrf-token': 'forged' }), 403);
    expect(await f.database.repos.entity('actors').count()).toBe(before);
    // Administrators and coordinators may.
    expect((await upload(as.admin)).status).toBe(200);
    expect((await upload(as.coordinator)).status).toBe(200);
  });

  it('another account can neither read, confirm nor cancel someone’s waiting file', async () => {
    const check = (await (await upload(as.coordinator)).json()) as ConnectorUploadCheck;
    const id = check.uploadId ?? '';
    expect(id).not.toBe('');
    const before = await f.database.repos.entity('actors').count();
    for (const other of [as.otherCoordinator, as.admin, as.memberA]) {
      await expectProblem(await f.call(`/api/connector-uploads/${id}`, { as: other }), 404);
      await expectProblem(
        await f.call(`/api/uploads/${id}/confirm`, { method: 'POST', as: other }),
        404,
      );
      await expectProblem(await f.call(`/api/uploads/${id}`, { method: 'DELETE', as: other }), 404);
    }
    await expectProblem(await f.call(`/api/connector-uploads/${id}`), 401);
    expect(await f.database.repos.entity('actors').count()).toBe(before);
    const mine = await f.call(`/api/uploads/${id}/confirm`, { method: 'POST', as: as.coordinator });
    expect(mine.status).toBe(200);
    expect(await f.database.repos.entity('actors').count()).toBe(before + check.report.added);
  });
});
