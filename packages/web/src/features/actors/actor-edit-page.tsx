/** An organisation's profile edited by its members (or coordinators, administrators), and confirmed. */
import { useEffect, useId, useState } from 'react';
import { ZActor } from '#core/entities/actor.ts';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link, navigate } from '../../router.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import type { FieldSpec } from '../forms/form-values.ts';
import { mayConfirmProfile, mayWrite } from '../forms/may-write.ts';
import {
  confirmProfile,
  loadConfirmation,
  type ProfileConfirmation,
} from '../forms/record-api.tsx';
import { EditRecordForm, useRecord, useSignedIn } from '../forms/record-editor.tsx';

export const ACTOR_FIELDS: readonly FieldSpec[] = [
  { name: 'name', kind: 'text', label: 'forms.actor.name' },
  { name: 'nameEn', kind: 'text', label: 'field.nameEn' },
  { name: 'nameKana', kind: 'text', label: 'field.nameKana' },
  { name: 'prefectureCode', kind: 'prefecture', label: 'field.prefectureCode' },
  {
    name: 'municipalityCode',
    kind: 'text',
    label: 'field.municipalityCode',
    hint: 'forms.actor.municipalityHint',
  },
  {
    name: 'corporateNumber',
    kind: 'text',
    label: 'field.corporateNumber',
    hint: 'forms.actor.corporateNumberHint',
  },
  { name: 'url', kind: 'url', label: 'field.url' },
  { name: 'field', kind: 'text', label: 'field.field' },
  { name: 'keywords', kind: 'list', label: 'field.keywords', hint: 'forms.listHint' },
  { name: 'employees', kind: 'int', label: 'field.employees' },
  { name: 'revenue', kind: 'number', label: 'field.revenue' },
  { name: 'capital', kind: 'number', label: 'forms.actor.capital' },
  { name: 'foundedYear', kind: 'int', label: 'field.foundedYear' },
];

/** The profile's confirmation (EEN): when, whether it is due, and the button for its members. */
export function ConfirmProfile({ actorId }: { actorId: string }) {
  const { t } = useI18n();
  const { account } = useAuth();
  const [state, setState] = useState<ProfileConfirmation | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    loadConfirmation(actorId, controller.signal).then(setState, () => undefined);
    return () => controller.abort();
  }, [actorId]);
  const confirm = async () => {
    setBusy(true);
    try {
      const confirmed = await confirmProfile(actorId);
      setState(confirmed);
      setMessage(t('forms.actor.confirmed', { date: confirmed.confirmedAt ?? '' }));
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="confirm-profile">
      <p>
        {state?.confirmedAt
          ? t('forms.actor.confirmedOn', { date: state.confirmedAt })
          : t('forms.actor.neverConfirmed')}
        {state?.needsConfirmation ? <strong> {t('forms.actor.confirmDue')}</strong> : null}
      </p>
      {mayConfirmProfile(account, actorId) ? (
        <button type="button" className="button" disabled={busy} onClick={() => void confirm()}>
          {t('forms.actor.confirm')}
        </button>
      ) : null}
      {message !== null ? <p role="status">{message}</p> : null}
    </div>
  );
}

export function ActorEditPage({ id }: { id: string }) {
  const { t } = useI18n();
  const { account } = useAuth();
  const signedIn = useSignedIn();
  const headingId = useId();
  const { state } = useRecord('actors', id);
  const back = `/actors/${encodeURIComponent(id)}`;
  if (!signedIn || state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorMessage message={state.error.message} />;
  const name = typeof state.loaded.record['name'] === 'string' ? state.loaded.record['name'] : id;
  return (
    <section aria-labelledby={headingId}>
      <p>
        <Link href={back}>{t('forms.actor.back')}</Link>
      </p>
      <h1 id={headingId}>{t('forms.actor.editTitle', { name })}</h1>
      <ConfirmProfile actorId={id} />
      {mayWrite(account, 'actors', 'update', state.loaded.record) ? (
        <EditRecordForm
          entity="actors"
          id={id}
          schema={ZActor}
          specs={ACTOR_FIELDS}
          loaded={state.loaded}
          headingId={headingId}
          onSaved={() => navigate(back)}
          onCancel={() => navigate(back)}
        />
      ) : (
        <p role="alert">{t('forms.notAllowed')}</p>
      )}
    </section>
  );
}
