/**
 * Project health (伴走支援: slip, budget burn, rising risks, PDCA, team composition) for one project,
 * and the portfolio of a prefecture or an Actors-Based Community: every project's health in one
 * line and its KPIs summed per value (social / industrial / economic) and unit, with SDGs.
 */
import {
  analyseBudgetBurn,
  analyseProgress,
  analyseRisks,
  checkTeamComposition,
  summarisePdca,
  type BudgetBurn,
  type PdcaStatus,
  type ProgressAnalysis,
  type RiskTrend,
  type TeamComposition,
  type TeamRole,
} from '#analytics/programmes/project-health.ts';
import { DomainError, isDomainError } from '#core/domain-error.ts';
import { ZActor, type Actor } from '#core/entities/actor.ts';
import { ZProject, type Project } from '#core/entities/project.ts';
import type { ValueKind } from '#core/entities/project-management.ts';
import { findPrefecture } from '#core/geo.ts';
import type { Clock, Repositories } from '#core/ports.ts';
import {
  sharedCommunities,
  unknownCommunityMessage,
  type CommunitySource,
} from '../analysis/current-communities.ts';
import { communityNames } from '../analysis/community-names.ts';
import { loadNetwork } from '../analysis/load-network.ts';

export interface ProjectHealth {
  id: string;
  title: string;
  stage: string;
  prefectureCode: string | null;
  asOf: string;
  /**
   * Whether the project is running at `asOf`: not completed or stopped, and not past its end date.
   * Only live projects raise alerts; a finished project's slips and risks are history, not news.
   */
  live: boolean;
  /** Why the project is not live (stage or end date); null when it is. */
  liveNote: string | null;
  progress: ProgressAnalysis;
  budget: BudgetBurn | null;
  /** Why there is no budget burn (no budget, spend or period). */
  budgetNote: string | null;
  risks: RiskTrend[];
  risingRisks: number;
  pdca: PdcaStatus;
  team: TeamComposition;
  kpis: NonNullable<Project['kpis']>;
  /** Plain flags for the coordinator: what needs attention now (English sentences). */
  alerts: string[];
  /** The same alerts in the same order, each with a stable code and typed values. */
  alertDetails: HealthAlert[];
}

/**
 * A project-health alert: a stable `code` with typed `values` (for messages in any language) and
 * the English `text` that `alerts` also carries.
 */
export type HealthAlert =
  | { code: 'milestones_overdue'; values: { count: number }; text: string }
  | {
      code: 'milestone_slipped';
      /** The milestone that slipped most, and by how many days. */
      values: { milestoneId: string; milestone: string; days: number };
      text: string;
    }
  | { code: 'overspending'; values: { spentShare: number; elapsedShare: number }; text: string }
  | { code: 'underspending'; values: { spentShare: number; elapsedShare: number }; text: string }
  | {
      code: 'risk_rising';
      values: { riskId: string; risk: string; from: number; to: number };
      text: string;
    }
  | { code: 'no_pdca_check'; values: { days: number }; text: string }
  | { code: 'team_incomplete'; values: { missing: TeamRole[] }; text: string };

export type HealthAlertCode = HealthAlert['code'];

/** Whether a project runs at `asOf` (YYYY-MM-DD), and if not, why. */
export function projectLiveness(
  project: Pick<Project, 'stage' | 'endDate'>,
  asOf: string,
): { live: boolean; note: string | null } {
  if (project.stage === 'completed' || project.stage === 'stopped')
    return { live: false, note: `stage is ${project.stage}` };
  if (project.endDate !== undefined && project.endDate < asOf)
    return {
      live: false,
      note: `ended on ${project.endDate} (stage still ${project.stage}: close it or record an extension)`,
    };
  return { live: true, note: null };
}

/** The alerts of a project's health, in a fixed order. */
export function healthAlerts(
  stage: string,
  progress: ProgressAnalysis,
  budget: BudgetBurn | null,
  risks: readonly RiskTrend[],
  pdca: PdcaStatus,
  team: TeamComposition,
): HealthAlert[] {
  const alerts: HealthAlert[] = [];
  if (progress.overdue > 0)
    alerts.push({
      code: 'milestones_overdue',
      values: { count: progress.overdue },
      text: `${progress.overdue} milestone(s) overdue`,
    });
  if (progress.maxSlipDays > 60) {
    const worst = progress.milestones.find((m) => m.slipDays === progress.maxSlipDays);
    alerts.push({
      code: 'milestone_slipped',
      values: {
        milestoneId: worst?.id ?? '',
        milestone: worst?.title ?? '',
        days: progress.maxSlipDays,
      },
      text: `a milestone slipped ${progress.maxSlipDays} days`,
    });
  }
  if (budget?.status === 'overspending' || budget?.status === 'underspending')
    alerts.push({
      code: budget.status,
      values: { spentShare: budget.spentShare, elapsedShare: budget.elapsedShare },
      text:
        budget.status === 'overspending'
          ? 'spending runs ahead of time'
          : 'spending lags behind time',
    });
  for (const r of risks)
    if (r.rising)
      alerts.push({
        code: 'risk_rising',
        values: {
          riskId: r.riskId,
          risk: r.title,
          from: r.previousScore ?? 0,
          to: r.latestScore,
        },
        text: `risk rising: ${r.title} (${r.previousScore} → ${r.latestScore})`,
      });
  const running = stage !== 'completed' && stage !== 'stopped';
  if (running && pdca.daysSinceLastCheck !== null && pdca.daysSinceLastCheck > 400)
    alerts.push({
      code: 'no_pdca_check',
      values: { days: pdca.daysSinceLastCheck },
      text: `no PDCA check for ${pdca.daysSinceLastCheck} days`,
    });
  if (!team.complete)
    alerts.push({
      code: 'team_incomplete',
      values: { missing: team.missing },
      text: `team lacks ${team.missing.join(', ')}`,
    });
  return alerts;
}

export function projectHealth(
  project: Project,
  actors: readonly Actor[],
  asOf: string,
): ProjectHealth {
  const progress = analyseProgress(project.milestones ?? [], asOf);
  let budget: BudgetBurn | null = null;
  let budgetNote: string | null = null;
  if (project.budget && project.spent !== undefined && project.startDate && project.endDate) {
    try {
      budget = analyseBudgetBurn({
        budget: project.budget,
        spent: project.spent,
        startDate: project.startDate,
        endDate: project.endDate,
        asOf,
      });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      budgetNote = error.message;
    }
  } else {
    budgetNote = 'budget, amount spent or project period not recorded';
  }
  const risks = analyseRisks(project.risks ?? []);
  const pdca = summarisePdca(project.pdca ?? [], asOf);
  const team = checkTeamComposition(project, actors);
  const liveness = projectLiveness(project, asOf);
  const alertDetails = liveness.live
    ? healthAlerts(project.stage, progress, budget, risks, pdca, team)
    : [];
  return {
    id: project.id,
    title: project.title,
    stage: project.stage,
    prefectureCode: project.prefectureCode ?? null,
    asOf,
    live: liveness.live,
    liveNote: liveness.note,
    progress,
    budget,
    budgetNote,
    risks,
    risingRisks: risks.filter((r) => r.rising).length,
    pdca,
    team,
    kpis: project.kpis ?? [],
    alerts: alertDetails.map((a) => a.text),
    alertDetails,
  };
}

export async function analyzeProjectHealth(
  repos: Repositories,
  clock: Clock,
  projectId: string,
): Promise<ProjectHealth> {
  const stored = await repos.entity('projects').get(projectId);
  if (!stored) throw new DomainError('not_found', `no project ${projectId}`);
  const project = ZProject.parse(stored.record);
  const actors: Actor[] = [];
  for (const m of project.members) {
    const a = await repos.entity('actors').get(m.actorId);
    if (a) actors.push(ZActor.parse(a.record));
  }
  return projectHealth(project, actors, clock.now().toISOString().slice(0, 10));
}

export interface PortfolioKpi {
  value: ValueKind;
  name: string;
  unit: string;
  projects: number;
  /** Sum of the targets of all these KPIs (planned). */
  target: number;
  /** Sum of the reported actuals only; null when no KPI has an actual yet (never 0 for "none"). */
  actual: number | null;
  /** KPIs with an actual value. */
  reported: number;
  /** KPIs without an actual value yet (未報告); they count in `target` but not in `actual`. */
  missing: number;
  /** Sum of the targets of the reported KPIs only, the base of `attainment`. */
  reportedTarget: number;
  /** actual / reportedTarget; null when nothing is reported or that target is 0. */
  attainment: number | null;
  sdgs: number[];
}

export interface Portfolio {
  /** `nameEn`: its English name, when it has one. */
  scope: { kind: 'prefecture' | 'community'; id: string; name: string; nameEn?: string };
  /**
   * For a community: the run its communities come from (the latest stored run, else the default
   * partition computed now), the same the web app's community list and the region report use.
   */
  communitySource: CommunitySource | null;
  asOf: string;
  projects: {
    id: string;
    title: string;
    stage: string;
    /** Running at `asOf` (see `ProjectHealth.live`); only live projects carry alerts. */
    live: boolean;
    overdueMilestones: number;
    maxSlipDays: number;
    burnStatus: BudgetBurn['status'] | null;
    risingRisks: number;
    missingTeamRoles: string[];
    alerts: number;
    /** The codes of the project's alerts, in order. */
    alertCodes: HealthAlertCode[];
  }[];
  byStage: Record<string, number>;
  /**
   * Projects by their end date against `asOf`: ended, not ended, or unknown (no end date and not
   * closed by its stage: counted as unknown, never assumed running).
   */
  byEnd: { ended: number; notEnded: number; unknown: number };
  /** Projects whose team misses a side, per side. */
  teamGaps: Record<string, number>;
  kpis: PortfolioKpi[];
  /** SDGs covered by the projects or their KPIs, with how many projects. */
  sdgs: { sdg: number; projects: number }[];
}

/** KPIs summed per value, name and unit (units never mix), and the SDGs the projects cover. */
export function sumKpis(selected: readonly Project[]): Pick<Portfolio, 'kpis' | 'sdgs'> {
  const kpiMap = new Map<string, PortfolioKpi>();
  const sdgCount = new Map<number, Set<string>>();
  for (const p of selected) {
    for (const sdg of p.sdgs) sdgCount.set(sdg, (sdgCount.get(sdg) ?? new Set()).add(p.id));
    for (const k of p.kpis ?? []) {
      const key = `${k.value}|${k.name}|${k.unit}`;
      const entry = kpiMap.get(key) ?? {
        value: k.value,
        name: k.name,
        unit: k.unit,
        projects: 0,
        target: 0,
        actual: null,
        reported: 0,
        missing: 0,
        reportedTarget: 0,
        attainment: null,
        sdgs: [],
      };
      const round = (x: number) => Math.round(x * 1000) / 1000;
      entry.projects += 1;
      entry.target = round(entry.target + k.target);
      if (k.actual === undefined) {
        entry.missing += 1;
      } else {
        entry.reported += 1;
        entry.actual = round((entry.actual ?? 0) + k.actual);
        entry.reportedTarget = round(entry.reportedTarget + k.target);
      }
      entry.sdgs = [...new Set([...entry.sdgs, ...k.sdgs])].sort((a, b) => a - b);
      kpiMap.set(key, entry);
      for (const sdg of k.sdgs) sdgCount.set(sdg, (sdgCount.get(sdg) ?? new Set()).add(p.id));
    }
  }
  const order: ValueKind[] = ['social', 'industrial', 'economic'];
  const kpis = [...kpiMap.values()]
    .map((k) => ({
      ...k,
      attainment: k.actual === null || k.reportedTarget === 0 ? null : k.actual / k.reportedTarget,
    }))
    .sort(
      (a, b) => order.indexOf(a.value) - order.indexOf(b.value) || a.name.localeCompare(b.name),
    );
  return {
    kpis,
    sdgs: [...sdgCount.entries()]
      .map(([sdg, ids]) => ({ sdg, projects: ids.size }))
      .sort((a, b) => a.sdg - b.sdg),
  };
}

export async function analyzePortfolio(
  repos: Repositories,
  clock: Clock,
  request: { prefectureCode?: string; communityId?: string },
): Promise<Portfolio> {
  if ((request.prefectureCode === undefined) === (request.communityId === undefined))
    throw new DomainError('validation_failed', 'give exactly one of a prefecture or a community');
  const network = await loadNetwork(repos, { projects: true });
  const asOf = clock.now().toISOString().slice(0, 10);
  let scope: Portfolio['scope'];
  let selected: Project[];
  let communitySource: CommunitySource | null = null;
  if (request.prefectureCode !== undefined) {
    const code = request.prefectureCode;
    const prefecture = findPrefecture(code);
    if (!prefecture)
      throw new DomainError('validation_failed', `"${code}" is not a prefecture code 01..47`);
    scope = { kind: 'prefecture', id: code, name: prefecture.name, nameEn: prefecture.nameEn };
    selected = network.projects.filter((p) => p.prefectureCode === code);
  } else {
    const shared = await sharedCommunities(repos, clock, network);
    const community = shared.result.communities.find((c) => c.id === request.communityId);
    if (!community)
      throw new DomainError(
        'not_found',
        unknownCommunityMessage(request.communityId ?? '', shared),
      );
    communitySource = shared.source;
    const members = new Set(community.members);
    const named = communityNames(network, shared.result.communities).get(community.id);
    scope = named
      ? { kind: 'community', id: community.id, name: named.name, nameEn: named.nameEn }
      : { kind: 'community', id: community.id, name: community.id };
    // a project belongs to the community its lead (else most of its members) belongs to
    selected = network.projects.filter((p) => {
      const lead = p.members.find((m) => m.role === 'lead');
      if (lead) return members.has(lead.actorId);
      return p.members.filter((m) => members.has(m.actorId)).length * 2 > p.members.length;
    });
  }
  const healths = selected.map((p) => projectHealth(p, network.actors, asOf));
  const byStage: Record<string, number> = {};
  const teamGaps: Record<string, number> = {};
  for (const h of healths) {
    byStage[h.stage] = (byStage[h.stage] ?? 0) + 1;
    for (const role of h.team.missing) teamGaps[role] = (teamGaps[role] ?? 0) + 1;
  }
  const byEnd = { ended: 0, notEnded: 0, unknown: 0 };
  for (const project of selected) {
    if (project.endDate !== undefined) byEnd[project.endDate < asOf ? 'ended' : 'notEnded'] += 1;
    else if (project.stage === 'completed' || project.stage === 'stopped') byEnd.ended += 1;
    else byEnd.unknown += 1;
  }
  const { kpis, sdgs } = sumKpis(selected);
  return {
    scope,
    communitySource,
    asOf,
    projects: healths
      .map((h) => ({
        id: h.id,
        title: h.title,
        stage: h.stage,
        live: h.live,
        overdueMilestones: h.progress.overdue,
        maxSlipDays: h.progress.maxSlipDays,
        burnStatus: h.budget?.status ?? null,
        risingRisks: h.risingRisks,
        missingTeamRoles: h.team.missing,
        alerts: h.alerts.length,
        alertCodes: h.alertDetails.map((a) => a.code),
      }))
      .sort((a, b) => b.alerts - a.alerts || a.id.localeCompare(b.id)),
    byStage,
    byEnd,
    teamGaps,
    kpis,
    sdgs,
  };
}
