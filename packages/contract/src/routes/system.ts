/** Routes about the whole store: what the caller may count. */
import { z } from 'zod';
import { defineRoute } from '../route.ts';

export const stats = defineRoute({
  method: 'get',
  path: '/api/stats',
  operationId: 'stats',
  summary:
    'Record counts as the caller may see them (confidential needs counted only for those who may see them)',
  tags: ['system'],
  responses: {
    200: {
      description: 'Counts',
      schema: z.record(z.string(), z.number().int()),
      documentAs: { type: 'object', additionalProperties: { type: 'integer' } },
    },
  },
});

export const health = defineRoute({
  method: 'get',
  path: '/api/health',
  operationId: 'health',
  summary: 'Liveness: 200 when the database answers, 503 otherwise',
  tags: ['system'],
  security: [],
  responses: {
    200: { description: 'Up', schema: z.object({ status: z.literal('ok') }) },
    503: {
      description: 'Database unreachable',
      schema: z.object({ status: z.literal('unavailable') }),
    },
  },
});

export const openApiDocument = defineRoute({
  method: 'get',
  path: '/api/openapi.json',
  operationId: 'openapi',
  summary: 'This document',
  tags: ['system'],
  security: [],
  responses: {
    200: { description: 'OpenAPI 3.1', schema: z.record(z.string(), z.unknown()) },
  },
});

export const docsPage = defineRoute({
  method: 'get',
  path: '/api/docs',
  operationId: 'docs',
  summary: 'Interactive documentation (HTML)',
  tags: ['system'],
  security: [],
  responses: { 200: { description: 'HTML page', schema: z.string(), contentType: 'text/html' } },
});
