/**
 * The generic REST API over every entity (`/api/actors`, `/api/needs`…): list with `?q=`,
 * `?limit=`, `?cursor=` and filters on indexed fields; read one (ETag = version); create; replace
 * (PUT) or patch (PATCH, JSON Merge Patch) with If-Match; delete with If-Match; and the counts
 * (`/api/stats`). Each entity's routes are its routes of the contract (`ENTITY_ROUTES`). Needs
 * follow the confidentiality rules everywhere; permissions are checked in the services.
 */
import type { Context, Hono } from 'hono';
import { contract } from '#contract/contract.ts';
import {
  ENTITY_ROUTES,
  filterableColumns,
  sortableFields,
  ZListParams,
} from '#contract/routes/entities.ts';
import { DomainError } from '#core/domain-error.ts';
import {
  ENTITY_NAMES,
  ENTITY_SPECS,
  listedFields,
  type EntityName,
} from '#core/entities/registry.ts';
import { staleCutoffs } from '#core/freshness.ts';
import { parseSort } from '#core/list-sort.ts';
import { createRecord } from '#services/accounts/create-record.ts';
import { deleteRecord } from '#services/accounts/delete-record.ts';
import { rekeyRelation } from '#services/accounts/rekey-relation.ts';
import { getRecord } from '#services/accounts/get-record.ts';
import { listRecordsJson } from '#services/accounts/list-records.ts';
import { updateRecord } from '#services/accounts/update-record.ts';
import { countVisibleRecords } from '#services/accounts/count-visible-records.ts';
import type { ApiServices, AppEnv } from '../app-env.ts';
import { etagOf, expectedVersion, parseQuery, readJsonBody } from '../http-input.ts';
import { parameterNames, rejectUnknownParameters } from '../query-parameters.ts';
import { registerRawRoute, registerRoute, type QueryParser } from '../register-route.ts';
import { clientAddress } from '../request-auth.ts';

const on = { mountedAt: '/api' };

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

function filtersFor(entity: EntityName, params: URLSearchParams): Record<string, string> {
  const where: Record<string, string> = {};
  for (const column of filterableColumns(entity)) {
    const value = params.get(column.field) ?? params.get(column.column);
    if (value === null || value === '') continue;
    if (value.length > 200)
      throw new DomainError('validation_failed', `${column.field}: at most 200 characters`, {
        field: column.field,
      });
    if (column.codec === 'int_list' && !/^\d{1,9}$/.test(value))
      throw new DomainError('validation_failed', `${column.field}: a whole number (e.g. 14)`, {
        field: column.field,
      });
    where[column.field] = value;
  }
  return where;
}

function locationOf(entity: EntityName, key: string): string {
  return `/api/${entity}/${encodeURIComponent(key)}`;
}

/** The routes of one entity, registered against its contract routes. */
function registerRoutesOf<E extends EntityName>(
  api: Hono<AppEnv>,
  services: ApiServices,
  entity: E,
): void {
  const { repos, clock, limiters, config, listPages } = services;
  const routes = ENTITY_ROUTES[entity];
  const acting = (c: Context<AppEnv>) => ({ principal: c.get('principal'), clock });
  const allowed = [
    ...parameterNames(ZListParams),
    ...filterableColumns(entity).flatMap((column) => [column.field, column.column]),
  ];
  // Filters are read from the URL below (by field or column name); the parser checks the rest.
  const parseListQuery: QueryParser = (_, query) => {
    rejectUnknownParameters(query, allowed, `/api/${entity}`);
    return parseQuery(ZListParams, query);
  };

  registerRawRoute(
    api,
    routes.list,
    async ({ query: params }, c) => {
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
    },
    { ...on, parseQuery: parseListQuery },
  );

  registerRawRoute(
    api,
    routes.create,
    async (_, c) => {
      const body = await readJsonBody(c);
      const { key, stored } = await createRecord(repos, acting(c), entity, body);
      c.header('location', locationOf(entity, key));
      c.header('etag', etagOf(stored.version));
      return c.json(stored.record, 201);
    },
    on,
  );

  registerRawRoute(
    api,
    routes.get,
    async ({ params }, c) => {
      const found = await getRecord(repos, c.get('principal'), entity, params.id, clock);
      c.header('etag', etagOf(found.version));
      c.header('vary', 'Cookie, Authorization');
      return c.json(found.record);
    },
    on,
  );

  for (const [route, mode] of [
    [routes.replace, 'replace'],
    [routes.patch, 'merge'],
  ] as const) {
    registerRawRoute(
      api,
      route,
      async ({ params }, c) => {
        const version = expectedVersion(c);
        const body = await readJsonBody(c);
        const stored = await updateRecord(repos, acting(c), entity, params.id, body, {
          expectedVersion: version,
          mode,
        });
        c.header('etag', etagOf(stored.version));
        return c.json(stored.record);
      },
      on,
    );
  }

  registerRawRoute(
    api,
    routes.remove,
    async ({ params }, c) => {
      const version = expectedVersion(c);
      await deleteRecord(repos, acting(c), entity, params.id, version);
      return c.body(null, 204);
    },
    on,
  );
}

export function registerEntityRoutes(api: Hono<AppEnv>, services: ApiServices): void {
  registerRoute(
    api,
    contract.stats,
    async (_, c) => countVisibleRecords(services.repos, c.get('principal')),
    on,
  );
  registerRawRoute(
    api,
    contract.rekeyRelation,
    async ({ params }, c) => {
      const version = expectedVersion(c);
      const body = await readJsonBody(c);
      const { key, stored } = await rekeyRelation(
        services.repos,
        { principal: c.get('principal'), clock: services.clock },
        params.id,
        body,
        version,
      );
      c.header('location', locationOf('relations', key));
      c.header('etag', etagOf(stored.version));
      return c.json(stored.record, 201);
    },
    on,
  );
  for (const entity of ENTITY_NAMES) registerRoutesOf(api, services, entity);
}
