/**
 * Request and response schemas of the notification, seed-feedback, profile-confirmation and
 * next-move routes (issue 11): the server validates with them, the contract's routes and the
 * OpenAPI document are made from them.
 */
import { z } from 'zod';
import { CLOSE_OUTCOMES, CONSULTATION_STAGES, REJECTION_REASONS } from '#core/consultation.ts';
import { NOTIFICATION_KINDS, ZEmailPreferencesUpdate, ZNotification } from '#core/notifications.ts';

const ZBooleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

/** `GET /api/notifications`. */
export const ZNotificationListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().min(1).max(500).optional(),
    unread: ZBooleanFlag.optional(),
  })
  .strict();

export const ZNotificationView = ZNotification.omit({ accountId: true });

export const ZNotificationPage = z.object({
  items: z.array(ZNotificationView),
  nextCursor: z.string().nullable(),
  unread: z.number().int().min(0),
});

export const ZUnreadCount = z.object({ unread: z.number().int().min(0) });

export const ZReadAllResult = z.object({ marked: z.number().int().min(0) });

/** Which notification kinds the account gets by e-mail (the inbox always gets all). */
export const ZNotificationPreferences = z.object({
  email: z.record(z.enum(NOTIFICATION_KINDS), z.boolean()),
});

/** `PUT /api/notification-preferences`: the kinds to change (others keep their setting). */
export const ZNotificationPreferencesBody = z.object({ email: ZEmailPreferencesUpdate }).strict();

/** `GET /api/seeds/{id}/proposals`: where a seed was proposed, judged and why. */
export const ZSeedProposal = z.object({
  consultationId: z.string(),
  stage: z.enum(CONSULTATION_STAGES),
  outcome: z.enum(CLOSE_OUTCOMES).optional(),
  proposedAt: z.string(),
  judgement: z
    .object({
      decision: z.enum(['chosen', 'rejected']),
      reason: z.enum(REJECTION_REASONS).optional(),
      reasonJa: z.string().optional(),
      note: z.string().optional(),
      at: z.string(),
    })
    .nullable(),
  need: z.union([
    z.object({
      visible: z.literal(true),
      id: z.string(),
      title: z.string(),
      confidentiality: z.string(),
    }),
    z.object({
      visible: z.literal(false),
      confidentiality: z.string(),
      digest: z.object({ digestId: z.string(), title: z.string(), summary: z.string() }).optional(),
    }),
  ]),
});

export const ZSeedProposals = z.object({ seedId: z.string(), items: z.array(ZSeedProposal) });

/** `GET|POST /api/actors/{id}/confirm…`: when the profile was last confirmed. */
export const ZProfileConfirmation = z.object({
  actorId: z.string(),
  confirmedAt: z.string().nullable(),
  needsConfirmation: z.boolean(),
});

/** `GET /api/consultations/{id}/next-stages`: where a move may go. */
export const ZNextStages = z.object({
  stage: z.enum(CONSULTATION_STAGES),
  /** Forward moves (closing included); the one to offer first is `next[0]`. */
  next: z.array(z.enum(CONSULTATION_STAGES)),
  /** The stage a person may go back to with `back: true` and a reason. */
  back: z.enum(CONSULTATION_STAGES).nullable(),
});

/**
 * `GET /api/consultations/{id}/coordinator-candidates`: who may coordinate the case, those on it
 * already marked `onCase`.
 */
export const ZCoordinatorCandidates = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      displayName: z.string(),
      role: z.enum(['coordinator', 'admin']),
      onCase: z.boolean(),
    }),
  ),
});
