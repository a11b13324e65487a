/**
 * Request and response schemas of the matching, consultation and disclosure routes; the server
 * validates with them, the contract's routes and the OpenAPI document are made from them.
 */
import { z } from 'zod';
import {
  AGREEMENT_TYPES,
  CLOSE_OUTCOMES,
  CONSULTATION_STAGES,
  ZConsultation,
  ZConsultationEvent,
} from '#core/consultation.ts';
import { ZDisclosureEvent, ZDisclosureRequest } from '#core/disclosure.ts';
import {
  ZBooleanFlag,
  ZFeedbackBody,
  ZMatchQuery,
  ZMatchTextBody,
  ZNeedMatchResult,
  ZSeedMatch,
  ZSeedReverseResult,
} from './routes/matching.ts';

export {
  ZFeedbackBody,
  ZMatchQuery,
  ZMatchTextBody,
  ZNeedMatchResult,
  ZSeedMatch,
  ZSeedReverseResult,
};

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
  needId: z.string().min(1).max(200).optional(),
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

const ZOverdue = z.object({
  overdue: z.boolean(),
  dueAt: z.string().optional(),
  hoursOverdue: z.number(),
});

/** `GET /api/consultations/{id}/status`: what the requester sees, not the coordinators' notes. */
export const ZRequesterStatus = z.object({
  id: z.string(),
  needId: z.string(),
  stage: z.enum(CONSULTATION_STAGES),
  outcome: z.enum(CLOSE_OUTCOMES).optional(),
  overdue: z.boolean(),
  /** When the current stage is due (absent once closed). */
  dueAt: z.string().optional(),
  /** The time of the latest event. */
  updatedAt: z.string(),
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
  /** The case's coordinators by name, for everyone who sees the case (no e-mail addresses). */
  coordinators: z.array(z.object({ id: z.string(), displayName: z.string() })),
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
  /** The signed-in organisation's own open interest in the digest (to withdraw it). */
  myInterest: z
    .object({ requestId: z.string(), status: z.enum(['interested', 'accepted']) })
    .optional(),
});

export const ZDisclosureHistory = z.object({
  requests: z.array(ZDisclosureRequest),
  events: z.array(ZDisclosureEvent),
});

export { ZConsultation, ZConsultationEvent, ZDisclosureRequest };
