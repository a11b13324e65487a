import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { CoordinatorChoice } from '../workflow/coordinator-choice.tsx';
import { Refusal } from '../workflow/refusal.tsx';
import { needWorkflowApi, type NeedCoordinatorCandidate } from './need-workflow-api.tsx';

/**
 * The need's own coordinators, chosen by its owner organisation (or an administrator): they see
 * the need even when confidential, hear of each case opened on it and may take those cases. The
 * server offers the accounts it would accept; its refusal is shown as it says it.
 */
export function NeedCoordinators({ needId }: { needId: string }) {
  const { t } = useI18n();
  const [accounts, setAccounts] = useState<NeedCoordinatorCandidate[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    needWorkflowApi.coordinatorCandidates(needId).then(
      (answer) => {
        if (!controller.signal.aborted) setAccounts(answer.items);
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setFailure(error);
      },
    );
    return () => controller.abort();
  }, [needId, round]);
  if (accounts === null) return failure === null ? null : <Refusal failure={failure} />;

  const run = async (change: () => Promise<unknown>) => {
    try {
      await change();
      setFailure(null);
      setRound((n) => n + 1);
    } catch (error) {
      setFailure(error);
    }
  };
  const assigned = accounts.filter((a) => a.assigned);
  const offered = accounts.filter((a) => !a.assigned);
  return (
    <section className="panel need-coordinators" aria-labelledby="need-coordinators-heading">
      <h2 id="need-coordinators-heading">{t('needWork.coordinators')}</h2>
      <p className="hint">{t('needWork.coordinatorsHint')}</p>
      {assigned.length === 0 ? (
        <p>{t('workflow.noCoordinator')}</p>
      ) : (
        <ul className="coordinator-list">
          {assigned.map((a) => (
            <li key={a.id} data-account={a.id}>
              <span>{a.displayName}</span>{' '}
              <button
                type="button"
                className="button secondary small"
                onClick={() => void run(() => needWorkflowApi.unassign(needId, a.id))}
              >
                {t('workflow.removeCoordinator', { name: a.displayName })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <CoordinatorChoice
        name="needCoordinator"
        offered={offered.map((a) => ({ id: a.id, name: a.displayName }))}
        onAdd={(accountId) => void run(() => needWorkflowApi.assign(needId, accountId))}
      />
      <Refusal failure={failure} />
    </section>
  );
}
