import { WHEEL_SECTORS } from '#analytics/abc/wheel.ts';

/** OpenAPI paths of the read-only programme analyses (`programmes.ts`) and the region report (`reports.ts`). */
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
const ok = (description: string) => ({
  description,
  content: { 'application/json': { schema: { type: 'object' } } },
});
const PREFECTURE = query('prefecture', 'Prefecture code 01..47 (or give community)', {
  type: 'string',
  pattern: '^\\d{2}$',
});
const COMMUNITY = query('community', 'Community id from the communities analysis, e.g. c3', {
  type: 'string',
  pattern: '^c\\d+$',
});
const CASE_FILTERS = [
  query('q', 'Text in the title, summary, lessons or factors'),
  query('prefecture', 'Prefecture code'),
  query('programme', 'Programme id'),
  query('factor', 'Cases naming this factor'),
];
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

export function programmePaths(): Record<string, Record<string, unknown>> {
  return {
    '/api/analyses/gap-fill': get(
      'analyses',
      "Candidates from any prefecture to fill a community's Technopolis-Wheel gap, each with its reasons",
      [
        { ...COMMUNITY, required: true },
        query('sector', 'Wheel sector to fill (default: the first missing one)', {
          type: 'string',
          enum: [...WHEEL_SECTORS],
        }),
        query('keywords', 'Capabilities wanted, comma-separated'),
        query('limit', 'Number of candidates (default 20, at most 100)', { type: 'integer' }),
      ],
      {
        '200': ok(
          '{ community, communitySource, sector, candidates: [{ id, name, score, reasons }] }',
        ),
        '404': problem('No such community'),
        ...INVALID,
      },
    ),
    '/api/analyses/continuation': get(
      'programmes',
      'Continuation factors after national programmes end (JAREC): regression, cross-tabs, survival, summary',
      [
        query('asOfFy', 'Observation fiscal year (default: the current one)', { type: 'integer' }),
        query('minRecords', 'Fewer records: no regression (default 20)', { type: 'integer' }),
      ],
      { '200': ok('{ records, factors, crossTabs, survival, summary, … }'), ...INVALID },
    ),
    '/api/portfolio/projects': get(
      'programmes',
      'Project portfolio of a prefecture or community: health, team gaps, KPIs per value, SDGs',
      [PREFECTURE, COMMUNITY],
      { '200': ok('Portfolio'), '404': problem('No such community'), ...INVALID },
    ),
    '/api/portfolio/projects/{id}/health': get(
      'programmes',
      'Project health: milestone slip, budget burn, rising risks, PDCA, team, KPIs',
      [
        {
          name: 'id',
          in: 'path',
          required: true,
          description: 'Project id',
          schema: { type: 'string' },
        },
      ],
      { '200': ok('Project health'), '404': problem('No such project') },
    ),
    '/api/support/fit': get(
      'programmes',
      'Support measures that fit an actor or project now, with reasons; near misses with why not',
      [
        query('actor', 'Actor id (or give project)'),
        query('project', 'Project id (or give actor)'),
        query('stage', 'zero_to_one | one_to_hundred | hundred_to_infinity'),
        query('amount', 'Amount needed (JPY)', { type: 'number' }),
      ],
      {
        '200': ok('Fitting measures and near misses'),
        '404': problem('No such actor or project'),
        ...INVALID,
      },
    ),
    '/api/case-library/cases': get(
      'programmes',
      'Search success and failure cases',
      [
        ...CASE_FILTERS,
        query('outcome', 'success | failure | mixed'),
        query('limit', 'At most (default 50)', { type: 'integer' }),
      ],
      { '200': ok('{ total, cases }'), ...INVALID },
    ),
    '/api/case-library/factors': get(
      'programmes',
      'Factors that appear more in successes than failures (odds ratio, Fisher p)',
      CASE_FILTERS,
      { '200': ok('{ successes, failures, factors, note }'), ...INVALID },
    ),
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
