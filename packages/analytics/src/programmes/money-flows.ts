/**
 * Money and self-sustainability (地域の資金循環・自立化): where a region's or a project's money comes
 * from, year by year and by source type; how much of it hangs on one programme (largest share and the
 * Herfindahl–Hirschman index); and, for each project, the runway after its national programme ends —
 * the money recorded from other sources after the end, in years of the project's spending while
 * funded. A project near or past its end with less than a year of runway is flagged, more strongly
 * when the continuation analysis's factors (JAREC: local money during the programme, diverse
 * stakeholders, a coordinator, a final evaluation S) are against it.
 *
 * Pure: flows, projects, adoptions and actors in; no I/O.
 */
import type { Actor } from '#core/entities/actor.ts';
import type { Adoption } from '#core/entities/adoption.ts';
import type { FundingFlow } from '#core/entities/funding-flow.ts';
import type { Project } from '#core/entities/project.ts';
import { FUNDING_SOURCE_TYPES, type FundingSourceType } from '#core/vocabulary.ts';
import {
  flowAmountJpy,
  LOCAL_FUNDING_SOURCES,
  STAKEHOLDER_GROUPS,
  type ExchangeRates,
  type StakeholderGroup,
} from './adoption-measures.ts';

/** Money by fiscal year and source type (JPY). */
export interface FundingYear {
  fiscalYear: number;
  total: number;
  bySource: Partial<Record<FundingSourceType, number>>;
  /** Share of national programme money in the year (0..1); null when the year has no money. */
  nationalShare: number | null;
}

/** How much of the money comes from one programme (or one funder, for money outside programmes). */
export interface Dependency {
  /** Distinct programmes and funders the money came from. */
  sources: number;
  /** The one that gave most, its share of all money and its label. */
  largest: { key: string; share: number } | null;
  /** Herfindahl–Hirschman index of the shares, 0..1 (1: one source only; ≥ 0.25: concentrated). */
  hhi: number | null;
  concentrated: boolean | null;
}

export interface MoneySummary {
  total: number;
  flows: number;
  years: FundingYear[];
  bySource: Partial<Record<FundingSourceType, number>>;
  nationalShare: number | null;
  localShare: number | null;
  dependency: Dependency;
  /** Whether the money is enough to claim a dependency or a trend (see `MIN_FLOWS_FOR_CLAIM`). */
  sufficient: boolean;
  note: string | null;
}

export const RUNWAY_OUTLOOKS = [
  'heading_for_stop',
  'at_risk',
  'sustained',
  'national_running',
  'no_national_money',
  'ended',
  'insufficient_data',
] as const;
export type RunwayOutlook = (typeof RUNWAY_OUTLOOKS)[number];

/** A continuation factor (JAREC) read for one project: favourable, adverse or unknown. */
export interface ProjectFactor {
  name: 'local_funding_share' | 'diverse_stakeholders' | 'coordinator' | 'final_grade_s';
  favourable: boolean | null;
  detail: string;
}

export interface ProjectRunway {
  projectId: string;
  title: string;
  stage: string;
  /** The programme carrying the project's national money (adoption's programme), if known. */
  programmeId: string | null;
  /** Last fiscal year of national money: the adoption's end, else the last year with such flows. */
  nationalEndFy: number | null;
  /** Fiscal years left of national money at the observation year (negative: ended that long ago). */
  yearsLeft: number | null;
  /** Mean yearly money over the last (up to 3) funded years up to the national end (JPY). */
  annualNeed: number | null;
  /** Money from other sources recorded after the national end (JPY). */
  moneyAfterEnd: number;
  /** `moneyAfterEnd / annualNeed`; null when there is no need to divide by. */
  runwayYears: number | null;
  outlook: RunwayOutlook;
  factors: ProjectFactor[];
  adverseFactors: number;
  /** Plain reasons (English) for the outlook. */
  reasons: string[];
  money: MoneySummary;
}

/** Fewer flows than this: no claim on dependency or shares (the numbers are still shown). */
export const MIN_FLOWS_FOR_CLAIM = 3;
/** HHI from which money is called concentrated (the US merger guideline's 2,500 on a 0..1 scale). */
export const CONCENTRATED_HHI = 0.25;
/** Local share during the programme under which the factor counts against continuing. */
export const LOW_LOCAL_SHARE = 0.2;
/** National money ending within this many fiscal years counts as ending now. */
export const ENDING_WITHIN_YEARS = 1;

const isNational = (flow: FundingFlow) => flow.sourceType === 'national_programme';

/** The key a flow's money is concentrated on: its programme (through its adoption), else its funder. */
function sourceKeyOf(
  flow: FundingFlow,
  adoptionsById: ReadonlyMap<string, Adoption>,
  projectsById: ReadonlyMap<string, Project>,
): string {
  const adoptionId =
    flow.adoptionId ??
    (flow.projectId !== undefined ? projectsById.get(flow.projectId)?.adoptionId : undefined);
  const adoption = adoptionId !== undefined ? adoptionsById.get(adoptionId) : undefined;
  if (isNational(flow) && adoption) return `programme:${adoption.programmeId}`;
  if (flow.funderId !== undefined) return `funder:${flow.funderId}`;
  return `source:${flow.sourceType}`;
}

function share(part: number, total: number): number | null {
  return total > 0 ? part / total : null;
}

/** Money by year and source, shares and dependency over a set of flows. */
export function summariseMoney(
  flows: readonly FundingFlow[],
  context: {
    adoptionsById: ReadonlyMap<string, Adoption>;
    projectsById: ReadonlyMap<string, Project>;
    exchangeRates?: ExchangeRates;
  },
): MoneySummary {
  const years = new Map<number, FundingYear>();
  const bySource: Partial<Record<FundingSourceType, number>> = {};
  const byKey = new Map<string, number>();
  let total = 0;
  for (const flow of flows) {
    const amount = flowAmountJpy(flow, context.exchangeRates);
    total += amount;
    bySource[flow.sourceType] = (bySource[flow.sourceType] ?? 0) + amount;
    const year = years.get(flow.fiscalYear) ?? {
      fiscalYear: flow.fiscalYear,
      total: 0,
      bySource: {},
      nationalShare: null,
    };
    year.total += amount;
    year.bySource[flow.sourceType] = (year.bySource[flow.sourceType] ?? 0) + amount;
    years.set(flow.fiscalYear, year);
    const key = sourceKeyOf(flow, context.adoptionsById, context.projectsById);
    byKey.set(key, (byKey.get(key) ?? 0) + amount);
  }
  for (const year of years.values())
    year.nationalShare = share(year.bySource.national_programme ?? 0, year.total);
  const local = LOCAL_FUNDING_SOURCES.reduce((sum, s) => sum + (bySource[s] ?? 0), 0);
  const sufficient = flows.length >= MIN_FLOWS_FOR_CLAIM && total > 0;
  let largest: Dependency['largest'] = null;
  let hhi: number | null = null;
  if (total > 0) {
    hhi = 0;
    for (const [key, amount] of byKey) {
      const s = amount / total;
      hhi += s * s;
      if (!largest || s > largest.share || (s === largest.share && key < largest.key))
        largest = { key, share: s };
    }
  }
  return {
    total,
    flows: flows.length,
    years: [...years.values()].sort((a, b) => a.fiscalYear - b.fiscalYear),
    bySource: Object.fromEntries(
      FUNDING_SOURCE_TYPES.filter((s) => bySource[s] !== undefined).map((s) => [s, bySource[s]]),
    ),
    nationalShare: share(bySource.national_programme ?? 0, total),
    localShare: share(local, total),
    dependency: {
      sources: byKey.size,
      largest,
      hhi,
      concentrated: sufficient && hhi !== null ? hhi >= CONCENTRATED_HHI : null,
    },
    sufficient,
    note: sufficient
      ? null
      : `only ${flows.length} funding flow(s) recorded (at least ${MIN_FLOWS_FOR_CLAIM} needed to call money concentrated or diverse)`,
  };
}

const GROUP_OF_SECTOR: Partial<Record<string, StakeholderGroup>> = {
  university: 'university',
  public_research: 'public_research',
  national_lab: 'public_research',
  company: 'company',
  prefecture: 'local_government',
  municipality: 'local_government',
  support_org: 'support_org',
  financial: 'finance',
};

/** The continuation factors (JAREC) as they read for one project. */
export function projectFactors(
  project: Project,
  flowsDuring: readonly FundingFlow[],
  adoption: Adoption | undefined,
  actorsById: ReadonlyMap<string, Actor>,
  exchangeRates?: ExchangeRates,
): ProjectFactor[] {
  const during = flowsDuring.reduce((s, f) => s + flowAmountJpy(f, exchangeRates), 0);
  const local = flowsDuring
    .filter((f) => LOCAL_FUNDING_SOURCES.includes(f.sourceType))
    .reduce((s, f) => s + flowAmountJpy(f, exchangeRates), 0);
  const localShare = share(local, during);
  const groups = new Set<StakeholderGroup>();
  for (const member of project.members) {
    const actor = actorsById.get(member.actorId);
    const group = actor ? GROUP_OF_SECTOR[actor.sector] : undefined;
    if (group) groups.add(group);
  }
  const others = STAKEHOLDER_GROUPS.filter(
    (g) => g !== 'university' && g !== 'company' && groups.has(g),
  ).length;
  const linked = project.members.some((m) => actorsById.has(m.actorId));
  const coordinator = project.members.some((m) => m.role === 'coordinator');
  const finalGrade = adoption?.finalGrade;
  return [
    {
      name: 'local_funding_share',
      favourable: localShare === null ? null : localShare >= LOW_LOCAL_SHARE,
      detail:
        localShare === null
          ? 'no money recorded during the programme'
          : `local money ${(localShare * 100).toFixed(0)}% during the programme (adverse under ${LOW_LOCAL_SHARE * 100}%)`,
    },
    {
      name: 'diverse_stakeholders',
      favourable: linked ? groups.has('company') && others >= 2 : null,
      detail: linked
        ? `sectors in the team: ${[...groups].sort().join(', ') || 'none'} (diverse: a company and 2 other non-university sectors)`
        : 'no team member is a known actor',
    },
    {
      name: 'coordinator',
      favourable: project.members.length > 0 ? coordinator : null,
      detail: coordinator ? 'a coordinator is in the team' : 'no coordinator in the team',
    },
    {
      name: 'final_grade_s',
      favourable: finalGrade === undefined ? null : finalGrade === 'S',
      detail:
        finalGrade === undefined
          ? 'no final evaluation recorded'
          : `final evaluation ${finalGrade} (S tends to lead to a successor programme)`,
    },
  ];
}

/**
 * A project's runway after its national programme: national end, yearly need, money after the
 * end, and the outlook with its reasons.
 */
export function projectRunway(
  project: Project,
  flows: readonly FundingFlow[],
  context: {
    asOfFy: number;
    adoptionsById: ReadonlyMap<string, Adoption>;
    projectsById: ReadonlyMap<string, Project>;
    actorsById: ReadonlyMap<string, Actor>;
    exchangeRates?: ExchangeRates;
  },
): ProjectRunway {
  const rates = context.exchangeRates;
  const money = summariseMoney(flows, context);
  const adoption =
    project.adoptionId !== undefined ? context.adoptionsById.get(project.adoptionId) : undefined;
  const national = flows.filter(isNational);
  const lastNationalFy =
    national.length > 0 ? Math.max(...national.map((f) => f.fiscalYear)) : null;
  const nationalEndFy = adoption?.endFy ?? lastNationalFy;
  const base = {
    projectId: project.id,
    title: project.title,
    stage: project.stage,
    programmeId: adoption?.programmeId ?? null,
    money,
  };
  if (nationalEndFy === null)
    return {
      ...base,
      nationalEndFy: null,
      yearsLeft: null,
      annualNeed: null,
      moneyAfterEnd: 0,
      runwayYears: null,
      outlook: flows.length === 0 ? 'insufficient_data' : 'no_national_money',
      factors: [],
      adverseFactors: 0,
      reasons: [
        flows.length === 0
          ? 'no funding recorded for this project'
          : 'no national programme money: nothing to run out',
      ],
    };
  const startFy = adoption?.startFy ?? Math.min(...flows.map((f) => f.fiscalYear));
  const during = flows.filter((f) => f.fiscalYear >= startFy && f.fiscalYear <= nationalEndFy);
  const perYear = new Map<number, number>();
  for (const f of during)
    perYear.set(f.fiscalYear, (perYear.get(f.fiscalYear) ?? 0) + flowAmountJpy(f, rates));
  const lastYears = [...perYear.keys()].sort((a, b) => b - a).slice(0, 3);
  const annualNeed =
    lastYears.length > 0
      ? lastYears.reduce((s, y) => s + (perYear.get(y) ?? 0), 0) / lastYears.length
      : null;
  const moneyAfterEnd = flows
    .filter((f) => f.fiscalYear > nationalEndFy && !isNational(f))
    .reduce((s, f) => s + flowAmountJpy(f, rates), 0);
  const runwayYears = annualNeed !== null && annualNeed > 0 ? moneyAfterEnd / annualNeed : null;
  const yearsLeft = nationalEndFy - context.asOfFy;
  const factors = projectFactors(project, during, adoption, context.actorsById, rates);
  const adverseFactors = factors.filter((f) => f.favourable === false).length;
  const reasons: string[] = [];
  let outlook: RunwayOutlook;
  if (runwayYears === null) {
    outlook = 'insufficient_data';
    reasons.push('no money recorded during the programme years: the yearly need is unknown');
  } else if (project.stage === 'stopped' || project.stage === 'completed') {
    outlook = 'ended';
    reasons.push(`project is ${project.stage}: no forecast`);
  } else if (yearsLeft > ENDING_WITHIN_YEARS) {
    outlook = 'national_running';
    reasons.push(`national money runs ${yearsLeft} more fiscal year(s) (to FY${nationalEndFy})`);
  } else if (runwayYears >= 1) {
    outlook = 'sustained';
    reasons.push(
      `${runwayYears.toFixed(1)} year(s) of other money recorded after FY${nationalEndFy}`,
    );
  } else {
    outlook = adverseFactors >= 2 ? 'heading_for_stop' : 'at_risk';
    reasons.push(
      `${runwayYears.toFixed(1)} year(s) of other money after FY${nationalEndFy} (under 1 year)`,
    );
    for (const f of factors) if (f.favourable === false) reasons.push(f.detail);
  }
  return {
    ...base,
    nationalEndFy,
    yearsLeft,
    annualNeed,
    moneyAfterEnd,
    runwayYears,
    outlook,
    factors,
    adverseFactors,
    reasons,
  };
}
