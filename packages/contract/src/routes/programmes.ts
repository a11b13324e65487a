/**
 * The read-only programme analyses: filling a community's wheel gap, the JAREC continuation
 * analysis, project portfolio and health, the support-measure navigator and the case library.
 * Their inputs are here, their answers in `programme-answers.ts`.
 */
import { z } from 'zod';
import { ZCaseStory } from '#core/entities/case-story.ts';
import { CASE_OUTCOMES, INNOVATION_PATHS, WHEEL_SECTORS } from '#core/vocabulary.ts';
import { defineRoute, problemAnswer, type ResponseContract } from '../route.ts';
import {
  ZCaseFactors,
  ZContinuation,
  ZGapFill,
  ZPortfolio,
  ZProjectHealth,
  ZSupportFit,
} from './programme-answers.ts';

export const ZGapFillQuery = z.object({
  community: z.string().regex(/^c\d+$/, 'a community id like c3'),
  sector: z.enum(WHEEL_SECTORS).optional(),
  keywords: z
    .string()
    .max(500)
    .transform((text) =>
      text
        .split(/[,、]/)
        .map((k) => k.trim())
        .filter(Boolean),
    )
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

export const ZContinuationQuery = z.object({
  asOfFy: z.coerce.number().int().min(1990).max(2100).optional(),
  minRecords: z.coerce.number().int().min(2).max(10_000).optional(),
});

export const ZSupportFitQuery = z
  .object({
    actor: z.string().min(1).max(200).optional(),
    project: z.string().min(1).max(200).optional(),
    stage: z.enum(INNOVATION_PATHS).optional(),
    amount: z.coerce.number().min(0).optional(),
  })
  .refine((q) => (q.actor === undefined) !== (q.project === undefined), {
    message: 'give exactly one of actor or project',
    path: ['actor'],
  });

export const ZCaseQuery = z.object({
  q: z.string().max(200).optional(),
  outcome: z.enum(CASE_OUTCOMES).optional(),
  prefecture: z
    .string()
    .regex(/^\d{2}$/, 'a prefecture code 01..47')
    .optional(),
  programme: z.string().max(200).optional(),
  factor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export const ZPortfolioQuery = z
  .object({
    prefecture: z
      .string()
      .regex(/^\d{2}$/, 'a prefecture code 01..47')
      .optional(),
    community: z
      .string()
      .regex(/^c\d+$/, 'a community id like c3')
      .optional(),
  })
  .refine((q) => (q.prefecture === undefined) !== (q.community === undefined), {
    message: 'give exactly one of prefecture or community',
    path: ['prefecture'],
  });

export const ZCaseSearch = z.object({ total: z.number(), cases: z.array(ZCaseStory) });

const DESCRIPTIONS: Record<string, string> = {
  community: 'Community id from the communities analysis, e.g. c3',
  sector: 'Wheel sector to fill (default: the first missing one)',
  keywords: 'Capabilities wanted, comma-separated',
  asOfFy: 'Observation fiscal year (default: the current one)',
  minRecords: 'Fewer records: no regression (default 20)',
  prefecture: 'Prefecture code 01..47 (or give community)',
  actor: 'Actor id (or give project)',
  project: 'Project id (or give actor)',
  stage: 'zero_to_one | one_to_hundred | hundred_to_infinity',
  amount: 'Amount needed (JPY)',
  q: 'Text in the title, summary, lessons or factors',
  programme: 'Programme id',
  factor: 'Cases naming this factor',
  outcome: 'success | failure | mixed',
};

/** A JSON answer described by `schema`, named `component` in the document. */
const analysis = <S extends z.ZodType>(description: string, schema: S, component: string) =>
  ({ description, schema, component }) satisfies ResponseContract;
const INVALID = { 422: problemAnswer('Not valid; `field` names the parameter') };

/** `get-<summary in kebab case>`, as the hand-written document named these operations. */
const operationIdOf = (summary: string) =>
  `get-${summary
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()}`;

const GAP_FILL =
  "Candidates from any prefecture to fill a community's Technopolis-Wheel gap, each with its reasons";
export const gapFill = defineRoute({
  method: 'get',
  path: '/api/analyses/gap-fill',
  operationId: operationIdOf(GAP_FILL),
  summary: GAP_FILL,
  tags: ['analyses'],
  query: ZGapFillQuery,
  queryDescriptions: {
    ...DESCRIPTIONS,
    limit: 'Number of candidates (default 20, at most 100)',
  },
  requiredQuery: ['community'],
  responses: {
    200: analysis(
      '{ community, communitySource, sector, candidates: [{ id, name, score, reasons }] }',
      ZGapFill,
      'GapFill',
    ),
    404: problemAnswer('No such community'),
    ...INVALID,
  },
});

const CONTINUATION =
  'Continuation factors after national programmes end (JAREC): regression, cross-tabs, survival, summary';
export const continuation = defineRoute({
  method: 'get',
  path: '/api/analyses/continuation',
  operationId: operationIdOf(CONTINUATION),
  summary: CONTINUATION,
  tags: ['programmes'],
  query: ZContinuationQuery,
  queryDescriptions: DESCRIPTIONS,
  responses: {
    200: analysis(
      '{ records, factors, crossTabs, survival, summary, … }',
      ZContinuation,
      'Continuation',
    ),
    ...INVALID,
  },
});

const PORTFOLIO =
  'Project portfolio of a prefecture or community: health, team gaps, KPIs per value, SDGs';
export const portfolio = defineRoute({
  method: 'get',
  path: '/api/portfolio/projects',
  operationId: operationIdOf(PORTFOLIO),
  summary: PORTFOLIO,
  tags: ['programmes'],
  query: ZPortfolioQuery,
  queryDescriptions: DESCRIPTIONS,
  responses: {
    200: analysis('Portfolio', ZPortfolio, 'Portfolio'),
    404: problemAnswer('No such community'),
    ...INVALID,
  },
});

const HEALTH = 'Project health: milestone slip, budget burn, rising risks, PDCA, team, KPIs';
export const projectHealth = defineRoute({
  method: 'get',
  path: '/api/portfolio/projects/{id}/health',
  operationId: operationIdOf(HEALTH),
  summary: HEALTH,
  tags: ['programmes'],
  params: z.object({ id: z.string().describe('Project id') }),
  responses: {
    200: analysis('Project health', ZProjectHealth, 'ProjectHealth'),
    404: problemAnswer('No such project'),
  },
});

const SUPPORT_FIT =
  'Support measures that fit an actor or project now, with reasons; near misses with why not';
export const supportFit = defineRoute({
  method: 'get',
  path: '/api/support/fit',
  operationId: operationIdOf(SUPPORT_FIT),
  summary: SUPPORT_FIT,
  tags: ['programmes'],
  query: ZSupportFitQuery,
  queryDescriptions: DESCRIPTIONS,
  responses: {
    200: analysis('Fitting measures and near misses', ZSupportFit, 'SupportFit'),
    404: problemAnswer('No such actor or project'),
    ...INVALID,
  },
});

const CASES = 'Search success and failure cases';
export const caseSearch = defineRoute({
  method: 'get',
  path: '/api/case-library/cases',
  operationId: operationIdOf(CASES),
  summary: CASES,
  tags: ['programmes'],
  query: ZCaseQuery,
  queryDescriptions: { ...DESCRIPTIONS, limit: 'At most (default 50)' },
  responses: {
    200: { description: '{ total, cases }', schema: ZCaseSearch, component: 'CaseSearch' },
    ...INVALID,
  },
});

const FACTORS = 'Factors that appear more in successes than failures (odds ratio, Fisher p)';
export const caseFactors = defineRoute({
  method: 'get',
  path: '/api/case-library/factors',
  operationId: operationIdOf(FACTORS),
  summary: FACTORS,
  tags: ['programmes'],
  query: ZCaseQuery,
  queryDescriptions: DESCRIPTIONS,
  responses: {
    200: analysis('{ successes, failures, factors, note }', ZCaseFactors, 'CaseFactors'),
    ...INVALID,
  },
});
