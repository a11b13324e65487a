/**
 * The inbox's calls to the API, in one place (to move onto the contract's typed client):
 * notifications, the unread count, marking read and the e-mail choices.
 */
import { fetchJson } from '../../api/client.ts';
import { sendJson } from '../../api/send-json.tsx';

export { NOTIFICATION_KINDS, type NotificationKind } from '#core/notification-kinds.ts';
import type { NotificationKind } from '#core/notification-kinds.ts';

export interface InboxNotification {
  id: string;
  kind: NotificationKind;
  at: string;
  titleJa: string;
  titleEn: string;
  /** A path in the app. */
  link: string;
  subject: Record<string, string>;
  readAt?: string;
}

export interface InboxPage {
  items: InboxNotification[];
  nextCursor: string | null;
  unread: number;
}

export type EmailPreferences = Record<NotificationKind, boolean>;

export const inboxApi = {
  unreadCount: (signal?: AbortSignal) =>
    fetchJson<{ unread: number }>('/api/notifications/unread-count', signal),
  list: (options: { cursor?: string; unreadOnly?: boolean } = {}) => {
    const query = new URLSearchParams({ limit: '50' });
    if (options.cursor !== undefined) query.set('cursor', options.cursor);
    if (options.unreadOnly === true) query.set('unread', 'true');
    return fetchJson<InboxPage>(`/api/notifications?${query.toString()}`);
  },
  markRead: (id: string) =>
    sendJson<undefined>('POST', `/api/notifications/${encodeURIComponent(id)}/read`),
  markAllRead: () => sendJson<{ marked: number }>('POST', '/api/notifications/read-all'),
  preferences: () => fetchJson<{ email: EmailPreferences }>('/api/notification-preferences'),
  savePreferences: (email: Partial<EmailPreferences>) =>
    sendJson<{ email: EmailPreferences }>('PUT', '/api/notification-preferences', { email }),
};

/** Tells the header badge to count again (after marking read). */
export const INBOX_CHANGED_EVENT = 'musubi:inbox-changed';
