import { useEffect, useState } from 'react';
import { Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import { messageOf } from './refusal.tsx';
import { SeedClosedMark } from './seed-closed.tsx';
import { SeedProposals } from './seed-proposals.tsx';
import { workflowApi } from './workflow-api.tsx';

/** `/my-seeds`: the seeds of the member's organisation, each with where it was proposed. */
export function MySeedsPage() {
  const { t } = useI18n();
  const { account } = useAuth();
  const [seeds, setSeeds] = useState<Record<string, unknown>[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const organisationId = account?.organisationId ?? null;
  useEffect(() => {
    document.title = `${t('workflow.mySeeds')} | ${t('app.name')}`;
  }, [t]);
  useEffect(() => {
    if (organisationId === null) return;
    workflowApi.ownedBy('seeds', organisationId).then(
      (page) => setSeeds(page.items),
      (failure: unknown) => setError(messageOf(failure)),
    );
  }, [organisationId]);
  if (account === undefined) return <Loading />;
  return (
    <section aria-labelledby="my-seeds-heading">
      <h1 id="my-seeds-heading">{t('workflow.mySeeds')}</h1>
      <p>{t('workflow.mySeedsIntro')}</p>
      {account === null ? (
        <p>
          {t('board.signInFirst')} <Link href="/sign-in?next=/my-seeds">{t('auth.title')}</Link>
        </p>
      ) : organisationId === null ? (
        <p>{t('workflow.noOrganisation')}</p>
      ) : error !== null ? (
        <p className="form-error">{error}</p>
      ) : seeds === null ? (
        <Loading />
      ) : seeds.length === 0 ? (
        <p>{t('workflow.noSeeds')}</p>
      ) : (
        <ul className="my-seeds">
          {seeds.map((seed) => {
            const id = String(seed['id']);
            return (
              <li key={id} className="panel my-seed" data-seed={id}>
                <h2>
                  <Link href={`/seeds/${encodeURIComponent(id)}/proposals`}>
                    {String(seed['title'] ?? id)}
                  </Link>
                  {seed['closed'] === true ? <SeedClosedMark /> : null}
                </h2>
                <SeedProposals seedId={id} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
