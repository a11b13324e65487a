/**
 * Request and response schemas of the matching, consultation and disclosure routes; the
 * routes validate with them and the OpenAPI document is generated from them.
 */
import { z } from 'zod';
import {
  AGREEMENT_TYPES,
  CLOSE_OUTCOMES,
  CONSULTATION_STAGES,
  REJECTION_REASONS,
  ZConsultation,
  ZConsultationEvent,
} from '#core/consultation.ts';
import { ZDisclosureEvent, ZDisclosureRequest } from '#core/disclosure.ts';
import { ZPrefectureCode } from '#core/fields.ts';
import { FEEDBACK_DECISIONS } from '#core/match-feedback.ts';
import { MAX_QUERY_CHARS, REGION_SCOPES } from '#services/matching/matching-service.ts';

const ZBooleanFlag = z
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

export const ZOpenConsultation = z.object({
  needId: z.string().min(1).max(500),
  note: z.string().trim().min(1).max(10_000).optional(),
});

export const ZConsultationListQuery = z.object({
  q: z.string().trim().max(200, 'at most 200 characters').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(500).optional(),
  sort: z.string().max(61).optional(),
  stage: z.enum(CONSULTATION_STAGES).optional(),
  mine: ZBooleanFlag.optional(),
  overdue: ZBooleanFlag.optional(),
});

/** Fields the consultation list and board sort on. */
export const CONSULTATION_SORT_FIELDS = [
  'openedAt',
  'stageEnteredAt',
  'stage',
  'needTitle',
  'dueAt',
  'field',
  'prefectureCode',
] as const;

export const ZStageMoveBody = z.object({
  to: z.enum(CONSULTATION_STAGES),
  agreementType: z.enum(AGREEMENT_TYPES).optional(),
  outcome: z.enum(CLOSE_OUTCOMES).optional(),
  reason: z.string().trim().min(1).max(2000).optional(),
  /** Go back one stage (with a reason); moves otherwise only go forward. */
  back: z.boolean().optional(),
});

export const ZNoteBody = z.object({ text: z.string().trim().min(1).max(10_000) });

export const ZCandidatesBody = z.object({
  seedIds: z.array(z.string().min(1).max(500)).min(1).max(50),
});

export const ZJudgementBody = ZFeedbackBody;

export const ZInterestBody = z.object({ message: z.string().trim().max(2000).optional() });

export const ZDecisionBody = z.object({
  accept: z.boolean(),
  agreementRef: z.string().trim().min(1).max(200).optional(),
});

export const ZDigestListQuery = z.object({
  q: z.string().trim().max(200, 'at most 200 characters').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(500).optional(),
  sort: z.string().max(61).optional(),
});

export const DIGEST_SORT_FIELDS = ['publishedAt', 'title', 'field'] as const;

// Responses (documentation only: the services build them).

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
  source: z.string().describe('query | synonym | dictionary | cooccurrence | feedback'),
  contribution: z.number(),
  matches: z.array(z.string()).describe('Where it occurs (field: surface)'),
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
});

export const ZSeedMatch = z.object({
  seedId: z.string(),
  kind: z.string(),
  title: z.string(),
  ownerId: z.string(),
  ownerName: z.string(),
  prefectureCode: z.string().optional(),
  score: z.number(),
  explanation: ZExplanation,
});

export const ZNeedMatchResult = z.object({
  results: z.array(ZSeedMatch),
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
      explanation: ZExplanation.omit({ highlightedTitle: true, feedback: true }),
    }),
  ),
});

const ZOverdue = z.object({
  overdue: z.boolean(),
  dueAt: z.string().optional(),
  hoursOverdue: z.number(),
});

export const ZConsultationItem = ZConsultation.extend({
  version: z.number().int(),
  needTitle: z.string(),
  overdue: ZOverdue,
});

export const ZConsultationDetail = z.object({
  consultation: ZConsultation,
  version: z.number().int(),
  needTitle: z.string(),
  overdue: ZOverdue,
  history: z.array(ZConsultationEvent),
});

export const ZBoard = z.object({
  stages: z.array(
    z.object({
      stage: z.enum(CONSULTATION_STAGES),
      count: z.number().int(),
      overdue: z.number().int(),
      items: z.array(ZConsultationItem),
    }),
  ),
  total: z.number().int(),
});

export const ZTriage = z.object({
  consultationId: z.string(),
  needId: z.string(),
  title: z.string(),
  stage: z.string(),
  overdue: z.boolean(),
  keyTerms: z.array(z.object({ term: z.string(), weight: z.number() })),
  suggestedField: z
    .object({ field: z.string(), share: z.number(), source: z.enum(['need', 'seeds']) })
    .nullable(),
  suggestedCoordinators: z.array(
    z.object({ coordinatorId: z.string(), cases: z.number(), won: z.number() }),
  ),
  researchers: z.array(z.object({ actorId: z.string(), name: z.string(), score: z.number() })),
  seeds: z.array(
    z.object({ seedId: z.string(), title: z.string(), ownerName: z.string(), score: z.number() }),
  ),
});

export const ZPublicDigest = z.object({
  digestId: z.string(),
  title: z.string(),
  summary: z.string(),
  field: z.string().optional(),
  sdgs: z.array(z.number()),
  keywords: z.array(z.string()),
  publishedAt: z.string(),
  withdrawnAt: z.string().optional(),
});

export const ZDisclosureHistory = z.object({
  requests: z.array(ZDisclosureRequest),
  events: z.array(ZDisclosureEvent),
});

export { ZConsultation, ZConsultationEvent, ZDisclosureRequest };
