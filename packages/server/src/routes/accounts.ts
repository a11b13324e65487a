/** Account administration (`/api/accounts`), need assignments and the audit log (`/api/audit`). */
import type { Hono } from 'hono';
import { z } from 'zod';
import { describeAccount } from '#core/accounts.ts';
import { assignNeed, listNeedAssignments, unassignNeed } from '#services/accounts/assign-need.ts';
import { createAccount } from '#services/accounts/create-account.ts';
import { getAccount, listAccounts, readAuditLog } from '#services/accounts/list-accounts.ts';
import { updateAccount } from '#services/accounts/update-account.ts';
import type { ApiServices, AppEnv } from '../app-env.ts';
import { parseQuery, readJsonBody } from '../http-input.ts';

export const ZAuditParams = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
  entity: z.string().max(60).optional(),
  entityId: z.string().max(500).optional(),
  accountId: z.string().max(100).optional(),
});

export function registerAccountRoutes(api: Hono<AppEnv>, services: ApiServices): void {
  const { repos, clock } = services;
  const acting = (principal: AppEnv['Variables']['principal']) => ({ principal, clock });

  api.get('/accounts', async (c) => {
    const accounts = await listAccounts(repos, c.get('principal'));
    return c.json({ items: accounts.map(describeAccount) });
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
    const account = await updateAccount(repos, acting(c.get('principal')), c.req.param('id'), body);
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
    const params = parseQuery(ZAuditParams, c.req.query());
    const page = await readAuditLog(repos, c.get('principal'), {
      limit: params.limit,
      ...(params.cursor ? { cursor: params.cursor } : {}),
      ...(params.entity ? { entity: params.entity } : {}),
      ...(params.entityId ? { entityId: params.entityId } : {}),
      ...(params.accountId ? { accountId: params.accountId } : {}),
    });
    return c.json({ items: page.items, nextCursor: page.nextCursor ?? null });
  });
}
