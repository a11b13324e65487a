import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import { OpenConsultationButton } from './open-consultation-button.tsx';
import { workflowApi } from './workflow-api.tsx';

/**
 * The organisation's own needs (confidential ones included) with "open a consultation" beside
 * each: the board's entry point until each need has its page.
 */
export function OpenFromOwnNeeds() {
  const { t, label } = useI18n();
  const { account } = useAuth();
  const [needs, setNeeds] = useState<Record<string, unknown>[]>([]);
  const organisationId = account?.organisationId ?? null;
  useEffect(() => {
    if (organisationId === null) return;
    workflowApi.ownedBy('needs', organisationId).then(
      (page) => setNeeds(page.items),
      () => setNeeds([]),
    );
  }, [organisationId]);
  if (organisationId === null || needs.length === 0) return null;
  return (
    <details className="panel own-needs">
      <summary>{t('workflow.ownNeeds', { count: needs.length })}</summary>
      <ul>
        {needs.map((need) => {
          const id = String(need['id']);
          return (
            <li key={id} data-need={id}>
              <span>{String(need['title'] ?? id)}</span>{' '}
              <span className="badge">
                {label('workflow.confidentiality', String(need['confidentiality'] ?? 'public'))}
              </span>
              <OpenConsultationButton needId={id} />
            </li>
          );
        })}
      </ul>
    </details>
  );
}
