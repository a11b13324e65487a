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

/** The schema of each route's answer, by its OpenAPI path (tests check real answers against it). */
export const WEB_DATA_RESPONSES: Readonly<Record<string, z.ZodType>> = {
  '/api/web/meta': ZWebMeta,
  '/api/web/communities': ZWebCommunities,
  '/api/web/summary': ZWebSummary,
  '/api/web/choropleth': ZWebChoropleth,
  '/api/web/choropleth/municipalities': ZWebMunicipalityChoropleth,
  '/api/web/network': ZWebNetwork,
  '/api/web/actors': ZWebActorPage,
  '/api/web/actors/{id}': ZWebActorProfile,
};

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

function get(
  summary: string,
  schema: keyof typeof SCHEMAS,
  parameters: unknown[],
  errors: Record<string, unknown> = {},
) {
  return {
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
  return {
    '/api/web/meta': get(
      `Prefectures, sectors, relation types, flags and map metrics${note}`,
      'WebMeta',
      [],
    ),
    '/api/web/communities': get(
      'The communities (Actors-Based Communities) with their prefectures, core actors and wheel gaps',
      'WebCommunities',
      [],
    ),
    '/api/web/summary': get(
      `Counts for the nation, a prefecture or a community${note}`,
      'WebSummary',
      params(ZSummaryQuery),
      INVALID,
    ),
    '/api/web/choropleth': get(
      `One metric per prefecture${note}`,
      'WebChoropleth',
      params(ZChoroplethQuery),
      INVALID,
    ),
    '/api/web/choropleth/municipalities': get(
      `One metric per municipality of a prefecture${note}`,
      'WebMunicipalityChoropleth',
      params(ZMunicipalityChoroplethQuery, ['prefecture']),
      INVALID,
    ),
    '/api/web/network': get(
      'Actors and ties in columns, laid out, for the network view',
      'WebNetwork',
      params(ZNetworkQuery),
      INVALID,
    ),
    '/api/web/actors': get(
      'The actor directory with community and degree',
      'WebActorPage',
      params(ZDirectoryQuery),
      INVALID,
    ),
    '/api/web/actors/{id}': get(
      `An actor's profile: relations, community, seeds, needs, projects, adoptions, roles${note}`,
      'WebActorProfile',
      [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      { '404': problem('No such actor') },
    ),
  };
}
