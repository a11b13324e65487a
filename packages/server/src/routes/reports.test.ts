import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRegionFixture } from '#services/reports/region-report-fixture.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { createApiFixture, expectProblem, type ApiFixture } from '../api-test-fixture.ts';

describe.each(TEST_DATABASES)('region report API on $name', (kind) => {
  let f: ApiFixture;
  beforeEach(async () => {
    f = await createApiFixture(kind);
    await loadRegionFixture(f.database.repos);
  });
  afterEach(async () => f.close());

  it('serves the report as HTML to anonymous callers', async () => {
    const response = await f.call('/api/reports/region?prefecture=40');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('地域レポート: 福岡県');
  });

  it('may be framed by the web app on the same origin only (its print screen)', async () => {
    const response = await f.call('/api/reports/region?prefecture=40');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('content-security-policy')).toBe("frame-ancestors 'self'");
    const other = await f.call('/api/analyses/continuation');
    expect(other.headers.get('x-frame-options')).toBe('DENY');
  });

  it('refuses a missing or unknown scope', async () => {
    await expectProblem(await f.call('/api/reports/region'), 422);
    await expectProblem(await f.call('/api/reports/region?prefecture=99'), 422);
    await expectProblem(await f.call('/api/reports/region?community=c99'), 404, 'not_found');
  });
});
