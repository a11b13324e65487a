import { useI18n } from '../i18n/i18n.tsx';

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="status" role="status" aria-live="polite">
      {t('common.loading')}
    </p>
  );
}

export function ErrorMessage({ message }: { message: string }) {
  const { t } = useI18n();
  return (
    <div className="status error" role="alert">
      <p>{t('common.error', { message })}</p>
      <button type="button" onClick={() => window.location.reload()}>
        {t('common.retry')}
      </button>
    </div>
  );
}

/** An honest note that a screen waits for another piece of work. */
export function ComingNotice({ children }: { children: string }) {
  const { t } = useI18n();
  return (
    <aside className="coming" aria-label={t('common.comingSoon')}>
      <strong>{t('common.comingSoon')}</strong> {children}
    </aside>
  );
}
