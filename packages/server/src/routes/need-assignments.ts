/**
 * A need's own coordinators (`/api/needs/{id}/assignments`): its owner organisation or an
 * administrator gives the need to coordinators, who may then see it even when confidential and
 * hear of each case opened on it.
 */
import type { Hono } from 'hono';
import * as routes from '#contract/routes/accounts.ts';
import type { NotificationSink } from '#core/notifications.ts';
import {
  assignNeed,
  listNeedAssignments,
  needCoordinatorCandidates,
  unassignNeed,
} from '#services/accounts/assign-need.ts';
import type { ApiServices, AppEnv } from '../app-env.ts';
import { registerRawRoute, registerRoute } from '../register-route.ts';

const on = { mountedAt: '/api' };

export function registerNeedAssignmentRoutes(
  api: Hono<AppEnv>,
  services: ApiServices,
  notifications: NotificationSink,
): void {
  const { repos, clock } = services;
  const acting = (principal: AppEnv['Variables']['principal']) => ({ principal, clock });

  registerRoute(
    api,
    routes.listNeedAssignments,
    async ({ params }, c) => {
      const items = await listNeedAssignments(repos, acting(c.get('principal')), params.id);
      c.header('vary', 'Cookie, Authorization');
      return { items };
    },
    on,
  );

  registerRoute(
    api,
    routes.needCoordinatorCandidates,
    async ({ params }, c) => {
      const items = await needCoordinatorCandidates(repos, acting(c.get('principal')), params.id);
      c.header('vary', 'Cookie, Authorization');
      return { items };
    },
    on,
  );

  registerRoute(
    api,
    routes.assignNeed,
    async ({ params }, c) =>
      assignNeed(repos, acting(c.get('principal')), params.id, params.accountId, notifications),
    on,
  );

  registerRawRoute(
    api,
    routes.unassignNeed,
    async ({ params }, c) => {
      await unassignNeed(repos, acting(c.get('principal')), params.id, params.accountId);
      return c.body(null, 204);
    },
    on,
  );
}
