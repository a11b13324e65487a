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
