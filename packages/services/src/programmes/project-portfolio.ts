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
} from '#analytics/programmes/project-health.ts';
import { DomainError, isDomainError } from '#core/domain-error.ts';
import { ZActor, type Actor } from '#core/entities/actor.ts';
import { ZProject, type Project } from '#core/entities/project.ts';
import type { ValueKind } from '#core/entities/project-management.ts';
import { findPrefecture } from '#core/geo.ts';
import type { Clock, Repositories } from '#core/ports.ts';
import { computeCommunities, type CommunityParameters } from '../analysis/analyze-communities.ts';
import { loadNetwork } from '../analysis/load-network.ts';

export interface ProjectHealth {
  id: string;
  title: string;
  stage: string;
  prefectureCode: string | null;
  asOf: string;
  progress: ProgressAnalysis;
  budget: BudgetBurn | null;
  /** Why there is no budget burn (no budget, spend or period). */
  budgetNote: string | null;
  risks: RiskTrend[];
  risingRisks: number;
  pdca: PdcaStatus;
  team: TeamComposition;
  kpis: NonNullable<Project['kpis']>;
  /** Plain flags for the coordinator: what needs attention now. */
  alerts: string[];
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
  const alerts: string[] = [];
  if (progress.overdue > 0) alerts.push(`${progress.overdue} milestone(s) overdue`);
  if (progress.maxSlipDays > 60) alerts.push(`a milestone slipped ${progress.maxSlipDays} days`);
  if (budget?.status === 'overspending') alerts.push('spending runs ahead of time');
  if (budget?.status === 'underspending') alerts.push('spending lags behind time');
  const rising = risks.filter((r) => r.rising);
  for (const r of rising)
    alerts.push(`risk rising: ${r.title} (${r.previousScore} → ${r.latestScore})`);
  const running = project.stage !== 'completed' && project.stage !== 'stopped';
  if (running && pdca.daysSinceLastCheck !== null && pdca.daysSinceLastCheck > 400)
    alerts.push(`no PDCA check for ${pdca.daysSinceLastCheck} days`);
  if (!team.complete) alerts.push(`team lacks ${team.missing.join(', ')}`);
  return {
    id: project.id,
    title: project.title,
    stage: project.stage,
    prefectureCode: project.prefectureCode ?? null,
    asOf,
    progress,
    budget,
    budgetNote,
    risks,
    risingRisks: rising.length,
    pdca,
    team,
    kpis: project.kpis ?? [],
    alerts,
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
  target: number;
  actual: number;
  /** actual / target; null when the target is 0. */
  attainment: number | null;
  sdgs: number[];
}

export interface Portfolio {
  scope: { kind: 'prefecture' | 'community'; id: string; name: string };
  asOf: string;
  projects: {
    id: string;
    title: string;
    stage: string;
    overdueMilestones: number;
    maxSlipDays: number;
    burnStatus: BudgetBurn['status'] | null;
    risingRisks: number;
    missingTeamRoles: string[];
    alerts: number;
  }[];
  byStage: Record<string, number>;
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
        actual: 0,
        attainment: null,
        sdgs: [],
      };
      entry.projects += 1;
      entry.target = Math.round((entry.target + k.target) * 1000) / 1000;
      entry.actual = Math.round((entry.actual + (k.actual ?? 0)) * 1000) / 1000;
      entry.sdgs = [...new Set([...entry.sdgs, ...k.sdgs])].sort((a, b) => a - b);
      kpiMap.set(key, entry);
      for (const sdg of k.sdgs) sdgCount.set(sdg, (sdgCount.get(sdg) ?? new Set()).add(p.id));
    }
  }
  const order: ValueKind[] = ['social', 'industrial', 'economic'];
  const kpis = [...kpiMap.values()]
    .map((k) => ({ ...k, attainment: k.target === 0 ? null : k.actual / k.target }))
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
  request: { prefectureCode?: string; communityId?: string; community?: CommunityParameters },
): Promise<Portfolio> {
  if ((request.prefectureCode === undefined) === (request.communityId === undefined))
    throw new DomainError('validation_failed', 'give exactly one of a prefecture or a community');
  const network = await loadNetwork(repos, { projects: true });
  const asOf = clock.now().toISOString().slice(0, 10);
  let scope: Portfolio['scope'];
  let selected: Project[];
  if (request.prefectureCode !== undefined) {
    const code = request.prefectureCode;
    const prefecture = findPrefecture(code);
    if (!prefecture)
      throw new DomainError('validation_failed', `"${code}" is not a prefecture code 01..47`);
    scope = { kind: 'prefecture', id: code, name: prefecture.name };
    selected = network.projects.filter((p) => p.prefectureCode === code);
  } else {
    const partition = computeCommunities(network, request.community ?? {}, clock);
    const community = partition.communities.find((c) => c.id === request.communityId);
    if (!community)
      throw new DomainError(
        'not_found',
        `no community ${request.communityId} (there are ${partition.communityCount}: c1..c${partition.communityCount})`,
      );
    const members = new Set(community.members);
    scope = { kind: 'community', id: community.id, name: `ABC ${community.id}` };
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
  const { kpis, sdgs } = sumKpis(selected);
  return {
    scope,
    asOf,
    projects: healths
      .map((h) => ({
        id: h.id,
        title: h.title,
        stage: h.stage,
        overdueMilestones: h.progress.overdue,
        maxSlipDays: h.progress.maxSlipDays,
        burnStatus: h.budget?.status ?? null,
        risingRisks: h.risingRisks,
        missingTeamRoles: h.team.missing,
        alerts: h.alerts.length,
      }))
      .sort((a, b) => b.alerts - a.alerts || a.id.localeCompare(b.id)),
    byStage,
    teamGaps,
    kpis,
    sdgs,
  };
}
