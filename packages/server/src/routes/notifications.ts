/**
 * The signed-in account's inbox over HTTP: its notifications (newest first, paged), the unread
 * count for the header, marking read, and which kinds it gets by e-mail. Nobody reads or marks
 * another account's notifications (404, as if absent).
 */
import type { Context, Hono } from 'hono';
import { contract } from '#contract/contract.ts';
import { ZNotificationListQuery } from '#contract/notification-schemas.ts';
import { viewerOf } from '#core/accounts.ts';
import type { Viewer } from '#core/viewer.ts';
import {
  countUnread,
  emailPreferences,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  updateEmailPreferences,
} from '#services/notifications/inbox.ts';
import type { ApiServices, AppEnv } from '../app-env.ts';
import { parseQuery } from '../http-input.ts';
import { parameterNames, rejectUnknownParameters } from '../query-parameters.ts';
import { registerRawRoute, registerRoute, type QueryParser } from '../register-route.ts';

const on = { mountedAt: '/api' };

/** The inbox refuses a query parameter it does not know (400 naming it). */
const strictQuery: QueryParser = (schema, query) => {
  rejectUnknownParameters(query, parameterNames(ZNotificationListQuery), '/api/notifications');
  return parseQuery(schema, query);
};

export function registerNotificationRoutes(api: Hono<AppEnv>, services: ApiServices): void {
  const { repos, clock } = services;
  const viewer = (c: Context<AppEnv>): Viewer => viewerOf(c.get('principal'));

  registerRoute(
    api,
    contract.listNotifications,
    async ({ query: params }, c) => {
      const v = viewer(c);
      const page = await listNotifications(repos, v, {
        limit: params.limit,
        ...(params.cursor !== undefined ? { cursor: params.cursor } : {}),
        ...(params.unread !== undefined ? { unreadOnly: params.unread } : {}),
      });
      c.header('vary', 'Cookie, Authorization');
      return {
        items: page.items.map(({ accountId: _owner, ...item }) => item),
        nextCursor: page.nextCursor ?? null,
        unread: await countUnread(repos, v),
      };
    },
    { ...on, parseQuery: strictQuery },
  );

  registerRoute(
    api,
    contract.unreadCount,
    async (_, c) => {
      c.header('vary', 'Cookie, Authorization');
      return { unread: await countUnread(repos, viewer(c)) };
    },
    on,
  );

  registerRoute(
    api,
    contract.readAllNotifications,
    async (_, c) => ({ marked: await markAllNotificationsRead(repos, clock, viewer(c)) }),
    on,
  );

  registerRawRoute(
    api,
    contract.readNotification,
    async ({ params }, c) => {
      await markNotificationRead(repos, clock, viewer(c), params.id);
      return c.body(null, 204);
    },
    on,
  );

  registerRoute(
    api,
    contract.notificationPreferences,
    async (_, c) => ({ email: await emailPreferences(repos, viewer(c)) }),
    on,
  );

  registerRoute(
    api,
    contract.updateNotificationPreferences,
    async ({ body }, c) => ({
      email: await updateEmailPreferences(repos, viewer(c), body.email),
    }),
    on,
  );
}
