/**
 * Hands-on project support (伴走支援): progress from milestones (slip), budget burn against elapsed
 * time, risks rising (likelihood × impact over time) and the team-composition check (does the team
 * cover research → commercialisation: university, company, government, finance?).
 *
 * Core has no milestone, risk or PDCA entities yet; the input types below are defined here and are
 * meant to move into core (`entities/project-milestone.ts`, …) later.
 */
import { DomainError } from '#core/domain-error.ts';
import type { Actor } from '#core/entities/actor.ts';
import type { Project } from '#core/entities/project.ts';
import { TEAM_ROLES, type ProjectRole, type Sector, type TeamRole } from '#core/vocabulary.ts';

/** A project milestone (マイルストーン) with planned and, once reached, actual dates. */
export interface ProjectMilestoneInput {
  id: string;
  title: string;
  /** YYYY-MM-DD. */
  plannedDate: string;
  actualDate?: string;
}

/** One assessment of a risk (リスク) at a date: likelihood and impact on 1..5. */
export interface ProjectRiskAssessmentInput {
  riskId: string;
  title: string;
  /** YYYY-MM-DD. */
  date: string;
  likelihood: number;
  impact: number;
  owner?: string;
  mitigation?: string;
}

/** A PDCA entry (plan, do, check, act) of a project's management cycle. */
export interface ProjectPdcaEntryInput {
  phase: 'plan' | 'do' | 'check' | 'act';
  /** YYYY-MM-DD. */
  date: string;
  note: string;
}

const DAY = 86_400_000;

function dayOf(date: string, what: string): number {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(parsed) || new Date(parsed).toISOString().slice(0, 10) !== date) {
    throw new DomainError('validation_failed', `${what}: "${date}" is not a date YYYY-MM-DD`, {
      date,
    });
  }
  return parsed / DAY;
}

export interface MilestoneSlip {
  id: string;
  title: string;
  plannedDate: string;
  actualDate: string | null;
  /** Days late (negative = early); for open milestones past their date, days overdue so far. */
  slipDays: number;
  status: 'done_on_time' | 'done_late' | 'done_early' | 'overdue' | 'upcoming';
}

export interface ProgressAnalysis {
  milestones: MilestoneSlip[];
  done: number;
  overdue: number;
  /** Mean slip in days of reached milestones; null when none is reached. */
  meanSlipDays: number | null;
  maxSlipDays: number;
}

/** Slip of every milestone as of `asOf` (YYYY-MM-DD). */
export function analyseProgress(
  milestones: readonly ProjectMilestoneInput[],
  asOf: string,
): ProgressAnalysis {
  const today = dayOf(asOf, 'as-of date');
  const result = milestones.map((m): MilestoneSlip => {
    const planned = dayOf(m.plannedDate, `milestone ${m.id} planned date`);
    if (m.actualDate !== undefined) {
      const slip = dayOf(m.actualDate, `milestone ${m.id} actual date`) - planned;
      return {
        id: m.id,
        title: m.title,
        plannedDate: m.plannedDate,
        actualDate: m.actualDate,
        slipDays: slip,
        status: slip > 0 ? 'done_late' : slip < 0 ? 'done_early' : 'done_on_time',
      };
    }
    const overdue = today > planned;
    return {
      id: m.id,
      title: m.title,
      plannedDate: m.plannedDate,
      actualDate: null,
      slipDays: overdue ? today - planned : 0,
      status: overdue ? 'overdue' : 'upcoming',
    };
  });
  const reached = result.filter((m) => m.actualDate !== null);
  return {
    milestones: result,
    done: reached.length,
    overdue: result.filter((m) => m.status === 'overdue').length,
    meanSlipDays:
      reached.length > 0 ? reached.reduce((s, m) => s + m.slipDays, 0) / reached.length : null,
    maxSlipDays: result.reduce((s, m) => Math.max(s, m.slipDays), 0),
  };
}

export interface BudgetBurn {
  budget: number;
  spent: number;
  /** spent / budget. */
  spentShare: number;
  /** Elapsed share of the project period at `asOf`, 0..1. */
  elapsedShare: number;
  /** spentShare / elapsedShare; > 1 spends faster than time passes. Null before the start. */
  burnRatio: number | null;
  status: 'overspending' | 'underspending' | 'on_track' | 'not_started';
}

/**
 * Budget burn: spent share against elapsed share of the period. Overspending when spending runs
 * ahead of time by more than `tolerance` (default 0.15 of the elapsed share), underspending when it
 * lags by more.
 */
export function analyseBudgetBurn(
  input: { budget: number; spent: number; startDate: string; endDate: string; asOf: string },
  tolerance = 0.15,
): BudgetBurn {
  const { budget, spent } = input;
  if (!(budget > 0) || !Number.isFinite(budget)) {
    throw new DomainError('validation_failed', `budget must be a positive amount, got ${budget}`, {
      budget,
    });
  }
  if (!(spent >= 0) || !Number.isFinite(spent)) {
    throw new DomainError('validation_failed', `spent must be an amount ≥ 0, got ${spent}`, {
      spent,
    });
  }
  const start = dayOf(input.startDate, 'project start');
  const end = dayOf(input.endDate, 'project end');
  if (end <= start) {
    throw new DomainError(
      'validation_failed',
      `project end ${input.endDate} is not after its start ${input.startDate}`,
      { startDate: input.startDate, endDate: input.endDate },
    );
  }
  const today = dayOf(input.asOf, 'as-of date');
  const elapsedShare = Math.max(0, Math.min(1, (today - start) / (end - start)));
  const spentShare = spent / budget;
  if (elapsedShare === 0) {
    return {
      budget,
      spent,
      spentShare,
      elapsedShare,
      burnRatio: null,
      status: spent > 0 ? 'overspending' : 'not_started',
    };
  }
  const burnRatio = spentShare / elapsedShare;
  const status =
    spentShare > elapsedShare * (1 + tolerance)
      ? 'overspending'
      : spentShare < elapsedShare * (1 - tolerance)
        ? 'underspending'
        : 'on_track';
  return { budget, spent, spentShare, elapsedShare, burnRatio, status };
}

export interface RiskTrend {
  riskId: string;
  title: string;
  /** Likelihood × impact at the latest assessment (1..25). */
  latestScore: number;
  previousScore: number | null;
  /** Least-squares slope of the score per 30 days; 0 with one assessment. */
  slopePer30Days: number;
  rising: boolean;
  owner: string | null;
  mitigation: string | null;
}

/** Risks with their score trend, highest latest score first; rising = latest above previous. */
export function analyseRisks(assessments: readonly ProjectRiskAssessmentInput[]): RiskTrend[] {
  const byRisk = new Map<string, ProjectRiskAssessmentInput[]>();
  for (const a of assessments) {
    for (const [name, value] of [
      ['likelihood', a.likelihood],
      ['impact', a.impact],
    ] as const) {
      if (!Number.isInteger(value) || value < 1 || value > 5) {
        throw new DomainError(
          'validation_failed',
          `risk ${a.riskId} on ${a.date}: ${name} must be a whole number 1..5, got ${value}`,
          { riskId: a.riskId, [name]: value },
        );
      }
    }
    dayOf(a.date, `risk ${a.riskId} assessment date`);
    byRisk.set(a.riskId, [...(byRisk.get(a.riskId) ?? []), a]);
  }
  const trends = [...byRisk.entries()].map(([riskId, list]): RiskTrend => {
    const sorted = [...list].sort((x, y) => x.date.localeCompare(y.date));
    const points = sorted.map((a) => ({
      t: dayOf(a.date, 'risk date') / 30,
      s: a.likelihood * a.impact,
    }));
    const latest = sorted[sorted.length - 1];
    const latestScore = points[points.length - 1]?.s ?? 0;
    const previousScore = points.length > 1 ? (points[points.length - 2]?.s ?? null) : null;
    let slope = 0;
    if (points.length > 1) {
      const meanT = points.reduce((s, p) => s + p.t, 0) / points.length;
      const meanS = points.reduce((s, p) => s + p.s, 0) / points.length;
      const sxx = points.reduce((s, p) => s + (p.t - meanT) ** 2, 0);
      slope = sxx > 0 ? points.reduce((s, p) => s + (p.t - meanT) * (p.s - meanS), 0) / sxx : 0;
    }
    return {
      riskId,
      title: latest?.title ?? riskId,
      latestScore,
      previousScore,
      slopePer30Days: slope,
      rising: previousScore !== null && latestScore > previousScore,
      owner: latest?.owner ?? null,
      mitigation: latest?.mitigation ?? null,
    };
  });
  return trends.sort((a, b) => b.latestScore - a.latestScore || a.riskId.localeCompare(b.riskId));
}

export { TEAM_ROLES, type TeamRole };

export const TEAM_ROLE_LABELS_JA: Record<TeamRole, string> = {
  university: '大学・研究機関（研究）',
  company: '企業（事業化）',
  government: '行政（自治体・国）',
  finance: '金融（銀行・VC）',
};

const TEAM_ROLE_OF_SECTOR: Partial<Record<Sector, TeamRole>> = {
  university: 'university',
  public_research: 'university',
  national_lab: 'university',
  company: 'company',
  prefecture: 'government',
  municipality: 'government',
  national_government: 'government',
  financial: 'finance',
};

const TEAM_ROLE_OF_MEMBER_ROLE: Partial<Record<ProjectRole, TeamRole>> = {
  researcher: 'university',
  company: 'company',
  government: 'government',
  finance: 'finance',
};

export interface TeamComposition {
  covered: TeamRole[];
  missing: TeamRole[];
  /** Per role, the members that cover it. */
  coveredBy: Record<TeamRole, string[]>;
  complete: boolean;
  /** Members whose actor record is missing. */
  unknownMembers: string[];
}

/** Which of university, company, government and finance the team covers, by sector or role. */
export function checkTeamComposition(
  project: Pick<Project, 'members'>,
  actors: readonly Actor[],
): TeamComposition {
  const byId = new Map(actors.map((a) => [a.id, a]));
  const coveredBy: Record<TeamRole, string[]> = {
    university: [],
    company: [],
    government: [],
    finance: [],
  };
  const unknownMembers: string[] = [];
  for (const member of project.members) {
    const actor = byId.get(member.actorId);
    if (!actor) unknownMembers.push(member.actorId);
    const roles = new Set<TeamRole>();
    const bySector = actor ? TEAM_ROLE_OF_SECTOR[actor.sector] : undefined;
    if (bySector) roles.add(bySector);
    if (actor?.flags.includes('bank') || actor?.flags.includes('vc')) roles.add('finance');
    const byRole = TEAM_ROLE_OF_MEMBER_ROLE[member.role];
    if (byRole) roles.add(byRole);
    for (const role of roles) coveredBy[role].push(member.actorId);
  }
  const covered = TEAM_ROLES.filter((r) => coveredBy[r].length > 0);
  const missing = TEAM_ROLES.filter((r) => coveredBy[r].length === 0);
  return { covered, missing, coveredBy, complete: missing.length === 0, unknownMembers };
}

export interface PdcaStatus {
  /** Count per phase. */
  counts: Record<ProjectPdcaEntryInput['phase'], number>;
  /** Latest entry, or null. */
  latest: ProjectPdcaEntryInput | null;
  /** Complete plan→do→check→act cycles in date order. */
  completedCycles: number;
  /** Days since the last "check" entry; null when there was none. */
  daysSinceLastCheck: number | null;
}

/** Summary of a project's PDCA log as of `asOf`. */
export function summarisePdca(entries: readonly ProjectPdcaEntryInput[], asOf: string): PdcaStatus {
  const today = dayOf(asOf, 'as-of date');
  const sorted = [...entries].sort((a, b) => a.date.localeCompare(b.date));
  const counts = { plan: 0, do: 0, check: 0, act: 0 };
  const order = ['plan', 'do', 'check', 'act'] as const;
  let next = 0;
  let completedCycles = 0;
  let lastCheck: number | null = null;
  for (const e of sorted) {
    const day = dayOf(e.date, `PDCA ${e.phase} entry`);
    counts[e.phase] += 1;
    if (e.phase === 'check') lastCheck = day;
    if (e.phase === order[next]) {
      next += 1;
      if (next === order.length) {
        completedCycles += 1;
        next = 0;
      }
    }
  }
  return {
    counts,
    latest: sorted[sorted.length - 1] ?? null,
    completedCycles,
    daysSinceLastCheck: lastCheck === null ? null : today - lastCheck,
  };
}
