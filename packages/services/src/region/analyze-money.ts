/**
 * `musubi analyze money`: where a region's money comes from (by source type and fiscal year), how
 * much hangs on one programme, and each project's runway after its national programme ends, with
 * the projects heading for a stop first.
 *
 * A region's flows are those to its projects, to adoptions covering it (a prefecture's: adoptions
 * naming the prefecture; a community's or a consortium's: adoptions whose core institution is a
 * member) and to its actors (a consortium's: its members, wherever they are).
 */
import {
  moneyCirculation,
  type MoneyCirculation,
} from '#analytics/programmes/money-circulation.ts';
import {
  projectRunway,
  summariseMoney,
  type MoneySummary,
  type ProjectRunway,
  type RunwayOutlook,
} from '#analytics/programmes/money-flows.ts';
import { ZAdoption } from '#core/entities/adoption.ts';
import { ZFundingFlow, type FundingFlow } from '#core/entities/funding-flow.ts';
import { ZProgramme } from '#core/entities/programme.ts';
import type { Clock, Repositories } from '#core/ports.ts';
import type { CommunitySource } from '../analysis/current-communities.ts';
import type { Network } from '../analysis/load-network.ts';
import { finiteOrNull, fiscalYearOf, readAll } from '../programmes/load-records.ts';
import { scopeRegion, type RegionRequest, type RegionScope } from './region-scope.ts';

export interface MoneyRequest extends RegionRequest {
  /** Observation fiscal year; default the clock's. */
  asOfFy?: number;
}

export interface MoneyOutput {
  scope: RegionScope;
  /** Names of the dependency keys (`programme:ID`, `funder:ID`) that appear in the answer. */
  sourceNames: Record<string, string>;
  /** English names of those keys, for the programmes and funders that have one. */
  sourceNamesEn: Record<string, string>;
  communitySource: CommunitySource | null;
  asOfFy: number;
  region: MoneySummary;
  /** Where the region's money comes from and whether its own funders' money stays (地域の資金循環). */
  circulation: MoneyCirculation;
  projects: ProjectRunway[];
  outlooks: Partial<Record<RunwayOutlook, number>>;
  method: string;
}

const ORDER: Record<RunwayOutlook, number> = {
  heading_for_stop: 0,
  at_risk: 1,
  national_running: 2,
  sustained: 3,
  no_national_money: 4,
  ended: 5,
  insufficient_data: 6,
};

const METHOD =
  'Flows in JPY by source type and fiscal year. Dependency: largest share and Herfindahl–Hirschman index over programmes (national money, through its adoption) and funders; HHI ≥ 0.25 is concentrated; fewer than 3 flows: no claim. Runway: money from other sources recorded after the national end ÷ mean yearly money over the last 3 funded years; under 1 year within a year of the end is at risk, heading for a stop when 2 or more continuation factors (local money < 20% during the programme, no diverse team, no coordinator, final grade not S) are against it. Circulation: money received in the region by the funder’s place (the region, national programmes and ministries, the rest of Japan, abroad; unrecorded funders apart), and the region’s own funders’ money kept in the region or paid out, by the recipient’s prefecture; no share under 3 flows.';

export async function analyzeMoney(
  repos: Repositories,
  clock: Clock,
  request: MoneyRequest,
  /** The network already read by the caller (the region report), with its projects. */
  loaded?: Network,
): Promise<MoneyOutput> {
  const region = await scopeRegion(repos, clock, request, loaded);
  const [adoptions, flows, programmes] = await Promise.all([
    readAll(repos, 'adoptions', ZAdoption),
    readAll(repos, 'funding', ZFundingFlow),
    readAll(repos, 'programmes', ZProgramme),
  ]);
  const asOfFy = request.asOfFy ?? fiscalYearOf(clock.now());
  const projectIds = new Set(region.projects.map((p) => p.id));
  const adoptionIds = new Set(
    adoptions
      .filter((a) =>
        region.scope.kind === 'prefecture'
          ? a.prefectureCodes.includes(region.scope.id)
          : a.coreInstitutionId !== undefined && region.actorIds.has(a.coreInstitutionId),
      )
      .map((a) => a.id),
  );
  const inRegion = flows.filter(
    (f) =>
      (f.projectId !== undefined && projectIds.has(f.projectId)) ||
      (f.adoptionId !== undefined && adoptionIds.has(f.adoptionId)) ||
      (f.recipientId !== undefined && region.actorIds.has(f.recipientId)),
  );
  const context = {
    asOfFy,
    adoptionsById: new Map(adoptions.map((a) => [a.id, a])),
    projectsById: new Map(region.network.projects.map((p) => [p.id, p])),
    actorsById: new Map(region.network.actors.map((a) => [a.id, a])),
  };
  const byProject = new Map<string, FundingFlow[]>();
  for (const f of inRegion)
    if (f.projectId !== undefined && projectIds.has(f.projectId))
      byProject.set(f.projectId, [...(byProject.get(f.projectId) ?? []), f]);
  const projects = region.projects
    .map((p) => projectRunway(p, byProject.get(p.id) ?? [], context))
    .sort(
      (a, b) =>
        ORDER[a.outlook] - ORDER[b.outlook] ||
        (a.runwayYears ?? Infinity) - (b.runwayYears ?? Infinity) ||
        a.projectId.localeCompare(b.projectId),
    );
  const outlooks: Partial<Record<RunwayOutlook, number>> = {};
  for (const p of projects) outlooks[p.outlook] = (outlooks[p.outlook] ?? 0) + 1;
  const summary = summariseMoney(inRegion, context);
  const circulation = moneyCirculation(
    flows,
    { actorIds: region.actorIds, projectIds, adoptionIds },
    context,
  );
  const programmesById = new Map(programmes.map((p) => [p.id, p]));
  const sourceNames: Record<string, string> = {};
  const sourceNamesEn: Record<string, string> = {};
  for (const largest of [
    summary.dependency.largest,
    ...projects.map((p) => p.money.dependency.largest),
  ]) {
    if (!largest) continue;
    const [kind, id = ''] = largest.key.split(/:(.*)/s);
    const named =
      kind === 'programme'
        ? programmesById.get(id)
        : kind === 'funder'
          ? context.actorsById.get(id)
          : undefined;
    if (named === undefined) continue;
    sourceNames[largest.key] = named.name;
    if (named.nameEn) sourceNamesEn[largest.key] = named.nameEn;
  }
  return finiteOrNull({
    scope: region.scope,
    sourceNames,
    sourceNamesEn,
    communitySource: region.communitySource,
    asOfFy,
    region: summary,
    circulation,
    projects,
    outlooks,
    method: METHOD,
  });
}
