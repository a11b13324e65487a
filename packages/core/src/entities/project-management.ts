/**
 * Hands-on project management (伴走支援) kept on a project: the PDCA log, milestones with planned
 * and actual dates, the risk register (likelihood × impact, owner, mitigation; one row per
 * assessment so trends show) and KPIs on the three values with their units and SDGs.
 */
import { z } from 'zod';
import { ZIsoDate, ZSdgs } from '../fields.ts';

export const PDCA_PHASES = ['plan', 'do', 'check', 'act'] as const;

/** The three kinds of value (社会的価値・産業的価値・経済的価値) a KPI measures. */
export const VALUE_KINDS = ['social', 'industrial', 'economic'] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

export const ZPdcaEntry = z.object({
  phase: z.enum(PDCA_PHASES),
  date: ZIsoDate,
  note: z.string().trim().min(1, 'must not be empty').max(2000),
});
export type PdcaEntry = z.infer<typeof ZPdcaEntry>;

export const ZMilestone = z.object({
  id: z.string().trim().min(1).max(100),
  title: z.string().trim().min(1, 'must not be empty').max(300),
  plannedDate: ZIsoDate,
  actualDate: ZIsoDate.optional(),
});
export type Milestone = z.infer<typeof ZMilestone>;

const ZScore = z.number().int().min(1, 'scored 1..5').max(5, 'scored 1..5');

/** One assessment of a risk (リスク) at a date. */
export const ZRiskAssessment = z.object({
  riskId: z.string().trim().min(1).max(100),
  title: z.string().trim().min(1, 'must not be empty').max(300),
  date: ZIsoDate,
  likelihood: ZScore,
  impact: ZScore,
  owner: z.string().max(200).optional(),
  mitigation: z.string().max(2000).optional(),
});
export type RiskAssessment = z.infer<typeof ZRiskAssessment>;

/** A key performance indicator on one of the three values; a KPI without a unit is refused. */
export const ZKpi = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(200),
  value: z.enum(VALUE_KINDS),
  unit: z.string({ error: 'a KPI needs a unit' }).trim().min(1, 'a KPI needs a unit').max(50),
  baseline: z.number().finite().optional(),
  target: z.number().finite(),
  actual: z.number().finite().optional(),
  sdgs: ZSdgs.default([]),
});
export type Kpi = z.infer<typeof ZKpi>;

/** Milestone ids are unique within a project. */
export function duplicateMilestoneIds(milestones: readonly unknown[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const m of milestones) {
    // The check also runs when some entries failed their own schema (null, numbers…).
    if (typeof m !== 'object' || m === null || !('id' in m) || typeof m.id !== 'string') continue;
    if (seen.has(m.id)) dup.add(m.id);
    seen.add(m.id);
  }
  return [...dup];
}
