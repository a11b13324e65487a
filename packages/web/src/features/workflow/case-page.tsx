import { useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { ConsultationEvent } from '../../api/workflow-types.ts';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import { CaseCandidates } from './case-candidates.tsx';
import { CaseCoordinators } from './case-coordinators.tsx';
import { CaseDisclosure } from './case-disclosure.tsx';
import { CaseMoveForm } from './case-move-form.tsx';
import { CaseWithdrawForm } from './case-withdraw-form.tsx';
import { CaseTriage } from './case-triage.tsx';
import { messageOf, Refusal } from './refusal.tsx';
import { workflowApi, type CaseDetail, type NextStages, type Triage } from './workflow-api.tsx';

function HistoryLine({ event }: { event: ConsultationEvent }) {
  const { label, language } = useI18n();
  const text = event.data['text'];
  const reason = event.data['reason'];
  const outcome = event.data['outcome'];
  return (
    <li data-kind={event.kind}>
      <time dateTime={event.at}>
        {new Date(event.at).toLocaleString(language === 'ja' ? 'ja-JP' : 'en-GB')}
      </time>{' '}
      {label('eventKind', event.kind)}
      {event.fromStage !== undefined &&
        event.toStage !== undefined &&
        `: ${label('consultationStage', event.fromStage)} → ${label('consultationStage', event.toStage)}`}
      {typeof outcome === 'string' && ` · ${label('outcome', outcome)}`}
      {typeof reason === 'string' && ` (${label('rejection', reason)})`}
      {typeof text === 'string' && <blockquote>{text}</blockquote>}
    </li>
  );
}

function NoteForm({ id, onAdded }: { id: string; onAdded: () => void }) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await workflowApi.addNote(id, note);
      setNote('');
      setFailure(null);
      onAdded();
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <form className="form" onSubmit={(event) => void submit(event)}>
      <label className="field">
        {t('workflow.noteLabel')}
        <textarea
          name="note"
          rows={3}
          value={note}
          required
          onChange={(event) => setNote(event.target.value)}
        />
      </label>
      <button type="submit" className="button secondary" disabled={note.trim() === ''}>
        {t('board.addNote')}
      </button>
      <Refusal failure={failure} />
    </form>
  );
}

/**
 * A consultation case (相談案件) in one page: where it stands and its history, its coordinators,
 * the candidate seeds with their judgements, the staged disclosure of its need, notes and
 * meetings, and the moves (forward; back only with a reason; closing with outcome and reason).
 */
export function CasePage({ id }: { id: string }) {
  const { t, label } = useI18n();
  const { account } = useAuth();
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [next, setNext] = useState<NextStages | null>(null);
  const [triage, setTriage] = useState<Triage | null>(null);
  const [triageError, setTriageError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');

  const load = useCallback(() => {
    workflowApi.consultation(id).then(
      (answer) => {
        setDetail(answer);
        setError(null);
      },
      (failure: unknown) => setError(messageOf(failure)),
    );
    workflowApi.nextStages(id).then(setNext, () => setNext(null));
  }, [id]);
  useEffect(() => {
    if (account) load();
  }, [account, load]);
  const staff = account?.role === 'coordinator' || account?.role === 'admin';
  useEffect(() => {
    if (!account || !staff) return;
    workflowApi
      .triage(id)
      .then(setTriage, (failure: unknown) => setTriageError(messageOf(failure)));
  }, [account, staff, id]);
  useEffect(() => {
    document.title = `${detail?.needTitle || t('workflow.caseTitle')} | ${t('app.name')}`;
  }, [detail, t]);

  if (account === undefined) return <Loading />;
  if (account === null)
    return (
      <section aria-labelledby="case-heading">
        <h1 id="case-heading">{t('workflow.caseTitle')}</h1>
        <p>
          {t('board.signInFirst')}{' '}
          <Link href={`/sign-in?next=/consultations/${encodeURIComponent(id)}`}>
            {t('auth.title')}
          </Link>
        </p>
      </section>
    );
  if (error !== null && detail === null) return <ErrorMessage message={error} />;
  if (detail === null) return <Loading />;
  const c = detail.consultation;
  const assigned = c.coordinatorIds.includes(account.id);
  // The requesting organisation's members may withdraw the case; only its coordinators move it.
  const requester = account.role === 'member' && account.organisationId === c.requesterId;
  return (
    <section aria-labelledby="case-heading" className="case-page" data-consultation={c.id}>
      <p className="breadcrumbs">
        <Link href="/board">{t('nav.board')}</Link>
      </p>
      <h1 id="case-heading">{detail.needTitle || t('workflow.caseTitle')}</h1>
      <dl className="case-facts">
        <div>
          <dt>{t('workflow.stage')}</dt>
          <dd className="case-stage" data-stage={c.stage}>
            {label('consultationStage', c.stage)}
            {c.outcome !== undefined && ` · ${label('outcome', c.outcome)}`}
          </dd>
        </div>
        <div>
          <dt>{t('workflow.openedAt')}</dt>
          <dd>{new Date(c.openedAt).toLocaleDateString()}</dd>
        </div>
        {detail.overdue.overdue && (
          <div>
            <dt>{t('workflow.due')}</dt>
            <dd>
              <span className="badge overdue">{t('board.overdue')}</span>
            </dd>
          </div>
        )}
      </dl>
      <p role="status" aria-live="polite" className="case-status">
        {status}
      </p>
      <div className="case-layout">
        <div className="case-main">
          {requester && !assigned && c.stage !== 'closed' && (
            <section className="panel" aria-labelledby="withdraw-heading">
              <h2 id="withdraw-heading">{t('workflow.withdrawHeading')}</h2>
              <CaseWithdrawForm
                key={`${detail.version}`}
                id={c.id}
                version={detail.version}
                onWithdrawn={() => {
                  setStatus(t('workflow.withdrawn', { title: detail.needTitle }));
                  load();
                }}
              />
            </section>
          )}
          {next !== null && assigned && (
            <section className="panel" aria-labelledby="move-heading">
              <h2 id="move-heading">{t('workflow.move')}</h2>
              <CaseMoveForm
                key={`${detail.version}`}
                id={c.id}
                version={detail.version}
                next={next}
                onMoved={(to) => {
                  setStatus(
                    t('board.moved', {
                      title: detail.needTitle,
                      stage: label('consultationStage', to),
                    }),
                  );
                  load();
                }}
              />
            </section>
          )}
          {staff && triage !== null && <CaseTriage triage={triage} />}
          <CaseCandidates
            id={c.id}
            history={detail.history}
            triage={triage}
            triageError={triageError}
            canPropose={staff}
            onChanged={load}
          />
          <CaseDisclosure needId={c.needId} />
        </div>
        <div className="case-side">
          <CaseCoordinators id={c.id} coordinators={detail.coordinators} onChanged={load} />
          <section className="panel" aria-labelledby="history-heading">
            <h2 id="history-heading">{t('board.history')}</h2>
            <NoteForm id={c.id} onAdded={load} />
            <ol className="history case-history">
              {[...detail.history].reverse().map((event) => (
                <HistoryLine key={event.seq} event={event} />
              ))}
            </ol>
          </section>
        </div>
      </div>
    </section>
  );
}
