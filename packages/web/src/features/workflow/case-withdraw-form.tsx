import { useState } from 'react';
import type { FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { Refusal } from './refusal.tsx';
import { workflowApi } from './workflow-api.tsx';

/**
 * What the requesting organisation may do with its open case: withdraw it, with a reason. Moving
 * it on is the assigned coordinators' job (the server refuses the requester any other move).
 */
export function CaseWithdrawForm({
  id,
  version,
  onWithdrawn,
}: {
  id: string;
  version: number;
  onWithdrawn: () => void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await workflowApi.move(id, version, {
        to: 'closed',
        outcome: 'withdrawn',
        reason: reason.trim(),
      });
      setFailure(null);
      onWithdrawn();
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <form className="form case-withdraw" onSubmit={(event) => void submit(event)}>
      <p>{t('workflow.withdrawHint')}</p>
      <label className="field">
        {t('workflow.withdrawReason')}
        <input
          type="text"
          name="reason"
          value={reason}
          required
          onChange={(event) => setReason(event.target.value)}
        />
      </label>
      <button type="submit" className="button secondary">
        {t('workflow.withdraw')}
      </button>
      <Refusal failure={failure} />
    </form>
  );
}
