import { z } from 'zod';
import {
  EVEN_WITH_FIELD_ERRORS,
  endsBeforeStart,
  ZAmount,
  ZExternalId,
  ZIsoDate,
  ZPrefectureCode,
  ZProvenance,
} from '../fields.ts';
import { INNOVATION_PATHS, SECTORS } from '../vocabulary.ts';

/** A support measure (支援施策): grant, loan, advice, facility… with whom and what it targets. */
export const ZSupportMeasure = z
  .object({
    id: ZExternalId,
    name: z.string().trim().min(1, 'must not be empty').max(300),
    provider: z.string().min(1).max(300),
    providerId: ZExternalId.optional(),
    /** Target stages: 0→1, 1→100, 100→∞. */
    stages: z.array(z.enum(INNOVATION_PATHS)).default([]),
    /** Actor sectors eligible to apply. */
    targetSectors: z.array(z.enum(SECTORS)).default([]),
    /** Technology or industry fields; empty = any. */
    fields: z.array(z.string().min(1).max(200)).default([]),
    /** Prefectures where it applies; empty = nationwide. */
    prefectureCodes: z.array(ZPrefectureCode).default([]),
    maxAmount: ZAmount.optional(),
    startDate: ZIsoDate.optional(),
    endDate: ZIsoDate.optional(),
    eligibility: z.string().max(5000).optional(),
    url: z.url().optional(),
  })
  .extend(ZProvenance.shape)
  .superRefine((measure, ctx) => {
    if (endsBeforeStart(measure.startDate, measure.endDate)) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'end is before start' });
    }
  }, EVEN_WITH_FIELD_ERRORS);
export type SupportMeasure = z.infer<typeof ZSupportMeasure>;
