import { useEffect, useState } from 'react';
import { send } from '../../api/send-json.tsx';
import { Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import { messageOf, Refusal } from './refusal.tsx';
import { workflowApi, type Digest } from './workflow-api.tsx';

function DigestItem({ digest, canAsk }: { digest: Digest; canAsk: boolean }) {
  const { t } = useI18n();
  const [message, setMessage] = useState('');
  const [interest, setInterest] = useState(digest.myInterest);
  const [failure, setFailure] = useState<unknown>(null);
  const ask = async () => {
    try {
      const { data } = await workflowApi.expressInterest(digest.digestId, message);
      if (data) setInterest({ requestId: data.requestId, status: 'interested' });
      setFailure(null);
    } catch (error) {
      setFailure(error);
    }
  };
  // Withdrawing ends the request (and a disclosure already made through it).
  const withdraw = async (requestId: string) => {
    try {
      await send('delete', '/api/disclosure-requests/{id}', { params: { id: requestId } });
      setInterest(undefined);
      setFailure(null);
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <li className="panel digest-item" data-digest={digest.digestId}>
      <h2>{digest.title}</h2>
      <p>{digest.summary}</p>
      {digest.keywords.length > 0 && <p className="hint">{digest.keywords.join(' · ')}</p>}
      {canAsk &&
        (interest !== undefined ? (
          <div className="toolbar">
            <p role="status">
              {interest.status === 'accepted'
                ? t('needWork.interestAccepted')
                : t('workflow.interestSent')}
            </p>
            <button
              type="button"
              className="button secondary"
              onClick={() => void withdraw(interest.requestId)}
            >
              {t('needWork.withdrawInterest')}
            </button>
          </div>
        ) : (
          <div className="form">
            <label className="field">
              {t('workflow.interestMessage')}
              <input
                type="text"
                name="message"
                maxLength={2000}
                value={message}
                onChange={(event) => setMessage(event.target.value)}
              />
            </label>
            <button type="button" className="button secondary" onClick={() => void ask()}>
              {t('workflow.expressInterest')}
            </button>
          </div>
        ))}
      <Refusal failure={failure} />
    </li>
  );
}

/** `/digests`: anonymous digests of confidential needs; an organisation may ask for disclosure. */
export function DigestsPage() {
  const { t } = useI18n();
  const { account } = useAuth();
  const [digests, setDigests] = useState<Digest[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    document.title = `${t('workflow.digestsTitle')} | ${t('app.name')}`;
  }, [t]);
  useEffect(() => {
    workflowApi.digests().then(
      (answer) => setDigests(answer.items),
      (failure: unknown) => setError(messageOf(failure)),
    );
  }, []);
  return (
    <section aria-labelledby="digests-heading">
      <h1 id="digests-heading">{t('workflow.digestsTitle')}</h1>
      <p>{t('workflow.digestsIntro')}</p>
      {error !== null && <p className="form-error">{error}</p>}
      {digests === null ? (
        error === null && <Loading />
      ) : digests.length === 0 ? (
        <p>{t('workflow.noDigests')}</p>
      ) : (
        <ul className="digest-list">
          {digests.map((digest) => (
            <DigestItem
              key={digest.digestId}
              digest={digest}
              canAsk={typeof account?.organisationId === 'string'}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
