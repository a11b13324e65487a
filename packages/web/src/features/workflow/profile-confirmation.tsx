import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import { mayConfirmProfile } from '../forms/may-confirm-profile.ts';
import { Refusal } from './refusal.tsx';
import { workflowApi, type ProfileConfirmation } from './workflow-api.tsx';

/**
 * For the organisation's own members (and administrators): when its profile was last confirmed,
 * flagged after 12 months, and a button to confirm it (the reminder in the inbox points here).
 */
export function ProfileConfirmationPanel({ actorId }: { actorId: string }) {
  const { t, language } = useI18n();
  const { account } = useAuth();
  const [state, setState] = useState<ProfileConfirmation | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const mine = mayConfirmProfile(account, actorId);
  useEffect(() => {
    if (!mine) return;
    workflowApi.profileConfirmation(actorId).then(setState, () => setState(null));
  }, [mine, actorId]);
  if (!mine || state === null) return null;
  const confirm = async () => {
    try {
      const { data } = await workflowApi.confirmProfile(actorId);
      if (data) setState(data);
      setFailure(null);
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <section
      className={
        state.needsConfirmation ? 'panel profile-confirmation due' : 'panel profile-confirmation'
      }
      aria-labelledby="confirmation-heading"
    >
      <h2 id="confirmation-heading">{t('workflow.profileConfirmation')}</h2>
      <p>
        {state.confirmedAt === null
          ? t('workflow.neverConfirmed')
          : t('workflow.confirmedOn', {
              date: new Date(state.confirmedAt).toLocaleDateString(
                language === 'ja' ? 'ja-JP' : 'en-GB',
              ),
            })}{' '}
        {state.needsConfirmation && <strong>{t('workflow.confirmationDue')}</strong>}
      </p>
      <button type="button" className="button secondary" onClick={() => void confirm()}>
        {t('workflow.confirmProfile')}
      </button>
      <Refusal failure={failure} />
    </section>
  );
}
