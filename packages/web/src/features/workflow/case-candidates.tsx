import { useState } from 'react';
import type { FormEvent } from 'react';
import type { ConsultationEvent } from '../../api/workflow-types.ts';
import { candidatesOf } from './candidates-of.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router.tsx';
import { Refusal } from './refusal.tsx';
import {
  REJECTION_REASONS,
  workflowApi,
  type RejectionReason,
  type Triage,
} from './workflow-api.tsx';

function JudgementForm({
  id,
  seedId,
  title,
  onJudged,
}: {
  id: string;
  seedId: string;
  title: string;
  onJudged: () => void;
}) {
  const { t, label } = useI18n();
  const [decision, setDecision] = useState<'chosen' | 'rejected'>('chosen');
  const [reason, setReason] = useState<RejectionReason | ''>('');
  const [note, setNote] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await workflowApi.judge(id, {
        seedId,
        decision,
        ...(decision === 'rejected' && reason !== '' ? { reason } : {}),
        ...(note.trim() !== '' ? { note: note.trim() } : {}),
      });
      setFailure(null);
      onJudged();
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <form
      className="form judgement-form"
      aria-label={t('workflow.judgeSeed', { title })}
      onSubmit={(event) => void submit(event)}
    >
      <label className="field">
        {t('workflow.decision')}
        <select
          name="decision"
          value={decision}
          onChange={(event) =>
            setDecision(event.target.value === 'rejected' ? 'rejected' : 'chosen')
          }
        >
          <option value="chosen">{t('workflow.decision.chosen')}</option>
          <option value="rejected">{t('workflow.decision.rejected')}</option>
        </select>
      </label>
      {decision === 'rejected' && (
        <label className="field">
          {t('workflow.rejectionReason')}
          <select
            name="reason"
            required
            value={reason}
            onChange={(event) =>
              setReason(REJECTION_REASONS.find((r) => r === event.target.value) ?? '')
            }
          >
            <option value="">{t('workflow.chooseReason')}</option>
            {REJECTION_REASONS.map((r) => (
              <option key={r} value={r}>
                {label('rejection', r)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        {t('workflow.judgementNote')}
        <input
          type="text"
          name="note"
          maxLength={2000}
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
      </label>
      <button type="submit" className="button secondary">
        {t('workflow.saveJudgement')}
      </button>
      <Refusal failure={failure} />
    </form>
  );
}

/**
 * Candidate seeds: those proposed on the case with their judgement and reason, and the matching
 * results to propose from.
 */
export function CaseCandidates({
  id,
  history,
  triage,
  triageError,
  canPropose,
  onChanged,
}: {
  id: string;
  history: readonly ConsultationEvent[];
  triage: Triage | null;
  triageError: string | null;
  canPropose: boolean;
  onChanged: () => void;
}) {
  const { t, label, number } = useI18n();
  const [failure, setFailure] = useState<unknown>(null);
  const candidates = candidatesOf(history);
  const titles = new Map(triage?.seeds.map((s) => [s.seedId, s.title]) ?? []);
  const titleOf = (seedId: string) => titles.get(seedId) ?? seedId;
  const proposed = new Set(candidates.map((c) => c.seedId));
  const propose = async (seedId: string) => {
    try {
      await workflowApi.propose(id, [seedId]);
      setFailure(null);
      onChanged();
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <section className="panel case-candidates" aria-labelledby="candidates-heading">
      <h2 id="candidates-heading">{t('workflow.candidates')}</h2>
      {candidates.length === 0 ? (
        <p>{t('workflow.noCandidates')}</p>
      ) : (
        <ul className="candidate-list">
          {candidates.map((candidate) => (
            <li key={candidate.seedId} className="candidate" data-seed={candidate.seedId}>
              <p>
                <Link href={`/seeds/${encodeURIComponent(candidate.seedId)}/proposals`}>
                  {titleOf(candidate.seedId)}
                </Link>{' '}
                <span className={`badge judgement ${candidate.decision ?? 'pending'}`}>
                  {candidate.decision === undefined
                    ? t('workflow.notJudged')
                    : t(`workflow.decision.${candidate.decision}`)}
                </span>
                {candidate.reason !== undefined && (
                  <span className="judgement-reason"> {label('rejection', candidate.reason)}</span>
                )}
                {candidate.note !== undefined && (
                  <span className="judgement-note"> — {candidate.note}</span>
                )}
              </p>
              <details>
                <summary>{t('workflow.judge')}</summary>
                <JudgementForm
                  id={id}
                  seedId={candidate.seedId}
                  title={titleOf(candidate.seedId)}
                  onJudged={onChanged}
                />
              </details>
            </li>
          ))}
        </ul>
      )}
      {canPropose && (
        <>
          <h3>{t('workflow.matchingResults')}</h3>
          {triageError !== null && <p className="hint">{triageError}</p>}
          {triage === null && triageError === null && <p>{t('common.loading')}</p>}
          {triage !== null && (
            <table className="data-table match-table">
              <thead>
                <tr>
                  <th scope="col">{t('workflow.seed')}</th>
                  <th scope="col">{t('workflow.owner')}</th>
                  <th scope="col">{t('workflow.score')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('workflow.propose')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {triage.seeds.map((seed) => (
                  <tr key={seed.seedId} data-seed={seed.seedId}>
                    <td>{seed.title}</td>
                    <td>{seed.ownerName}</td>
                    <td>{number(seed.score, 2)}</td>
                    <td>
                      {proposed.has(seed.seedId) ? (
                        t('workflow.alreadyProposed')
                      ) : (
                        <button
                          type="button"
                          className="button secondary small"
                          aria-label={t('workflow.proposeSeed', { title: seed.title })}
                          onClick={() => void propose(seed.seedId)}
                        >
                          {t('workflow.propose')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      <Refusal failure={failure} />
    </section>
  );
}
