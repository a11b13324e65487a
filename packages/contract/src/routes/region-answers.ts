/**
 * The answers of the region analyses, field by field: a region strategy's progress against its KPI
 * targets, the region's money and runway after national programmes, and its people (training
 * programmes' retention, coordinator turnover). A number that cannot be computed is null.
 */
import { z } from 'zod';
import { VALUE_KINDS, ZPdcaEntry } from '#core/entities/project-management.ts';
import { STRATEGY_AREA_TYPES } from '#core/entities/region-strategy.ts';
import { FUNDING_SOURCE_TYPES } from '#core/vocabulary.ts';
import { ZCommunitySource } from './programme-answers.ts';

/** The area an answer is about: a prefecture, a community or a named consortium. */
export const ZRegionArea = z.object({
  areaType: z.enum(STRATEGY_AREA_TYPES),
  areaCode: z.string(),
  name: z.string(),
  /** Its English name, when it has one (a prefecture's, a community's). */
  nameEn: z.string().optional(),
});

// ── money ───────────────────────────────────────────────────────────────────────────────────

const ZBySource = z.partialRecord(z.enum(FUNDING_SOURCE_TYPES), z.number());

export const ZMoneySummary = z.object({
  total: z.number(),
  flows: z.number(),
  years: z.array(
    z.object({
      fiscalYear: z.number(),
      total: z.number(),
      bySource: ZBySource,
      nationalShare: z.number().nullable(),
    }),
  ),
  bySource: ZBySource,
  nationalShare: z.number().nullable(),
  localShare: z.number().nullable(),
  dependency: z.object({
    sources: z.number(),
    largest: z.object({ key: z.string(), share: z.number() }).nullable(),
    hhi: z.number().nullable(),
    concentrated: z.boolean().nullable(),
  }),
  sufficient: z.boolean(),
  note: z.string().nullable(),
});

export const RUNWAY_OUTLOOK_NAMES = [
  'heading_for_stop',
  'at_risk',
  'sustained',
  'national_running',
  'no_national_money',
  'ended',
  'insufficient_data',
] as const;

export const ZProjectRunway = z.object({
  projectId: z.string(),
  title: z.string(),
  stage: z.string(),
  programmeId: z.string().nullable(),
  nationalEndFy: z.number().nullable(),
  yearsLeft: z.number().nullable(),
  annualNeed: z.number().nullable(),
  moneyAfterEnd: z.number(),
  runwayYears: z.number().nullable(),
  outlook: z.enum(RUNWAY_OUTLOOK_NAMES),
  factors: z.array(
    z.object({
      name: z.enum(['local_funding_share', 'diverse_stakeholders', 'coordinator', 'final_grade_s']),
      favourable: z.boolean().nullable(),
      detail: z.string(),
    }),
  ),
  adverseFactors: z.number(),
  reasons: z.array(z.string()),
  money: ZMoneySummary,
});

const MONEY_ORIGIN_NAMES = ['region', 'national', 'rest_of_japan', 'abroad', 'unknown'] as const;

/** Where the region's money comes from and whether its own funders' money stays (地域の資金循環). */
export const ZMoneyCirculation = z.object({
  received: z.array(
    z.object({
      origin: z.enum(MONEY_ORIGIN_NAMES),
      amount: z.number(),
      flows: z.number(),
      share: z.number().nullable(),
    }),
  ),
  selfFundedShare: z.number().nullable(),
  given: z.object({
    total: z.number(),
    kept: z.number(),
    paidOut: z.number(),
    unknown: z.number(),
    flows: z.number(),
  }),
  retentionShare: z.number().nullable(),
  destinations: z.array(z.object({ place: z.string(), amount: z.number(), flows: z.number() })),
  sufficient: z.object({ received: z.boolean(), given: z.boolean() }),
  notes: z.array(z.string()),
});
export type MoneyCirculationAnswer = z.infer<typeof ZMoneyCirculation>;

export const ZMoney = z.object({
  scope: z.object({
    kind: z.enum(['prefecture', 'community', 'consortium']),
    /** Prefecture code, community id, or the consortium's code (the id of its actor). */
    id: z.string(),
    name: z.string(),
    /** Its English name, when it has one (a prefecture's, a community's, a consortium body's). */
    nameEn: z.string().optional(),
    /** Where the region lies (a community's or a consortium's: its members' prefectures). */
    prefectureCodes: z.array(z.string()),
    /** Actors in the region (a consortium's: its members and the body). */
    members: z.number(),
  }),
  sourceNames: z.record(z.string(), z.string()),
  /** English names of the same keys, for the programmes and funders that have one. */
  sourceNamesEn: z.record(z.string(), z.string()).optional(),
  communitySource: ZCommunitySource.nullable(),
  asOfFy: z.number(),
  region: ZMoneySummary,
  circulation: ZMoneyCirculation,
  projects: z.array(ZProjectRunway),
  outlooks: z.partialRecord(z.enum(RUNWAY_OUTLOOK_NAMES), z.number()),
  method: z.string(),
});

// ── region strategy ─────────────────────────────────────────────────────────────────────────

const TARGET_STATUS_NAMES = ['on_track', 'behind', 'no_data'] as const;
const ZValueKind = z.enum(VALUE_KINDS);
const ZStatusCounts = z.object({ on_track: z.number(), behind: z.number(), no_data: z.number() });

export const ZStrategyTarget = z.object({
  metric: z.string(),
  label: z.string().nullable(),
  value: ZValueKind,
  year: z.number(),
  unit: z.string(),
  direction: z.enum(['increase', 'decrease']),
  target: z.number(),
  baseline: z.number().nullable(),
  baselineYear: z.number().nullable(),
  actual: z.number().nullable(),
  actualYear: z.number().nullable(),
  expected: z.number().nullable(),
  attainment: z.number().nullable(),
  status: z.enum(TARGET_STATUS_NAMES),
  basis: z.string(),
});

export const ZStrategyReport = z.object({
  id: z.string(),
  name: z.string(),
  areaType: z.enum(STRATEGY_AREA_TYPES),
  areaCode: z.string(),
  vision: z.string().nullable(),
  coreBodyId: z.string().nullable(),
  startFy: z.number().nullable(),
  endFy: z.number().nullable(),
  pdca: z.array(ZPdcaEntry),
  lastCheck: z.string().nullable(),
  daysSinceCheck: z.number().nullable(),
  targets: z.array(ZStrategyTarget),
  timelines: z.array(
    z.object({
      metric: z.string(),
      value: ZValueKind,
      unit: z.string(),
      points: z.array(
        z.object({
          year: z.number(),
          actual: z.number().nullable(),
          target: z.number().nullable(),
        }),
      ),
    }),
  ),
  summary: z.object({
    byValue: z.object({
      social: ZStatusCounts,
      industrial: ZStatusCounts,
      economic: ZStatusCounts,
    }),
    valuesWithoutTargets: z.array(ZValueKind),
  }),
});

export const ZRegionStrategy = z.object({
  area: ZRegionArea,
  asOfFy: z.number(),
  strategies: z.array(ZStrategyReport),
  method: z.string(),
  note: z.string().nullable(),
});

// ── people ──────────────────────────────────────────────────────────────────────────────────

export const ZRateEstimate = z.object({
  count: z.number(),
  n: z.number(),
  rate: z.number().nullable(),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  claim: z.boolean(),
  note: z.string().nullable(),
});

const ZRetention = ZRateEstimate.extend({
  unknown: z.number(),
  worstCase: z.number().nullable(),
  bestCase: z.number().nullable(),
});

const ZCohortTotals = z.object({
  enrolled: z.number(),
  completed: z.number(),
  stayedLocal: z.number(),
  leftRegion: z.number(),
  unknown: z.number(),
});

export const ZPeople = z.object({
  area: ZRegionArea,
  programmes: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.string(),
      totals: ZCohortTotals,
      completionRate: z.number().nullable(),
      retention: ZRetention,
      years: z.array(
        ZCohortTotals.extend({ fiscalYear: z.number(), retention: z.number().nullable() }),
      ),
    }),
  ),
  retention: ZRetention.extend({
    totals: ZCohortTotals,
  }),
  coordinators: z.object({
    years: z.array(
      z.object({
        fiscalYear: z.number(),
        staff: z.number().nullable(),
        departures: z.number().nullable(),
        turnover: z.number().nullable(),
      }),
    ),
    turnover: ZRateEstimate,
    latestStaff: z.number().nullable(),
  }),
  method: z.string(),
  note: z.string().nullable(),
});

export type MoneyAnswer = z.infer<typeof ZMoney>;
export type RegionStrategyAnswer = z.infer<typeof ZRegionStrategy>;
export type StrategyTargetAnswer = z.infer<typeof ZStrategyTarget>;
export type PeopleAnswer = z.infer<typeof ZPeople>;
export type RateEstimateAnswer = z.infer<typeof ZRateEstimate>;
