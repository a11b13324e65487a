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
import {
  duplicateMilestoneIds,
  ZKpi,
  ZMilestone,
  ZPdcaEntry,
  ZRiskAssessment,
} from './project-management.ts';
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
    /** Budget spent so far in JPY (budget burn). */
    spent: ZAmount.optional(),
    /** PDCA log (plan / do / check / act). */
    pdca: z.array(ZPdcaEntry).optional(),
    milestones: z.array(ZMilestone).optional(),
    /** Risk register: one entry per assessment of a risk. */
    risks: z.array(ZRiskAssessment).optional(),
    /** KPIs on the social, industrial and economic values. */
    kpis: z.array(ZKpi).optional(),
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
    if (Array.isArray(project.milestones)) {
      for (const id of duplicateMilestoneIds(project.milestones))
        ctx.addIssue({ code: 'custom', path: ['milestones'], message: `milestone ${id} repeated` });
    }
  }, EVEN_WITH_FIELD_ERRORS);
export type Project = z.infer<typeof ZProject>;
