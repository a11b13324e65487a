/**
 * The analyses the web shows that may be computed once and shared by every viewer: each reads
 * public records only (never needs, consultations or accounts), so its answer is the same for an
 * anonymous caller, any organisation and a coordinator. Each names the tables it reads; the store
 * keys its results on their data versions (and the latest communities run), so a write to one of
 * them makes the next request compute again.
 */
import type { Seed } from '#core/entities/seed.ts';
import type { CompactNetwork } from '#core/network-columns.ts';
import type { Clock, Repositories } from '#core/ports.ts';
import { analyzeBrokers } from '../analysis/analyze-brokers.ts';
import { analyzeGapFill } from '../analysis/analyze-gap-fill.ts';
import { analyzeRoles } from '../analysis/analyze-roles.ts';
import { analyzeStrengths } from '../analysis/analyze-strengths.ts';
import { strengthsByPlace } from '../analysis/strengths-by-place.ts';
import type { LoadedNetwork } from '../analysis/network-cache.ts';
import { analyzeContinuation } from '../programmes/analyze-continuation.ts';
import { analyzeCaseFactors } from '../programmes/case-library.ts';
import { findSupportMeasures } from '../programmes/find-support-measures.ts';
import { analyzePortfolio, analyzeProjectHealth } from '../programmes/project-portfolio.ts';
import { analyzeMoney } from '../region/analyze-money.ts';
import { analyzePeople } from '../region/analyze-people.ts';
import { analyzeRegionStrategy } from '../region/analyze-region-strategy.ts';
import { buildRegionReport } from '../reports/build-region-report.ts';
import { renderRegionReport } from '../reports/render-region-report.ts';

/** What an analysis gets to compute with. */
export interface AnalysisContext {
  repos: Repositories;
  clock: Clock;
  /**
   * The network in compact form and the shared communities, loaded once per data state for every
   * analysis.
   */
  network(): Promise<LoadedNetwork>;
  /** The same compact network without the communities (not computed for an analysis needing none). */
  compactNetwork(): Promise<CompactNetwork>;
  /** The seeds, checked as they are read, once per data state. */
  seeds(): Promise<readonly Seed[]>;
}

/**
 * Tables whose rows any viewer may see in full. Needs are not here: a need may be members-only
 * or confidential, so an analysis reading it answers per viewer and may not be shared.
 */
export const PUBLIC_TABLES = [
  'actors',
  'relations',
  'seeds',
  'projects',
  'programmes',
  'adoptions',
  'funding_flows',
  'support_measures',
  'case_stories',
  'indicators',
  'region_strategies',
  'training_programmes',
] as const;
export type PublicTable = (typeof PUBLIC_TABLES)[number];

/** Tables an analysis read from makes its answer depend on the viewer. */
export const PER_VIEWER_TABLES = ['needs', 'consultations', 'accounts', 'notifications'] as const;

const network = ['actors', 'relations', 'seeds'] as const satisfies readonly PublicTable[];
const scoped = [
  'actors',
  'relations',
  'seeds',
  'projects',
] as const satisfies readonly PublicTable[];

/** Every shared analysis: the tables it reads and how it is computed. */
export const SHARED_ANALYSES = {
  continuation: {
    tables: ['actors', 'relations', 'projects', 'adoptions', 'funding_flows'],
    run: (c: AnalysisContext, p: Parameters<typeof analyzeContinuation>[2]) =>
      analyzeContinuation(c.repos, c.clock, p),
  },
  portfolio: {
    tables: scoped,
    run: (c: AnalysisContext, p: Parameters<typeof analyzePortfolio>[2]) =>
      analyzePortfolio(c.repos, c.clock, p),
  },
  projectHealth: {
    tables: ['actors', 'projects'],
    run: (c: AnalysisContext, p: { projectId: string }) =>
      analyzeProjectHealth(c.repos, c.clock, p.projectId),
  },
  /** The printable region report, rendered (HTML). */
  regionReport: {
    tables: PUBLIC_TABLES,
    run: async (c: AnalysisContext, p: Parameters<typeof buildRegionReport>[2]) =>
      renderRegionReport(await buildRegionReport(c.repos, c.clock, p), { language: p.language }),
  },
  gapFill: {
    tables: network,
    run: async (c: AnalysisContext, p: Parameters<typeof analyzeGapFill>[2]) =>
      analyzeGapFill(c.repos, c.clock, p, {
        network: { ...(await c.compactNetwork()), seeds: await c.seeds() },
        shared: (await c.network()).shared,
      }),
  },
  brokers: {
    tables: network,
    run: async (c: AnalysisContext, p: Parameters<typeof analyzeBrokers>[2]) =>
      analyzeBrokers(c.repos, c.clock, p, await c.network()),
  },
  roles: {
    tables: scoped,
    run: async (c: AnalysisContext, p: Parameters<typeof analyzeRoles>[2]) =>
      analyzeRoles(c.repos, c.clock, p, await c.compactNetwork()),
  },
  strengthsMap: {
    tables: network,
    run: async (c: AnalysisContext, p: Parameters<typeof strengthsByPlace>[1]) =>
      strengthsByPlace({ ...(await c.compactNetwork()), seeds: await c.seeds() }, p),
  },
  strengths: {
    tables: scoped,
    run: async (c: AnalysisContext, p: Parameters<typeof analyzeStrengths>[2]) =>
      analyzeStrengths(c.repos, c.clock, p, {
        network: { ...(await c.compactNetwork()), seeds: await c.seeds() },
        communities: async () => (await c.network()).shared,
      }),
  },
  regionStrategy: {
    // relations too: a community area is named from its members' ties
    tables: [
      'region_strategies',
      'indicators',
      'training_programmes',
      'projects',
      'actors',
      'relations',
    ],
    run: (c: AnalysisContext, p: Parameters<typeof analyzeRegionStrategy>[2]) =>
      analyzeRegionStrategy(c.repos, c.clock, p),
  },
  money: {
    tables: [...scoped, 'programmes', 'adoptions', 'funding_flows'],
    run: (c: AnalysisContext, p: Parameters<typeof analyzeMoney>[2]) =>
      analyzeMoney(c.repos, c.clock, p),
  },
  people: {
    tables: [...scoped, 'indicators', 'training_programmes'],
    run: (c: AnalysisContext, p: Parameters<typeof analyzePeople>[1]) =>
      analyzePeople(c.repos, p, c.clock),
  },
  supportFit: {
    tables: ['actors', 'projects', 'support_measures', 'programmes'],
    run: (c: AnalysisContext, p: Parameters<typeof findSupportMeasures>[2]) =>
      findSupportMeasures(c.repos, c.clock, p),
  },
  caseFactors: {
    tables: ['case_stories'],
    run: (c: AnalysisContext, p: Parameters<typeof analyzeCaseFactors>[1]) =>
      analyzeCaseFactors(c.repos, p),
  },
} as const satisfies Record<
  string,
  { tables: readonly PublicTable[]; run: (c: AnalysisContext, p: never) => Promise<unknown> }
>;

export type SharedAnalysisName = keyof typeof SHARED_ANALYSES;
export type SharedAnalysisParams<N extends SharedAnalysisName> = Parameters<
  (typeof SHARED_ANALYSES)[N]['run']
>[1];
export type SharedAnalysisResult<N extends SharedAnalysisName> = Awaited<
  ReturnType<(typeof SHARED_ANALYSES)[N]['run']>
>;

export function isSharedAnalysisName(name: string): name is SharedAnalysisName {
  return Object.hasOwn(SHARED_ANALYSES, name);
}

/** The same definitions, seen per name (so a name and its parameters stay together). */
type Definitions = {
  [N in SharedAnalysisName]: {
    tables: readonly PublicTable[];
    run: (c: AnalysisContext, p: SharedAnalysisParams<N>) => Promise<SharedAnalysisResult<N>>;
  };
};
const DEFINITIONS: Definitions = SHARED_ANALYSES;

/** The tables one shared analysis reads. */
export function tablesOf(name: SharedAnalysisName): readonly PublicTable[] {
  return DEFINITIONS[name].tables;
}

/** Runs one shared analysis by name (the parameters are the caller's, checked at the HTTP edge). */
export function runSharedAnalysis<N extends SharedAnalysisName>(
  context: AnalysisContext,
  name: N,
  params: SharedAnalysisParams<N>,
): Promise<SharedAnalysisResult<N>> {
  return DEFINITIONS[name].run(context, params);
}
