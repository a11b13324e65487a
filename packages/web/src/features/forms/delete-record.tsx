/**
 * Deleting a record from its page: asked first (a small dialog whose "delete" button takes the
 * focus, Escape or "cancel" closes it), sent under the record's If-Match; a change made in between
 * shows "changed by someone else" with a reload, and a record other records still use is refused
 * naming them by kind and count in the page's language.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import './delete-record.css';
import { ConflictNotice } from './form-kit.tsx';
import { deleteRecord, isConflict, StillUsedError, type FormEntity } from './record-api.tsx';
import { describeDependents, keepsHistory } from './still-used.ts';

export function DeleteRecord({
  entity,
  id,
  etag,
  name,
  onDeleted,
  onReload = () => window.location.reload(),
  labels = {
    open: 'recordsDelete.delete',
    confirm: 'recordsDelete.confirm',
    now: 'recordsDelete.deleteNow',
  },
}: {
  entity: FormEntity;
  id: string;
  etag: string | null;
  /** How the question names the record (its title or name). */
  name: string;
  onDeleted(): void;
  onReload?(): void;
  labels?: { open: MessageKey; confirm: MessageKey; now: MessageKey };
}) {
  const { t, language } = useI18n();
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
  const close = () => {
    setAsking(false);
    // Back to the button that opened the question, once it is drawn again.
    setTimeout(() => openRef.current?.focus(), 0);
  };
  const remove = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await deleteRecord(entity, id, etag);
      onDeleted();
    } catch (error) {
      setAsking(false);
      if (isConflict(error)) setConflict(true);
      else if (error instanceof StillUsedError)
        setProblem(
          [
            t('recordsDelete.stillUsed', { list: describeDependents(error.dependents, t) }),
            ...(keepsHistory(error.dependents) ? [t('workflowGaps.dependents.historyHint')] : []),
          ].join(language === 'ja' ? '' : ' '),
        );
      else setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  if (conflict) return <ConflictNotice onReload={onReload} />;
  return (
    <div className="record-delete">
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
          <p id={questionId}>{t(labels.confirm, { name })}</p>
          <div className="form-actions">
            <button
              ref={confirmRef}
              type="button"
              className="button"
              disabled={busy}
              onClick={() => void remove()}
            >
              {busy ? t('recordsDelete.deleting') : t(labels.now)}
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
          {t(labels.open)}
        </button>
      )}
    </div>
  );
}
