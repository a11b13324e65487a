/**
 * Staged disclosure (段階的開示) of a confidential need: an anonymous digest is published, seed
 * owners express interest, the owner accepts (e.g. after an NDA) and only then that
 * organisation sees the identity and the full text. Each step is an event.
 */
import { z } from 'zod';
import { ZExternalId } from './fields.ts';

/**
 * `withdrawn`: the interest or the disclosure ended, by the interested organisation or by the
 * owner (also when the owner withdraws the digest). From then on the organisation no longer reads
 * the need; it may express interest again while a digest is published.
 */
export const DISCLOSURE_STATUSES = ['interested', 'accepted', 'declined', 'withdrawn'] as const;
export type DisclosureStatus = (typeof DISCLOSURE_STATUSES)[number];

const ZIsoTimestamp = z.iso.datetime({ offset: true });

/** The published anonymous summary: no company name, places or identifying numbers. */
export const ZNeedDigest = z.object({
  needId: ZExternalId,
  /** Public handle of the digest (does not reveal the need id). */
  digestId: z.string().min(1),
  title: z.string(),
  summary: z.string(),
  field: z.string().optional(),
  sdgs: z.array(z.number().int()),
  keywords: z.array(z.string()),
  publishedBy: z.string().min(1),
  publishedAt: ZIsoTimestamp,
  withdrawnAt: ZIsoTimestamp.optional(),
});
export type NeedDigest = z.infer<typeof ZNeedDigest>;

/** An organisation's interest in a digest and the owner's answer. */
export const ZDisclosureRequest = z.object({
  id: z.string().min(1),
  needId: ZExternalId,
  organisationId: ZExternalId,
  requestedBy: z.string().min(1),
  status: z.enum(DISCLOSURE_STATUSES),
  message: z.string().max(2000).optional(),
  createdAt: ZIsoTimestamp,
  decidedAt: ZIsoTimestamp.optional(),
  decidedBy: z.string().optional(),
  /** Reference of the agreement under which the owner disclosed (e.g. NDA number). */
  agreementRef: z.string().max(200).optional(),
});
export type DisclosureRequest = z.infer<typeof ZDisclosureRequest>;

export const DISCLOSURE_EVENT_KINDS = [
  'digest_published',
  'digest_withdrawn',
  'interest_expressed',
  'disclosure_accepted',
  'disclosure_declined',
  'full_text_viewed',
  'disclosure_withdrawn',
] as const;
export type DisclosureEventKind = (typeof DISCLOSURE_EVENT_KINDS)[number];

export const ZDisclosureEvent = z.object({
  needId: ZExternalId,
  at: ZIsoTimestamp,
  actorId: z.string().min(1),
  kind: z.enum(DISCLOSURE_EVENT_KINDS),
  organisationId: z.string().optional(),
  data: z.record(z.string(), z.unknown()),
});
export type DisclosureEvent = z.infer<typeof ZDisclosureEvent>;
