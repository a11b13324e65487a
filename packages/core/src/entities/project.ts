import { z } from 'zod';
import {
  EVEN_WITH_FIELD_ERRORS,
  endsBeforeStart,
  ZAmount,
  ZExternalId,
  ZIsoDate,
  ZPrefectureCode,
  ZProvenance,
  ZSdgs,
} from '../fields.ts';
import { APPROACHES, INNOVATION_PATHS, PROJECT_ROLES, PROJECT_STAGES } from '../vocabulary.ts';

export const ZProjectMember = z.object({ actorId: ZExternalId, role: z.enum(PROJECT_ROLES) });
export type ProjectMember = z.infer<typeof ZProjectMember>;

/** A project carried out by a team of actors, possibly under a programme adoption. */
export const ZProject = z
  .object({
    id: ZExternalId,
    title: z.string().trim().min(1, 'must not be empty').max(500),
    description: z.string().max(20_000).optional(),
    path: z.enum(INNOVATION_PATHS).optional(),
    approach: z.enum(APPROACHES).optional(),
    stage: z.enum(PROJECT_STAGES).default('planning'),
    startDate: ZIsoDate.optional(),
    endDate: ZIsoDate.optional(),
    prefectureCode: ZPrefectureCode.optional(),
    adoptionId: ZExternalId.optional(),
    members: z.array(ZProjectMember).default([]),
    sdgs: ZSdgs.default([]),
    /** Planned budget in JPY. */
    budget: ZAmount.optional(),
  })
  .extend(ZProvenance.shape)
  .superRefine((project, ctx) => {
    if (endsBeforeStart(project.startDate, project.endDate)) {
      ctx.addIssue({
        code: 'custom',
        path: ['endDate'],
        message: `end ${project.endDate} is before start ${project.startDate}`,
      });
    }
  }, EVEN_WITH_FIELD_ERRORS);
export type Project = z.infer<typeof ZProject>;
