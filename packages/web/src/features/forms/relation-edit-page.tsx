/**
 * A relation edited or deleted from an actor's page (`/actors/{id}/relations/{key}`): its type,
 * the other actor, dates, strength and note; this actor and the direction stay. The type, the
 * actors and the start date are the relation's identity, so changing one moves the relation to
 * its new key in one request (`POST …/rekey` under the old one's If-Match: if someone else changed
 * it meanwhile, nothing changes and the conflict is shown). Reversing its direction asks first and
 * moves it the same way, to this actor's page of the reversed relation. Deleting asks first and
 * sends If-Match.
 */
import { useId } from 'react';
import { ZRelation } from '#core/entities/relation.ts';
import { ApiError } from '../../api/client.ts';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link, navigate } from '../../router.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import { mayWrite } from './may-write.ts';
import { DeleteRecord } from './delete-record.tsx';
import { patchRecord, rekeyRelation, type Loaded } from './record-api.tsx';
import { EditRecordForm, useRecord, useSignedIn } from './record-editor.tsx';
import { changesIdentity, relationEditFields } from './relation-form.ts';
import { ReverseRelation } from './reverse-relation.tsx';

/** Stores an edited relation: a PATCH, or one request moving it to its new key when that changes. */
async function saveRelation(
  key: string,
  patch: Record<string, unknown>,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  ifMatch: string | null,
): Promise<Loaded> {
  if (!changesIdentity(before, after)) return patchRecord('relations', key, patch, ifMatch);
  return rekeyRelation(key, after, ifMatch);
}

/** The other actor of the relation by name (its id while the name is read or when it is hidden). */
function ActorName({ id }: { id: string }) {
  const { state } = useRecord('actors', id);
  const name =
    state.status === 'ready' && typeof state.loaded.record['name'] === 'string'
      ? state.loaded.record['name']
      : id;
  return <Link href={`/actors/${encodeURIComponent(id)}`}>{name}</Link>;
}

export function RelationEditPage({ actorId, relationId }: { actorId: string; relationId: string }) {
  const { t, label } = useI18n();
  const { account } = useAuth();
  const signedIn = useSignedIn();
  const headingId = useId();
  const { state } = useRecord('relations', relationId);
  const back = `/actors/${encodeURIComponent(actorId)}`;
  if (!signedIn || !account || state.status === 'loading') return <Loading />;
  if (state.status === 'error')
    return state.error instanceof ApiError && state.error.status === 404 ? (
      <section>
        <h1>{t('forms.notFound')}</h1>
        <p>{t('forms.notFoundHint')}</p>
        <Link href={back}>{t('forms.actor.back')}</Link>
      </section>
    ) : (
      <ErrorMessage message={state.error.message} />
    );
  const { record } = state.loaded;
  const outgoing = record['sourceId'] === actorId;
  const otherId = String(outgoing ? record['targetId'] : record['sourceId']);
  const allowed = mayWrite(account, 'relations', 'update', record);
  return (
    <section aria-labelledby={headingId}>
      <p>
        <Link href={back}>{t('forms.actor.back')}</Link>
      </p>
      <h1 id={headingId}>{t('formsMore.relation.editTitle')}</h1>
      <dl className="record-facts">
        <div data-field="otherId">
          <dt>{t('forms2.relation.other')}</dt>
          <dd>
            <ActorName id={otherId} />
          </dd>
        </div>
        <div data-field="direction">
          <dt>{t('forms2.relation.direction')}</dt>
          <dd>{label('forms2.relation.directions', outgoing ? 'out' : 'in')}</dd>
        </div>
      </dl>
      {allowed ? (
        <>
          <EditRecordForm
            entity="relations"
            id={relationId}
            schema={ZRelation}
            specs={relationEditFields(outgoing)}
            loaded={state.loaded}
            headingId={headingId}
            onSaved={() => navigate(back)}
            onCancel={() => navigate(back)}
            save={(patch, merged, ifMatch) =>
              saveRelation(relationId, patch, record, merged, ifMatch)
            }
          />
          <ReverseRelation
            relationId={relationId}
            loaded={state.loaded}
            outgoing={outgoing}
            onReversed={(key) =>
              navigate(`${back}/relations/${encodeURIComponent(key)}`, { replace: true })
            }
          />
          <DeleteRecord
            entity="relations"
            id={relationId}
            etag={state.loaded.etag}
            name={relationId}
            onDeleted={() => navigate(back)}
            labels={{
              open: 'formsMore.relation.delete',
              confirm: 'formsMore.relation.confirmDelete',
              now: 'formsMore.relation.deleteNow',
            }}
          />
        </>
      ) : (
        <p role="alert">{t('forms.notAllowed')}</p>
      )}
    </section>
  );
}
