/**
 * The signed-in account's inbox over HTTP: its notifications (newest first, paged), the unread
 * count for the header, marking read, and which kinds it gets by e-mail. Nobody reads or marks
 * another account's notifications (404, as if absent).
 */
import type { Context, Hono } from 'hono';
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
import { parseQuery, readJsonBody } from '../http-input.ts';
import { parameterNames, rejectUnknownParameters } from '../query-parameters.ts';
import { parseBody } from './workflow-input.ts';
import {
  ZNotificationListQuery,
  ZNotificationPreferencesBody,
} from '#contract/notification-schemas.ts';

export function registerNotificationRoutes(api: Hono<AppEnv>, services: ApiServices): void {
  const { repos, clock } = services;
  const viewer = (c: Context<AppEnv>): Viewer => viewerOf(c.get('principal'));

  api.get('/notifications', async (c) => {
    rejectUnknownParameters(
      c.req.query(),
      parameterNames(ZNotificationListQuery),
      '/api/notifications',
    );
    const params = parseQuery(ZNotificationListQuery, c.req.query());
    const v = viewer(c);
    const page = await listNotifications(repos, v, {
      limit: params.limit,
      ...(params.cursor !== undefined ? { cursor: params.cursor } : {}),
      ...(params.unread !== undefined ? { unreadOnly: params.unread } : {}),
    });
    c.header('vary', 'Cookie, Authorization');
    return c.json({
      items: page.items.map(({ accountId: _owner, ...item }) => item),
      nextCursor: page.nextCursor ?? null,
      unread: await countUnread(repos, v),
    });
  });

  api.get('/notifications/unread-count', async (c) => {
    c.header('vary', 'Cookie, Authorization');
    return c.json({ unread: await countUnread(repos, viewer(c)) });
  });

  api.post('/notifications/read-all', async (c) =>
    c.json({ marked: await markAllNotificationsRead(repos, clock, viewer(c)) }),
  );

  api.post('/notifications/:id/read', async (c) => {
    await markNotificationRead(repos, clock, viewer(c), c.req.param('id'));
    return c.body(null, 204);
  });

  api.get('/notification-preferences', async (c) =>
    c.json({ email: await emailPreferences(repos, viewer(c)) }),
  );

  api.put('/notification-preferences', async (c) => {
    const body = parseBody(ZNotificationPreferencesBody, await readJsonBody(c));
    return c.json({ email: await updateEmailPreferences(repos, viewer(c), body.email) });
  });
}
