import { z } from 'zod';
import {
  EVEN_WITH_FIELD_ERRORS,
  ZAmount,
  ZCount,
  ZExternalId,
  ZFiscalYear,
  ZPrefectureCode,
  ZProvenance,
} from '../fields.ts';
import { CONTINUATION_STATUSES, GRADES } from '../vocabulary.ts';

/** Words sources use for a grade that was not published: read as unknown (absent). */
const UNKNOWN_GRADE_WORDS = new Set([
  'unknown',
  '不明',
  '未公表',
  '非公表',
  '-',
  '－',
  '―',
  '—',
  'ー',
]);

/** An evaluation grade S/A/B/C, or unknown (absent, also when the source writes 不明, 未公表, -). */
const ZGradeOrUnknown = z.preprocess(
  (value) =>
    typeof value === 'string' && UNKNOWN_GRADE_WORDS.has(value.trim().toLowerCase())
      ? undefined
      : value,
  z.enum(GRADES).optional(),
);

export const ZResearchTheme = z.object({
  title: z.string().min(1).max(500),
  leadResearcher: z.string().max(200).optional(),
  affiliation: z.string().max(300).optional(),
  position: z.string().max(200).optional(),
});
export type ResearchTheme = z.infer<typeof ZResearchTheme>;

/**
 * A region's adoption (採択) under a programme, with every field the JAREC continuation survey collected.
 */
export const ZAdoption = z
  .object({
    id: ZExternalId,
    programmeId: ZExternalId,
    regionName: z.string().trim().min(1, 'must not be empty').max(300),
    prefectureCodes: z.array(ZPrefectureCode).min(1, 'at least one prefecture'),
    theme: z.string().max(1000).optional(),
    coreInstitution: z.string().max(300).optional(),
    coreInstitutionId: ZExternalId.optional(),
    startFy: ZFiscalYear,
    /** Last fiscal year; absent when not published (kept unknown, never guessed). */
    endFy: ZFiscalYear.optional(),
    /** Total budget in JPY. */
    budget: ZAmount.optional(),
    interimGrade: ZGradeOrUnknown,
    finalGrade: ZGradeOrUnknown,
    universities: z.array(z.string().min(1).max(300)).default([]),
    pdName: z.string().max(200).optional(),
    pdCareer: z.string().max(1000).optional(),
    researchThemes: z.array(ZResearchTheme).default([]),
    participatingOrgs: ZCount.optional(),
    participatingCompanies: ZCount.optional(),
    /** Name or id of the programme that followed, when there was one. */
    successorProgram: z.string().max(300).optional(),
    continuation: z.enum(CONTINUATION_STATUSES).default('unknown'),
    /** Last fiscal year in which activity was observed (for survival after the end). */
    lastActiveFy: ZFiscalYear.optional(),
  })
  .extend(ZProvenance.shape)
  .superRefine((adoption, ctx) => {
    if (adoption.endFy !== undefined && adoption.endFy < adoption.startFy) {
      ctx.addIssue({
        code: 'custom',
        path: ['endFy'],
        message: `end FY ${adoption.endFy} is before start FY ${adoption.startFy}`,
      });
    }
    if (adoption.lastActiveFy !== undefined && adoption.lastActiveFy < adoption.startFy) {
      ctx.addIssue({
        code: 'custom',
        path: ['lastActiveFy'],
        message: 'last active FY is before the start',
      });
    }
  }, EVEN_WITH_FIELD_ERRORS);
export type Adoption = z.infer<typeof ZAdoption>;

/** Duration in fiscal years, both ends included; null when the end year is unknown. */
export function adoptionDurationYears(
  adoption: Pick<Adoption, 'startFy' | 'endFy'>,
): number | null {
  return adoption.endFy === undefined ? null : adoption.endFy - adoption.startFy + 1;
}

/**
 * A named successor programme means the activity went on under it: an adoption that names one and
 * states no outcome counts as "successor" rather than "unknown".
 */
export function withSuccessorOutcome<
  T extends { successorProgram?: unknown; continuation?: unknown },
>(adoption: T): T {
  const named =
    typeof adoption.successorProgram === 'string' && adoption.successorProgram.trim() !== '';
  if (!named || (adoption.continuation !== undefined && adoption.continuation !== 'unknown')) {
    return adoption;
  }
  return { ...adoption, continuation: 'successor' };
}
