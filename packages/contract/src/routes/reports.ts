/** The printable region report (HTML), for a prefecture or a community. */
import { z } from 'zod';
import { defineRoute, problemAnswer } from '../route.ts';

export const ZRegionReportQuery = z
  .object({
    prefecture: z
      .string()
      .regex(/^\d{2}$/, 'a prefecture code 01..47')
      .optional(),
    community: z
      .string()
      .regex(/^c\d+$/, 'a community id like c3')
      .optional(),
    lang: z.enum(['ja', 'en']).optional(),
  })
  .refine((q) => (q.prefecture === undefined) !== (q.community === undefined), {
    message: 'give exactly one of prefecture or community',
    path: ['prefecture'],
  });

export const regionReport = defineRoute({
  method: 'get',
  path: '/api/reports/region',
  operationId: 'get-printable-region-report-html',
  summary: 'Printable region report (HTML)',
  tags: ['reports'],
  query: ZRegionReportQuery,
  queryDescriptions: {
    prefecture: 'Prefecture code 01..47 (or give community)',
    community: 'Community id from the communities analysis, e.g. c3',
    lang: 'Language of the report: ja (default) or en',
  },
  responses: {
    200: { description: 'HTML page', schema: z.string(), contentType: 'text/html' },
    404: problemAnswer('No such community'),
    422: problemAnswer('Not valid; `field` names the parameter'),
  },
});
