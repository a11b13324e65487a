/**
 * A human-resource development programme (人材育成プログラム: reskilling courses, coordinator
 * training, doctoral and entrepreneurship programmes) and its cohorts: how many enrolled and
 * completed each fiscal year, and where those who completed went — staying in the region, leaving
 * it, or not known.
 */
import { z } from 'zod';
import {
  EVEN_WITH_FIELD_ERRORS,
  ZCount,
  ZExternalId,
  ZFiscalYear,
  ZProvenance,
} from '../fields.ts';
import { STRATEGY_AREA_TYPES } from './region-strategy.ts';

export const ZTrainingCohort = z
  .object({
    fiscalYear: ZFiscalYear,
    enrolled: ZCount,
    completed: ZCount,
    /** Of those who completed: working or studying in the region afterwards. */
    stayedLocal: ZCount.default(0),
    leftRegion: ZCount.default(0),
    /** Of those who completed: destination not known. */
    unknown: ZCount.default(0),
  })
  .superRefine((cohort, ctx) => {
    if (cohort.completed > cohort.enrolled)
      ctx.addIssue({
        code: 'custom',
        path: ['completed'],
        message: `completed ${cohort.completed} exceeds enrolled ${cohort.enrolled}`,
      });
    const placed = cohort.stayedLocal + cohort.leftRegion + cohort.unknown;
    if (placed > cohort.completed)
      ctx.addIssue({
        code: 'custom',
        path: ['stayedLocal'],
        message: `destinations (${placed}) exceed those who completed (${cohort.completed})`,
      });
  }, EVEN_WITH_FIELD_ERRORS);
export type TrainingCohort = z.infer<typeof ZTrainingCohort>;

export const TRAINING_KINDS = [
  'reskilling',
  'coordinator',
  'entrepreneurship',
  'doctoral',
  'school',
  'other',
] as const;

export const ZTrainingProgramme = z
  .object({
    id: ZExternalId,
    name: z.string().trim().min(1, 'must not be empty').max(300),
    kind: z.enum(TRAINING_KINDS).default('other'),
    providerId: ZExternalId.optional(),
    /** The region whose retention is measured. */
    areaType: z.enum(STRATEGY_AREA_TYPES),
    areaCode: z.string().trim().min(1).max(100),
    cohorts: z.array(ZTrainingCohort).default([]),
  })
  .extend(ZProvenance.shape)
  .superRefine((programme, ctx) => {
    if (
      programme.areaType === 'prefecture' &&
      !/^(0[1-9]|[1-3]\d|4[0-7])$/.test(programme.areaCode)
    )
      ctx.addIssue({ code: 'custom', path: ['areaCode'], message: 'not a prefecture code 01..47' });
  }, EVEN_WITH_FIELD_ERRORS);
export type TrainingProgramme = z.infer<typeof ZTrainingProgramme>;
