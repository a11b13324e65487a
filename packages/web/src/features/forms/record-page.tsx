/**
 * A record's page: its facts, and an "edit" button (for accounts the core's rule lets write) that
 * turns the page into its form in place; saving shows the page again with the new version.
 */
import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import type { z } from 'zod';
import { ApiError } from '../../api/client.ts';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { useSharedData } from '../../data-context.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/i18n.tsx';
import { Link, navigate } from '../../router.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import { DeleteRecord } from './delete-record.tsx';
import type { FieldSpec } from './form-values.ts';
import { mayWrite } from './may-write.ts';
import type { FormEntity } from './record-api.tsx';
import { idsIn, namedSourceOf } from './record-names.ts';
import { ReferenceNames } from './reference-names.tsx';
import { EditRecordForm, useRecord } from './record-editor.tsx';

export function RecordPage({
  entity,
  id,
  schema,
  specs,
  titleField,
  backHref,
  backLabel,
  details,
  deletedHref = backHref,
}: {
  entity: FormEntity;
  id: string;
  schema: z.ZodType;
  specs: readonly FieldSpec[];
  titleField: string;
  backHref: string;
  backLabel: MessageKey;
  details(record: Record<string, unknown>): ReactNode;
  /** Where deleting the record leads (its list, unless said otherwise). */
  deletedHref?: string;
}) {
  const { t } = useI18n();
  const { account } = useAuth();
  const headingId = useId();
  const { state, replace, reload } = useRecord(entity, id);
  const [editing, setEditing] = useState(false);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error')
    return state.error instanceof ApiError && state.error.status === 404 ? (
      <section>
        <h1>{t('forms.notFound')}</h1>
        <p>{t('forms.notFoundHint')}</p>
        <Link href={backHref}>{t(backLabel)}</Link>
      </section>
    ) : (
      <ErrorMessage message={state.error.message} />
    );
  const { record } = state.loaded;
  const title = typeof record[titleField] === 'string' ? record[titleField] : id;
  const canEdit = mayWrite(account, entity, 'update', record);
  const canDelete = mayWrite(account, entity, 'delete', record);
  return (
    <article className="record-page" data-record={id}>
      <p>
        <Link href={backHref}>{t(backLabel)}</Link>
      </p>
      <h1 id={headingId}>{title}</h1>
      {editing ? (
        <EditRecordForm
          entity={entity}
          id={id}
          schema={schema}
          specs={specs}
          loaded={state.loaded}
          headingId={headingId}
          onSaved={(saved) => {
            replace(saved);
            setEditing(false);
          }}
          onReloaded={replace}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <>
          {canEdit ? (
            <p>
              <button type="button" className="button" onClick={() => setEditing(true)}>
                {t('forms.edit')}
              </button>
            </p>
          ) : null}
          <div className="panel">{details(record)}</div>
          {canDelete ? (
            <DeleteRecord
              key={state.loaded.etag ?? ''}
              entity={entity}
              id={id}
              etag={state.loaded.etag}
              name={title}
              onDeleted={() => navigate(deletedHref)}
              onReload={reload}
            />
          ) : null}
        </>
      )}
    </article>
  );
}

/**
 * A definition list of a record's fields, empty ones left out; the actors, projects and
 * programmes it refers to by name (record-names.ts).
 */
export function RecordFacts({
  record,
  specs,
}: {
  record: Record<string, unknown>;
  specs: readonly FieldSpec[];
}) {
  const { t, label } = useI18n();
  const { prefectureName } = useSharedData();
  /** The value as shown, and whether it is the record's own text (data) or the app's words. */
  const shown = (spec: FieldSpec): { text: string; data: boolean } | null => {
    const value = record[spec.name];
    if (value === undefined || value === null || value === '') return null;
    if (Array.isArray(value))
      return value.length === 0 ? null : { text: value.map(String).join('、'), data: true };
    if (typeof value === 'boolean')
      return { text: value ? t('common.yes') : t('common.no'), data: false };
    if (spec.kind === 'prefecture' && typeof value === 'string')
      return { text: prefectureName(value), data: false };
    if (spec.optionLabels && typeof value === 'string')
      return { text: label(spec.optionLabels, value), data: false };
    return { text: String(value), data: true };
  };
  return (
    <dl className="record-facts">
      {specs.map((spec) => {
        const source = namedSourceOf(spec.kind);
        const ids = source === undefined ? [] : idsIn(record[spec.name]);
        if (source !== undefined)
          return ids.length === 0 ? null : (
            <div key={spec.name} data-field={spec.name}>
              <dt>{t(spec.label)}</dt>
              <dd data-text="data">
                <ReferenceNames source={source} ids={ids} />
              </dd>
            </div>
          );
        const value = shown(spec);
        return value === null ? null : (
          <div key={spec.name} data-field={spec.name}>
            <dt>{t(spec.label)}</dt>
            <dd
              className={spec.kind === 'textarea' ? 'long-text' : undefined}
              data-text={value.data ? 'data' : undefined}
            >
              {value.text}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
