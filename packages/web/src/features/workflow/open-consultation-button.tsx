import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { navigate } from '../../router.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import { Refusal } from './refusal.tsx';
import { workflowApi } from './workflow-api.tsx';

/**
 * "Open a consultation" on a need (its page, a list): the server lets the need's own organisation
 * and coordinators who may see it; the new case's page opens, or the refusal is shown.
 */
export function OpenConsultationButton({ needId }: { needId: string }) {
  const { t } = useI18n();
  const { account } = useAuth();
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!account) return null;
  const open = async () => {
    setBusy(true);
    try {
      const { data } = await workflowApi.open(needId);
      if (data) navigate(`/consultations/${encodeURIComponent(data.id)}`);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="open-consultation">
      <button type="button" className="button" disabled={busy} onClick={() => void open()}>
        {t('workflow.openConsultation')}
      </button>
      <Refusal failure={failure} />
    </div>
  );
}
