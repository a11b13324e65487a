/**
 * OpenAPI path of the region report (`reports.ts`), written by hand until HTML answers are in the
 * contract; the programme analyses are documented from the contract.
 */
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});
const query = (
  name: string,
  description: string,
  schema: Record<string, unknown> = { type: 'string' },
) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});
const PREFECTURE = query('prefecture', 'Prefecture code 01..47 (or give community)', {
  type: 'string',
  pattern: '^\\d{2}$',
});
const COMMUNITY = query('community', 'Community id from the communities analysis, e.g. c3', {
  type: 'string',
  pattern: '^c\\d+$',
});
const INVALID = { '422': problem('Not valid; `field` names the parameter') };

function get(
  tag: string,
  summary: string,
  parameters: unknown[],
  responses: Record<string, unknown>,
) {
  return {
    get: {
      tags: [tag],
      operationId: `get-${summary
        .replace(/[^A-Za-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .toLowerCase()}`,
      summary,
      ...(parameters.length > 0 ? { parameters } : {}),
      responses,
    },
  };
}

export function reportPaths(): Record<string, Record<string, unknown>> {
  return {
    '/api/reports/region': get(
      'reports',
      'Printable region report (HTML)',
      [PREFECTURE, COMMUNITY],
      {
        '200': {
          description: 'HTML page',
          content: { 'text/html': { schema: { type: 'string' } } },
        },
        '404': problem('No such community'),
        ...INVALID,
      },
    ),
  };
}
