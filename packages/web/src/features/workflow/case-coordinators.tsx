import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import { CoordinatorChoice } from './coordinator-choice.tsx';
import { Refusal } from './refusal.tsx';
import { workflowApi, type CoordinatorAccount } from './workflow-api.tsx';

/**
 * The case's coordinators: take the case, add a colleague among the accounts the server would
 * accept (on a confidential need: those its owner assigned), hand over by removing oneself after
 * adding another. The server decides; its refusal is shown as it says it.
 */
export function CaseCoordinators({
  id,
  coordinators,
  onChanged,
}: {
  id: string;
  /** The case's coordinators with their names, as the case's answer gives them. */
  coordinators: readonly { id: string; displayName: string }[];
  onChanged: () => void;
}) {
  const coordinatorIds = coordinators.map((c) => c.id);
  const { t } = useI18n();
  const { account } = useAuth();
  const [accounts, setAccounts] = useState<CoordinatorAccount[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const isAdmin = account?.role === 'admin';
  const isCoordinator = account?.role === 'coordinator' || isAdmin;
  // Asked again when the case's coordinators change.
  const coordinatorKey = coordinatorIds.join(',');
  useEffect(() => {
    if (!isCoordinator) return;
    workflowApi.coordinatorCandidates(id).then(
      (answer) => setAccounts(answer.items),
      () => setAccounts([]),
    );
  }, [isCoordinator, id, coordinatorKey]);
  const names = new Map(accounts.map((a) => [a.id, a.displayName]));
  for (const c of coordinators) if (c.displayName !== '') names.set(c.id, c.displayName);
  if (account) names.set(account.id, account.displayName);
  // A coordinator whose account is gone keeps a numbered place.
  const nameOf = (accountId: string) =>
    names.get(accountId) ??
    t('workflow.coordinatorNumber', { n: coordinatorIds.indexOf(accountId) + 1 });
  const offered = accounts.filter((a) => !coordinatorIds.includes(a.id)).map((a) => a.id);

  const run = async (change: () => Promise<unknown>) => {
    try {
      await change();
      setFailure(null);
      onChanged();
    } catch (error) {
      setFailure(error);
    }
  };
  const mine = account ? coordinatorIds.includes(account.id) : false;
  return (
    <section className="panel case-coordinators" aria-labelledby="coordinators-heading">
      <h2 id="coordinators-heading">{t('workflow.coordinators')}</h2>
      {coordinatorIds.length === 0 ? (
        <p>{t('workflow.noCoordinator')}</p>
      ) : (
        <ul className="coordinator-list">
          {coordinatorIds.map((coordinatorId) => (
            <li key={coordinatorId}>
              <span>{nameOf(coordinatorId)}</span>{' '}
              {(mine || isAdmin) && (
                <button
                  type="button"
                  className="button secondary small"
                  onClick={() => void run(() => workflowApi.unassign(id, coordinatorId))}
                >
                  {coordinatorId === account?.id
                    ? t('workflow.leaveCase')
                    : t('workflow.removeCoordinator', { name: nameOf(coordinatorId) })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {isCoordinator && !mine && account && (
        <button
          type="button"
          className="button"
          onClick={() => void run(() => workflowApi.assign(id, account.id))}
        >
          {t('workflow.takeCase')}
        </button>
      )}
      {(mine || isAdmin) && (
        <CoordinatorChoice
          name="coordinator"
          offered={offered.map((accountId) => ({ id: accountId, name: nameOf(accountId) }))}
          onAdd={(accountId) => void run(() => workflowApi.assign(id, accountId))}
        >
          <p className="hint">{t('workflow.handOverHint')}</p>
        </CoordinatorChoice>
      )}
      <Refusal failure={failure} />
    </section>
  );
}
