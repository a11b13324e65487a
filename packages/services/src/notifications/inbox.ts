/**
 * An account's inbox (受信箱): its notifications newest first, the unread count, marking read, and
 * which kinds it gets by e-mail. Every call acts on the signed-in account only.
 */
import { DomainError } from '#core/domain-error.ts';
import {
  DEFAULT_EMAIL_PREFERENCES,
  NOTIFICATION_KINDS,
  ZEmailPreferencesUpdate,
  type EmailPreferences,
  type Notification,
} from '#core/notifications.ts';
import type { Clock, Page, Repositories } from '#core/ports.ts';
import type { Viewer } from '#core/viewer.ts';
import { parseInput } from '../matching/parse-input.ts';

function accountOf(viewer: Viewer): string {
  if (viewer.kind !== 'account') throw new DomainError('unauthenticated', 'sign in first');
  return viewer.accountId;
}

export function listNotifications(
  repos: Repositories,
  viewer: Viewer,
  query: { limit: number; cursor?: string; unreadOnly?: boolean },
): Promise<Page<Notification>> {
  return repos.notifications.list(accountOf(viewer), query);
}

export function countUnread(repos: Repositories, viewer: Viewer): Promise<number> {
  return repos.notifications.unreadCount(accountOf(viewer));
}

export async function markNotificationRead(
  repos: Repositories,
  clock: Clock,
  viewer: Viewer,
  id: string,
): Promise<void> {
  const found = await repos.notifications.markRead(
    accountOf(viewer),
    id,
    clock.now().toISOString(),
  );
  // Another account's notification is answered as absent.
  if (!found) throw new DomainError('not_found', `no notification ${id}`);
}

export function markAllNotificationsRead(
  repos: Repositories,
  clock: Clock,
  viewer: Viewer,
): Promise<number> {
  return repos.notifications.markAllRead(accountOf(viewer), clock.now().toISOString());
}

export async function emailPreferences(
  repos: Repositories,
  viewer: Viewer,
): Promise<EmailPreferences> {
  return {
    ...DEFAULT_EMAIL_PREFERENCES,
    ...(await repos.notifications.preferences(accountOf(viewer))),
  };
}

/** Changes the kinds named in `input` (others keep their setting); returns the whole setting. */
export async function updateEmailPreferences(
  repos: Repositories,
  viewer: Viewer,
  input: unknown,
): Promise<EmailPreferences> {
  const accountId = accountOf(viewer);
  const changes = parseInput(ZEmailPreferencesUpdate, input, 'notification preferences');
  const next: EmailPreferences = { ...(await emailPreferences(repos, viewer)) };
  for (const kind of NOTIFICATION_KINDS) {
    const value = changes[kind];
    if (value !== undefined) next[kind] = value;
  }
  await repos.notifications.savePreferences(accountId, next);
  return next;
}
