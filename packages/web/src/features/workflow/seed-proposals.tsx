import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import { messageOf } from './refusal.tsx';
import { workflowApi, type SeedProposal } from './workflow-api.tsx';

/** The need a seed was proposed for: its title when the viewer may see it, else its digest. */
function NeedName({ need }: { need: SeedProposal['need'] }) {
  const { t } = useI18n();
  if (need.visible) return <span className="proposal-need">{need.title}</span>;
  return (
    <span className="proposal-need confidential">
      {need.digest !== undefined
        ? t('workflow.confidentialDigest', { title: need.digest.title, id: need.digest.digestId })
        : t('workflow.confidentialNeed')}
    </span>
  );
}

/**
 * Where a seed was proposed, the judgement and the reason given (feedback to its owner). A need
 * the viewer may not see is named only by its digest, as the server sends it.
 */
export function SeedProposals({ seedId }: { seedId: string }) {
  const { t, label, language } = useI18n();
  const { account } = useAuth();
  // The cases themselves are the coordinators' (and the requester's): only they get the link.
  const seesCases = account?.role === 'coordinator' || account?.role === 'admin';
  const [items, setItems] = useState<SeedProposal[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    workflowApi.seedProposals(seedId).then(
      (answer) => setItems(answer.items),
      (failure: unknown) => setError(messageOf(failure)),
    );
  }, [seedId]);
  if (error !== null) return <p className="form-error">{error}</p>;
  if (items === null) return <p>{t('common.loading')}</p>;
  if (items.length === 0) return <p>{t('workflow.notProposed')}</p>;
  const date = (iso: string) =>
    new Date(iso).toLocaleDateString(language === 'ja' ? 'ja-JP' : 'en-GB');
  return (
    <ul className="proposal-list">
      {items.map((item) => (
        <li key={item.consultationId} className="proposal" data-consultation={item.consultationId}>
          <p>
            <NeedName need={item.need} />{' '}
            <span className="proposal-stage">
              {label('consultationStage', item.stage)}
              {item.outcome !== undefined && ` · ${label('outcome', item.outcome)}`}
            </span>
          </p>
          <p className="proposal-judgement">
            {t('workflow.proposedOn', { date: date(item.proposedAt) })}{' '}
            {item.judgement === null ? (
              <span className="badge judgement pending">{t('workflow.notJudged')}</span>
            ) : (
              <>
                <span className={`badge judgement ${item.judgement.decision}`}>
                  {t(`workflow.decision.${item.judgement.decision}`)}
                </span>
                {item.judgement.reason !== undefined && (
                  <span className="judgement-reason">
                    {' '}
                    {t('workflow.reasonIs', { reason: label('rejection', item.judgement.reason) })}
                  </span>
                )}
                {item.judgement.note !== undefined && (
                  <span className="judgement-note"> — {item.judgement.note}</span>
                )}
              </>
            )}
          </p>
          {item.need.visible && seesCases && (
            <Link href={`/consultations/${encodeURIComponent(item.consultationId)}`}>
              {t('workflow.openCase')}
            </Link>
          )}
        </li>
      ))}
    </ul>
  );
}
