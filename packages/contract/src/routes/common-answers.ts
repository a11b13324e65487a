/** Problem answers most routes share, and the Problem schema itself (RFC 9457). */
import { z } from 'zod';
import { problemAnswer } from '../route.ts';

export const ZProblem = z.object({
  type: z.string().describe('URI naming the problem kind'),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().describe('What went wrong, for a person'),
  code: z.string().describe('Stable machine code, e.g. validation_failed'),
  field: z.string().optional().describe('The first offending field or header'),
  errors: z.array(z.object({ field: z.string(), reason: z.string() })).optional(),
});

/** Not signed in, not allowed, rate limited. */
export const STANDARD_PROBLEMS = {
  401: problemAnswer('Not signed in, or the session/token expired or is unknown'),
  403: problemAnswer('Not allowed for this role or organisation, or CSRF token missing/wrong'),
  429: problemAnswer('Rate limited (see Retry-After)'),
};
