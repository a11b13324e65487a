import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import { SeedClosedMark } from './seed-closed.tsx';
import { SeedProposals } from './seed-proposals.tsx';
import { workflowApi } from './workflow-api.tsx';

/** `/seeds/{id}/proposals`: one seed's proposals and judgements (where a notification points). */
export function SeedFeedbackPage({ seedId }: { seedId: string }) {
  const { t } = useI18n();
  const { account } = useAuth();
  const [title, setTitle] = useState<string | null>(null);
  const [closed, setClosed] = useState(false);
  useEffect(() => {
    workflowApi.seed(seedId).then(
      (seed) => {
        setTitle(typeof seed['title'] === 'string' ? seed['title'] : null);
        setClosed(seed['closed'] === true);
      },
      () => setTitle(null),
    );
  }, [seedId]);
  useEffect(() => {
    document.title = `${t('workflow.seedFeedbackTitle')} | ${t('app.name')}`;
  }, [t]);
  return (
    <section aria-labelledby="seed-feedback-heading">
      <p className="breadcrumbs">
        <Link href="/my-seeds">{t('workflow.mySeeds')}</Link>
      </p>
      <h1 id="seed-feedback-heading">{t('workflow.seedFeedbackTitle')}</h1>
      <p className="seed-title">
        {title ?? seedId}
        {closed ? <SeedClosedMark /> : null}
      </p>
      {closed ? <p className="notice">{t('workflow.seedClosedNote')}</p> : null}
      {account === null ? (
        <p>
          {t('board.signInFirst')}{' '}
          <Link href={`/sign-in?next=/seeds/${encodeURIComponent(seedId)}/proposals`}>
            {t('auth.title')}
          </Link>
        </p>
      ) : (
        account !== undefined && <SeedProposals seedId={seedId} />
      )}
    </section>
  );
}
