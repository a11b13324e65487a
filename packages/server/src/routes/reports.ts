/**
 * Region report as printable HTML: GET /api/reports/region?prefecture=40 or ?community=c3. It reads
 * public records only (actors, relations, projects, adoptions, funding, cases), so anonymous
 * callers may read it. Unlike the rest of the API it may be framed by pages of the same origin: the
 * web app's report screen shows it in a frame and prints it from there.
 */
import type { Hono } from 'hono';
import { contract } from '#contract/contract.ts';
import type { ApiServices, AppEnv } from '../app-env.ts';
import { registerRawRoute } from '../register-route.ts';

const on = { mountedAt: '/api' };

export function registerReportRoutes(api: Hono<AppEnv>, services: ApiServices): void {
  registerRawRoute(
    api,
    contract.regionReport,
    async ({ query: q }, c) => {
      const report = await services.analyses.get('regionReport', {
        ...(q.prefecture !== undefined ? { prefectureCode: q.prefecture } : {}),
        ...(q.community !== undefined ? { communityId: q.community } : {}),
        ...(q.lang !== undefined ? { language: q.lang } : {}),
      });
      c.header('x-frame-options', 'SAMEORIGIN');
      c.header('content-security-policy', "frame-ancestors 'self'");
      return c.html(report);
    },
    on,
  );
}
