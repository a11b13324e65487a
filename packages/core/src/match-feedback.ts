/**
 * What coordinators and requesters chose and rejected (選定・不採用), fed back into ranking:
 * a rejected seed is demoted for similar needs, `wrong_field` rejections lower the weight of
 * that field pair, `too_early_stage` ones raise the stage requirement for similar needs.
 */
import { z } from 'zod';
import { REJECTION_REASONS } from './consultation.ts';
import { ZExternalId } from './fields.ts';

export const FEEDBACK_DECISIONS = ['rejected', 'chosen'] as const;
export type FeedbackDecision = (typeof FEEDBACK_DECISIONS)[number];

export const ZMatchFeedback = z
  .object({
    id: z.string().min(1),
    needId: ZExternalId,
    seedId: ZExternalId,
    decision: z.enum(FEEDBACK_DECISIONS),
    reason: z.enum(REJECTION_REASONS).optional(),
    note: z.string().max(2000).optional(),
    /** Field of the need and of the seed at the time (for field-pair learning). */
    needField: z.string().optional(),
    seedField: z.string().optional(),
    seedTrl: z.number().int().min(1).max(9).optional(),
    /** The need's index terms (its best ones), to find similar needs later. */
    needTerms: z.array(z.string()),
    consultationId: z.string().optional(),
    actorId: z.string().min(1),
    at: z.iso.datetime({ offset: true }),
  })
  .superRefine((feedback, ctx) => {
    if (feedback.decision === 'rejected' && feedback.reason === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message:
          'a rejection needs a reason: too_early_stage | benefit_unclear | route_to_market_unclear | wrong_field',
      });
    }
  });
export type MatchFeedback = z.infer<typeof ZMatchFeedback>;
