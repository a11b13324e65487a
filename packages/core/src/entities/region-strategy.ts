/**
 * A region's strategy (地域ビジョン): a vision shared by the region's actors, KPI targets by year
 * on the three values (社会的価値・産業的価値・経済的価値) and the PDCA log kept by its core body
 * (中核機関). A region is a prefecture, an Actors-Based Community or a named consortium; measured
 * values come from indicators of the same area and metric.
 */
import { z } from 'zod';
import { EVEN_WITH_FIELD_ERRORS, ZExternalId, ZFiscalYear, ZProvenance } from '../fields.ts';
import { ZPdcaEntry, VALUE_KINDS } from './project-management.ts';

export const STRATEGY_AREA_TYPES = ['prefecture', 'community', 'consortium'] as const;
export type StrategyAreaType = (typeof STRATEGY_AREA_TYPES)[number];

/** A KPI target for one fiscal year; `metric` is the indicator it is measured by. */
export const ZKpiTarget = z.object({
  metric: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, 'metric is snake_case, the indicator it is measured by'),
  label: z.string().max(200).optional(),
  value: z.enum(VALUE_KINDS),
  year: ZFiscalYear,
  target: z.number().finite(),
  /** The value the strategy starts from, and its year (progress is judged against the line). */
  baseline: z.number().finite().optional(),
  baselineYear: ZFiscalYear.optional(),
  unit: z.string().trim().min(1, 'a KPI target needs a unit').max(50),
  /** Whether more is better (default) or less (e.g. unfilled coordinator posts). */
  direction: z.enum(['increase', 'decrease']).default('increase'),
});
export type KpiTarget = z.infer<typeof ZKpiTarget>;

export const ZRegionStrategy = z
  .object({
    id: ZExternalId,
    name: z.string().trim().min(1, 'must not be empty').max(300),
    areaType: z.enum(STRATEGY_AREA_TYPES),
    /** Prefecture code, community id (c3) or the consortium's own code. */
    areaCode: z.string().trim().min(1).max(100),
    vision: z.string().max(4000).optional(),
    coreBodyId: ZExternalId.optional(),
    startFy: ZFiscalYear.optional(),
    endFy: ZFiscalYear.optional(),
    kpiTargets: z.array(ZKpiTarget).default([]),
    pdca: z.array(ZPdcaEntry).default([]),
  })
  .extend(ZProvenance.shape)
  .superRefine((strategy, ctx) => {
    if (strategy.areaType === 'prefecture' && !/^(0[1-9]|[1-3]\d|4[0-7])$/.test(strategy.areaCode))
      ctx.addIssue({ code: 'custom', path: ['areaCode'], message: 'not a prefecture code 01..47' });
    if (strategy.areaType === 'community' && !/^c\d+$/.test(strategy.areaCode))
      ctx.addIssue({ code: 'custom', path: ['areaCode'], message: 'not a community id like c3' });
    if (
      strategy.startFy !== undefined &&
      strategy.endFy !== undefined &&
      strategy.endFy < strategy.startFy
    )
      ctx.addIssue({
        code: 'custom',
        path: ['endFy'],
        message: `end FY ${strategy.endFy} is before start FY ${strategy.startFy}`,
      });
  }, EVEN_WITH_FIELD_ERRORS);
export type RegionStrategy = z.infer<typeof ZRegionStrategy>;
