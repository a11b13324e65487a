/**
 * Structural analyses over HTTP (read only): the brokers who bridge communities and the regional
 * strengths (location quotients by field). They read actors, relations and seeds only — public
 * records — so anonymous callers get the same answers as signed-in ones.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import { analyzeBrokers } from '#services/analysis/analyze-brokers.ts';
import { analyzeStrengths, STRENGTH_MEASURES } from '#services/analysis/analyze-strengths.ts';
import {
  findRecordsBySdg,
  SDG_ENTITIES,
  suggestRecordSdgs,
} from '#services/analysis/suggest-sdgs.ts';
import { createNetworkCache } from '#services/analysis/network-cache.ts';
import type { ApiServices, AppEnv } from '../app-env.ts';
import { parseQuery } from '../http-input.ts';

const ZCommunityId = z.string().regex(/^c\d+$/, 'a community id like c3');

const ZBrokersQuery = z.object({
  community: ZCommunityId.optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

const ZStrengthsQuery = z
  .object({
    prefecture: z
      .string()
      .regex(/^\d{2}$/, 'a prefecture code 01..47')
      .optional(),
    municipality: z
      .string()
      .regex(/^\d{6}$/, 'a 6-digit municipality code')
      .optional(),
    community: ZCommunityId.optional(),
    measure: z.enum(STRENGTH_MEASURES).optional(),
  })
  .refine((q) => [q.prefecture, q.municipality, q.community].filter(Boolean).length === 1, {
    message: 'give exactly one of prefecture, municipality or community',
    path: ['prefecture'],
  });

const ZSdgQuery = z
  .object({
    entity: z.enum(SDG_ENTITIES),
    id: z.string().min(1).max(200).optional(),
    sdg: z.coerce.number().int().min(1).max(17).optional(),
    limit: z.coerce.number().int().min(1).max(1000).optional(),
  })
  .refine((q) => (q.id === undefined) !== (q.sdg === undefined), {
    message: 'give exactly one of id (suggest for a record) or sdg (records of a goal)',
    path: ['id'],
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

  api.get('/analyses/strengths', async (c) => {
    const q = parseQuery(ZStrengthsQuery, c.req.query());
    return c.json(
      await analyzeStrengths(repos, clock, {
        ...(q.prefecture !== undefined ? { prefectureCode: q.prefecture } : {}),
        ...(q.municipality !== undefined ? { municipalityCode: q.municipality } : {}),
        ...(q.community !== undefined ? { communityId: q.community } : {}),
        ...(q.measure !== undefined ? { measure: q.measure } : {}),
      }),
    );
  });

  // seeds and projects are public records; needs (which may be confidential) are not read here
  api.get('/analyses/sdgs', async (c) => {
    const q = parseQuery(ZSdgQuery, c.req.query());
    if (q.id !== undefined)
      return c.json(await suggestRecordSdgs(repos, { entity: q.entity, id: q.id }));
    return c.json(
      await findRecordsBySdg(repos, {
        entity: q.entity,
        sdg: q.sdg ?? 0,
        ...(q.limit !== undefined ? { limit: q.limit } : {}),
      }),
    );
  });
}
