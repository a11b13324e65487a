import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyzeCommunities } from '#services/analysis/analyze-communities.ts';
import { loadRegionFixture } from '#test/region-report-fixture.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { createApiFixture, expectProblem, type ApiFixture } from '../api-test-fixture.ts';
import type { PortfolioAnswer as WebPortfolio } from '#contract/routes/programme-answers.ts';
import type { WebCommunities, WebNetwork } from '#contract/web-data-types.ts';

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

  it('speaks English when asked (?lang=en), and refuses another language by name', async () => {
    const response = await f.call('/api/reports/region?prefecture=40&lang=en');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Region report: Fukuoka');
    // the Japanese report is kept apart, not served from the English one
    expect(await (await f.call('/api/reports/region?prefecture=40')).text()).toContain(
      '地域レポート: 福岡県',
    );
    const problem = await expectProblem(
      await f.call('/api/reports/region?prefecture=40&lang=fr'),
      422,
    );
    expect(JSON.stringify(problem)).toContain('lang');
  });

  it('may be framed by the web app on the same origin only (its print screen)', async () => {
    const response = await f.call('/api/reports/region?prefecture=40');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('content-security-policy')).toBe("frame-ancestors 'self'");
    const other = await f.call('/api/analyses/continuation');
    expect(other.headers.get('x-frame-options')).toBe('DENY');
  });

  it('names the same members by a community id as the web list and the portfolio, from the latest stored run', async () => {
    const json = async <T>(path: string): Promise<T> => {
      const response = await f.call(path);
      expect(response.status, path).toBe(200);
      const body: T = JSON.parse(await response.text());
      return body;
    };
    // without a stored run, c1 is the Fukuoka cluster of the default partition
    const before = await f.call('/api/reports/region?community=c1');
    expect(await before.text()).toContain('主体 4（');
    const [run] = await analyzeCommunities(f.database.repos, f.clock, [{ resolution: 0.05 }]);
    const runId = run?.runId ?? '';
    const list = await json<WebCommunities>('/api/web/communities');
    expect(list).toMatchObject({ source: 'stored', runId, resolution: 0.05 });
    expect(list.communities.map((c) => [c.id, c.size])).toEqual([['c1', 7]]);
    const network = await json<WebNetwork>('/api/web/network?community=c1');
    expect([...network.nodes.id].sort()).toEqual(
      ['f-c1', 'f-c2', 'f-p', 'f-u', 'h-c1', 'h-c2', 'h-u'].sort(),
    );
    const portfolio = await json<WebPortfolio>('/api/portfolio/projects?community=c1');
    expect(portfolio.communitySource).toMatchObject({ source: 'stored', runId, resolution: 0.05 });
    expect(portfolio.projects.map((p) => p.id)).toEqual(['pj-1']);
    const html = await (await f.call('/api/reports/region?community=c1')).text();
    expect(html).toContain('主体 7（');
    expect(html).toContain(`分析 run ${runId}`);
    expect(html).toContain('解像度 0.05');
  });

  it('refuses a missing or unknown scope', async () => {
    await expectProblem(await f.call('/api/reports/region'), 422);
    await expectProblem(await f.call('/api/reports/region?prefecture=99'), 422);
    await expectProblem(await f.call('/api/reports/region?community=c99'), 404, 'not_found');
  });
});
