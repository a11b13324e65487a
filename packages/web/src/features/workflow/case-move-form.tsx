import { useState } from 'react';
import type { FormEvent } from 'react';
import type { Stage } from '../../api/workflow-types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Refusal } from './refusal.tsx';
import {
  AGREEMENT_TYPES,
  CLOSE_OUTCOMES,
  workflowApi,
  type MoveBody,
  type NextStages,
} from './workflow-api.tsx';

/**
 * Moves the case: the forward moves the server offers (its first pre-selected), closing with an
 * outcome and a reason, and going one stage back only with a reason.
 */
export function CaseMoveForm({
  id,
  version,
  next,
  onMoved,
}: {
  id: string;
  version: number;
  next: NextStages;
  onMoved: (to: Stage) => void;
}) {
  const { t, label } = useI18n();
  const choices = [...next.next, ...(next.back !== null ? [next.back] : [])];
  const [to, setTo] = useState<Stage | ''>(choices[0] ?? '');
  const [agreementType, setAgreementType] = useState<string>(AGREEMENT_TYPES[0]);
  const [outcome, setOutcome] = useState<string>(next.stage === 'agreement' ? 'won' : 'lost');
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  if (choices.length === 0) return <p>{t('workflow.closedNoMoves')}</p>;
  const goingBack = to !== '' && to === next.back;
  const outcomes = CLOSE_OUTCOMES.filter((o) => o !== 'won' || next.stage === 'agreement');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (to === '') return;
    const body: MoveBody = goingBack
      ? { to, back: true, reason: reason.trim() }
      : to === 'agreement'
        ? { to, agreementType }
        : to === 'closed'
          ? { to, outcome, ...(reason.trim() !== '' ? { reason: reason.trim() } : {}) }
          : { to };
    try {
      await workflowApi.move(id, version, body);
      setFailure(null);
      setReason('');
      onMoved(to);
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <form className="form case-move" onSubmit={(event) => void submit(event)}>
      <label className="field">
        {t('workflow.moveTo')}
        <select
          name="to"
          value={to}
          onChange={(event) => {
            const stage = choices.find((s) => s === event.target.value);
            if (stage) setTo(stage);
          }}
        >
          {choices.map((stage) => (
            <option key={stage} value={stage}>
              {stage === next.back
                ? t('workflow.backTo', { stage: label('consultationStage', stage) })
                : label('consultationStage', stage)}
            </option>
          ))}
        </select>
      </label>
      {to === 'agreement' && !goingBack && (
        <label className="field">
          {t('board.agreementType')}
          <select
            name="agreementType"
            value={agreementType}
            onChange={(event) => setAgreementType(event.target.value)}
          >
            {AGREEMENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {label('agreementType', type)}
              </option>
            ))}
          </select>
        </label>
      )}
      {to === 'closed' && (
        <label className="field">
          {t('board.outcome')}
          <select
            name="outcome"
            value={outcome}
            onChange={(event) => setOutcome(event.target.value)}
          >
            {outcomes.map((o) => (
              <option key={o} value={o}>
                {label('outcome', o)}
              </option>
            ))}
          </select>
        </label>
      )}
      {(goingBack || to === 'closed') && (
        <label className="field">
          {goingBack ? t('board.backReason') : t('workflow.closeReason')}
          <input
            type="text"
            name="reason"
            value={reason}
            required={goingBack || outcome !== 'won'}
            onChange={(event) => setReason(event.target.value)}
          />
        </label>
      )}
      <button type="submit" className="button">
        {t('board.confirmMove')}
      </button>
      <Refusal failure={failure} />
    </form>
  );
}
