/**
 * Reversing a relation's direction from its page. Source and target are part of the relation's
 * identity, so the reversed relation is another record: it is asked first, then moved in one
 * request (`POST …/rekey` under the old one's If-Match), which removes the old one and stores the
 * reversed one together or neither. A change made in between shows "changed by someone else";
 * a relation already running the other way is named, and nothing changes.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ConflictNotice } from './form-kit.tsx';
import './reverse-relation.css';
import { isConflict, rekeyRelation, type Loaded } from './record-api.tsx';
import { reversedRelation } from './relation-form.ts';

export function ReverseRelation({
  relationId,
  loaded,
  outgoing,
  onReversed,
  onReload = () => window.location.reload(),
}: {
  relationId: string;
  loaded: Loaded;
  /** Whether the relation runs from the actor whose page this is (how the question words it). */
  outgoing: boolean;
  /** Called with the reversed relation's key once it is stored. */
  onReversed(key: string): void;
  onReload?(): void;
}) {
  const { t, label } = useI18n();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const questionId = useId();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  const reversed = reversedRelation(loaded.record);
  if (reversed === null) return null;
  if (conflict) return <ConflictNotice onReload={onReload} />;
  const close = () => {
    setAsking(false);
    setTimeout(() => openRef.current?.focus(), 0);
  };
  const reverse = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await rekeyRelation(relationId, reversed.record, loaded.etag);
      onReversed(reversed.key);
    } catch (error) {
      setAsking(false);
      if (isConflict(error)) setConflict(true);
      else if (error instanceof ApiError && error.status === 409)
        setProblem(t('workflowGaps.reverse.exists'));
      else setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  const direction = (out: boolean) => label('forms2.relation.directions', out ? 'out' : 'in');
  return (
    <div className="record-reverse">
      {problem ? (
        <p className="form-error" role="alert">
          {problem}
        </p>
      ) : null}
      {asking ? (
        <div
          className="notice"
          role="alertdialog"
          aria-labelledby={questionId}
          onKeyDown={(event) => {
            if (event.key === 'Escape') close();
          }}
        >
          <p id={questionId}>
            {t('workflowGaps.reverse.confirm', {
              from: direction(outgoing),
              to: direction(!outgoing),
            })}
          </p>
          <div className="form-actions">
            <button
              ref={confirmRef}
              type="button"
              className="button"
              disabled={busy}
              onClick={() => void reverse()}
            >
              {busy ? t('workflowGaps.reverse.busy') : t('workflowGaps.reverse.now')}
            </button>
            <button type="button" className="button secondary" onClick={close}>
              {t('forms.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button
          ref={openRef}
          type="button"
          className="button secondary"
          onClick={() => setAsking(true)}
        >
          {t('workflowGaps.reverse.open')}
        </button>
      )}
    </div>
  );
}
