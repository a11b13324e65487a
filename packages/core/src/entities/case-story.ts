import { z } from 'zod';
import { ZExternalId, ZPrefectureCode, ZProvenance, ZYear } from '../fields.ts';
import { CASE_OUTCOMES } from '../vocabulary.ts';

/** A success or failure case with the factors behind it (METI: cases made visible). */
export const ZCaseStory = z
  .object({
    id: ZExternalId,
    title: z.string().trim().min(1, 'must not be empty').max(500),
    outcome: z.enum(CASE_OUTCOMES),
    summary: z.string().max(20_000).optional(),
    factors: z.array(z.string().min(1).max(200)).default([]),
    lessons: z.string().max(20_000).optional(),
    actorIds: z.array(ZExternalId).default([]),
    projectIds: z.array(ZExternalId).default([]),
    programmeIds: z.array(ZExternalId).default([]),
    prefectureCodes: z.array(ZPrefectureCode).default([]),
    year: ZYear.optional(),
  })
  .extend(ZProvenance.shape);
export type CaseStory = z.infer<typeof ZCaseStory>;
