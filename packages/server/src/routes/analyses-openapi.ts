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
  };
}
