/**
 * Analyses over HTTP (read only): filling a community's wheel gap, the JAREC continuation analysis, project portfolio
 * and health, the support-measure navigator and the case library. They read adoptions, funding, relations, actors, projects,
 * support measures and cases — public records — and never needs, so anonymous callers get the
 * same answers as signed-in ones.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import { WHEEL_SECTORS } from '#analytics/abc/wheel.ts';
import { CASE_OUTCOMES, INNOVATION_PATHS } from '#core/vocabulary.ts';
import { analyzeGapFill } from '#services/analysis/analyze-gap-fill.ts';
import { createNetworkCache } from '#services/analysis/network-cache.ts';
import { analyzeContinuation } from '#services/programmes/analyze-continuation.ts';
import { analyzeCaseFactors, searchCases } from '#services/programmes/case-library.ts';
import { findSupportMeasures } from '#services/programmes/find-support-measures.ts';
import { analyzePortfolio, analyzeProjectHealth } from '#services/programmes/project-portfolio.ts';
import type { ApiServices, AppEnv } from '../app-env.ts';
import { parseQuery } from '../http-input.ts';

const ZGapFillQuery = z.object({
  community: z.string().regex(/^c\d+$/, 'a community id like c3'),
  sector: z.enum(WHEEL_SECTORS).optional(),
  keywords: z
    .string()
    .max(500)
    .transform((text) =>
      text
        .split(/[,、]/)
        .map((k) => k.trim())
        .filter(Boolean),
    )
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

const ZContinuationQuery = z.object({
  asOfFy: z.coerce.number().int().min(1990).max(2100).optional(),
  minRecords: z.coerce.number().int().min(2).max(10_000).optional(),
});

const ZSupportFitQuery = z
  .object({
    actor: z.string().min(1).max(200).optional(),
    project: z.string().min(1).max(200).optional(),
    stage: z.enum(INNOVATION_PATHS).optional(),
    amount: z.coerce.number().min(0).optional(),
  })
  .refine((q) => (q.actor === undefined) !== (q.project === undefined), {
    message: 'give exactly one of actor or project',
    path: ['actor'],
  });

const ZCaseQuery = z.object({
  q: z.string().max(200).optional(),
  outcome: z.enum(CASE_OUTCOMES).optional(),
  prefecture: z
    .string()
    .regex(/^\d{2}$/, 'a prefecture code 01..47')
    .optional(),
  programme: z.string().max(200).optional(),
  factor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

function caseFilter(q: z.infer<typeof ZCaseQuery>) {
  return {
    ...(q.q ? { q: q.q } : {}),
    ...(q.prefecture ? { prefectureCode: q.prefecture } : {}),
    ...(q.programme ? { programmeId: q.programme } : {}),
    ...(q.factor ? { factor: q.factor } : {}),
  };
}

const ZPortfolioQuery = z
  .object({
    prefecture: z
      .string()
      .regex(/^\d{2}$/, 'a prefecture code 01..47')
      .optional(),
    community: z
      .string()
      .regex(/^c\d+$/, 'a community id like c3')
      .optional(),
  })
  .refine((q) => (q.prefecture === undefined) !== (q.community === undefined), {
    message: 'give exactly one of prefecture or community',
    path: ['prefecture'],
  });

export function registerProgrammeRoutes(api: Hono<AppEnv>, services: ApiServices): void {
  const { repos, clock } = services;

  // Candidates from any prefecture for a community's gap (戦略的不平等). Reads actors, relations and
  // seeds only — public records — and the community every other view shows.
  const networks = createNetworkCache(repos, clock);
  api.get('/analyses/gap-fill', async (c) => {
    const q = parseQuery(ZGapFillQuery, c.req.query());
    return c.json(
      await analyzeGapFill(
        repos,
        clock,
        {
          community: q.community,
          ...(q.sector ? { sector: q.sector } : {}),
          ...(q.keywords && q.keywords.length > 0 ? { keywords: q.keywords } : {}),
          ...(q.limit !== undefined ? { limit: q.limit } : {}),
        },
        await networks.get(),
      ),
    );
  });

  api.get('/analyses/continuation', async (c) => {
    const q = parseQuery(ZContinuationQuery, c.req.query());
    return c.json(
      await analyzeContinuation(repos, clock, {
        ...(q.asOfFy !== undefined ? { asOfFy: q.asOfFy } : {}),
        ...(q.minRecords !== undefined ? { minRecords: q.minRecords } : {}),
      }),
    );
  });

  api.get('/support/fit', async (c) => {
    const q = parseQuery(ZSupportFitQuery, c.req.query());
    return c.json(
      await findSupportMeasures(repos, clock, {
        ...(q.actor !== undefined ? { actorId: q.actor } : {}),
        ...(q.project !== undefined ? { projectId: q.project } : {}),
        ...(q.stage ? { stage: q.stage } : {}),
        ...(q.amount !== undefined ? { amountNeeded: q.amount } : {}),
      }),
    );
  });

  api.get('/portfolio/projects', async (c) => {
    const q = parseQuery(ZPortfolioQuery, c.req.query());
    return c.json(
      await analyzePortfolio(repos, clock, {
        ...(q.prefecture !== undefined ? { prefectureCode: q.prefecture } : {}),
        ...(q.community !== undefined ? { communityId: q.community } : {}),
      }),
    );
  });

  api.get('/portfolio/projects/:id/health', async (c) =>
    c.json(await analyzeProjectHealth(repos, clock, c.req.param('id'))),
  );

  api.get('/case-library/cases', async (c) => {
    const q = parseQuery(ZCaseQuery, c.req.query());
    return c.json(
      await searchCases(repos, {
        ...caseFilter(q),
        ...(q.outcome ? { outcome: q.outcome } : {}),
        ...(q.limit !== undefined ? { limit: q.limit } : {}),
      }),
    );
  });

  api.get('/case-library/factors', async (c) => {
    const q = parseQuery(ZCaseQuery, c.req.query());
    return c.json(await analyzeCaseFactors(repos, caseFilter(q)));
  });
}
