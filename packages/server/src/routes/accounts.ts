/** Account administration (`/api/accounts`), need assignments and the audit log (`/api/audit`). */
import type { Hono } from 'hono';
import { z } from 'zod';
import { describeAccount } from '#core/accounts.ts';
import { AUDIT_ACTIONS } from '#core/ports.ts';
import { pageInMemory, parseSort } from '#core/list-sort.ts';
import { assignNeed, listNeedAssignments, unassignNeed } from '#services/accounts/assign-need.ts';
import { createAccount } from '#services/accounts/create-account.ts';
import { getAccount, listAccounts, readAuditLog } from '#services/accounts/list-accounts.ts';
import { updateAccount } from '#services/accounts/update-account.ts';
import type { ApiServices, AppEnv } from '../app-env.ts';
import { parseQuery, readJsonBody } from '../http-input.ts';
import { parameterNames, rejectUnknownParameters } from '../query-parameters.ts';

/** A time bound of the audit filter: an ISO date or date-time, kept as UTC ISO text. */
const ZAuditTime = z
  .string()
  .max(40)
  .refine((value) => /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value)), {
    message: 'an ISO date or date-time, e.g. 2025-06-01 or 2025-06-01T09:00:00+09:00',
  })
  .transform((value) => new Date(value).toISOString());

export const ZAuditParams = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
  entity: z.string().max(60).optional(),
  entityId: z.string().max(500).optional(),
  accountId: z.string().max(100).optional(),
  /** `actor` is the account that acted (the same as `accountId`). */
  actor: z.string().max(100).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  /** Entries at or after this time. */
  from: ZAuditTime.optional(),
  /** Entries before this time. */
  to: ZAuditTime.optional(),
  /** Newest first is the only order of the audit log. */
  sort: z.enum(['-at']).optional(),
});

/** `GET /api/accounts`: the list contract (q, limit, cursor, sort). */
export const ZAccountListParams = z.object({
  q: z.string().trim().max(200, 'at most 200 characters').optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(500).optional(),
  sort: z.string().max(61).optional(),
});

export const ACCOUNT_SORT_FIELDS = ['email', 'displayName', 'role', 'createdAt'] as const;

export function registerAccountRoutes(api: Hono<AppEnv>, services: ApiServices): void {
  const { repos, clock } = services;
  const acting = (principal: AppEnv['Variables']['principal']) => ({ principal, clock });

  api.get('/accounts', async (c) => {
    rejectUnknownParameters(c.req.query(), parameterNames(ZAccountListParams), '/api/accounts');
    const params = parseQuery(ZAccountListParams, c.req.query());
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
    return c.json({ items: page.items.map(describeAccount), nextCursor: page.nextCursor ?? null });
  });

  api.post('/accounts', async (c) => {
    const body = await readJsonBody(c);
    const account = await createAccount(repos, acting(c.get('principal')), body);
    c.header('location', `/api/accounts/${account.id}`);
    return c.json(describeAccount(account), 201);
  });

  api.get('/accounts/:id', async (c) => {
    const account = await getAccount(repos, c.get('principal'), c.req.param('id'));
    return c.json(describeAccount(account));
  });

  api.patch('/accounts/:id', async (c) => {
    const body = await readJsonBody(c);
    const session = c.get('session');
    const account = await updateAccount(
      repos,
      acting(c.get('principal')),
      c.req.param('id'),
      body,
      session ? { keepSession: session } : {},
    );
    return c.json(describeAccount(account));
  });

  api.get('/needs/:id/assignments', async (c) => {
    const items = await listNeedAssignments(repos, acting(c.get('principal')), c.req.param('id'));
    return c.json({ items });
  });

  api.put('/needs/:id/assignments/:accountId', async (c) => {
    const assignment = await assignNeed(
      repos,
      acting(c.get('principal')),
      c.req.param('id'),
      c.req.param('accountId'),
    );
    return c.json(assignment);
  });

  api.delete('/needs/:id/assignments/:accountId', async (c) => {
    await unassignNeed(
      repos,
      acting(c.get('principal')),
      c.req.param('id'),
      c.req.param('accountId'),
    );
    return c.body(null, 204);
  });

  api.get('/audit', async (c) => {
    rejectUnknownParameters(c.req.query(), parameterNames(ZAuditParams), '/api/audit');
    const params = parseQuery(ZAuditParams, c.req.query());
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
    return c.json({ items: page.items, nextCursor: page.nextCursor ?? null });
  });
}
