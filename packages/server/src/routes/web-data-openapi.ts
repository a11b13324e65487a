/** OpenAPI paths and schemas of the web app's data endpoints (`web-data.ts`, anonymous view). */
import type { z } from 'zod';
import { jsonSchemaOf, queryParametersOf, type JsonSchema } from './openapi-schema.ts';
import {
  ZChoroplethQuery,
  ZDirectoryQuery,
  ZMunicipalityChoroplethQuery,
  ZNetworkQuery,
  ZSummaryQuery,
} from './web-data.ts';
import {
  ZWebActorPage,
  ZWebActorProfile,
  ZWebChoropleth,
  ZWebCommunities,
  ZWebMeta,
  ZWebMunicipalityChoropleth,
  ZWebNetwork,
  ZWebSummary,
} from './web-data-types.ts';

const SCHEMAS = {
  WebMeta: ZWebMeta,
  WebCommunities: ZWebCommunities,
  WebSummary: ZWebSummary,
  WebChoropleth: ZWebChoropleth,
  WebMunicipalityChoropleth: ZWebMunicipalityChoropleth,
  WebNetwork: ZWebNetwork,
  WebActorPage: ZWebActorPage,
  WebActorProfile: ZWebActorProfile,
} as const;

/** Each route (OpenAPI path) and the component schema of its answer. */
const RESPONSES = {
  '/api/web/meta': 'WebMeta',
  '/api/web/communities': 'WebCommunities',
  '/api/web/summary': 'WebSummary',
  '/api/web/choropleth': 'WebChoropleth',
  '/api/web/choropleth/municipalities': 'WebMunicipalityChoropleth',
  '/api/web/network': 'WebNetwork',
  '/api/web/actors': 'WebActorPage',
  '/api/web/actors/{id}': 'WebActorProfile',
} as const satisfies Record<string, keyof typeof SCHEMAS>;
type WebPath = keyof typeof RESPONSES;

/** The schema of each route's answer, by its OpenAPI path (tests check real answers against it). */
export const WEB_DATA_RESPONSES: Readonly<Record<string, z.ZodType>> = Object.fromEntries(
  Object.entries(RESPONSES).map(([path, name]) => [path, SCHEMAS[name]]),
);

const DESCRIPTIONS: Record<string, string> = {
  prefecture: 'Prefecture code 01..47',
  community: 'Community id (c3); for the network, several comma-separated',
  metric: 'Metric id from /api/web/meta (default actors)',
  year: 'Year of a yearly metric, or all (default: the latest with data)',
  sectors: 'Sectors, comma-separated',
  types: 'Relation types, comma-separated',
  from: 'Ties starting in or after this year',
  to: 'Ties starting in or before this year',
  maxEdges: 'At most this many ties, the weakest left out first',
  isolated: 'Keep actors without ties (default true)',
  q: 'Text in the name, English name or reading (width and kana folded)',
  sector: 'Only this sector',
  kind: 'Only this kind of actor',
  flag: 'Only actors with this flag (e.g. regional_core_company)',
  offset: 'Rows to skip',
  limit: 'Page size (at most 200)',
};

const ref = (name: keyof typeof SCHEMAS) => ({ $ref: `#/components/schemas/${name}` });
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});
const INVALID = { '422': problem('A parameter is not valid; `field` names it') };

/** One route's entry of the document's paths: its GET operation. */
function get(
  path: WebPath,
  summary: string,
  parameters: unknown[],
  errors: Record<string, unknown> = {},
) {
  const schema = RESPONSES[path];
  const operation = {
    get: {
      tags: ['web'],
      operationId: `get-web-${schema
        .replace(/^Web/, '')
        .replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
        .replace(/^-/, '')}`,
      summary,
      ...(parameters.length > 0 ? { parameters } : {}),
      responses: {
        '200': {
          description: summary,
          content: { 'application/json': { schema: ref(schema) } },
        },
        ...errors,
      },
    },
  };
  return [path, operation] as const;
}

const params = (schema: Parameters<typeof queryParametersOf>[0], required: string[] = []) =>
  queryParametersOf(schema, DESCRIPTIONS).map((p) =>
    required.includes((p as { name: string }).name) ? { ...(p as object), required: true } : p,
  );

export function webDataSchemas(): Record<string, JsonSchema> {
  return Object.fromEntries(
    Object.entries(SCHEMAS).map(([name, schema]) => [name, jsonSchemaOf(schema, 'output')]),
  );
}

export function webDataPaths(): Record<string, Record<string, unknown>> {
  const note = ' (anonymous view: public needs only)';
  return Object.fromEntries([
    get('/api/web/meta', `Prefectures, sectors, relation types, flags and map metrics${note}`, []),
    get(
      '/api/web/communities',
      'The communities (Actors-Based Communities) with their prefectures, core actors and wheel gaps',
      [],
    ),
    get(
      '/api/web/summary',
      `Counts for the nation, a prefecture or a community${note}`,
      params(ZSummaryQuery),
      INVALID,
    ),
    get(
      '/api/web/choropleth',
      `One metric per prefecture${note}`,
      params(ZChoroplethQuery),
      INVALID,
    ),
    get(
      '/api/web/choropleth/municipalities',
      `One metric per municipality of a prefecture${note}`,
      params(ZMunicipalityChoroplethQuery, ['prefecture']),
      INVALID,
    ),
    get(
      '/api/web/network',
      'Actors and ties in columns, laid out, for the network view',
      params(ZNetworkQuery),
      INVALID,
    ),
    get(
      '/api/web/actors',
      'The actor directory with community and degree',
      params(ZDirectoryQuery),
      INVALID,
    ),
    get(
      '/api/web/actors/{id}',
      `An actor's profile: relations, community, seeds, needs, projects, adoptions, roles${note}`,
      [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      { '404': problem('No such actor') },
    ),
  ]);
}
