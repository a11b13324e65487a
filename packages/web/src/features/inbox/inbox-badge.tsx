import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link, useLocation } from '../../router.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import { INBOX_CHANGED_EVENT, inboxApi } from './inbox-api.tsx';

/** How often the header asks for the unread count (modestly: once a minute). */
const POLL_MS = 60_000;

/** The inbox link in the header with the number of unread notifications. */
export function InboxBadge() {
  const { t } = useI18n();
  const { account } = useAuth();
  const { path } = useLocation();
  const [unread, setUnread] = useState<number | null>(null);
  useEffect(() => {
    if (!account) return;
    const controller = new AbortController();
    const count = () => {
      if (document.visibilityState === 'hidden') return;
      inboxApi.unreadCount(controller.signal).then(
        (answer) => setUnread(answer.unread),
        () => undefined,
      );
    };
    count();
    const timer = window.setInterval(count, POLL_MS);
    window.addEventListener(INBOX_CHANGED_EVENT, count);
    return () => {
      controller.abort();
      window.clearInterval(timer);
      window.removeEventListener(INBOX_CHANGED_EVENT, count);
    };
    // Counted again on each page change too (a move may have raised a notification).
  }, [account, path]);
  if (!account) return null;
  return (
    <Link
      href="/inbox"
      className="inbox-link"
      aria-current={path === '/inbox' ? 'page' : undefined}
    >
      {t('inbox.title')}
      {unread !== null && unread > 0 && (
        <>
          <span className="inbox-count" data-unread={unread}>
            {unread > 99 ? '99+' : unread}
          </span>
          <span className="visually-hidden">{t('inbox.badgeUnread')}</span>
        </>
      )}
    </Link>
  );
}
