/**
 * Matching: seeds, researchers and 公設試 facilities for a stored need or for a need written now,
 * companies for a seed (reverse), and judgements on candidates. Every result explains itself.
 */
import { z } from 'zod';
import { REJECTION_REASONS } from '#core/consultation.ts';
import { ZPrefectureCode } from '#core/fields.ts';
import { FEEDBACK_DECISIONS } from '#core/match-feedback.ts';
import { MAX_QUERY_CHARS, REGION_SCOPES } from '#core/matching-query.ts';
import { defineRoute, problemAnswer } from '../route.ts';

/** A yes/no query parameter: true, false, 1 or 0. */
export const ZBooleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

/** `GET /api/needs/{id}/matches`, `GET /api/seeds/{id}/matches`. */
export const ZMatchQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(20),
  region: z.enum(REGION_SCOPES).default('any'),
  expand: ZBooleanFlag.default(true),
});

/** `POST /api/matching/needs`: a need written now (not stored). */
export const ZMatchTextBody = z.object({
  text: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(MAX_QUERY_CHARS * 5, `at most ${MAX_QUERY_CHARS * 5} characters`),
  prefectureCode: ZPrefectureCode.optional(),
  field: z.string().trim().min(1).max(200).optional(),
  sdgs: z.array(z.number().int().min(1).max(17)).max(17).optional(),
  desiredTrl: z.number().int().min(1).max(9).optional(),
  limit: z.number().int().min(1).max(200).default(20),
  region: z.enum(REGION_SCOPES).default('any'),
  expand: z.boolean().default(true),
});

/** `POST /api/needs/{id}/feedback`: a judgement on a candidate seed. */
export const ZFeedbackBody = z
  .object({
    seedId: z.string().min(1).max(500),
    decision: z.enum(FEEDBACK_DECISIONS),
    reason: z.enum(REJECTION_REASONS).optional(),
    note: z.string().max(2000).optional(),
  })
  .refine((f) => f.decision !== 'rejected' || f.reason !== undefined, {
    message: `a rejection needs a reason: ${REJECTION_REASONS.join(' | ')}`,
    path: ['reason'],
  });

// Answers (the services build them; the route tests check real answers against them).

const ZSignals = z.object({
  text: z.number(),
  field: z.number(),
  sdgs: z.number(),
  stage: z.number(),
  region: z.number(),
  network: z.number(),
  availability: z.number(),
  feedback: z.number(),
});

const ZTermView = z.object({
  term: z.string(),
  source: z.string().describe('query | synonym | dictionary | gloss | cooccurrence | feedback'),
  contribution: z.number(),
  matches: z.array(z.string()).describe('Where it occurs (field: surface)'),
  from: z
    .array(z.string())
    .optional()
    .describe(
      "The need's own words an expansion term was reached from (dictionary, synonym, gloss, co-occurrence)",
    ),
});

const ZPathStep = z.object({
  from: z.string(),
  fromName: z.string(),
  to: z.string(),
  toName: z.string(),
  relation: z.string(),
});

const ZExplanation = z.object({
  terms: z.array(ZTermView),
  signals: ZSignals.describe("Each signal's contribution; they sum to the score"),
  path: z.array(ZPathStep).describe('Shortest trusted network path (≤ 3 hops), with names'),
  region: z.string().describe('in_region | neighbouring | elsewhere | unknown'),
  distanceKm: z.number().optional(),
  highlightedTitle: z.string().describe('The title with matched spans in 【】'),
  feedback: z.array(z.string()),
  expansionOnly: z
    .boolean()
    .optional()
    .describe(
      "None of the need's own words is in the seed: matched through expansion terms alone (always set for seed matches)",
    ),
});

const ZConfidence = z
  .enum(['high', 'medium', 'low'])
  .describe('How sure the text match is: share of the need explained, on an absolute scale');

export const ZSeedMatch = z.object({
  seedId: z.string(),
  kind: z.string(),
  title: z.string(),
  ownerId: z.string(),
  ownerName: z.string(),
  prefectureCode: z.string().optional(),
  score: z.number().describe('Absolute scale: the first result is not 1 by construction'),
  confidence: ZConfidence,
  explanation: ZExplanation,
});

export const ZNeedMatchResult = z.object({
  results: z.array(ZSeedMatch),
  noGoodMatch: z
    .object({ message: z.string(), suggestions: z.array(z.string()) })
    .optional()
    .describe('Set, with no results, when no seed explains enough of the need'),
  researchers: z.array(
    z.object({
      actorId: z.string(),
      name: z.string(),
      score: z.number(),
      seedIds: z.array(z.string()),
    }),
  ),
  facilities: z.array(ZSeedMatch),
  query: z.object({ terms: z.number(), expandedTerms: z.number(), truncated: z.boolean() }),
});

export const ZSeedReverseResult = z.object({
  results: z.array(
    z.object({
      actorId: z.string(),
      name: z.string(),
      score: z.number(),
      needIds: z.array(z.string()).describe('Only needs the caller may see'),
      explanation: ZExplanation.omit({
        highlightedTitle: true,
        feedback: true,
        expansionOnly: true,
      }),
    }),
  ),
});

const QUERY_DESCRIPTIONS: Record<string, string> = {
  limit: 'Page size',
  region: 'any (default) | near (same or neighbouring prefecture) | in (same prefecture)',
  expand: 'Query expansion (dictionary, co-occurrence, feedback); default true',
};
const COMMON = {
  401: problemAnswer('Not signed in'),
  403: problemAnswer('Not allowed for this role, or CSRF token missing/wrong'),
  404: problemAnswer('No such record, or one you may not see (the same answer)'),
  422: problemAnswer('Not valid; `field` names the input'),
};
const RATE = { 429: problemAnswer('Rate limited (see Retry-After)') };
const needId = z.object({ id: z.string().describe('Need id') });

export const matchText = defineRoute({
  method: 'post',
  path: '/api/matching/needs',
  operationId: 'match-text',
  summary: 'Rank seeds, researchers and 公設試 facilities for a need written now',
  description:
    'Nothing is stored. Each result explains itself: matched terms (query, synonym, dictionary, co-occurrence, feedback) with where they occur, each signal’s contribution (they sum to the score), the network path from your organisation, the region relation and the distance. Rate limited.',
  tags: ['matching'],
  body: ZMatchTextBody,
  bodyComponent: 'MatchText',
  responses: {
    200: {
      description: 'Ranked candidates',
      schema: ZNeedMatchResult,
      component: 'NeedMatchResult',
    },
    ...COMMON,
    ...RATE,
  },
});

export const matchNeed = defineRoute({
  method: 'get',
  path: '/api/needs/{id}/matches',
  operationId: 'match-need',
  summary: 'Rank candidates for a stored need',
  description:
    'A confidential need is matched only for its owner organisation and assigned coordinators; anyone else gets 404. Rate limited.',
  tags: ['matching'],
  params: needId,
  query: ZMatchQuery,
  queryDescriptions: QUERY_DESCRIPTIONS,
  responses: {
    200: {
      description: 'Ranked candidates',
      schema: ZNeedMatchResult,
      component: 'NeedMatchResult',
    },
    ...COMMON,
    ...RATE,
  },
});

export const matchSeed = defineRoute({
  method: 'get',
  path: '/api/seeds/{id}/matches',
  operationId: 'match-seed',
  summary: 'Companies likely to need a seed (reverse matching)',
  description:
    'Built from the needs the caller may see; confidential needs never take part. Rate limited.',
  tags: ['matching'],
  params: z.object({ id: z.string().describe('Seed id') }),
  query: ZMatchQuery,
  queryDescriptions: QUERY_DESCRIPTIONS,
  responses: {
    200: {
      description: 'Ranked companies',
      schema: ZSeedReverseResult,
      component: 'SeedReverseResult',
    },
    ...COMMON,
    ...RATE,
  },
});

export const ZFeedbackRecorded = z.object({
  id: z.string(),
  needId: z.string(),
  seedId: z.string(),
  decision: z.enum(FEEDBACK_DECISIONS),
  reason: z.enum(REJECTION_REASONS).nullable(),
  at: z.string(),
});

export const matchFeedback = defineRoute({
  method: 'post',
  path: '/api/needs/{id}/feedback',
  operationId: 'match-feedback',
  summary: 'Judge a candidate seed (chosen, or rejected with a reason); it shapes later rankings',
  tags: ['matching'],
  params: needId,
  body: ZFeedbackBody,
  bodyComponent: 'MatchFeedback',
  responses: { 201: { description: 'Recorded', schema: ZFeedbackRecorded }, ...COMMON },
});
