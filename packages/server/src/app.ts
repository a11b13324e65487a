import { Hono } from 'hono';
import { z } from 'zod';
import { DomainError, isDomainError } from '#core/domain-error.ts';
import {
  ENTITY_NAMES,
  ENTITY_SPECS,
  isEntityName,
  type EntityName,
} from '#core/entities/registry.ts';
import type { ListQuery, Repositories } from '#core/ports.ts';
import { HTTP_STATUS } from './errors.ts';
import { renderHomePage } from './home-page.ts';

export interface AppDependencies {
  repos: Repositories;
}

/** Confidentiality levels a visitor may see; accounts and roles widen this (see the web issue). */
const ANONYMOUS_NEED_LEVELS = ['public'] as const;

const ZListParams = z.object({
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  cursor: z.string().max(300).optional(),
});

function problem(
  status: number,
  title: string,
  detail: string,
  extra: Record<string, unknown> = {},
) {
  return new Response(JSON.stringify({ type: 'about:blank', title, status, detail, ...extra }), {
    status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8' },
  });
}

/** Filters a list query may carry, per entity: domain field → query parameter of the same name. */
function filtersFor(entity: EntityName, params: URLSearchParams): Record<string, string> {
  const where: Record<string, string> = {};
  const filterable = ENTITY_SPECS[entity].columns.filter(
    (c) => c.indexed && c.field !== 'confidentiality',
  );
  for (const column of filterable) {
    const value = params.get(column.field) ?? params.get(column.column);
    if (value) where[column.field] = value;
  }
  return where;
}

export function createApp({ repos }: AppDependencies): Hono {
  const app = new Hono();

  app.onError((error) => {
    if (isDomainError(error))
      return problem(HTTP_STATUS[error.code], error.code, error.message, error.details);
    return problem(500, 'internal_error', 'unexpected error');
  });
  app.notFound((c) => problem(404, 'not_found', `no route ${c.req.method} ${c.req.path}`));

  app.get('/api/health', async (c) => {
    const ok = await repos.ping();
    return c.json({ status: ok ? 'ok' : 'unavailable' }, ok ? 200 : 503);
  });

  app.get('/api/stats', async (c) => {
    const counts = await repos.counts();
    // Counts never reveal that confidential needs exist.
    const needs = await repos.entity('needs').count({ confidentiality: 'public' });
    return c.json({ ...counts, needs });
  });

  app.get('/api/:entity', async (c) => {
    const entity = c.req.param('entity');
    if (!isEntityName(entity)) throw new DomainError('not_found', `unknown list ${entity}`);
    const parsed = ZListParams.safeParse(c.req.query());
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new DomainError('validation_failed', `${String(issue?.path[0])}: ${issue?.message}`, {
        field: issue?.path[0],
      });
    }
    const query: ListQuery = {
      limit: parsed.data.limit,
      where: filtersFor(entity, new URL(c.req.url).searchParams),
      ...(parsed.data.q ? { q: parsed.data.q } : {}),
      ...(parsed.data.cursor ? { cursor: parsed.data.cursor } : {}),
      ...(entity === 'needs' ? { confidentialityIn: ANONYMOUS_NEED_LEVELS } : {}),
    };
    const page = await repos.entity(entity).list(query);
    return c.json({ items: page.items, nextCursor: page.nextCursor ?? null });
  });

  app.get('/api/:entity/:id', async (c) => {
    const entity = c.req.param('entity');
    if (!isEntityName(entity)) throw new DomainError('not_found', `unknown entity ${entity}`);
    const found = await repos.entity(entity).get(c.req.param('id'));
    const hidden = entity === 'needs' && found && found.record['confidentiality'] !== 'public';
    if (!found || hidden)
      throw new DomainError('not_found', `no ${entity} record ${c.req.param('id')}`);
    c.header('ETag', `"${found.version}"`);
    return c.json(found.record);
  });

  app.get('/', async (c) => {
    const counts = await repos.counts();
    const needs = await repos.entity('needs').count({ confidentiality: 'public' });
    return c.html(renderHomePage({ ...counts, needs }, ENTITY_NAMES));
  });

  return app;
}
