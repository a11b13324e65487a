/**
 * Structural analyses over HTTP (read only): the brokers who bridge communities and the regional
 * strengths (location quotients by field). They read actors, relations and seeds only — public
 * records — so anonymous callers get the same answers as signed-in ones.
 */
import type { Hono } from 'hono';
import { contract } from '#contract/contract.ts';
import { findRecordsBySdg, suggestRecordSdgs } from '#services/analysis/suggest-sdgs.ts';
import type { ApiServices, AppEnv } from '../app-env.ts';
import { registerRoute } from '../register-route.ts';

const on = { mountedAt: '/api' };

export function registerAnalysisRoutes(api: Hono<AppEnv>, services: ApiServices): void {
  const { repos, analyses, analysisWarmUp } = services;

  registerRoute(
    api,
    contract.analysisProgress,
    () => {
      const { computing, ready, computed, restored, lastSeconds } = analyses.progress();
      // Names only: a key's parameters are what someone asked for.
      const names = [...new Set(computing.map((key) => key.split(' ')[0] ?? key))];
      return {
        warmUp: analysisWarmUp?.progress() ?? null,
        computing: names,
        ready,
        computed,
        restored,
        lastSeconds,
      };
    },
    on,
  );

  registerRoute(
    api,
    contract.brokers,
    async ({ query: q }) => {
      return await analyses.get('brokers', {
        ...(q.community !== undefined ? { community: q.community } : {}),
        ...(q.limit !== undefined ? { limit: q.limit } : {}),
      });
    },
    on,
  );

  registerRoute(
    api,
    contract.strengths,
    async ({ query: q }) => {
      return await analyses.get('strengths', {
        ...(q.prefecture !== undefined ? { prefectureCode: q.prefecture } : {}),
        ...(q.municipality !== undefined ? { municipalityCode: q.municipality } : {}),
        ...(q.community !== undefined ? { communityId: q.community } : {}),
        ...(q.measure !== undefined ? { measure: q.measure } : {}),
      });
    },
    on,
  );

  registerRoute(
    api,
    contract.roles,
    async ({ query: q }) =>
      analyses.get('roles', {
        ...(q.limit !== undefined ? { limit: q.limit } : {}),
        ...(q.starTop !== undefined ? { starTopShare: q.starTop } : {}),
      }),
    on,
  );

  registerRoute(
    api,
    contract.strengthsMap,
    async ({ query: q }) =>
      analyses.get('strengthsMap', {
        ...(q.field !== undefined ? { field: q.field } : {}),
        ...(q.measure !== undefined ? { measure: q.measure } : {}),
      }),
    on,
  );

  // seeds and projects are public records; needs (which may be confidential) are not read here
  registerRoute(
    api,
    contract.sdgs,
    async ({ query: q }) => {
      if (q.id !== undefined) return await suggestRecordSdgs(repos, { entity: q.entity, id: q.id });
      return await findRecordsBySdg(repos, {
        entity: q.entity,
        sdg: q.sdg ?? 0,
        ...(q.limit !== undefined ? { limit: q.limit } : {}),
      });
    },
    on,
  );
}
