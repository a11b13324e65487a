import { useState } from 'react';
import { send } from '../../api/send-json.tsx';
import { useGet } from '../../api/use-api.tsx';
import type { Answer } from '../../api/api-client.ts';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { scriptLanguage } from '../../components/script-language.ts';
import { useSharedData } from '../../data-context.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { hrefOf, Link, updateQuery, useLocation } from '../../router.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import { Refusal } from '../workflow/refusal.tsx';
import { evidenceMessage } from './review-evidence.ts';

type ReviewItem = Answer<'/api/reviews'>['items'][number];
type Decision = 'merge' | 'keep-apart';
const STATUSES = ['open', 'merged', 'kept_apart', 'all'] as const;

/** The fields compared side by side (those either record has), in this order. */
const FIELDS = [
  'name',
  'nameEn',
  'kind',
  'sector',
  'prefectureCode',
  'municipalityCode',
  'countryCode',
  'corporateNumber',
  'ror',
  'orcid',
  'researchmapId',
  'kakenId',
  'openalexId',
  'url',
] as const;

function FieldValue({ field, value }: { field: string; value: string | undefined }) {
  const { label } = useI18n();
  const { prefectureName } = useSharedData();
  if (value === undefined) return <span className="muted">—</span>;
  if (field === 'sector') return <>{label('sector', value)}</>;
  if (field === 'kind') return <>{label('kind', value)}</>;
  if (field === 'prefectureCode') return <>{prefectureName(value)}</>;
  return <span lang={scriptLanguage(value)}>{value}</span>;
}

/** One likely duplicate: the queued record beside the actor it may be, the evidence, the decision. */
function ReviewCard({ item }: { item: ReviewItem }) {
  const { t, label, number, language } = useI18n();
  const { prefectureName } = useSharedData();
  const evidence = evidenceMessage(item.evidence, {
    prefecture: prefectureName,
    abroad: (country) => t('connectorDetect.place.abroad', { country }),
    list: (items) => items.join(language === 'ja' ? '、' : ', '),
  });
  const [decided, setDecided] = useState<{ decision: Decision; actorId: string } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const decide = async (decision: Decision) => {
    setBusy(true);
    setFailure(null);
    try {
      const { data } = await send('post', '/api/reviews/{id}/decision', {
        params: { id: item.id },
        body: { decision },
      });
      if (data) setDecided({ decision: data.decision, actorId: data.actorId });
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  const candidate = item.candidate ?? {};
  const fields = FIELDS.filter((f) => item.record[f] !== undefined || candidate[f] !== undefined);
  const headingId = `review-${item.id}`;
  return (
    <li className="panel review-card">
      <article aria-labelledby={headingId}>
        <h2 id={headingId}>
          <span lang={scriptLanguage(item.record['name'] ?? '')}>
            {item.record['name'] ?? item.id}
          </span>
        </h2>
        <p className="muted">
          {t('ui2.review.evidence', {
            source: label('ui2.review.source', item.source),
            score: number(item.score, 2),
          })}{' '}
          <span data-evidence={item.evidence.code}>{t(evidence.key, evidence.values)}</span>
        </p>
        <table className="review-compare keep-table">
          <caption className="visually-hidden">{t('ui2.review.compare')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ui2.review.field')}</th>
              <th scope="col">{t('ui2.review.record')}</th>
              <th scope="col">
                {t('ui2.review.candidate')}{' '}
                <Link href={`/actors/${encodeURIComponent(item.candidateId)}`}>
                  {t('ui2.review.openCandidate')}
                </Link>
              </th>
            </tr>
          </thead>
          <tbody>
            {fields.map((field) => {
              const same =
                item.record[field] !== undefined && item.record[field] === candidate[field];
              return (
                <tr key={field} className={same ? 'same' : undefined}>
                  <th scope="row">
                    {label('ui2.review.fieldName', field)}
                    {same && <span className="visually-hidden"> ({t('ui2.review.same')})</span>}
                  </th>
                  <td>
                    <FieldValue field={field} value={item.record[field]} />
                  </td>
                  <td>
                    <FieldValue field={field} value={candidate[field]} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {item.candidate === null && <p className="form-error">{t('ui2.review.candidateGone')}</p>}
        {decided ? (
          <p role="status">
            {t(decided.decision === 'merge' ? 'ui2.review.merged' : 'ui2.review.keptApart')}{' '}
            <Link href={`/actors/${encodeURIComponent(decided.actorId)}`}>
              {t('ui2.review.openActor')}
            </Link>
          </p>
        ) : item.status === 'open' ? (
          <div className="toolbar">
            <button
              type="button"
              className="button"
              disabled={busy || item.candidate === null}
              onClick={() => void decide('merge')}
            >
              {t('ui2.review.merge')}
            </button>
            <button
              type="button"
              className="button secondary"
              disabled={busy}
              onClick={() => void decide('keep-apart')}
            >
              {t('ui2.review.keepApart')}
            </button>
          </div>
        ) : (
          <p className="muted">{label('ui2.review.status', item.status)}</p>
        )}
        <Refusal failure={failure} />
      </article>
    </li>
  );
}

/**
 * The review queue of entity resolution (名寄せ, issue 10): records a connector found likely to be
 * an actor already wait here, beside that actor, for an administrator or a coordinator to merge
 * them or keep them apart (the same decision as `musubi review merge|keep-apart`).
 */
export function ReviewPage() {
  const { t, label } = useI18n();
  const { account } = useAuth();
  const { path, search } = useLocation();
  const status = STATUSES.find((s) => s === search.get('status')) ?? 'open';
  const allowed = account?.role === 'admin' || account?.role === 'coordinator';
  const state = useGet('/api/reviews', allowed ? { query: { status } } : null);
  return (
    <section aria-labelledby="review-heading">
      <h1 id="review-heading">{t('ui2.review.title')}</h1>
      <p>{t('ui2.review.intro')}</p>
      {account === undefined ? (
        <Loading />
      ) : account === null ? (
        <p>
          <Link href={hrefOf('/sign-in', { next: path })}>{t('ui2.review.signIn')}</Link>
        </p>
      ) : !allowed ? (
        <p role="alert">{t('ui2.review.notAllowed')}</p>
      ) : (
        <>
          <label className="field" style={{ maxWidth: '16rem' }}>
            {t('ui2.review.show')}
            <select
              value={status}
              onChange={(event) =>
                updateQuery({ status: event.target.value === 'open' ? '' : event.target.value })
              }
            >
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {label('ui2.review.status', s)}
                </option>
              ))}
            </select>
          </label>
          {state.status === 'error' && <ErrorMessage message={state.error} />}
          {state.status === 'loading' && <Loading />}
          {state.data &&
            (state.data.items.length === 0 ? (
              <p>{t('ui2.review.empty')}</p>
            ) : (
              <ol className="review-list">
                {state.data.items.map((item) => (
                  <ReviewCard key={item.id} item={item} />
                ))}
              </ol>
            ))}
        </>
      )}
    </section>
  );
}
