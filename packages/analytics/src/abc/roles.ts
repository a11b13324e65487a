import type { Project } from '#core/entities/project.ts';
import type { Relation } from '#core/entities/relation.ts';
import { placeKeyOf, prefectureGroupOf } from '#core/geo.ts';
import type { NetworkActor, RelationColumns } from '#core/network-columns.ts';
import { RELATION_TYPES, type RelationType } from '#core/vocabulary.ts';
import { relationColumnsOf } from './actor-graph.ts';
import { percentileOf } from './percentile.ts';

/** The actors the role finders read: the compact network's (a full record is one too). */
export type RoleActor = NetworkActor;

/**
 * The relations the role finders read: the compact network's columns, or records (turned into
 * columns first). Either gives the same candidates: the finders look at endpoints and types only,
 * and nothing they return depends on the order of the relations.
 */
export type RoleRelations = RelationColumns | readonly Relation[];

function columnsOf(actors: readonly RoleActor[], relations: RoleRelations): RelationColumns {
  return 'count' in relations ? relations : relationColumnsOf(actors, relations);
}

/** Each relation's type by name (the columns hold its position in RELATION_TYPES). */
function typeNameOf(relations: RelationColumns, r: number): RelationType | undefined {
  return RELATION_TYPES[relations.type[r] ?? -1];
}

/** One criterion of a role with the value behind it, so a user sees why. */
export interface Evidence {
  criterion: string;
  value: number | string;
  /** This criterion's score, 0..1. */
  score: number;
  note: string;
}

/**
 * What a role claim rests on: the population it is compared with (and its size n), the baseline
 * values of that population, the thresholds applied, and what evidence is missing or too thin.
 */
export interface RoleBasis {
  /** The comparison population: a field, "all fields", or the registry's companies. */
  population: string;
  /** Size of that population. */
  n: number;
  /** Reference values of the population (e.g. the field's median and top-share papers). */
  baseline: Record<string, number>;
  /** Thresholds applied (values, minimum evidence). */
  thresholds: Record<string, number>;
  /** Why the evidence does not support a claim either way; empty when it does. */
  insufficient: string[];
  /** Star scientists: whether papers and citations were compared per career year. */
  normalisedByCareerAge?: boolean;
  /** How the claim was decided, in one English sentence. */
  method: string;
}

/** A claim's outcome: supported, refuted, or not decidable on the data. */
export type RoleStatus = 'qualifies' | 'does_not_qualify' | 'insufficient_evidence';

export interface RoleCandidate {
  id: string;
  name: string;
  prefectureCode: string;
  /** Overall score 0..1. */
  score: number;
  /** `status === 'qualifies'`. */
  qualifies: boolean;
  status: RoleStatus;
  evidence: Evidence[];
  basis: RoleBasis;
}

/**
 * Minimum evidence for a star-scientist claim: a baseline population of at least
 * STAR_MIN_BASELINE researchers (the field's, else all fields'), and at least STAR_MIN_PAPERS
 * papers and STAR_MIN_CITATIONS citations of one's own: a percentile over a handful of people, or
 * of a handful of papers, is no star.
 */
export const STAR_MIN_BASELINE = 20;
export const STAR_MIN_PAPERS = 10;
export const STAR_MIN_CITATIONS = 100;
/** Minimum regional ties (partners grown, suppliers, outside buyers) for an anchor claim. */
export const ANCHOR_MIN_TIES = 3;
/** Minimum METI criteria with recorded data for a core-company claim (of six). */
export const CORE_MIN_KNOWN_CRITERIA = 4;

function statusOf(insufficient: readonly string[], qualifies: boolean): RoleStatus {
  if (insufficient.length > 0) return 'insufficient_evidence';
  return qualifies ? 'qualifies' : 'does_not_qualify';
}

/** The value at the (1 - topShare) quantile of an ascending list (nearest rank). */
function quantileValue(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * (sorted.length - 1)))] ?? 0;
}

export interface RoleOptions {
  /** Star scientist: share at the top of their field, on papers and on citations. Default 0.1 (top 10%). */
  starTopShare?: number;
  /** Regional core company: minimum overall score. Default 0.6. */
  coreMinScore?: number;
  /** Anchor company: minimum overall score. Default 0.5. */
  anchorMinScore?: number;
  /** How many candidates to return per role, best first. Default 50. */
  limit?: number;
  /** Observation year: with it, researchers with a known career start are compared per career year. */
  asOfYear?: number;
}

const VENTURE_TIES = new Set(['spinout', 'investment', 'employment', 'mentoring']);

function isVenture(actor: RoleActor | undefined): boolean {
  return Boolean(
    actor && (actor.flags.includes('startup') || actor.flags.includes('university_venture')),
  );
}

/** Years of a career up to the observation year, the first year counting as one. */
function careerYears(startYear: number, asOfYear: number): number {
  return Math.max(1, asOfYear - startYear + 1);
}

interface Baseline {
  papers: number[];
  citations: number[];
}

function sortedBaseline(baseline: Baseline): Baseline {
  baseline.papers.sort((a, b) => a - b);
  baseline.citations.sort((a, b) => a - b);
  return baseline;
}

/** Papers and citations per researcher, as counts and (when the career start is known) per career year. */
interface Output {
  papers: number;
  citations: number;
  perYear: { papers: number; citations: number; years: number } | null;
}

function outputOf(actor: RoleActor, asOfYear: number | undefined): Output {
  const papers = actor.papers ?? 0;
  const citations = actor.citations ?? 0;
  if (asOfYear === undefined || actor.careerStartYear === undefined)
    return { papers, citations, perYear: null };
  const years = careerYears(actor.careerStartYear, asOfYear);
  return {
    papers,
    citations,
    perYear: { papers: papers / years, citations: citations / years, years },
  };
}

/** The field's population (or all fields') on counts and, among those with a career start, on rates. */
interface Populations {
  counts: Map<string, Baseline>;
  rates: Map<string, Baseline>;
}

const ALL_FIELDS = 'all fields';

function populationsOf(outputs: ReadonlyMap<RoleActor, Output>): Populations {
  const counts = new Map<string, Baseline>();
  const rates = new Map<string, Baseline>();
  const add = (map: Map<string, Baseline>, key: string, papers: number, citations: number) => {
    const entry = map.get(key) ?? { papers: [], citations: [] };
    entry.papers.push(papers);
    entry.citations.push(citations);
    map.set(key, entry);
  };
  for (const [actor, output] of outputs) {
    const field = actor.field ?? '(no field)';
    for (const key of [field, ALL_FIELDS]) {
      add(counts, key, output.papers, output.citations);
      if (output.perYear) add(rates, key, output.perYear.papers, output.perYear.citations);
    }
  }
  for (const map of [counts, rates]) for (const entry of map.values()) sortedBaseline(entry);
  return { counts, rates };
}

/** The field's population when it is large enough, else all fields'. */
function populationFor(map: ReadonlyMap<string, Baseline>, field: string) {
  const own = map.get(field);
  if (own && own.papers.length >= STAR_MIN_BASELINE) return { name: field, entry: own };
  return { name: ALL_FIELDS, entry: map.get(ALL_FIELDS) ?? { papers: [], citations: [] } };
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/**
 * Star scientists: in the top share of their field on papers AND citations, AND tied to ventures
 * (spin-out, investment, employment or mentoring ties to a start-up or university venture).
 * The baseline is the registry's whole population of researchers with papers and citations: their
 * field when it has at least STAR_MIN_BASELINE researchers, else all fields. When the researcher's
 * career start is known (and `asOfYear` given) and at least STAR_MIN_BASELINE of that population
 * have one too, papers and citations are compared per career year — a long career does not make a
 * star, nor does a short one hide one; otherwise the raw counts are compared and the basis says so.
 * Score = the lower of the two percentiles; qualifies when both values reach the population's
 * top-share value, the researcher has at least STAR_MIN_PAPERS papers and STAR_MIN_CITATIONS
 * citations, and a venture tie exists; below the minimum evidence the status is
 * `insufficient_evidence`.
 */
export function findStarScientists(
  actors: readonly RoleActor[],
  relationList: RoleRelations,
  options: RoleOptions = {},
): RoleCandidate[] {
  const topShare = options.starTopShare ?? 0.1;
  const relations = columnsOf(actors, relationList);
  const outputs = new Map<RoleActor, Output>(
    actors
      .filter((a) => a.kind === 'person' && a.papers !== undefined && a.citations !== undefined)
      .map((a) => [a, outputOf(a, options.asOfYear)]),
  );
  const populations = populationsOf(outputs);
  const ventures = new Map<string, string[]>();
  for (let r = 0; r < relations.count; r++) {
    const type = typeNameOf(relations, r);
    if (type === undefined || !VENTURE_TIES.has(type)) continue;
    const source = actors[relations.source[r] ?? -1];
    const target = actors[relations.target[r] ?? -1];
    if (!source || !target) continue;
    for (const [person, other] of [
      [source, target],
      [target, source],
    ] as const) {
      if (!isVenture(other)) continue;
      const list = ventures.get(person.id) ?? [];
      list.push(`${type}: ${other.name}`);
      ventures.set(person.id, list);
    }
  }
  // In a fixed order, whatever order the relations were read in.
  for (const list of ventures.values()) list.sort();
  const q = 1 - topShare;
  const candidates = [...outputs].map(([r, output]): RoleCandidate => {
    const ownField = r.field ?? '(no field)';
    const byRate = output.perYear ? populationFor(populations.rates, ownField) : null;
    const perYear =
      byRate && byRate.entry.papers.length >= STAR_MIN_BASELINE ? output.perYear : null;
    const { name: field, entry } =
      perYear && byRate ? byRate : populationFor(populations.counts, ownField);
    const papersValue = perYear ? perYear.papers : output.papers;
    const citationsValue = perYear ? perYear.citations : output.citations;
    const papersPct = percentileOf(entry.papers, papersValue);
    const citationsPct = percentileOf(entry.citations, citationsValue);
    const ties = ventures.get(r.id) ?? [];
    const score = Math.min(papersPct, citationsPct);
    const papersThreshold = quantileValue(entry.papers, q);
    const citationsThreshold = quantileValue(entry.citations, q);
    const insufficient: string[] = [];
    if (entry.papers.length < STAR_MIN_BASELINE)
      insufficient.push(
        `baseline of ${entry.papers.length} researchers (fewer than ${STAR_MIN_BASELINE})`,
      );
    if (output.papers < STAR_MIN_PAPERS)
      insufficient.push(`${output.papers} papers (fewer than ${STAR_MIN_PAPERS})`);
    if (output.citations < STAR_MIN_CITATIONS)
      insufficient.push(`${output.citations} citations (fewer than ${STAR_MIN_CITATIONS})`);
    const qualifies =
      papersValue >= papersThreshold && citationsValue >= citationsThreshold && ties.length > 0;
    const status = statusOf(insufficient, qualifies);
    const unit = perYear ? ' per career year' : '';
    const normalisation = perYear
      ? `per career year (${perYear.years} year(s) since ${r.careerStartYear ?? ''})`
      : output.perYear
        ? `counts not normalised by career age (fewer than ${STAR_MIN_BASELINE} researchers of ${field} with a known career start)`
        : 'counts not normalised by career age (career start unknown)';
    return {
      id: r.id,
      name: r.name,
      prefectureCode: prefectureGroupOf(r),
      score,
      qualifies: status === 'qualifies',
      status,
      basis: {
        population: field,
        n: entry.papers.length,
        baseline: {
          papersMedian: quantileValue(entry.papers, 0.5),
          citationsMedian: quantileValue(entry.citations, 0.5),
        },
        thresholds: {
          topShare,
          papers: papersThreshold,
          citations: citationsThreshold,
          minPapers: STAR_MIN_PAPERS,
          minCitations: STAR_MIN_CITATIONS,
          minBaseline: STAR_MIN_BASELINE,
          ventureTies: 1,
        },
        normalisedByCareerAge: perYear !== null,
        insufficient,
        method: `papers and citations${unit} at or above the top ${Math.round(topShare * 100)}% value of ${field} (registry population), at least one venture tie; ${normalisation}`,
      },
      evidence: [
        {
          criterion: perYear ? 'papers_per_year' : 'papers',
          value: perYear ? round2(perYear.papers) : output.papers,
          score: papersPct,
          note: `percentile ${(papersPct * 100).toFixed(0)} in ${field} (n=${entry.papers.length}); ${output.papers} papers`,
        },
        {
          criterion: perYear ? 'citations_per_year' : 'citations',
          value: perYear ? round2(perYear.citations) : output.citations,
          score: citationsPct,
          note: `percentile ${(citationsPct * 100).toFixed(0)} in ${field}; ${output.citations} citations`,
        },
        {
          criterion: 'venture_ties',
          value: ties.length,
          score: ties.length > 0 ? 1 : 0,
          note: ties.slice(0, 5).join('; ') || 'no tie to a start-up',
        },
      ],
    };
  });
  return rank(candidates, options.limit);
}

function rank(candidates: RoleCandidate[], limit = 50): RoleCandidate[] {
  return candidates
    .sort(
      (a, b) =>
        Number(b.qualifies) - Number(a.qualifies) || b.score - a.score || a.id.localeCompare(b.id),
    )
    .slice(0, limit);
}

function clamp01(x: number): number {
  return Math.max(0, Math.min(1, x));
}

/**
 * Regional core companies (地域中核企業, METI): six criteria, each scored 0..1, averaged:
 * regional jobs (log10 employees / 3: 1,000 employees = 1), in-region procurement share (域内仕入),
 * out-of-region sales share (域外販売), growth (10%/year = 1), own channels (sales ties to buyers outside
 * the prefecture: 5 = 1), leading regional projects (projects led, or joint research with regional partners: 3 = 1).
 * Qualifies at the minimum score with at least four criteria at 0.5 or more.
 */
export function findCoreCompanies(
  actors: readonly RoleActor[],
  relationList: RoleRelations,
  projects: readonly Project[],
  options: RoleOptions = {},
): RoleCandidate[] {
  const minScore = options.coreMinScore ?? 0.6;
  const relations = columnsOf(actors, relationList);
  const places = actors.map((a) => placeKeyOf(a));
  const outsideBuyers = new Map<string, Set<string>>();
  const regionalJoint = new Map<string, Set<string>>();
  const tied = new Set<string>();
  for (let r = 0; r < relations.count; r++) {
    const u = relations.source[r] ?? -1;
    const v = relations.target[r] ?? -1;
    const source = actors[u];
    const target = actors[v];
    if (!source || !target) continue;
    tied.add(source.id);
    tied.add(target.id);
    const type = typeNameOf(relations, r);
    const samePlace = places[u] === places[v];
    if (type === 'sales' && !samePlace) {
      const set = outsideBuyers.get(source.id) ?? new Set();
      set.add(target.id);
      outsideBuyers.set(source.id, set);
    }
    if ((type === 'joint_research' || type === 'contract_research') && samePlace) {
      for (const [a, b] of [
        [source, target],
        [target, source],
      ] as const) {
        const set = regionalJoint.get(a.id) ?? new Set();
        set.add(b.id);
        regionalJoint.set(a.id, set);
      }
    }
  }
  const ledProjects = new Map<string, number>();
  for (const project of projects) {
    for (const member of project.members) {
      if (member.role === 'lead')
        ledProjects.set(member.actorId, (ledProjects.get(member.actorId) ?? 0) + 1);
    }
  }
  const companies = actors.filter((a) => a.sector === 'company' && a.kind === 'organization');
  for (const project of projects) for (const m of project.members) tied.add(m.actorId);
  const candidates = companies.map((c): RoleCandidate => {
    const employees = c.employees ?? 0;
    const buyers = outsideBuyers.get(c.id)?.size ?? 0;
    const led = ledProjects.get(c.id) ?? 0;
    const partners = regionalJoint.get(c.id)?.size ?? 0;
    const evidence: Evidence[] = [
      {
        criterion: 'regional_jobs',
        value: employees,
        score: clamp01(Math.log10(Math.max(employees, 1)) / 3),
        note: `${employees} employees`,
      },
      {
        criterion: 'in_region_procurement',
        value: c.inRegionProcurementShare ?? 'unknown',
        score: c.inRegionProcurementShare ?? 0,
        note: '域内仕入 share',
      },
      {
        criterion: 'out_of_region_sales',
        value: c.outOfRegionSalesShare ?? 'unknown',
        score: c.outOfRegionSalesShare ?? 0,
        note: '域外販売 share',
      },
      {
        criterion: 'growth',
        value: c.growthRate ?? 'unknown',
        score: clamp01((c.growthRate ?? 0) / 0.1),
        note: 'yearly growth; 10% scores 1',
      },
      {
        criterion: 'own_channels',
        value: buyers,
        score: clamp01(buyers / 5),
        note: `${buyers} buyers outside the prefecture`,
      },
      {
        criterion: 'leads_regional_projects',
        value: led + partners,
        score: clamp01((led + partners) / 3),
        note: `${led} projects led, ${partners} regional research partners`,
      },
    ];
    const score = evidence.reduce((sum, e) => sum + e.score, 0) / evidence.length;
    const strong = evidence.filter((e) => e.score >= 0.5).length;
    // recorded: the four attributes when present; the two network criteria when the company has
    // any relation or project at all (no tie at all is absence of data, not a zero)
    const recorded = [
      c.employees !== undefined,
      c.inRegionProcurementShare !== undefined,
      c.outOfRegionSalesShare !== undefined,
      c.growthRate !== undefined,
      tied.has(c.id),
      tied.has(c.id),
    ].filter(Boolean).length;
    const insufficient: string[] = [];
    if (c.inRegionProcurementShare === undefined)
      insufficient.push('in-region procurement share (域内仕入) not recorded');
    if (c.outOfRegionSalesShare === undefined)
      insufficient.push('out-of-region sales share (域外販売) not recorded');
    if (recorded < CORE_MIN_KNOWN_CRITERIA)
      insufficient.push(
        `${recorded} of 6 METI criteria recorded (fewer than ${CORE_MIN_KNOWN_CRITERIA})`,
      );
    const status = statusOf(insufficient, score >= minScore && strong >= 4);
    return {
      id: c.id,
      name: c.name,
      prefectureCode: prefectureGroupOf(c),
      score,
      qualifies: status === 'qualifies',
      status,
      evidence,
      basis: {
        population: 'companies in the registry',
        n: companies.length,
        baseline: {
          employeesForFullScore: 1000,
          growthForFullScore: 0.1,
          outsideBuyersForFullScore: 5,
          regionalProjectsForFullScore: 3,
        },
        thresholds: {
          minScore,
          minStrongCriteria: 4,
          strongCriterionScore: 0.5,
          minRecordedCriteria: CORE_MIN_KNOWN_CRITERIA,
        },
        insufficient,
        method:
          'mean of six METI criteria scored 0..1 on fixed scales; both 域内仕入 and 域外販売 must be recorded',
      },
    };
  });
  return rank(candidates, options.limit);
}

/**
 * Anchor companies (アンカー企業): grow the firms of a cluster and bring technology and demand in.
 * Three criteria, each 0..1, averaged: regional partners they supply, fund, license to or mentor (10 = 1),
 * regional suppliers they buy from (10 = 1), demand from outside the prefecture (sales ties out: 5 = 1).
 */
/** Ties through which a company grows another firm: money, technology, advice, shared research. */
const GROWING_TIES: ReadonlySet<string> = new Set([
  'investment',
  'license',
  'mentoring',
  'joint_research',
]);

export function findAnchorCompanies(
  actors: readonly RoleActor[],
  relationList: RoleRelations,
  options: RoleOptions = {},
): RoleCandidate[] {
  const minScore = options.anchorMinScore ?? 0.5;
  const relations = columnsOf(actors, relationList);
  const places = actors.map((a) => placeKeyOf(a));
  const grows = new Map<string, Set<string>>();
  const suppliers = new Map<string, Set<string>>();
  const outsideDemand = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, value: string) => {
    const set = map.get(key) ?? new Set();
    set.add(value);
    map.set(key, set);
  };
  for (let r = 0; r < relations.count; r++) {
    const u = relations.source[r] ?? -1;
    const v = relations.target[r] ?? -1;
    const source = actors[u];
    const target = actors[v];
    const type = typeNameOf(relations, r);
    if (!source || !target || type === undefined) continue;
    const samePrefecture = places[u] === places[v];
    if (samePrefecture && GROWING_TIES.has(type)) {
      if (target.sector === 'company') add(grows, source.id, target.id);
      // Joint research has no direction: either side grows the other.
      if (type === 'joint_research' && source.sector === 'company')
        add(grows, target.id, source.id);
    }
    if (samePrefecture && type === 'supply') add(suppliers, target.id, source.id);
    if (!samePrefecture && type === 'sales') add(outsideDemand, source.id, target.id);
  }
  const companies = actors.filter((a) => a.sector === 'company' && a.kind === 'organization');
  const candidates = companies.map((c): RoleCandidate => {
    const grown = grows.get(c.id)?.size ?? 0;
    const supplied = suppliers.get(c.id)?.size ?? 0;
    const demand = outsideDemand.get(c.id)?.size ?? 0;
    const evidence: Evidence[] = [
      {
        criterion: 'regional_partners_grown',
        value: grown,
        score: clamp01(grown / 10),
        note: `${grown} regional firms it invests in, licenses to, mentors or researches with`,
      },
      {
        criterion: 'regional_suppliers',
        value: supplied,
        score: clamp01(supplied / 10),
        note: `${supplied} suppliers in the prefecture`,
      },
      {
        criterion: 'outside_demand',
        value: demand,
        score: clamp01(demand / 5),
        note: `${demand} buyers outside the prefecture`,
      },
    ];
    const score = evidence.reduce((sum, e) => sum + e.score, 0) / evidence.length;
    const ties = grown + supplied + demand;
    const insufficient =
      ties < ANCHOR_MIN_TIES
        ? [`${ties} regional ties recorded (fewer than ${ANCHOR_MIN_TIES})`]
        : [];
    const status = statusOf(insufficient, score >= minScore);
    return {
      id: c.id,
      name: c.name,
      prefectureCode: prefectureGroupOf(c),
      score,
      qualifies: status === 'qualifies',
      status,
      evidence,
      basis: {
        population: 'companies in the registry',
        n: companies.length,
        baseline: {
          partnersForFullScore: 10,
          suppliersForFullScore: 10,
          outsideBuyersForFullScore: 5,
        },
        thresholds: { minScore, minTies: ANCHOR_MIN_TIES },
        insufficient,
        method: 'mean of three criteria scored 0..1 on fixed scales',
      },
    };
  });
  return rank(candidates, options.limit);
}
