import { useCallback, useEffect, useState } from 'react';
import type { DragEvent, FormEvent } from 'react';
import { api, type Answer } from '../../api/api-client.ts';
import { ApiError } from '../../api/client.ts';
import { send as sendChange } from '../../api/send-json.tsx';
import { STAGES, type Board, type ConsultationItem, type Stage } from '../../api/workflow-types.ts';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import { OpenFromOwnNeeds } from '../workflow/open-from-needs.tsx';

/**
 * Where a stage may go in one move (the server checks the same rule): forward first, so the
 * pre-selected choice never goes back; the stage behind last, which needs a reason.
 */
const NEXT: Record<Stage, readonly Stage[]> = {
  intake: ['triage', 'closed'],
  triage: ['candidates_proposed', 'closed', 'intake'],
  candidates_proposed: ['meeting', 'closed', 'triage'],
  meeting: ['agreement', 'closed', 'candidates_proposed'],
  agreement: ['closed', 'meeting'],
  closed: [],
};

/** The stage one step back: a person may return there, saying why (`back: true`). */
const BACK: Partial<Record<Stage, Stage>> = {
  triage: 'intake',
  candidates_proposed: 'triage',
  meeting: 'candidates_proposed',
  agreement: 'meeting',
};

/** What a move sends beside its target: an agreement type, an outcome, or a reason to go back. */
type MoveExtra = Record<string, string | boolean>;

const AGREEMENT_TYPES = ['joint_research', 'license', 'contract_research'] as const;
const OUTCOMES = ['won', 'lost', 'withdrawn'] as const;

type Detail = Answer<'/api/consultations/{id}'>;

interface PendingMove {
  item: ConsultationItem;
  to: Stage;
}

function daysSince(iso: string): number {
  return Math.max(0, Math.floor((Date.now() - Date.parse(iso)) / 86_400_000));
}

function MoveDialog({
  pending,
  onCancel,
  onConfirm,
}: {
  pending: PendingMove;
  onCancel: () => void;
  onConfirm: (extra: MoveExtra) => void;
}) {
  const { t, label } = useI18n();
  const [agreementType, setAgreementType] = useState<string>(AGREEMENT_TYPES[0]);
  const [outcome, setOutcome] = useState<string>(
    pending.item.stage === 'agreement' ? 'won' : 'lost',
  );
  const [reason, setReason] = useState('');
  const goingBack = BACK[pending.item.stage] === pending.to;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (goingBack) onConfirm({ back: true, reason: reason.trim() });
    else if (pending.to === 'agreement') onConfirm({ agreementType });
    else onConfirm({ outcome, ...(reason.trim() ? { reason: reason.trim() } : {}) });
  };
  return (
    <div className="dialog-backdrop">
      <form
        className="dialog panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby="move-dialog-heading"
        onSubmit={submit}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onCancel();
        }}
      >
        <h2 id="move-dialog-heading">
          {t('board.moveTo', { stage: label('consultationStage', pending.to) })}
        </h2>
        <p>{pending.item.needTitle}</p>
        {goingBack ? (
          <label className="field">
            {t('board.backReason')}
            <input
              autoFocus
              type="text"
              value={reason}
              required
              onChange={(event) => setReason(event.target.value)}
            />
          </label>
        ) : pending.to === 'agreement' ? (
          <label className="field">
            {t('board.agreementType')}
            <select
              autoFocus
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
        ) : (
          <>
            <label className="field">
              {t('board.outcome')}
              <select
                autoFocus
                value={outcome}
                onChange={(event) => setOutcome(event.target.value)}
              >
                {OUTCOMES.filter((o) => o !== 'won' || pending.item.stage === 'agreement').map(
                  (o) => (
                    <option key={o} value={o}>
                      {label('outcome', o)}
                    </option>
                  ),
                )}
              </select>
            </label>
            <label className="field">
              {t('board.reason')}
              <input
                type="text"
                value={reason}
                required={outcome !== 'won'}
                onChange={(event) => setReason(event.target.value)}
              />
            </label>
          </>
        )}
        <div className="toolbar">
          <button type="submit" className="button">
            {t('board.confirmMove')}
          </button>
          <button type="button" className="button secondary" onClick={onCancel}>
            {t('board.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}

function Card({
  item,
  selected,
  onSelect,
  onMove,
}: {
  item: ConsultationItem;
  selected: boolean;
  onSelect: () => void;
  onMove: (to: Stage) => void;
}) {
  const { t, label } = useI18n();
  const next = NEXT[item.stage];
  const [to, setTo] = useState<Stage | ''>(next[0] ?? '');
  const onDragStart = (event: DragEvent<HTMLLIElement>) => {
    event.dataTransfer.setData('text/plain', item.id);
    event.dataTransfer.effectAllowed = 'move';
  };
  return (
    <li
      className={selected ? 'board-card selected' : 'board-card'}
      draggable={next.length > 0}
      onDragStart={onDragStart}
      data-consultation={item.id}
    >
      <button type="button" className="card-title" onClick={onSelect} aria-pressed={selected}>
        {item.needTitle || item.needId}
      </button>
      <p className="card-meta">
        {item.overdue.overdue && <span className="badge overdue">{t('board.overdue')}</span>}{' '}
        {t('board.daysInStage', { days: daysSince(item.stageEnteredAt) })}
        {item.outcome !== undefined && ` · ${label('outcome', item.outcome)}`}{' '}
        <Link href={`/consultations/${encodeURIComponent(item.id)}`} className="card-open">
          {t('workflow.openCase')}
          <span className="visually-hidden">: {item.needTitle || item.needId}</span>
        </Link>
      </p>
      {next.length > 0 && (
        <div className="card-move">
          <label>
            <span className="visually-hidden">
              {t('board.moveLabel', { title: item.needTitle })}
            </span>
            <select
              value={to}
              onChange={(event) => {
                const stage = next.find((s) => s === event.target.value);
                if (stage) setTo(stage);
              }}
            >
              {next.map((stage) => (
                <option key={stage} value={stage}>
                  {label('consultationStage', stage)}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="button secondary"
            disabled={to === ''}
            onClick={() => {
              if (to !== '') onMove(to);
            }}
          >
            {t('board.move')}
          </button>
        </div>
      )}
    </li>
  );
}

function DetailPanel({ id, onChanged }: { id: string; onChanged: () => void }) {
  const { t, label } = useI18n();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const load = useCallback(() => {
    api.get('/api/consultations/{id}', { params: { id } }).then(
      (d) => setDetail(d),
      (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
    );
  }, [id]);
  useEffect(load, [load]);
  const addNote = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await sendChange('post', '/api/consultations/{id}/notes', {
        params: { id },
        body: { text: note },
      });
      setNote('');
      load();
      onChanged();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  if (error !== null && detail === null) return <ErrorMessage message={error} />;
  if (detail === null) return <Loading />;
  return (
    <aside className="panel board-detail" aria-labelledby="detail-heading">
      <h2 id="detail-heading">{detail.needTitle}</h2>
      <p>
        <Link href={`/consultations/${encodeURIComponent(id)}`} className="case-link">
          {t('workflow.openCasePage')}
        </Link>
      </p>
      <h3>{t('board.history')}</h3>
      <ol className="history">
        {detail.history.map((event) => (
          <li key={event.seq}>
            <time dateTime={event.at}>{new Date(event.at).toLocaleString()}</time>{' '}
            {label('eventKind', event.kind)}
            {event.fromStage !== undefined &&
              event.toStage !== undefined &&
              `: ${label('consultationStage', event.fromStage)} → ${label('consultationStage', event.toStage)}`}
            {typeof event.data['text'] === 'string' && (
              <blockquote>{event.data['text']}</blockquote>
            )}
            {typeof event.data['reason'] === 'string' &&
              ` (${label('rejection', event.data['reason'])})`}
          </li>
        ))}
      </ol>
      <form onSubmit={(event) => void addNote(event)} className="form">
        <label className="field">
          {t('board.note')}
          <textarea
            rows={3}
            value={note}
            required
            onChange={(event) => setNote(event.target.value)}
          />
        </label>
        <button type="submit" className="button" disabled={note.trim() === ''}>
          {t('board.addNote')}
        </button>
        {error !== null && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </aside>
  );
}

export function BoardPage() {
  const { t, label } = useI18n();
  const { account } = useAuth();
  const [board, setBoard] = useState<Board | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [pending, setPending] = useState<PendingMove | null>(null);
  const [dropTarget, setDropTarget] = useState<Stage | null>(null);
  const [mine, setMine] = useState(false);
  const [detailKey, setDetailKey] = useState(0);

  const load = useCallback(() => {
    api.get('/api/consultations/board', { query: { mine: mine ? 'true' : undefined } }).then(
      (b) => {
        setBoard(b);
        setError(null);
      },
      (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
    );
  }, [mine]);
  useEffect(() => {
    if (account) load();
  }, [account, load]);

  const items = board?.stages.flatMap((s) => s.items) ?? [];

  const send = async (item: ConsultationItem, to: Stage, extra: MoveExtra = {}) => {
    try {
      await sendChange('post', '/api/consultations/{id}/moves', {
        params: { id: item.id },
        body: { to, ...extra },
        ifMatch: item.version,
      });
      setMessage(
        t('board.moved', { title: item.needTitle, stage: label('consultationStage', to) }),
      );
    } catch (failure) {
      setMessage(
        failure instanceof ApiError && failure.status === 412
          ? t('board.conflict', { detail: failure.message })
          : t('board.moveFailed', {
              detail: failure instanceof Error ? failure.message : String(failure),
            }),
      );
    }
    load();
    setDetailKey((k) => k + 1);
  };

  const move = (item: ConsultationItem, to: Stage) => {
    if (!NEXT[item.stage].includes(to)) {
      setMessage(t('board.notAllowed', { stage: label('consultationStage', to) }));
      return;
    }
    if (to === 'agreement' || to === 'closed' || BACK[item.stage] === to) setPending({ item, to });
    else void send(item, to);
  };

  const onDrop = (event: DragEvent<HTMLElement>, stage: Stage) => {
    event.preventDefault();
    setDropTarget(null);
    const item = items.find((i) => i.id === event.dataTransfer.getData('text/plain'));
    if (item && item.stage !== stage) move(item, stage);
  };

  if (account === undefined) return <Loading />;
  if (account === null)
    return (
      <section aria-labelledby="board-heading">
        <h1 id="board-heading">{t('board.title')}</h1>
        <p>
          {t('board.signInFirst')} <Link href="/sign-in?next=/board">{t('auth.title')}</Link>
        </p>
      </section>
    );

  return (
    <section aria-labelledby="board-heading">
      <h1 id="board-heading">{t('board.title')}</h1>
      <p>{t('board.intro')}</p>
      <div className="toolbar">
        <label className="check">
          <input
            type="checkbox"
            checked={mine}
            onChange={(event) => setMine(event.target.checked)}
          />{' '}
          {t('board.mine')}
        </label>
        <button type="button" className="button secondary" onClick={load}>
          {t('board.reload')}
        </button>
      </div>
      <OpenFromOwnNeeds />
      <p role="status" aria-live="polite" className="board-status">
        {message}
      </p>
      {error !== null && <ErrorMessage message={error} />}
      {board === null ? (
        <Loading />
      ) : (
        <>
          {board.total === 0 && (
            <p>
              {t('board.empty')} <Link href="/matching">{t('nav.matching')}</Link>
            </p>
          )}
          <div className="board-layout">
            <div className="board" role="list" aria-label={t('board.columns')}>
              {STAGES.map((stage) => {
                const column = board.stages.find((s) => s.stage === stage);
                return (
                  <section
                    key={stage}
                    role="listitem"
                    className={dropTarget === stage ? 'board-column drop' : 'board-column'}
                    aria-labelledby={`column-${stage}`}
                    data-stage={stage}
                    onDragOver={(event) => {
                      event.preventDefault();
                      setDropTarget(stage);
                    }}
                    onDragLeave={() => setDropTarget(null)}
                    onDrop={(event) => onDrop(event, stage)}
                  >
                    <h2 id={`column-${stage}`}>
                      {label('consultationStage', stage)}{' '}
                      <span className="count">{column?.count ?? 0}</span>
                      {(column?.overdue ?? 0) > 0 && (
                        <span className="badge overdue">
                          {t('board.overdueCount', { count: column?.overdue ?? 0 })}
                        </span>
                      )}
                    </h2>
                    <ul>
                      {(column?.items ?? []).map((item) => (
                        <Card
                          key={item.id}
                          item={item}
                          selected={selected === item.id}
                          onSelect={() => setSelected(selected === item.id ? null : item.id)}
                          onMove={(to) => move(item, to)}
                        />
                      ))}
                    </ul>
                  </section>
                );
              })}
            </div>
            {selected !== null && (
              <DetailPanel key={`${selected}-${detailKey}`} id={selected} onChanged={load} />
            )}
          </div>
        </>
      )}
      {pending !== null && (
        <MoveDialog
          pending={pending}
          onCancel={() => setPending(null)}
          onConfirm={(extra) => {
            const { item, to } = pending;
            setPending(null);
            void send(item, to, extra);
          }}
        />
      )}
    </section>
  );
}
