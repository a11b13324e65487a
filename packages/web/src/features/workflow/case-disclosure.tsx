import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { send } from '../../api/send-json.tsx';
import { ConfirmAction } from '../forms/confirm-action.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router.tsx';
import { messageOf, Refusal } from './refusal.tsx';
import {
  workflowApi,
  type DisclosureEvent,
  type DisclosureRequest,
  type Digest,
} from './workflow-api.tsx';

function RequestRow({ request, onDecided }: { request: DisclosureRequest; onDecided: () => void }) {
  const { t, label } = useI18n();
  const [agreementRef, setAgreementRef] = useState('');
  const [accepted, setAccepted] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [organisation, setOrganisation] = useState(request.organisationId);
  useEffect(() => {
    const controller = new AbortController();
    workflowApi
      .actorName(request.organisationId, controller.signal)
      .then(setOrganisation, () => undefined);
    return () => controller.abort();
  }, [request.organisationId]);
  const decide = async (accept: boolean) => {
    try {
      await workflowApi.decide(request.id, accept, accept ? agreementRef.trim() : undefined);
      setFailure(null);
      onDecided();
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <li className="disclosure-request" data-status={request.status}>
      <p>
        <Link href={`/actors/${encodeURIComponent(request.organisationId)}`}>{organisation}</Link>{' '}
        <span className={`badge disclosure-${request.status}`}>
          {label('workflow.disclosureStatus', request.status)}
        </span>
        {request.agreementRef !== undefined &&
          ` · ${t('workflow.agreementRef')}: ${request.agreementRef}`}
      </p>
      {request.message !== undefined && <blockquote>{request.message}</blockquote>}
      {request.status === 'interested' && (
        <div className="form nda-form">
          <label className="field">
            {t('workflow.agreementRef')}
            <input
              type="text"
              name="agreementRef"
              maxLength={200}
              value={agreementRef}
              onChange={(event) => setAgreementRef(event.target.value)}
            />
          </label>
          <label className="check">
            <input
              type="checkbox"
              name="ndaAccepted"
              checked={accepted}
              onChange={(event) => setAccepted(event.target.checked)}
            />{' '}
            {t('workflow.ndaTerms')}
          </label>
          <div className="toolbar">
            <button
              type="button"
              className="button"
              disabled={!accepted}
              onClick={() => void decide(true)}
            >
              {t('workflow.disclose')}
            </button>
            <button type="button" className="button secondary" onClick={() => void decide(false)}>
              {t('workflow.decline')}
            </button>
          </div>
        </div>
      )}
      <Refusal failure={failure} />
    </li>
  );
}

/**
 * Staged disclosure of the case's need (段階的開示): publish an anonymous digest, see which
 * organisations are interested, accept the NDA terms and disclose (the owner), or decline. Shown to
 * those the server lets manage the need (its owner and assigned coordinators, administrators).
 */
export function CaseDisclosure({ needId }: { needId: string }) {
  const { t, label, language } = useI18n();
  const [requests, setRequests] = useState<DisclosureRequest[] | null>(null);
  const [events, setEvents] = useState<DisclosureEvent[]>([]);
  const [digest, setDigest] = useState<Digest | null>(null);
  const [hidden, setHidden] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const load = useCallback(() => {
    workflowApi.disclosures(needId).then(
      async (answer) => {
        setRequests(answer.requests);
        setEvents(answer.events);
        const published = [...answer.events].reverse().find((e) => e.kind === 'digest_published');
        const withdrawn = [...answer.events].reverse().find((e) => e.kind === 'digest_withdrawn');
        const digestId = published?.data['digestId'];
        if (
          typeof digestId === 'string' &&
          (withdrawn === undefined || withdrawn.at < (published?.at ?? ''))
        ) {
          const list = await workflowApi.digests().catch(() => ({ items: [] }));
          setDigest(list.items.find((d) => d.digestId === digestId) ?? null);
        } else setDigest(null);
      },
      (failed: unknown) => {
        if (failed instanceof ApiError && (failed.status === 403 || failed.status === 404))
          setHidden(true);
        else setError(messageOf(failed));
      },
    );
  }, [needId]);
  useEffect(load, [load]);
  if (hidden) return null;
  const change = async (call: () => Promise<unknown>) => {
    try {
      await call();
      setFailure(null);
      load();
    } catch (failed) {
      setFailure(failed);
    }
  };
  const publish = () => change(() => workflowApi.publishDigest(needId));
  // Withdrawn, the digest leaves the published list and every disclosure made through it ends.
  const withdraw = async () => {
    await send('delete', '/api/needs/{id}/digest', { params: { id: needId } });
    load();
  };
  const date = (iso: string) => new Date(iso).toLocaleString(language === 'ja' ? 'ja-JP' : 'en-GB');
  return (
    <section className="panel case-disclosure" aria-labelledby="disclosure-heading">
      <h2 id="disclosure-heading">{t('workflow.disclosure')}</h2>
      <p className="hint">{t('workflow.disclosureIntro')}</p>
      {error !== null && <p className="form-error">{error}</p>}
      <h3>{t('workflow.digest')}</h3>
      {digest === null ? (
        <p>{t('workflow.noDigest')}</p>
      ) : (
        <div className="digest" data-digest={digest.digestId}>
          <p>
            <strong>{digest.title}</strong> ({digest.digestId})
          </p>
          <p>{digest.summary}</p>
        </div>
      )}
      <div className="toolbar">
        <button type="button" className="button secondary" onClick={() => void publish()}>
          {digest === null ? t('workflow.publishDigest') : t('workflow.republishDigest')}
        </button>
        {digest !== null && (
          <ConfirmAction
            openLabel={t('needWork.withdrawDigest')}
            question={t('needWork.withdrawDigestQuestion')}
            confirmLabel={t('needWork.withdrawDigestConfirm')}
            busyLabel={t('needWork.withdrawing')}
            act={withdraw}
          />
        )}
      </div>
      <Refusal failure={failure} />
      <h3>{t('workflow.interest')}</h3>
      {requests === null ? (
        <p>{t('common.loading')}</p>
      ) : requests.length === 0 ? (
        <p>{t('workflow.noInterest')}</p>
      ) : (
        <ul className="disclosure-requests">
          {requests.map((request) => (
            <RequestRow key={request.id} request={request} onDecided={load} />
          ))}
        </ul>
      )}
      {events.length > 0 && (
        <details>
          <summary>{t('workflow.disclosureHistory')}</summary>
          <ol className="history">
            {events.map((event, index) => (
              <li key={`${event.at}-${index}`}>
                <time dateTime={event.at}>{date(event.at)}</time>{' '}
                {label('workflow.disclosureEvent', event.kind)}
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}
