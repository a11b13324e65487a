/**
 * Every route in the contract, by name. Routes not listed here are still registered the old way
 * (their own zod and hand-written OpenAPI pieces); the document merges both.
 */
import * as matching from './routes/matching.ts';
import * as programmes from './routes/programmes.ts';
import * as regionAnalyses from './routes/region-analyses.ts';
import * as webData from './routes/web-data.ts';
import type { RouteContract } from './route.ts';

export const contract = {
  webMeta: webData.webMeta,
  webCommunities: webData.webCommunities,
  webSummary: webData.webSummary,
  webChoropleth: webData.webChoropleth,
  webMunicipalityChoropleth: webData.webMunicipalityChoropleth,
  webNetwork: webData.webNetwork,
  webActors: webData.webActors,
  webActorProfile: webData.webActorProfile,
  gapFill: programmes.gapFill,
  continuation: programmes.continuation,
  portfolio: programmes.portfolio,
  projectHealth: programmes.projectHealth,
  supportFit: programmes.supportFit,
  caseSearch: programmes.caseSearch,
  caseFactors: programmes.caseFactors,
  matchText: matching.matchText,
  matchNeed: matching.matchNeed,
  matchSeed: matching.matchSeed,
  matchFeedback: matching.matchFeedback,
  money: regionAnalyses.money,
  regionStrategy: regionAnalyses.regionStrategy,
  people: regionAnalyses.people,
} as const satisfies Record<string, RouteContract>;

export type Contract = typeof contract;
export type ContractRoute = Contract[keyof Contract];

/** The routes as a list (the OpenAPI generator's input). */
export const contractRoutes: readonly RouteContract[] = Object.values(contract);
