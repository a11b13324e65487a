/**
 * Region report as printable HTML: GET /api/reports/region?prefecture=40 or ?community=c3. It reads
 * public records only (actors, relations, projects, adoptions, funding, cases), so anonymous
 * callers may read it. Unlike the rest of the API it may be framed by pages of the same origin: the
 * web app's report screen shows it in a frame and prints it from there.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import { buildRegionReport } from '#services/reports/build-region-report.ts';
import { renderRegionReport } from '#services/reports/render-region-report.ts';
import type { ApiServices, AppEnv } from '../app-env.ts';
import { parseQuery } from '../http-input.ts';

const ZRegionReportQuery = z
  .object({
    prefecture: z
      .string()
      .regex(/^\d{2}$/, 'a prefecture code 01..47')
      .optional(),
    community: z
      .string()
      .regex(/^c\d+$/, 'a community id like c3')
      .optional(),
  })
  .refine((q) => (q.prefecture === undefined) !== (q.community === undefined), {
    message: 'give exactly one of prefecture or community',
    path: ['prefecture'],
  });

export function registerReportRoutes(api: Hono<AppEnv>, services: ApiServices): void {
  api.get('/reports/region', async (c) => {
    const q = parseQuery(ZRegionReportQuery, c.req.query());
    const report = await buildRegionReport(services.repos, services.clock, {
      ...(q.prefecture !== undefined ? { prefectureCode: q.prefecture } : {}),
      ...(q.community !== undefined ? { communityId: q.community } : {}),
    });
    c.header('x-frame-options', 'SAMEORIGIN');
    c.header('content-security-policy', "frame-ancestors 'self'");
    return c.html(renderRegionReport(report));
  });
}
