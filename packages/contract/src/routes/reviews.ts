/**
 * The review queue of entity resolution (issue 10): records a connector found likely to be an
 * existing actor wait here for a person, who merges them or keeps them apart (as
 * `musubi review list|merge|keep-apart` does). Administrators and coordinators only.
 */
import { z } from 'zod';
import { REVIEW_STATUSES } from '#core/ports.ts';
import { defineRoute, problemAnswer } from '../route.ts';

const ZCompared = z
  .record(z.string(), z.string())
  .describe(
    'name, nameEn, kind, sector, prefectureCode, municipalityCode, countryCode, corporateNumber, ror, orcid, researchmapId, kakenId, openalexId, url (those present)',
  );

/** The resolver's evidence codes (`ResolutionEvidence` of the connectors, and `other`: stored words only). */
export const REVIEW_EVIDENCE_CODES = [
  'same_name_place',
  'same_name_place_people',
  'same_name_place_several',
  'same_name_place_unknown',
  'similar_name_same_place',
  'identifiers_conflict',
  'other',
] as const;

/** Why a record may be an actor, as a code with its values (a place: prefecture code or abroad:CC). */
export const ZReviewEvidence = z.object({
  code: z.enum(REVIEW_EVIDENCE_CODES),
  values: z
    .record(z.string(), z.union([z.string(), z.array(z.string())]))
    .describe('place, name, actorIds or text, as the code needs'),
});
export type ReviewEvidence = z.infer<typeof ZReviewEvidence>;

export const ZReviewItem = z.object({
  id: z.string(),
  source: z.string().describe('The connector that queued the record'),
  status: z.enum(REVIEW_STATUSES),
  score: z.number().describe('How sure the resolver was that the two are one (0–1)'),
  reasons: z.string().describe("The resolver's evidence, e.g. name+prefecture"),
  evidence: ZReviewEvidence,
  createdAt: z.string(),
  decidedAt: z.string().optional(),
  record: ZCompared.describe('The queued record'),
  candidateId: z.string(),
  candidate: ZCompared.nullable().describe('The existing actor it may be (null when gone)'),
});

export const ZReviewQuery = z.object({
  status: z.enum([...REVIEW_STATUSES, 'all']).default('open'),
});

export const ZReviewDecisionBody = z.object({ decision: z.enum(['merge', 'keep-apart']) });

const COMMON = {
  401: problemAnswer('Not signed in'),
  403: problemAnswer('Not an administrator or coordinator, or CSRF token missing/wrong'),
};

export const listReviews = defineRoute({
  method: 'get',
  path: '/api/reviews',
  operationId: 'list-reviews',
  summary: 'Records that may be an existing actor, beside that actor, with the evidence',
  tags: ['actors'],
  query: ZReviewQuery,
  queryDescriptions: { status: 'open (default) | merged | kept_apart | all' },
  responses: {
    200: {
      description: 'The queue, oldest first',
      schema: z.object({ items: z.array(ZReviewItem) }),
    },
    ...COMMON,
  },
});

export const decideReview = defineRoute({
  method: 'post',
  path: '/api/reviews/{id}/decision',
  operationId: 'decide-review',
  summary: 'Merge the record into the candidate actor, or keep it apart as an actor of its own',
  tags: ['actors'],
  params: z.object({ id: z.string() }),
  paramDescriptions: { id: 'Review id' },
  body: ZReviewDecisionBody,
  responses: {
    200: {
      description: 'Decided',
      schema: z.object({
        review: z.string(),
        decision: z.enum(['merge', 'keep-apart']),
        actorId: z.string(),
      }),
    },
    ...COMMON,
    404: problemAnswer('No such review'),
    409: problemAnswer('Already decided, or an actor with the new id exists'),
    422: problemAnswer('Not valid; `field` names the input'),
  },
});
