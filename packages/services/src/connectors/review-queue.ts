/**
 * The review queue of entity resolution (名寄せ) for people: records a connector found likely to be
 * an actor already, shown beside that actor with the evidence, and the decision (merge or keep
 * apart). Administrators and coordinators only: the queue shows records before anyone checked them.
 */
import { z } from 'zod';
import type { Principal } from '#core/accounts.ts';
import type { ResolutionEvidence } from '#connectors/resolve-actor.ts';
import { DomainError } from '#core/domain-error.ts';
import { isObject } from '#connectors/values.ts';
import type { ActorReview, Repositories, ReviewStatus } from '#core/ports.ts';
import { decideReview } from './decide-review.ts';

/** The fields compared side by side: names, kind, place and every strong identifier. */
export const COMPARED_FIELDS = [
  'name',
  'nameEn',
  'kind',
  'sector',
  'prefectureCode',
  'municipalityCode',
  'countryCode',
  'corporateNumber',
  'ror',
  'orcid',
  'researchmapId',
  'kakenId',
  'openalexId',
  'url',
] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];
export type ComparedValues = Partial<Record<ComparedField, string>>;

/**
 * Why the record may be the actor, as a code with values for words in the reader's language; a
 * review queued before codes were kept says it in the resolver's English words (`other`).
 */
export type ReviewEvidence = ResolutionEvidence | { code: 'other'; values: { text: string } };

const place = z.string().min(1);
const ZResolutionEvidence = z.discriminatedUnion('code', [
  z.object({ code: z.literal('same_name_place'), values: z.object({ place }) }),
  z.object({ code: z.literal('same_name_place_people'), values: z.object({ place }) }),
  z.object({ code: z.literal('same_name_place_several'), values: z.object({ place }) }),
  z.object({
    code: z.literal('same_name_place_unknown'),
    values: z
      .object({})
      .strict()
      .transform((): Record<string, never> => ({})),
  }),
  z.object({
    code: z.literal('similar_name_same_place'),
    values: z.object({ place, name: z.string() }),
  }),
  z.object({
    code: z.literal('identifiers_conflict'),
    values: z.object({ actorIds: z.array(z.string()) }),
  }),
]);

/** The evidence a queued record keeps (read from its JSON), else its stored words. */
export function evidenceOf(record: unknown, reasons: string): ReviewEvidence {
  const parsed = ZResolutionEvidence.safeParse(isObject(record) ? record['evidence'] : undefined);
  return parsed.success ? parsed.data : { code: 'other', values: { text: reasons } };
}

export interface ReviewQueueItem {
  id: string;
  source: string;
  status: ReviewStatus;
  score: number;
  /** Why the resolver thought the two may be one (its own words, e.g. `name+prefecture`). */
  reasons: string;
  /** The same as a code with values. */
  evidence: ReviewEvidence;
  createdAt: string;
  decidedAt?: string;
  /** The queued record's values, from its identifiers and fields. */
  record: ComparedValues;
  candidateId: string;
  /** The existing actor's values; null when it is gone. */
  candidate: ComparedValues | null;
}

function compared(...sources: unknown[]): ComparedValues {
  const values: ComparedValues = {};
  for (const source of sources) {
    if (!isObject(source)) continue;
    for (const field of COMPARED_FIELDS) {
      const value = source[field];
      if (values[field] === undefined && (typeof value === 'string' || typeof value === 'number'))
        values[field] = String(value);
    }
  }
  return values;
}

/** Administrators and coordinators; anyone else is refused (401 when not signed in). */
export function requireResolver(principal: Principal): void {
  if (principal.kind === 'anonymous')
    throw new DomainError('unauthenticated', 'sign in to see the review queue');
  const { role, disabled } = principal.account;
  if (disabled || (role !== 'admin' && role !== 'coordinator'))
    throw new DomainError(
      'forbidden',
      'only administrators and coordinators decide on likely duplicates',
    );
}

async function itemOf(repos: Repositories, review: ActorReview): Promise<ReviewQueueItem> {
  const record = isObject(review.record) ? review.record : {};
  const candidate = await repos.entity('actors').get(review.candidateId);
  return {
    id: review.id,
    source: review.source,
    status: review.status,
    score: review.score,
    reasons: review.reasons,
    evidence: evidenceOf(review.record, review.reasons),
    createdAt: review.createdAt,
    ...(review.decidedAt !== undefined ? { decidedAt: review.decidedAt } : {}),
    record: compared(record['fields'], record['keys']),
    candidateId: review.candidateId,
    candidate: candidate ? compared(candidate.record) : null,
  };
}

export async function listReviewQueue(
  repos: Repositories,
  principal: Principal,
  status: ReviewStatus | 'all',
): Promise<ReviewQueueItem[]> {
  requireResolver(principal);
  const reviews = await repos.reviews.list(status === 'all' ? undefined : status);
  return Promise.all(reviews.map((review) => itemOf(repos, review)));
}

export async function decideReviewAs(
  repos: Repositories,
  principal: Principal,
  reviewId: string,
  decision: 'merge' | 'keep-apart',
  now: string,
): Promise<{ review: string; decision: 'merge' | 'keep-apart'; actorId: string }> {
  requireResolver(principal);
  const { actorId } = await decideReview(repos, reviewId, decision, now);
  return { review: reviewId, decision, actorId };
}
