/**
 * Region-level analyses over HTTP (read only): strategy progress against KPI targets, money and
 * self-sustainability, people. They read public records (strategies, indicators, training
 * programmes, funding, projects, adoptions, actors), never needs, so anonymous callers get the same
 * answers as signed-in ones.
 */
import type { Hono } from 'hono';
import { contract } from '#contract/contract.ts';
import type { ApiServices, AppEnv } from '../app-env.ts';
import { registerRoute } from '../register-route.ts';

const on = { mountedAt: '/api' };

const region = (q: { prefecture?: string | undefined; community?: string | undefined }) => ({
  ...(q.prefecture !== undefined ? { prefectureCode: q.prefecture } : {}),
  ...(q.community !== undefined ? { communityId: q.community } : {}),
});

export function registerRegionAnalysisRoutes(api: Hono<AppEnv>, services: ApiServices): void {
  const { analyses } = services;
  registerRoute(
    api,
    contract.money,
    async ({ query: q }) =>
      analyses.get('money', {
        ...region(q),
        ...(q.consortium !== undefined ? { consortium: q.consortium } : {}),
        ...(q.asOfFy !== undefined ? { asOfFy: q.asOfFy } : {}),
      }),
    on,
  );
  registerRoute(
    api,
    contract.regionStrategy,
    async ({ query: q }) =>
      analyses.get('regionStrategy', {
        ...region(q),
        ...(q.strategy !== undefined ? { strategyId: q.strategy } : {}),
        ...(q.asOfFy !== undefined ? { asOfFy: q.asOfFy } : {}),
      }),
    on,
  );
  registerRoute(
    api,
    contract.people,
    async ({ query: q }) =>
      analyses.get('people', {
        ...region(q),
        ...(q.consortium !== undefined ? { consortium: q.consortium } : {}),
      }),
    on,
  );
}
