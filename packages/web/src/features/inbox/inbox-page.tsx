import { useCallback, useEffect, useState } from 'react';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link, navigate } from '../../router.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import { INBOX_CHANGED_EVENT, inboxApi, type InboxNotification } from './inbox-api.tsx';

const messageOf = (failure: unknown) =>
  failure instanceof Error ? failure.message : String(failure);

function announceChange(): void {
  window.dispatchEvent(new Event(INBOX_CHANGED_EVENT));
}

/** The signed-in account's notifications, newest first, with what each concerns. */
export function InboxPage() {
  const { t, label, language } = useI18n();
  const { account } = useAuth();
  const [items, setItems] = useState<InboxNotification[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [unread, setUnread] = useState(0);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');

  const load = useCallback(() => {
    inboxApi.list({ unreadOnly }).then(
      (page) => {
        setItems(page.items);
        setNextCursor(page.nextCursor);
        setUnread(page.unread);
        setError(null);
      },
      (failure: unknown) => setError(messageOf(failure)),
    );
  }, [unreadOnly]);
  useEffect(() => {
    document.title = `${t('inbox.title')} | ${t('app.name')}`;
  }, [t]);
  useEffect(() => {
    if (account) load();
  }, [account, load]);

  const more = () => {
    if (nextCursor === null) return;
    inboxApi.list({ unreadOnly, cursor: nextCursor }).then(
      (page) => {
        setItems((previous) => [...(previous ?? []), ...page.items]);
        setNextCursor(page.nextCursor);
      },
      (failure: unknown) => setError(messageOf(failure)),
    );
  };
  const markRead = async (item: InboxNotification) => {
    try {
      await inboxApi.markRead(item.id);
      announceChange();
      load();
    } catch (failure) {
      setStatus(messageOf(failure));
    }
  };
  const markAll = async () => {
    try {
      const { data } = await inboxApi.markAllRead();
      setStatus(t('inbox.markedAll', { count: data?.marked ?? 0 }));
      announceChange();
      load();
    } catch (failure) {
      setStatus(messageOf(failure));
    }
  };
  const open = async (item: InboxNotification) => {
    if (item.readAt === undefined) {
      await inboxApi.markRead(item.id).catch(() => undefined);
      announceChange();
    }
    navigate(item.link);
  };

  if (account === undefined) return <Loading />;
  if (account === null)
    return (
      <section aria-labelledby="inbox-heading">
        <h1 id="inbox-heading">{t('inbox.title')}</h1>
        <p>
          {t('inbox.signInFirst')} <Link href="/sign-in?next=/inbox">{t('auth.title')}</Link>
        </p>
      </section>
    );
  return (
    <section aria-labelledby="inbox-heading" className="inbox">
      <h1 id="inbox-heading">{t('inbox.title')}</h1>
      <p>{t('inbox.intro')}</p>
      <div className="toolbar">
        <span className="inbox-summary">{t('inbox.unreadCount', { count: unread })}</span>
        <label className="check">
          <input
            type="checkbox"
            checked={unreadOnly}
            onChange={(event) => setUnreadOnly(event.target.checked)}
          />{' '}
          {t('inbox.unreadOnly')}
        </label>
        <button
          type="button"
          className="button secondary"
          disabled={unread === 0}
          onClick={() => void markAll()}
        >
          {t('inbox.markAllRead')}
        </button>
        <Link href="/inbox/preferences">{t('inbox.preferencesLink')}</Link>
      </div>
      <p role="status" aria-live="polite" className="inbox-status">
        {status}
      </p>
      {error !== null && <ErrorMessage message={error} />}
      {items === null ? (
        error === null && <Loading />
      ) : items.length === 0 ? (
        <p>{t('inbox.empty')}</p>
      ) : (
        <ol className="inbox-list">
          {items.map((item) => (
            <li
              key={item.id}
              className={item.readAt === undefined ? 'inbox-item unread' : 'inbox-item'}
              data-kind={item.kind}
            >
              <p className="inbox-meta">
                {item.readAt === undefined && (
                  <span className="badge unread-badge">{t('inbox.new')}</span>
                )}{' '}
                <span className="inbox-kind">{label('inbox.kind', item.kind)}</span>{' '}
                <time dateTime={item.at}>
                  {new Date(item.at).toLocaleString(language === 'ja' ? 'ja-JP' : 'en-GB')}
                </time>
              </p>
              <a
                className="inbox-title"
                href={item.link}
                onClick={(event) => {
                  if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0)
                    return;
                  event.preventDefault();
                  void open(item);
                }}
              >
                {language === 'ja' ? item.titleJa : item.titleEn}
              </a>
              {item.readAt === undefined && (
                <button
                  type="button"
                  className="button secondary small"
                  onClick={() => void markRead(item)}
                >
                  {t('inbox.markRead')}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {nextCursor !== null && (
        <button type="button" className="button secondary" onClick={more}>
          {t('inbox.more')}
        </button>
      )}
    </section>
  );
}
