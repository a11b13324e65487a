import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { runningWarmUp, type WarmUpState } from './analysis-progress.ts';

/** How long a page waits before asking how far the analyses are (most answers come sooner). */
const ASK_AFTER_MS = 1500;
const ASK_EVERY_MS = 3000;

/** The server's warm-up while it runs and this page waits; null otherwise. */
function useWarmUpWhileWaiting(): WarmUpState | null {
  const [warmUp, setWarmUp] = useState<WarmUpState | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout>;
    const ask = async () => {
      try {
        const response = await fetch('/api/analyses/progress', {
          headers: { accept: 'application/json' },
          signal: controller.signal,
        });
        const running = runningWarmUp(await response.json());
        setWarmUp(running);
        if (running) timer = setTimeout(() => void ask(), ASK_EVERY_MS);
      } catch {
        // Gone or not answering: the page's own answer or error will come.
      }
    };
    timer = setTimeout(() => void ask(), ASK_AFTER_MS);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, []);
  return warmUp;
}

export function Loading() {
  const { t } = useI18n();
  const warmUp = useWarmUpWhileWaiting();
  return (
    <p className="status" role="status" aria-live="polite">
      {t('common.loading')}
      {warmUp && (
        <>
          <br />
          <small>{t('common.preparingAnalyses', { done: warmUp.done, total: warmUp.total })}</small>
        </>
      )}
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
