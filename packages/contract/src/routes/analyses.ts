/**
 * Structural analyses (read only): the brokers who bridge communities, the regional strengths
 * (location quotients by field; answer in `strengths-answers.ts`) and the SDGs of seeds and
 * projects. The brokers' and the SDGs' answers are described field by field (`broker-answers.ts`,
 * `sdg-answers.ts`).
 */
import { z } from 'zod';
import { defineRoute, problemAnswer } from '../route.ts';
import { ZBrokers } from './broker-answers.ts';
import { SDG_ENTITY_NAMES, ZSdgsAnswer } from './sdg-answers.ts';
import { STRENGTH_MEASURE_NAMES, ZStrengths } from './strengths-answers.ts';

const ZCommunityId = z.string().regex(/^c\d+$/, 'a community id like c3');

export const ZBrokersQuery = z.object({
  community: ZCommunityId.optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export const ZStrengthsQuery = z
  .object({
    prefecture: z
      .string()
      .regex(/^\d{2}$/, 'a prefecture code 01..47')
      .optional(),
    municipality: z
      .string()
      .regex(/^\d{6}$/, 'a 6-digit municipality code')
      .optional(),
    community: ZCommunityId.optional(),
    measure: z.enum(STRENGTH_MEASURE_NAMES).optional(),
  })
  .refine((q) => [q.prefecture, q.municipality, q.community].filter(Boolean).length === 1, {
    message: 'give exactly one of prefecture, municipality or community',
    path: ['prefecture'],
  });

export const ZSdgQuery = z
  .object({
    entity: z.enum(SDG_ENTITY_NAMES),
    id: z.string().min(1).max(200).optional(),
    sdg: z.coerce.number().int().min(1).max(17).optional(),
    limit: z.coerce.number().int().min(1).max(1000).optional(),
  })
  .refine((q) => (q.id === undefined) !== (q.sdg === undefined), {
    message: 'give exactly one of id (suggest for a record) or sdg (records of a goal)',
    path: ['id'],
  });

const tags = ['analyses'];
const INVALID = { 422: problemAnswer('Not valid; `field` names the parameter') };

export const brokers = defineRoute({
  method: 'get',
  path: '/api/analyses/brokers',
  operationId: 'get-analyses-brokers',
  summary:
    'Brokers who bridge communities: betweenness (exact, or sampled with its error bound), Burt’s constraint and effective size, communities bridged',
  tags,
  query: ZBrokersQuery,
  queryDescriptions: {
    community: 'Only the actors tying this community to others',
    limit: 'Number of brokers (default 50, at most 500)',
  },
  responses: {
    200: {
      description: 'Brokers, highest betweenness first',
      schema: ZBrokers,
      component: 'Brokers',
    },
    404: problemAnswer('No such community'),
    ...INVALID,
  },
});

export const strengths = defineRoute({
  method: 'get',
  path: '/api/analyses/strengths',
  operationId: 'get-analyses-strengths',
  summary:
    'Regional strengths (地域の強み): location quotient of each field in a prefecture, municipality or community, with an exact 95% interval',
  tags,
  query: ZStrengthsQuery,
  queryDescriptions: {
    prefecture: 'Prefecture code 01..47 (or give community)',
    municipality: '6-digit municipality code (a designated city counts with its wards)',
    community: 'Community id from the communities analysis, e.g. c3',
    measure:
      'What is counted (default records: seeds, KAKEN projects, companies, researchers; or one of them, papers or patents)',
  },
  responses: {
    200: {
      description:
        'The fields, most specialised first, with the scope, the units counted and their sources',
      schema: ZStrengths,
      component: 'Strengths',
    },
    404: problemAnswer('No such community'),
    ...INVALID,
  },
});

export const sdgs = defineRoute({
  method: 'get',
  path: '/api/analyses/sdgs',
  operationId: 'get-analyses-sdgs',
  summary:
    'SDGs suggested from the text of a seed or project, with evidence (id); or the records of one goal, tagged or suggested (sdg)',
  tags,
  query: ZSdgQuery,
  queryDescriptions: {
    entity: 'seeds or projects',
    id: 'A record to suggest goals for (or give sdg)',
    sdg: 'A goal 1..17 whose records to list (or give id)',
    limit: 'Records of a goal (default 100, at most 1000)',
  },
  requiredQuery: ['entity'],
  responses: {
    200: {
      description:
        'With id: the goals suggested for the record, with evidence; with sdg: the records of the goal, tagged or suggested',
      schema: ZSdgsAnswer,
      component: 'Sdgs',
    },
    404: problemAnswer('No such record'),
    ...INVALID,
  },
});

/** Where the analyses stand: the warm-up after a start or a data load, and what is computing. */
export const ZAnalysisProgress = z
  .object({
    warmUp: z
      .object({
        total: z.number().int().min(0).describe('Analyses the warm-up computes'),
        done: z.number().int().min(0).describe('Of them, computed or read back so far'),
        startedAt: z.string().nullable().describe('When the warm-up started (null: not yet)'),
        finishedAt: z.string().nullable().describe('When it finished (null: not yet)'),
      })
      .strict()
      .nullable()
      .describe('The warm-up started with the server (null when this server runs none)'),
    computing: z
      .array(z.string())
      .describe('Names of the analyses being computed now (their parameters are not shown)'),
    ready: z.number().int().min(0).describe('Answers kept and current'),
    computed: z.number().int().min(0).describe('Answers computed since the server started'),
    restored: z
      .number()
      .int()
      .min(0)
      .describe('Answers read back from the database (kept by an earlier run on the same data)'),
    lastSeconds: z
      .number()
      .nullable()
      .describe('Seconds the last computed answer took (null: none yet)'),
  })
  .strict();

export const analysisProgress = defineRoute({
  method: 'get',
  path: '/api/analyses/progress',
  operationId: 'get-analyses-progress',
  summary:
    'How far the analyses are: the warm-up computing what the web asks first after a start or a data load, and what is being computed now',
  tags,
  responses: {
    200: {
      description: 'Counts and names only: no answer and no parameter of anyone’s request',
      schema: ZAnalysisProgress,
      component: 'AnalysisProgress',
    },
  },
});
