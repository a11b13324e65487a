import { useState } from 'react';
import type { FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { navigate, useLocation } from '../../router.tsx';
import { useAuth } from './auth-context.tsx';

/** Only paths of this app: never an address elsewhere (no open redirect). */
function safeNext(next: string | null): string {
  return next !== null && /^\/(?!\/)[^\s]*$/.test(next) ? next : '/board';
}

export function SignInPage() {
  const { t } = useI18n();
  const { account, signIn, signOut } = useAuth();
  const { search } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email, password);
      navigate(safeNext(search.get('next')));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="sign-in-heading" className="sign-in">
      <h1 id="sign-in-heading">{t('auth.title')}</h1>
      {account ? (
        <div className="panel">
          <p>
            {t('auth.signedInAs', { name: account.displayName, role: t(`role.${account.role}`) })}
          </p>
          <button type="button" className="button secondary" onClick={() => void signOut()}>
            {t('auth.signOut')}
          </button>
        </div>
      ) : (
        <form className="panel form" onSubmit={(event) => void submit(event)} noValidate>
          <p>{t('auth.intro')}</p>
          <label className="field">
            {t('auth.email')}
            <input
              type="email"
              name="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </label>
          <label className="field">
            {t('auth.password')}
            <input
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </label>
          {error !== null && (
            <p className="form-error" role="alert">
              {t('auth.failed', { message: error })}
            </p>
          )}
          <button type="submit" className="button" disabled={busy}>
            {t('auth.submit')}
          </button>
          <p className="hint">{t('auth.demoHint')}</p>
        </form>
      )}
    </section>
  );
}
