/**
 * Analyses over HTTP (read only): filling a community's wheel gap, the JAREC continuation analysis, project portfolio
 * and health, the support-measure navigator and the case library. They read adoptions, funding, relations, actors, projects,
 * support measures and cases — public records — and never needs, so anonymous callers get the
 * same answers as signed-in ones.
 */
import type { Hono } from 'hono';
import type { z } from 'zod';
import { contract } from '#contract/contract.ts';
import type { ZCaseQuery } from '#contract/routes/programmes.ts';
import { searchCases } from '#services/programmes/case-library.ts';
import type { ApiServices, AppEnv } from '../app-env.ts';
import { registerRoute } from '../register-route.ts';

function caseFilter(q: z.output<typeof ZCaseQuery>) {
  return {
    ...(q.q ? { q: q.q } : {}),
    ...(q.prefecture ? { prefectureCode: q.prefecture } : {}),
    ...(q.programme ? { programmeId: q.programme } : {}),
    ...(q.factor ? { factor: q.factor } : {}),
  };
}

const on = { mountedAt: '/api' };

export function registerProgrammeRoutes(api: Hono<AppEnv>, services: ApiServices): void {
  const { repos, analyses } = services;

  // Candidates from any prefecture for a community's gap (戦略的不平等). Reads actors, relations and
  // seeds only — public records — and the community every other view shows.
  registerRoute(
    api,
    contract.gapFill,
    async ({ query: q }) =>
      analyses.get('gapFill', {
        community: q.community,
        ...(q.sector ? { sector: q.sector } : {}),
        ...(q.keywords && q.keywords.length > 0 ? { keywords: q.keywords } : {}),
        ...(q.limit !== undefined ? { limit: q.limit } : {}),
      }),
    on,
  );

  registerRoute(
    api,
    contract.continuation,
    async ({ query: q }) =>
      analyses.get('continuation', {
        ...(q.asOfFy !== undefined ? { asOfFy: q.asOfFy } : {}),
        ...(q.minRecords !== undefined ? { minRecords: q.minRecords } : {}),
      }),
    on,
  );

  registerRoute(
    api,
    contract.supportFit,
    async ({ query: q }) =>
      analyses.get('supportFit', {
        ...(q.actor !== undefined ? { actorId: q.actor } : {}),
        ...(q.project !== undefined ? { projectId: q.project } : {}),
        ...(q.stage ? { stage: q.stage } : {}),
        ...(q.amount !== undefined ? { amountNeeded: q.amount } : {}),
      }),
    on,
  );

  registerRoute(
    api,
    contract.portfolio,
    async ({ query: q }) =>
      analyses.get('portfolio', {
        ...(q.prefecture !== undefined ? { prefectureCode: q.prefecture } : {}),
        ...(q.community !== undefined ? { communityId: q.community } : {}),
      }),
    on,
  );

  registerRoute(
    api,
    contract.projectHealth,
    async ({ params }) => analyses.get('projectHealth', { projectId: params.id }),
    on,
  );

  registerRoute(
    api,
    contract.caseSearch,
    async ({ query: q }) =>
      searchCases(repos, {
        ...caseFilter(q),
        ...(q.outcome ? { outcome: q.outcome } : {}),
        ...(q.limit !== undefined ? { limit: q.limit } : {}),
      }),
    on,
  );

  registerRoute(
    api,
    contract.caseFactors,
    async ({ query: q }) => analyses.get('caseFactors', caseFilter(q)),
    on,
  );
}
