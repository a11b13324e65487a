/**
 * Structural analyses over HTTP (read only): the brokers who bridge communities. They read actors
 * and relations only — public records — so anonymous callers get the same answers as signed-in ones.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import { analyzeBrokers } from '#services/analysis/analyze-brokers.ts';
import { createNetworkCache } from '#services/analysis/network-cache.ts';
import type { ApiServices, AppEnv } from '../app-env.ts';
import { parseQuery } from '../http-input.ts';

const ZCommunityId = z.string().regex(/^c\d+$/, 'a community id like c3');

const ZBrokersQuery = z.object({
  community: ZCommunityId.optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export function registerAnalysisRoutes(api: Hono<AppEnv>, services: ApiServices): void {
  const { repos, clock } = services;
  const networks = createNetworkCache(repos, clock);

  api.get('/analyses/brokers', async (c) => {
    const q = parseQuery(ZBrokersQuery, c.req.query());
    return c.json(
      await analyzeBrokers(
        repos,
        clock,
        {
          ...(q.community !== undefined ? { community: q.community } : {}),
          ...(q.limit !== undefined ? { limit: q.limit } : {}),
        },
        await networks.get(),
      ),
    );
  });
}
