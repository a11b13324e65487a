/**
 * The generic REST API over every entity (`/api/actors`, `/api/needs`…): list with `?q=`,
 * `?limit=`, `?cursor=` and filters on indexed fields; read one (ETag = version); create; replace
 * (PUT) or patch (PATCH, JSON Merge Patch) with If-Match; delete with If-Match. Needs follow the
 * confidentiality rules everywhere; permissions are checked in the services.
 */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { DomainError } from '#core/domain-error.ts';
import {
  ENTITY_SPECS,
  isEntityName,
  listedFields,
  type EntityName,
} from '#core/entities/registry.ts';
import { staleCutoffs } from '#core/freshness.ts';
import { parseSort } from '#core/list-sort.ts';
import { createRecord } from '#services/accounts/create-record.ts';
import { deleteRecord } from '#services/accounts/delete-record.ts';
import { getRecord } from '#services/accounts/get-record.ts';
import { listRecordsJson } from '#services/accounts/list-records.ts';
import { updateRecord } from '#services/accounts/update-record.ts';
import type { ApiServices, AppEnv } from '../app-env.ts';
import { etagOf, expectedVersion, parseQuery, readJsonBody } from '../http-input.ts';
import { parameterNames, rejectUnknownParameters } from '../query-parameters.ts';
import { clientAddress } from '../request-auth.ts';

export const ZListParams = z.object({
  q: z.string().trim().max(200, 'at most 200 characters').optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  cursor: z.string().max(500).optional(),
  sort: z.string().max(61).optional(),
  fields: z.string().max(2000).optional(),
  /** `true`: only records past their source's age (core/freshness.ts). */
  stale: z.enum(['true', 'false']).optional(),
});

/**
 * The fields a list gives (`?fields=a,b`; `*` for all): by default all but the detail-only ones.
 * Undefined means every field.
 */
export function listFields(entity: EntityName, raw: string | undefined): string[] | undefined {
  const spec = ENTITY_SPECS[entity];
  if (raw === undefined) {
    const listed = listedFields(spec);
    return listed.length === spec.columns.length ? undefined : listed;
  }
  if (raw.trim() === '*') return undefined;
  const asked = raw
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const known = new Set(spec.columns.map((c) => c.field));
  const unknown = asked.filter((f) => !known.has(f));
  if (asked.length === 0 || unknown.length > 0)
    throw new DomainError(
      'validation_failed',
      asked.length === 0
        ? 'fields: name at least one field, or * for all'
        : `fields: ${entity} have no field ${unknown.map((f) => JSON.stringify(f.slice(0, 40))).join(', ')}`,
      { field: 'fields' },
    );
  return asked;
}

/** Fields a list may be sorted on (`?sort=field`, `?sort=-field`): its single-valued columns. */
export function sortableFields(entity: EntityName): string[] {
  return ENTITY_SPECS[entity].columns
    .filter((c) => !['list', 'int_list', 'prefecture_list', 'members', 'json'].includes(c.codec))
    .map((c) => c.field);
}

/** Fields a list may be filtered on, per entity: its indexed, single-valued columns. */
export function filterableColumns(entity: EntityName) {
  return ENTITY_SPECS[entity].columns.filter(
    (c) => c.indexed && c.field !== 'confidentiality' && c.codec !== 'list',
  );
}

function filtersFor(entity: EntityName, params: URLSearchParams): Record<string, string> {
  const where: Record<string, string> = {};
  for (const column of filterableColumns(entity)) {
    const value = params.get(column.field) ?? params.get(column.column);
    if (value === null || value === '') continue;
    if (value.length > 200)
      throw new DomainError('validation_failed', `${column.field}: at most 200 characters`, {
        field: column.field,
      });
    where[column.field] = value;
  }
  return where;
}

function entityOf(c: Context): EntityName {
  const entity = c.req.param('entity') ?? '';
  if (!isEntityName(entity))
    throw new DomainError('not_found', `no list /api/${entity.slice(0, 60)}`);
  return entity;
}

function locationOf(entity: EntityName, key: string): string {
  return `/api/${entity}/${encodeURIComponent(key)}`;
}

export function registerEntityRoutes(api: Hono<AppEnv>, services: ApiServices): void {
  const { repos, clock, limiters, config, listPages } = services;
  const acting = (c: Context<AppEnv>) => ({ principal: c.get('principal'), clock });

  api.get('/:entity', async (c) => {
    const entity = entityOf(c);
    rejectUnknownParameters(
      c.req.query(),
      [
        ...parameterNames(ZListParams),
        ...filterableColumns(entity).flatMap((column) => [column.field, column.column]),
      ],
      `/api/${entity}`,
    );
    const params = parseQuery(ZListParams, c.req.query());
    const sort = parseSort(params.sort, sortableFields(entity));
    const fields = listFields(entity, params.fields);
    const principal = c.get('principal');
    if (params.q) {
      const key =
        principal.kind === 'account'
          ? `account:${principal.account.id}`
          : `address:${clientAddress(c, config)}`;
      const taken = limiters.search.take(key);
      if (!taken.ok)
        throw new DomainError(
          'rate_limited',
          `too many searches; try again in ${taken.retryAfterSeconds} s`,
          {
            retryAfterSeconds: taken.retryAfterSeconds,
          },
        );
    }
    const query = {
      limit: params.limit,
      where: filtersFor(entity, new URL(c.req.url).searchParams),
      ...(params.q ? { q: params.q } : {}),
      ...(params.cursor ? { cursor: params.cursor } : {}),
      ...(sort ? { sort } : {}),
      ...(params.stale === 'true'
        ? { staleBefore: staleCutoffs(clock.now().toISOString().slice(0, 10)) }
        : {}),
    };
    const page = await listPages.page(repos, entity, query, fields, () =>
      listRecordsJson(repos, principal, entity, query, fields, clock),
    );
    c.header('vary', 'Cookie, Authorization');
    c.header('content-type', 'application/json');
    // The items are JSON texts already (see listRecordsJson): joined, not parsed and re-serialised.
    return c.body(
      `{"items":[${page.items.join(',')}],"nextCursor":${JSON.stringify(page.nextCursor ?? null)}}`,
    );
  });

  api.post('/:entity', async (c) => {
    const entity = entityOf(c);
    const body = await readJsonBody(c);
    const { key, stored } = await createRecord(repos, acting(c), entity, body);
    c.header('location', locationOf(entity, key));
    c.header('etag', etagOf(stored.version));
    return c.json(stored.record, 201);
  });

  api.get('/:entity/:id', async (c) => {
    const entity = entityOf(c);
    const found = await getRecord(repos, c.get('principal'), entity, c.req.param('id'), clock);
    c.header('etag', etagOf(found.version));
    c.header('vary', 'Cookie, Authorization');
    return c.json(found.record);
  });

  for (const mode of ['replace', 'merge'] as const) {
    const method = mode === 'replace' ? api.put.bind(api) : api.patch.bind(api);
    method('/:entity/:id', async (c) => {
      const entity = entityOf(c);
      const version = expectedVersion(c);
      const body = await readJsonBody(c);
      const stored = await updateRecord(repos, acting(c), entity, c.req.param('id'), body, {
        expectedVersion: version,
        mode,
      });
      c.header('etag', etagOf(stored.version));
      return c.json(stored.record);
    });
  }

  api.delete('/:entity/:id', async (c) => {
    const entity = entityOf(c);
    const version = expectedVersion(c);
    await deleteRecord(repos, acting(c), entity, c.req.param('id'), version);
    return c.body(null, 204);
  });
}
