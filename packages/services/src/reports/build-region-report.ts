/**
 * Region report (地域レポート): one prefecture or one Actors-Based Community on a page — a map of its
 * actors, the network summary, Technopolis Wheel gaps of its communities, its projects (with the
 * team's missing sides), the programme adoptions and their continuation risk, and its cases.
 * `render-region-report.ts` turns it into printable HTML.
 */
import { creditsOf, provenanceSources, type SourceCredit } from '#connectors/connectors.ts';
import { analyseContinuation } from '#analytics/programmes/analyse-continuation.ts';
import type { AdoptionMeasures } from '#analytics/programmes/adoption-measures.ts';
import { checkTeamComposition, type TeamRole } from '#analytics/programmes/project-health.ts';
import { DomainError, isDomainError } from '#core/domain-error.ts';
import { ZAdoption } from '#core/entities/adoption.ts';
import { ZCaseStory } from '#core/entities/case-story.ts';
import { ZFundingFlow } from '#core/entities/funding-flow.ts';
import { ZProgramme } from '#core/entities/programme.ts';
import { findPrefecture } from '#core/geo.ts';
import type { Clock, Repositories } from '#core/ports.ts';
import {
  sharedCommunities,
  unknownCommunityMessage,
  type CommunitySource,
} from '../analysis/current-communities.ts';
import { communityNames } from '../analysis/community-names.ts';
import { loadNetwork } from '../analysis/load-network.ts';
import { fiscalYearOf, readAll } from '../programmes/load-records.ts';
import { sumKpis, type PortfolioKpi } from '../programmes/project-portfolio.ts';
import { analyzeMoney, type MoneyOutput } from '../region/analyze-money.ts';
import { analyzePeople, type PeopleOutput } from '../region/analyze-people.ts';
import {
  analyzeRegionStrategy,
  type RegionStrategyOutput,
} from '../region/analyze-region-strategy.ts';

export interface RegionReportRequest {
  prefectureCode?: string;
  /** A community id of the shared communities (latest stored run, else the default partition). */
  communityId?: string;
  /** The language it is rendered in (the content is the same). */
  language?: 'ja' | 'en';
}

export interface RegionReport {
  scope: {
    kind: 'prefecture' | 'community';
    id: string;
    name: string;
    /** The same in English (a community's name from its members, the places in English). */
    nameEn: string;
    prefectureCodes: string[];
  };
  /** The run the communities come from (id, date, resolution), as in the portfolio and the web app. */
  communitySource: CommunitySource;
  generatedAt: string;
  asOfFy: number;
  network: {
    actors: number;
    bySector: Record<string, number>;
    /** Ties with both ends in the region. */
    internalRelations: number;
    /** Ties with one end outside (広域連携). */
    outwardRelations: number;
  };
  /** Actors with coordinates (at most 3,000, the most connected first). */
  map: { lat: number; lon: number; sector: string; name: string }[];
  communities: {
    id: string;
    /** Made from the members (「静岡大学・浜松ホトニクス圏（光・量子）」), unique in the run. */
    name: string;
    nameEn: string;
    size: number;
    /** Share of the community's members in the region. */
    shareInRegion: number;
    prefectures: string[];
    crossPrefectureShare: number;
    coreActors: string[];
    gaps: string[];
    gapsEn: string[];
  }[];
  projects: {
    id: string;
    title: string;
    stage: string;
    budget: number | null;
    members: number;
    missingTeamRoles: TeamRole[];
  }[];
  /** The projects' KPIs summed per value (social / industrial / economic) and unit. */
  kpis: PortfolioKpi[];
  adoptions: {
    id: string;
    programme: string;
    regionName: string;
    startFy: number;
    /** null when the end year is not published (unknown). */
    endFy: number | null;
    finalGrade: string | null;
    continuation: string;
  }[];
  /** Adoptions still running (or ending within a year) with what puts continuation at risk. */
  continuationRisks: {
    adoptionId: string;
    regionName: string;
    endFy: number;
    risks: string[];
    risksEn: string[];
  }[];
  /** The national continuation analysis' summary (the evidence behind the risk factors). */
  continuationSummary: string;
  continuationSummaryEn: string;
  cases: { id: string; title: string; outcome: string; factors: string[] }[];
  /** The region's strategies and their KPI progress over time (issue 14). */
  regionStrategy: RegionStrategyOutput;
  /** Money by source and year, dependency on one programme, runways after national money. */
  money: MoneyOutput;
  /** Training programmes, local retention, coordinator staffing. */
  people: PeopleOutput;
  /** The credit line of each open source whose data the report shows (出典). */
  credits: SourceCredit[];
}

type Words = { ja: string; en: string };

function risksOf(m: AdoptionMeasures | undefined, endFy: number, asOfFy: number): Words[] {
  const risks: Words[] = [];
  if (endFy - asOfFy <= 1)
    risks.push({
      ja: `FY${endFy}に終了予定（後継・地域資金の確保が急務）`,
      en: `ends in FY${endFy} (a successor or regional money is urgent)`,
    });
  if (!m) return risks;
  if (m.diverseStakeholders === false)
    risks.push({
      ja: '大学以外の主体（自治体・財団・公設試・金融）の参画が少ない',
      en: 'few partners beyond universities (local government, foundations, public labs, finance)',
    });
  if (m.localFundingShare !== null && m.localFundingShare < 0.2) {
    const percent = Math.round(m.localFundingShare * 100);
    risks.push({
      ja: `地域資金比率が${percent}%と低い`,
      en: `regional money is only ${percent}% of the funding`,
    });
  }
  if (m.interimGrade === 'B' || m.interimGrade === 'C')
    risks.push({ ja: `中間評価${m.interimGrade}`, en: `interim evaluation ${m.interimGrade}` });
  if (m.coordinatorPresent === false)
    risks.push({
      ja: 'コーディネーター・PD/PMの参画が確認できない',
      en: 'no coordinator or programme director/manager on record',
    });
  return risks;
}

export async function buildRegionReport(
  repos: Repositories,
  clock: Clock,
  request: RegionReportRequest,
): Promise<RegionReport> {
  if ((request.prefectureCode === undefined) === (request.communityId === undefined))
    throw new DomainError('validation_failed', 'give exactly one of a prefecture or a community');
  if (request.prefectureCode !== undefined && !findPrefecture(request.prefectureCode))
    throw new DomainError(
      'validation_failed',
      `"${request.prefectureCode}" is not a prefecture code 01..47`,
    );
  const network = await loadNetwork(repos, { projects: true });
  const [adoptions, flows, programmes, cases] = await Promise.all([
    readAll(repos, 'adoptions', ZAdoption),
    readAll(repos, 'funding', ZFundingFlow),
    readAll(repos, 'programmes', ZProgramme),
    readAll(repos, 'cases', ZCaseStory),
  ]);
  const shared = await sharedCommunities(repos, clock, network);
  const partition = shared.result;
  const names = communityNames(network, partition.communities);
  const asOfFy = fiscalYearOf(clock.now());

  let scope: RegionReport['scope'];
  let inRegion: Set<string>;
  if (request.prefectureCode !== undefined) {
    const code = request.prefectureCode;
    scope = {
      kind: 'prefecture',
      id: code,
      name: findPrefecture(code)?.name ?? code,
      nameEn: findPrefecture(code)?.nameEn ?? code,
      prefectureCodes: [code],
    };
    inRegion = new Set(network.actors.filter((a) => a.prefectureCode === code).map((a) => a.id));
  } else {
    const community = partition.communities.find((c) => c.id === request.communityId);
    if (!community)
      throw new DomainError(
        'not_found',
        unknownCommunityMessage(request.communityId ?? '', shared),
      );
    const places = community.prefectures.map((p) => findPrefecture(p)?.name ?? p).join('・');
    const placesEn = community.prefectures.map((p) => findPrefecture(p)?.nameEn ?? p).join(', ');
    scope = {
      kind: 'community',
      id: community.id,
      name: `${names.get(community.id)?.name ?? community.id}（${places}）`,
      nameEn: `${names.get(community.id)?.nameEn ?? community.id} (${placesEn})`,
      prefectureCodes: community.prefectures,
    };
    inRegion = new Set(community.members);
  }

  const actors = network.actors.filter((a) => inRegion.has(a.id));
  const bySector: Record<string, number> = {};
  for (const a of actors) bySector[a.sector] = (bySector[a.sector] ?? 0) + 1;
  const degree = new Map<string, number>();
  let internalRelations = 0;
  let outwardRelations = 0;
  for (const r of network.relations) {
    const s = inRegion.has(r.sourceId);
    const t = inRegion.has(r.targetId);
    if (s && t) internalRelations++;
    else if (s || t) outwardRelations++;
    if (s) degree.set(r.sourceId, (degree.get(r.sourceId) ?? 0) + 1);
    if (t) degree.set(r.targetId, (degree.get(r.targetId) ?? 0) + 1);
  }
  const map = actors
    .flatMap((a) =>
      a.lat !== undefined && a.lon !== undefined
        ? [{ lat: a.lat, lon: a.lon, sector: a.sector, name: a.name, d: degree.get(a.id) ?? 0 }]
        : [],
    )
    .sort((x, y) => y.d - x.d)
    .slice(0, 3000)
    .map(({ d: _d, ...point }) => point);

  const communities = partition.communities
    .map((c) => ({ c, inside: c.members.filter((m) => inRegion.has(m)).length }))
    .filter(
      ({ c, inside }) =>
        inside > 0 &&
        (scope.kind === 'community' ? c.id === scope.id : inside / c.size >= 0.05 || inside >= 10),
    )
    .sort((x, y) => y.inside - x.inside)
    .slice(0, 12)
    .map(({ c, inside }) => ({
      id: c.id,
      name: names.get(c.id)?.name ?? c.id,
      nameEn: names.get(c.id)?.nameEn ?? c.id,
      size: c.size,
      shareInRegion: inside / c.size,
      prefectures: c.prefectures,
      crossPrefectureShare: c.crossPrefectureShare,
      coreActors: c.coreActors.slice(0, 5).map((a) => a.name),
      gaps: c.gaps.map((g) => g.ja),
      gapsEn: c.gaps.map((g) => g.en),
    }));

  const regionProjects = network.projects.filter(
    (p) =>
      (p.prefectureCode !== undefined &&
        scope.kind === 'prefecture' &&
        p.prefectureCode === scope.id) ||
      p.members.some((m) => inRegion.has(m.actorId)),
  );
  const projects = regionProjects
    .filter(
      (p) =>
        (p.prefectureCode !== undefined &&
          scope.kind === 'prefecture' &&
          p.prefectureCode === scope.id) ||
        p.members.some((m) => inRegion.has(m.actorId)),
    )
    .map((p) => ({
      id: p.id,
      title: p.title,
      stage: p.stage,
      budget: p.budget ?? null,
      members: p.members.length,
      missingTeamRoles: checkTeamComposition(p, network.actors).missing,
    }));

  const programmeName = new Map(programmes.map((p) => [p.id, p.name]));
  const regional = adoptions.filter((a) =>
    a.prefectureCodes.some((p) => scope.prefectureCodes.includes(p)),
  );
  let measures = new Map<string, AdoptionMeasures>();
  let continuationSummary: string;
  let continuationSummaryEn: string;
  try {
    const analysis = analyseContinuation(adoptions, flows, {
      asOfFy,
      actors: network.actors,
      relations: network.relations,
      projects: network.projects,
      invalidRecords: 'exclude',
    });
    measures = new Map(analysis.measures.map((m) => [m.adoptionId, m]));
    continuationSummary = analysis.summary;
    continuationSummaryEn = analysis.summaryEn;
  } catch (error) {
    if (!isDomainError(error) || error.code !== 'insufficient_data') throw error;
    continuationSummary = `継続要因の分析はできません: ${error.message}`;
    continuationSummaryEn = `The continuation factors cannot be analysed: ${error.message}`;
  }
  // An adoption whose end year is unknown cannot be said to end soon: left out of the risks.
  const continuationRisks = regional
    .flatMap((a) => (a.endFy === undefined ? [] : [{ ...a, endFy: a.endFy }]))
    .filter((a) => a.endFy >= asOfFy - 1 && a.continuation !== 'stopped')
    .map((a) => {
      const risks = risksOf(measures.get(a.id), a.endFy, asOfFy);
      return {
        adoptionId: a.id,
        regionName: a.regionName,
        endFy: a.endFy,
        risks: risks.map((r) => r.ja),
        risksEn: risks.map((r) => r.en),
      };
    })
    .sort((x, y) => y.risks.length - x.risks.length || x.endFy - y.endFy);

  const region =
    scope.kind === 'prefecture' ? { prefectureCode: scope.id } : { communityId: scope.id };
  const [regionStrategy, money, people] = await Promise.all([
    analyzeRegionStrategy(repos, clock, { ...region, asOfFy }),
    analyzeMoney(repos, clock, { ...region, asOfFy }, network),
    analyzePeople(repos, region),
  ]);

  return {
    scope,
    communitySource: shared.source,
    generatedAt: clock.now().toISOString(),
    asOfFy,
    network: { actors: actors.length, bySector, internalRelations, outwardRelations },
    map,
    communities,
    projects,
    kpis: sumKpis(regionProjects).kpis,
    adoptions: regional
      .sort((x, y) => y.startFy - x.startFy || x.id.localeCompare(y.id))
      .map((a) => ({
        id: a.id,
        programme: programmeName.get(a.programmeId) ?? a.programmeId,
        regionName: a.regionName,
        startFy: a.startFy,
        endFy: a.endFy ?? null,
        finalGrade: a.finalGrade ?? null,
        continuation: a.continuation,
      })),
    continuationRisks,
    continuationSummary,
    continuationSummaryEn,
    cases: cases
      .filter(
        (c) =>
          c.prefectureCodes.some((p) => scope.prefectureCodes.includes(p)) ||
          c.actorIds.some((id) => inRegion.has(id)),
      )
      .map((c) => ({ id: c.id, title: c.title, outcome: c.outcome, factors: c.factors })),
    regionStrategy,
    money,
    people,
    credits: creditsOf(provenanceSources([...actors, ...regional])),
  };
}
