import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import { inboxApi, NOTIFICATION_KINDS, type EmailPreferences } from './inbox-api.tsx';

/** Which notifications the account also gets by e-mail (the inbox always gets them all). */
export function PreferencesPage() {
  const { t, label } = useI18n();
  const { account } = useAuth();
  const [email, setEmail] = useState<EmailPreferences | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  useEffect(() => {
    document.title = `${t('inbox.preferencesTitle')} | ${t('app.name')}`;
  }, [t]);
  useEffect(() => {
    if (!account) return;
    inboxApi.preferences().then(
      (answer) => setEmail(answer.email),
      (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
    );
  }, [account]);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (email === null) return;
    try {
      const { data } = await inboxApi.savePreferences(email);
      if (data) setEmail(data.email);
      setStatus(t('inbox.preferencesSaved'));
    } catch (failure) {
      setStatus(
        t('inbox.preferencesFailed', {
          detail: failure instanceof Error ? failure.message : String(failure),
        }),
      );
    }
  };
  if (account === undefined) return <Loading />;
  if (account === null)
    return (
      <section aria-labelledby="preferences-heading">
        <h1 id="preferences-heading">{t('inbox.preferencesTitle')}</h1>
        <p>
          {t('inbox.signInFirst')}{' '}
          <Link href="/sign-in?next=/inbox/preferences">{t('auth.title')}</Link>
        </p>
      </section>
    );
  return (
    <section aria-labelledby="preferences-heading">
      <h1 id="preferences-heading">{t('inbox.preferencesTitle')}</h1>
      <p>{t('inbox.preferencesIntro')}</p>
      {error !== null && <ErrorMessage message={error} />}
      {email === null ? (
        error === null && <Loading />
      ) : (
        <form className="form panel" onSubmit={(event) => void save(event)}>
          <fieldset>
            <legend>{t('inbox.preferencesLegend')}</legend>
            {NOTIFICATION_KINDS.map((kind) => (
              <label key={kind} className="check preference">
                <input
                  type="checkbox"
                  name={kind}
                  checked={email[kind]}
                  onChange={(event) => setEmail({ ...email, [kind]: event.target.checked })}
                />{' '}
                {label('inbox.kind', kind)}
              </label>
            ))}
          </fieldset>
          <div className="toolbar">
            <button type="submit" className="button">
              {t('inbox.preferencesSave')}
            </button>
            <Link href="/inbox">{t('inbox.backToInbox')}</Link>
          </div>
          <p role="status" aria-live="polite">
            {status}
          </p>
        </form>
      )}
    </section>
  );
}
