/** OpenAPI paths of the structural analyses (`analyses.ts`). */
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});
const query = (
  name: string,
  description: string,
  schema: Record<string, unknown> = { type: 'string' },
) => ({ name, in: 'query', required: false, description, schema });
const ok = (description: string) => ({
  description,
  content: { 'application/json': { schema: { type: 'object' } } },
});
const COMMUNITY = query('community', 'Community id from the communities analysis, e.g. c3', {
  type: 'string',
  pattern: '^c\\d+$',
});
const PREFECTURE = query('prefecture', 'Prefecture code 01..47 (or give community)', {
  type: 'string',
  pattern: '^\\d{2}$',
});
const INVALID = { '422': problem('Not valid; `field` names the parameter') };

function get(summary: string, operationId: string, parameters: unknown[], responses: object) {
  return { get: { tags: ['analyses'], operationId, summary, parameters, responses } };
}

export function analysisPaths(): Record<string, Record<string, unknown>> {
  return {
    '/api/analyses/brokers': get(
      'Brokers who bridge communities: betweenness (exact, or sampled with its error bound), Burt’s constraint and effective size, communities bridged',
      'get-analyses-brokers',
      [
        query('community', 'Only the actors tying this community to others', COMMUNITY.schema),
        query('limit', 'Number of brokers (default 50, at most 500)', { type: 'integer' }),
      ],
      {
        '200': ok(
          '{ brokers: [{ actorId, name, betweenness, constraint, effectiveSize, communitiesBridged }], method: { betweenness: exact|sampled, samples, errorBound, confidence }, community, communitySource }',
        ),
        '404': problem('No such community'),
        ...INVALID,
      },
    ),
    '/api/analyses/strengths': get(
      'Regional strengths (地域の強み): location quotient of each field in a prefecture, municipality or community, with an exact 95% interval',
      'get-analyses-strengths',
      [
        PREFECTURE,
        query(
          'municipality',
          '6-digit municipality code (a designated city counts with its wards)',
          {
            type: 'string',
            pattern: '^\\d{6}$',
          },
        ),
        COMMUNITY,
        query('measure', 'What is counted (default records: seeds, companies, researchers)', {
          type: 'string',
          enum: ['records', 'seeds', 'companies', 'researchers', 'papers', 'patents'],
        }),
      ],
      {
        '200': ok(
          '{ fields: [{ field, lq, ciLow, ciHigh, count, expected, fieldTotal, specialised }], scope, measure, regionTotal, total, confidence, method, sources }',
        ),
        '404': problem('No such community'),
        ...INVALID,
      },
    ),
    '/api/analyses/sdgs': get(
      'SDGs suggested from the text of a seed or project, with evidence (id); or the records of one goal, tagged or suggested (sdg)',
      'get-analyses-sdgs',
      [
        {
          ...query('entity', 'seeds or projects', { type: 'string', enum: ['seeds', 'projects'] }),
          required: true,
        },
        query('id', 'A record to suggest goals for (or give sdg)'),
        query('sdg', 'A goal 1..17 whose records to list (or give id)', { type: 'integer' }),
        query('limit', 'Records of a goal (default 100, at most 1000)', { type: 'integer' }),
      ],
      {
        '200': ok(
          'with id: { id, title, tagged, suggestions: [{ sdg, score, tagged, evidence: [{ field, term, excerpt }] }] }; with sdg: { sdg, records: [{ id, title, tagged, suggested, evidence }], tagged, suggestedOnly }',
        ),
        '404': problem('No such record'),
        ...INVALID,
      },
    ),
  };
}
