/**
 * An action asked first: a button opens a small question (an alertdialog whose confirming button
 * takes the focus; Escape or "cancel" closes it and gives the focus back to the opening button);
 * confirming runs the action with the button busy. A change made in between (412) shows "changed
 * by someone else" with a reload; any other failure is shown above the button, in the words the
 * caller chooses for it.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import './confirm-action.css';
import { ConflictNotice } from './form-kit.tsx';
import { isConflict } from './record-api.tsx';

export function ConfirmAction({
  openLabel,
  question,
  confirmLabel,
  busyLabel,
  act,
  describeFailure = () => null,
  onReload = () => window.location.reload(),
}: {
  /** The button that opens the question. */
  openLabel: string;
  question: ReactNode;
  /** The question's confirming button, and its words while the action runs. */
  confirmLabel: string;
  busyLabel: string;
  /** Runs the action; a thrown error is a failure. */
  act(): Promise<void>;
  /** Words for a failure other than a conflict; null shows the error's own message. */
  describeFailure?(error: unknown): string | null;
  onReload?(): void;
}) {
  const { t } = useI18n();
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
  const confirm = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await act();
    } catch (error) {
      setAsking(false);
      if (isConflict(error)) setConflict(true);
      else
        setProblem(
          describeFailure(error) ?? (error instanceof Error ? error.message : String(error)),
        );
    } finally {
      setBusy(false);
    }
  };
  if (conflict) return <ConflictNotice onReload={onReload} />;
  return (
    <div className="confirm-action">
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
          <p id={questionId}>{question}</p>
          <div className="form-actions">
            <button
              ref={confirmRef}
              type="button"
              className="button"
              disabled={busy}
              onClick={() => void confirm()}
            >
              {busy ? busyLabel : confirmLabel}
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
          {openLabel}
        </button>
      )}
    </div>
  );
}
