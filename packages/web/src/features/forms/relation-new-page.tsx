/**
 * A relation added from an actor's page: its type, the other actor (chosen by name), which way
 * it runs, dates and a note. Members add their own organisation's ties; coordinators any.
 */
import { useId } from 'react';
import { ZRelation } from '#core/entities/relation.ts';
import { Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import { mayWrite } from './may-write.ts';
import { CreateRecordForm, useRecord, useSignedIn } from './record-editor.tsx';
import { RELATION_FIELDS, relationErrorField, relationOf } from './relation-form.ts';

export function RelationNewPage({ actorId }: { actorId: string }) {
  const { t } = useI18n();
  const { account } = useAuth();
  const signedIn = useSignedIn();
  const headingId = useId();
  const { state } = useRecord('actors', actorId);
  if (!signedIn || !account || state.status === 'loading') return <Loading />;
  const back = `/actors/${encodeURIComponent(actorId)}`;
  const name =
    state.status === 'ready' && typeof state.loaded.record['name'] === 'string'
      ? state.loaded.record['name']
      : actorId;
  const allowed = mayWrite(account, 'relations', 'create', { sourceId: actorId });
  return (
    <section aria-labelledby={headingId}>
      <p>
        <Link href={back}>{t('forms.actor.back')}</Link>
      </p>
      <h1 id={headingId}>{t('forms2.relation.newTitle', { name })}</h1>
      {allowed ? (
        <CreateRecordForm
          entity="relations"
          schema={ZRelation}
          specs={RELATION_FIELDS}
          draftKey={`relations:new:${actorId}`}
          defaults={{ type: 'joint_research', direction: 'out' }}
          fixed={() => ({})}
          toRecord={(form) => relationOf(actorId, form)}
          errorField={relationErrorField(actorId)}
          headingId={headingId}
          submitLabel={t('forms2.relation.create')}
          pathOf={() => back}
        />
      ) : (
        <p role="alert">{t('forms.notAllowed')}</p>
      )}
    </section>
  );
}
