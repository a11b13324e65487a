/**
 * Account administration (`/api/accounts`) and the audit log (`/api/audit`),
 * against their routes of the contract.
 */
import type { Hono } from 'hono';
import type { z } from 'zod';
import * as routes from '#contract/routes/accounts.ts';
import { ACCOUNT_SORT_FIELDS } from '#contract/routes/accounts.ts';
import { describeAccount } from '#core/accounts.ts';
import { pageInMemory, parseSort } from '#core/list-sort.ts';
import { createAccount } from '#services/accounts/create-account.ts';
import { getAccount, listAccounts, readAuditLog } from '#services/accounts/list-accounts.ts';
import { updateAccount } from '#services/accounts/update-account.ts';
import type { ApiServices, AppEnv } from '../app-env.ts';
import { parseQuery, readJsonBody } from '../http-input.ts';
import { registerRawRoute, registerRoute, type QueryParser } from '../register-route.ts';
import { parameterNames, rejectUnknownParameters } from '../query-parameters.ts';

const on = { mountedAt: '/api' };

/** Lists that refuse a parameter they do not know (400 naming it) before checking the values. */
function strict(where: string): QueryParser {
  return (schema, query) => {
    rejectUnknownParameters(query, parameterNames(schema as z.ZodObject), where);
    return parseQuery(schema, query);
  };
}

export function registerAccountRoutes(api: Hono<AppEnv>, services: ApiServices): void {
  const { repos, clock } = services;
  const acting = (principal: AppEnv['Variables']['principal']) => ({ principal, clock });

  registerRoute(
    api,
    routes.listAccounts,
    async ({ query: params }, c) => {
      const sort = parseSort(params.sort ?? 'email', ACCOUNT_SORT_FIELDS);
      const needle = params.q?.toLowerCase() ?? '';
      const accounts = (await listAccounts(repos, c.get('principal'))).filter(
        (a) =>
          needle === '' ||
          a.email.toLowerCase().includes(needle) ||
          a.displayName.toLowerCase().includes(needle),
      );
      const page = pageInMemory(accounts, {
        limit: params.limit,
        cursor: params.cursor,
        sort,
        idOf: (a) => a.id,
        valueOf: (a, field) => (a as unknown as Record<string, unknown>)[field],
      });
      return { items: page.items.map(describeAccount), nextCursor: page.nextCursor ?? null };
    },
    { ...on, parseQuery: strict('/api/accounts') },
  );

  registerRawRoute(
    api,
    routes.createAccount,
    async (_, c) => {
      const body = await readJsonBody(c);
      const account = await createAccount(repos, acting(c.get('principal')), body);
      c.header('location', `/api/accounts/${account.id}`);
      return c.json(describeAccount(account), 201);
    },
    on,
  );

  registerRoute(
    api,
    routes.getAccount,
    async ({ params }, c) =>
      describeAccount(await getAccount(repos, c.get('principal'), params.id)),
    on,
  );

  registerRawRoute(
    api,
    routes.updateAccount,
    async ({ params }, c) => {
      const body = await readJsonBody(c);
      const session = c.get('session');
      const account = await updateAccount(
        repos,
        acting(c.get('principal')),
        params.id,
        body,
        session ? { keepSession: session } : {},
      );
      return c.json(describeAccount(account));
    },
    on,
  );

  registerRoute(
    api,
    routes.auditLog,
    async ({ query: params }, c) => {
      const accountId = params.actor ?? params.accountId;
      const page = await readAuditLog(repos, c.get('principal'), {
        limit: params.limit,
        ...(params.cursor ? { cursor: params.cursor } : {}),
        ...(params.entity ? { entity: params.entity } : {}),
        ...(params.entityId ? { entityId: params.entityId } : {}),
        ...(accountId ? { accountId } : {}),
        ...(params.action ? { action: params.action } : {}),
        ...(params.from ? { from: params.from } : {}),
        ...(params.to ? { to: params.to } : {}),
      });
      return { items: page.items, nextCursor: page.nextCursor ?? null };
    },
    { ...on, parseQuery: strict('/api/audit') },
  );
}
