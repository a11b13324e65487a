/** The web app's data routes (`/api/web/*`, the anonymous view: public needs only). */
import { z } from 'zod';
import { ACTOR_FLAGS, ACTOR_KINDS, RELATION_TYPES, SECTORS } from '#core/vocabulary.ts';
import { defineRoute, problemAnswer } from '../route.ts';
import {
  ZWebActorPage,
  ZWebActorProfile,
  ZWebChoropleth,
  ZWebCommunities,
  ZWebMeta,
  ZWebMunicipalityChoropleth,
  ZWebNetwork,
  ZWebSummary,
} from '../web-data-types.ts';

const ZPrefectureParam = z.string().regex(/^(0[1-9]|[1-3]\d|4[0-7])$/, 'a prefecture code 01..47');
const ZCommunityParam = z.string().regex(/^[A-Za-z0-9_-]{1,50}$/, 'a community id such as c1');
const ZYearParam = z.coerce.number().int().min(1600).max(2100);

function csvOf<T extends string>(values: readonly T[]) {
  return z
    .string()
    .max(2000)
    .transform((text) => text.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)));
}

export const ZSummaryQuery = z.object({
  prefecture: ZPrefectureParam.optional(),
  community: ZCommunityParam.optional(),
});

export const ZChoroplethQuery = z.object({
  metric: z.string().max(60).default('actors'),
  year: z.union([z.literal('all'), ZYearParam]).optional(),
});

export const ZMunicipalityChoroplethQuery = z.object({
  prefecture: ZPrefectureParam,
  metric: z.string().max(60).default('actors'),
});

export const ZNetworkQuery = z.object({
  community: z
    .string()
    .max(2000)
    .transform((t) => t.split(',').filter(Boolean))
    .pipe(z.array(ZCommunityParam))
    .optional(),
  sectors: csvOf(SECTORS).optional(),
  types: csvOf(RELATION_TYPES).optional(),
  from: ZYearParam.optional(),
  to: ZYearParam.optional(),
  maxEdges: z.coerce.number().int().min(0).max(1_000_000).default(300_000),
  isolated: z.enum(['true', 'false']).default('true'),
  /**
   * Organisations drawn at most: beyond it, those without a drawn tie are left out first, then
   * those with the fewest ties (a national network of a million cannot be drawn, nor sent).
   */
  maxNodes: z.coerce.number().int().min(1).max(2_000_000).default(50_000),
});

export const ZDirectoryQuery = z.object({
  q: z.string().max(200).optional(),
  sector: z.enum(SECTORS).optional(),
  kind: z.enum(ACTOR_KINDS).optional(),
  flag: z.enum(ACTOR_FLAGS).optional(),
  prefecture: ZPrefectureParam.optional(),
  community: ZCommunityParam.optional(),
  stale: z.enum(['true', 'false']).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

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
  stale: 'true: only actors to confirm (never confirmed, or older than their source allows)',
  offset: 'Rows to skip',
  limit: 'Page size (at most 200)',
};

const NOTE = ' (anonymous view: public needs only)';
const INVALID = { 422: problemAnswer('A parameter is not valid; `field` names it') };

export const webMeta = defineRoute({
  method: 'get',
  path: '/api/web/meta',
  operationId: 'get-web-meta',
  summary: `Prefectures, sectors, relation types, flags and map metrics${NOTE}`,
  tags: ['web'],
  responses: {
    200: {
      description: 'Prefectures, sectors, relation types, flags and map metrics',
      schema: ZWebMeta,
      component: 'WebMeta',
    },
  },
});

export const webCommunities = defineRoute({
  method: 'get',
  path: '/api/web/communities',
  operationId: 'get-web-communities',
  summary:
    'The communities (Actors-Based Communities) with their prefectures, core actors and wheel gaps',
  tags: ['web'],
  responses: {
    200: { description: 'The communities', schema: ZWebCommunities, component: 'WebCommunities' },
  },
});

export const webSummary = defineRoute({
  method: 'get',
  path: '/api/web/summary',
  operationId: 'get-web-summary',
  summary: `Counts for the nation, a prefecture or a community${NOTE}`,
  tags: ['web'],
  query: ZSummaryQuery,
  queryDescriptions: DESCRIPTIONS,
  responses: {
    200: { description: 'Counts', schema: ZWebSummary, component: 'WebSummary' },
    ...INVALID,
  },
});

export const webChoropleth = defineRoute({
  method: 'get',
  path: '/api/web/choropleth',
  operationId: 'get-web-choropleth',
  summary: `One metric per prefecture${NOTE}`,
  tags: ['web'],
  query: ZChoroplethQuery,
  queryDescriptions: DESCRIPTIONS,
  responses: {
    200: {
      description: 'One metric per prefecture',
      schema: ZWebChoropleth,
      component: 'WebChoropleth',
    },
    ...INVALID,
  },
});

export const webMunicipalityChoropleth = defineRoute({
  method: 'get',
  path: '/api/web/choropleth/municipalities',
  operationId: 'get-web-municipality-choropleth',
  summary: `One metric per municipality of a prefecture${NOTE}`,
  tags: ['web'],
  query: ZMunicipalityChoroplethQuery,
  queryDescriptions: DESCRIPTIONS,
  requiredQuery: ['prefecture'],
  responses: {
    200: {
      description: 'One metric per municipality',
      schema: ZWebMunicipalityChoropleth,
      component: 'WebMunicipalityChoropleth',
    },
    ...INVALID,
  },
});

export const webNetwork = defineRoute({
  method: 'get',
  path: '/api/web/network',
  operationId: 'get-web-network',
  summary: 'Actors and ties in columns, laid out, for the network view',
  tags: ['web'],
  query: ZNetworkQuery,
  queryDescriptions: DESCRIPTIONS,
  responses: {
    200: {
      description: 'Actors and ties in columns',
      schema: ZWebNetwork,
      component: 'WebNetwork',
    },
    ...INVALID,
  },
});

export const webActors = defineRoute({
  method: 'get',
  path: '/api/web/actors',
  operationId: 'get-web-actor-page',
  summary: 'The actor directory with community and degree',
  tags: ['web'],
  query: ZDirectoryQuery,
  queryDescriptions: DESCRIPTIONS,
  responses: {
    200: {
      description: 'A page of the directory',
      schema: ZWebActorPage,
      component: 'WebActorPage',
    },
    ...INVALID,
  },
});

export const webActorProfile = defineRoute({
  method: 'get',
  path: '/api/web/actors/{id}',
  operationId: 'get-web-actor-profile',
  summary: `An actor's profile: relations, community, seeds, needs, projects, adoptions, roles${NOTE}`,
  tags: ['web'],
  params: z.object({ id: z.string() }),
  responses: {
    200: {
      description: "An actor's profile",
      schema: ZWebActorProfile,
      component: 'WebActorProfile',
    },
    404: problemAnswer('No such actor'),
  },
});
