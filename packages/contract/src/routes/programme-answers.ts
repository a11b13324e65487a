/**
 * The answers of the programme analyses, field by field: filling a community's wheel gap, the
 * JAREC continuation analysis, the project portfolio and a project's health, the support-measure
 * navigator and the factors of the case library. The server's handlers are typed by these
 * schemas (an analysis that drifts from them does not compile) and the web reads their types.
 *
 * A statistic that may not be finite (an odds ratio at an edge, a coefficient that did not
 * converge) is sent as null: JSON has no Infinity or NaN (the services' `finiteOrNull`).
 */
import { z } from 'zod';
import { ZSupportMeasure } from '#core/entities/support-measure.ts';
import { VALUE_KINDS, ZKpi } from '#core/entities/project-management.ts';
import { INNOVATION_PATHS, SECTORS, TEAM_ROLES, WHEEL_SECTORS } from '#core/vocabulary.ts';

/** A statistic: a number, or null when it is not finite (not computable). */
const ZStatistic = z.number().nullable();
const ZText = z.object({ ja: z.string(), en: z.string() });
const ZTable2x2 = z.tuple([z.tuple([z.number(), z.number()]), z.tuple([z.number(), z.number()])]);

/** Which partition a community id refers to (the latest stored run, else computed now). */
export const ZCommunitySource = z.object({
  source: z.enum(['stored', 'computed']),
  runId: z.string().nullable(),
  computedAt: z.string(),
  resolution: z.number(),
  seed: z.number(),
  parameters: z.record(z.string(), z.unknown()),
});

/** Set when most of the data come from the demo generator: results are planted, not found. */
export const ZGeneratedDataNote = z.object({
  generated: z.literal(true),
  share: z.number(),
  ja: z.string(),
  en: z.string(),
});

// ── gap fill ────────────────────────────────────────────────────────────────────────────────

export const ZGapFillCandidate = z.object({
  id: z.string(),
  name: z.string(),
  prefectureCode: z.string(),
  sector: z.enum(WHEEL_SECTORS).optional(),
  score: z.number(),
  expertise: z.number(),
  proximity: z.number(),
  strength: z.number(),
  fieldFit: z.number(),
  nearness: z.number(),
  distanceKm: z.number().nullable(),
  introducer: z
    .object({ id: z.string(), name: z.string(), betweenness: z.number().nullable() })
    .nullable(),
  evidenceCount: z.number(),
  sharedTerms: z.array(z.string()),
  path: z.array(z.string()),
  reasons: z.array(ZText),
});

export const ZGapFill = z.object({
  community: z.object({
    id: z.string(),
    size: z.number(),
    prefectures: z.array(z.string()),
    gaps: z.array(
      z.object({ kind: z.string(), sectors: z.array(z.string()), ja: z.string(), en: z.string() }),
    ),
  }),
  communitySource: ZCommunitySource,
  sector: z.enum(WHEEL_SECTORS).nullable(),
  candidates: z.array(ZGapFillCandidate),
  introducers: z.object({
    betweenness: z.enum(['exact', 'sampled']),
    samples: z.number(),
    errorBound: z.number(),
  }),
  generatedData: ZGeneratedDataNote.nullable(),
});

// ── continuation (JAREC) ────────────────────────────────────────────────────────────────────

export const ZFactorEstimate = z.object({
  name: z.string(),
  labelJa: z.string(),
  labelEn: z.string(),
  coefficient: ZStatistic,
  standardError: ZStatistic,
  ciLow: ZStatistic,
  ciHigh: ZStatistic,
  pValue: ZStatistic,
  oddsRatio: ZStatistic,
  oddsRatioCiLow: ZStatistic,
  oddsRatioCiHigh: ZStatistic,
  unitEn: z.string(),
  supported: z.boolean(),
});

export const ZCrossTab = z.object({
  factor: z.string(),
  outcome: z.string(),
  table: ZTable2x2,
  oddsRatio: ZStatistic,
  oddsRatioCiLow: ZStatistic,
  oddsRatioCiHigh: ZStatistic,
  haldaneCorrected: z.boolean(),
  fisherP: ZStatistic,
  shareWithFactor: ZStatistic,
  shareWithoutFactor: ZStatistic,
  supported: z.boolean(),
  note: z.string(),
});

const ZKaplanMeierPoint = z.object({
  time: z.number(),
  atRisk: z.number(),
  events: z.number(),
  censored: z.number(),
  survival: ZStatistic,
  standardError: ZStatistic,
  ciLow: ZStatistic,
  ciHigh: ZStatistic,
});

export const ZSurvivalComparison = z.object({
  factor: z.string(),
  groups: z.array(
    z.object({
      label: z.string(),
      records: z.number(),
      events: z.number(),
      medianYears: ZStatistic,
      curve: z.array(ZKaplanMeierPoint),
    }),
  ),
  logRank: z
    .object({ chiSquare: ZStatistic, degreesOfFreedom: z.number(), pValue: ZStatistic })
    .nullable(),
  note: z.string(),
});

const ZExcludedRecord = z.object({ adoptionId: z.string(), reason: z.string() });

export const ZContinuation = z.object({
  records: z.number(),
  asOfFy: z.number(),
  outcome: z.object({ definition: z.string(), continued: z.number(), stopped: z.number() }),
  factors: z.array(ZFactorEstimate),
  regression: z.object({
    fitted: z.boolean(),
    method: z.enum(['maximum_likelihood', 'firth']).nullable(),
    methodNote: z.string(),
    records: z.number(),
    events: z.number(),
    droppedFactors: z.array(z.object({ name: z.string(), reason: z.string() })),
    incompleteRecords: z.array(ZExcludedRecord),
    warnings: z.array(z.string()),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
  }),
  crossTabs: z.array(ZCrossTab),
  survival: z.array(ZSurvivalComparison),
  summary: z.string(),
  summaryEn: z.string(),
  excluded: z.array(ZExcludedRecord),
  endFyUnknown: z.object({ inOutcome: z.number(), excluded: z.number() }),
  methodNotes: z.array(z.string()),
  adoptionsRead: z.number(),
});

// ── project health and portfolio ────────────────────────────────────────────────────────────

const ZTeamRole = z.enum(TEAM_ROLES);
const ZBurnStatus = z.enum(['overspending', 'underspending', 'on_track', 'not_started']);

/** A project-health alert: a stable code, typed values (for any language) and the English text. */
export const ZHealthAlert = z.discriminatedUnion('code', [
  z.object({
    code: z.literal('milestones_overdue'),
    values: z.object({ count: z.number() }),
    text: z.string(),
  }),
  z.object({
    code: z.literal('milestone_slipped'),
    values: z.object({ milestoneId: z.string(), milestone: z.string(), days: z.number() }),
    text: z.string(),
  }),
  z.object({
    code: z.literal('overspending'),
    values: z.object({ spentShare: z.number(), elapsedShare: z.number() }),
    text: z.string(),
  }),
  z.object({
    code: z.literal('underspending'),
    values: z.object({ spentShare: z.number(), elapsedShare: z.number() }),
    text: z.string(),
  }),
  z.object({
    code: z.literal('risk_rising'),
    values: z.object({ riskId: z.string(), risk: z.string(), from: z.number(), to: z.number() }),
    text: z.string(),
  }),
  z.object({
    code: z.literal('no_pdca_check'),
    values: z.object({ days: z.number() }),
    text: z.string(),
  }),
  z.object({
    code: z.literal('team_incomplete'),
    values: z.object({ missing: z.array(ZTeamRole) }),
    text: z.string(),
  }),
]);
export const HEALTH_ALERT_CODES = ZHealthAlert.options.map((option) => option.shape.code.value);

const ZPdcaEntry = z.object({
  phase: z.enum(['plan', 'do', 'check', 'act']),
  date: z.string(),
  note: z.string(),
});

export const ZProjectHealth = z.object({
  id: z.string(),
  title: z.string(),
  stage: z.string(),
  prefectureCode: z.string().nullable(),
  asOf: z.string(),
  live: z.boolean(),
  liveNote: z.string().nullable(),
  progress: z.object({
    milestones: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        plannedDate: z.string(),
        actualDate: z.string().nullable(),
        slipDays: z.number(),
        status: z.enum(['done_on_time', 'done_late', 'done_early', 'overdue', 'upcoming']),
      }),
    ),
    done: z.number(),
    overdue: z.number(),
    meanSlipDays: z.number().nullable(),
    maxSlipDays: z.number(),
  }),
  budget: z
    .object({
      budget: z.number(),
      spent: z.number(),
      spentShare: z.number(),
      elapsedShare: z.number(),
      burnRatio: z.number().nullable(),
      status: ZBurnStatus,
    })
    .nullable(),
  budgetNote: z.string().nullable(),
  risks: z.array(
    z.object({
      riskId: z.string(),
      title: z.string(),
      latestScore: z.number(),
      previousScore: z.number().nullable(),
      slopePer30Days: z.number(),
      rising: z.boolean(),
      owner: z.string().nullable(),
      mitigation: z.string().nullable(),
    }),
  ),
  risingRisks: z.number(),
  pdca: z.object({
    counts: z.object({ plan: z.number(), do: z.number(), check: z.number(), act: z.number() }),
    latest: ZPdcaEntry.nullable(),
    completedCycles: z.number(),
    daysSinceLastCheck: z.number().nullable(),
  }),
  team: z.object({
    covered: z.array(ZTeamRole),
    missing: z.array(ZTeamRole),
    coveredBy: z.object({
      university: z.array(z.string()),
      company: z.array(z.string()),
      government: z.array(z.string()),
      finance: z.array(z.string()),
    }),
    complete: z.boolean(),
    unknownMembers: z.array(z.string()),
  }),
  kpis: z.array(ZKpi),
  alerts: z.array(z.string()),
  alertDetails: z.array(ZHealthAlert),
});

export const ZPortfolioKpi = z.object({
  value: z.enum(VALUE_KINDS),
  name: z.string(),
  unit: z.string(),
  projects: z.number(),
  target: z.number(),
  actual: z.number().nullable(),
  reported: z.number(),
  missing: z.number(),
  reportedTarget: z.number(),
  attainment: z.number().nullable(),
  sdgs: z.array(z.number()),
});

export const ZPortfolio = z.object({
  scope: z.object({
    kind: z.enum(['prefecture', 'community']),
    id: z.string(),
    name: z.string(),
    /** Its English name, when it has one. */
    nameEn: z.string().optional(),
  }),
  communitySource: ZCommunitySource.nullable(),
  asOf: z.string(),
  projects: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      stage: z.string(),
      live: z.boolean(),
      overdueMilestones: z.number(),
      maxSlipDays: z.number(),
      burnStatus: ZBurnStatus.nullable(),
      risingRisks: z.number(),
      missingTeamRoles: z.array(z.string()),
      alerts: z.number(),
      alertCodes: z.array(z.enum(HEALTH_ALERT_CODES)),
    }),
  ),
  byStage: z.record(z.string(), z.number()),
  byEnd: z.object({ ended: z.number(), notEnded: z.number(), unknown: z.number() }),
  teamGaps: z.record(z.string(), z.number()),
  kpis: z.array(ZPortfolioKpi),
  sdgs: z.array(z.object({ sdg: z.number(), projects: z.number() })),
});

// ── support navigator ───────────────────────────────────────────────────────────────────────

const ZStage = z.enum(INNOVATION_PATHS);
const ZSector = z.enum(SECTORS);
const NO_VALUES = z.object({}).strict();

/** Why a criterion fits or misses: a stable code with typed values, for messages in any language. */
export const ZCriterionReason = z.discriminatedUnion('code', [
  z.object({ code: z.literal('stage_any'), values: NO_VALUES }),
  z.object({ code: z.literal('stage_targeted'), values: z.object({ stage: ZStage }) }),
  z.object({
    code: z.literal('stage_not_targeted'),
    values: z.object({ stages: z.array(ZStage), stage: ZStage }),
  }),
  z.object({ code: z.literal('region_nationwide'), values: NO_VALUES }),
  z.object({ code: z.literal('region_in'), values: z.object({ prefectureCode: z.string() }) }),
  z.object({
    code: z.literal('region_only'),
    values: z.object({ prefectureCodes: z.array(z.string()) }),
  }),
  z.object({ code: z.literal('sector_any'), values: NO_VALUES }),
  z.object({ code: z.literal('sector_ok'), values: z.object({ sector: ZSector }) }),
  z.object({
    code: z.literal('sector_only'),
    values: z.object({ sectors: z.array(ZSector), sector: ZSector }),
  }),
  z.object({ code: z.literal('field_any'), values: NO_VALUES }),
  z.object({
    code: z.literal('region_municipality_in'),
    values: z.object({ municipalityCode: z.string(), municipalityName: z.string() }),
  }),
  z.object({
    code: z.literal('region_municipality_only'),
    values: z.object({
      municipalityCodes: z.array(z.string()),
      municipalityNames: z.array(z.string()),
    }),
  }),
  z.object({
    code: z.literal('field_match'),
    values: z.object({ fields: z.array(z.string()), inferredFromText: z.boolean().optional() }),
  }),
  z.object({
    code: z.literal('field_mismatch'),
    values: z.object({
      fields: z.array(z.string()),
      wanted: z.array(z.string()),
      inferredFromText: z.boolean().optional(),
    }),
  }),
  z.object({ code: z.literal('period_not_open'), values: z.object({ opens: z.string() }) }),
  z.object({ code: z.literal('period_closed'), values: z.object({ closed: z.string() }) }),
  z.object({
    code: z.literal('period_open'),
    values: z.object({ date: z.string(), until: z.string().nullable() }),
  }),
  z.object({ code: z.literal('amount_unstated'), values: NO_VALUES }),
  z.object({
    code: z.literal('amount_covers'),
    values: z.object({ maxAmount: z.number(), needed: z.number() }),
  }),
  z.object({
    code: z.literal('amount_short'),
    values: z.object({ maxAmount: z.number(), needed: z.number() }),
  }),
  z.object({
    code: z.literal('size_fits'),
    values: z.object({
      maxAmount: z.number().nullable(),
      employees: z.number().nullable(),
      ceiling: z.number().nullable(),
    }),
  }),
  z.object({
    code: z.literal('size_out_of_scale'),
    values: z.object({
      maxAmount: z.number(),
      employees: z.number().nullable(),
      revenue: z.number().nullable(),
      ceiling: z.number(),
    }),
  }),
  z.object({
    code: z.literal('size_not_sme'),
    values: z.object({ employees: z.number().nullable(), maxEmployees: z.number() }),
  }),
]);

/** A criterion's result: its reason, whether it fits, and the reason in English and Japanese. */
export const ZCriterionResult = ZCriterionReason.and(
  z.object({
    criterion: z.enum(['stage', 'region', 'sector', 'field', 'period', 'amount', 'size']),
    ok: z.boolean(),
    reason: z.string(),
    reasonJa: z.string(),
  }),
);

export const ZSupportMeasureMatch = z.object({
  measure: ZSupportMeasure.and(
    z.object({ municipalityCodes: z.array(z.string()).readonly().optional() }),
  ),
  fits: z.boolean(),
  score: z.number(),
  reasons: z.array(ZCriterionResult),
  whyNot: z.array(ZCriterionResult),
});

export const ZSupportFit = z.object({
  subject: z.object({
    kind: z.enum(['actor', 'project']),
    id: z.string(),
    name: z.string(),
    stage: ZStage,
    sector: ZSector,
    prefectureCode: z.string(),
    municipalityCode: z.string().optional(),
    employees: z.number().optional(),
    revenue: z.number().optional(),
    flags: z.array(z.string()).readonly().optional(),
    fields: z.array(z.string()).readonly(),
    amountNeeded: z.number().optional(),
    date: z.string(),
  }),
  matches: z.array(ZSupportMeasureMatch),
  nearMisses: z.array(ZSupportMeasureMatch),
  stageReason: z.string(),
  stageReasonCode: z.enum([
    'given',
    'venture',
    'large_core_or_anchor',
    'established',
    'project_path',
    'no_path_assumed',
  ]),
  stageReasonJa: z.string(),
});

// ── case library ────────────────────────────────────────────────────────────────────────────

export const ZCaseFactors = z.object({
  successes: z.number(),
  failures: z.number(),
  mixedExcluded: z.number(),
  alpha: z.number(),
  rule: z.string(),
  factors: z.array(
    z.object({
      factor: z.string(),
      table: ZTable2x2,
      successesWith: z.number(),
      failuresWith: z.number(),
      shareInSuccesses: ZStatistic,
      shareInFailures: ZStatistic,
      oddsRatio: ZStatistic,
      oddsRatioCiLow: ZStatistic,
      oddsRatioCiHigh: ZStatistic,
      haldaneCorrected: z.boolean(),
      conditionalOddsRatio: ZStatistic,
      exactCiLow: ZStatistic,
      exactCiHigh: ZStatistic,
      fisherP: ZStatistic,
      leansTowards: z.enum(['success', 'failure', 'unclear']),
    }),
  ),
  note: z.string().nullable(),
});

export type GapFillAnswer = z.infer<typeof ZGapFill>;
export type ContinuationAnswer = z.infer<typeof ZContinuation>;
export type PortfolioAnswer = z.infer<typeof ZPortfolio>;
export type ProjectHealthAnswer = z.infer<typeof ZProjectHealth>;
export type HealthAlertAnswer = z.infer<typeof ZHealthAlert>;
export type SupportFitAnswer = z.infer<typeof ZSupportFit>;
export type CriterionResultAnswer = z.infer<typeof ZCriterionResult>;
export type CaseFactorsAnswer = z.infer<typeof ZCaseFactors>;
