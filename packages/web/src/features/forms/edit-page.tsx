/**
 * A record's own edit page: sends a visitor to sign in, loads the record with its ETag, and shows
 * its form to accounts the core's rule lets write ("not allowed" to the others; the server asks
 * again). Saving or cancelling goes back to the record's page.
 */
import { useId } from 'react';
import type { ReactNode } from 'react';
import type { z } from 'zod';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/i18n.tsx';
import { Link, navigate } from '../../router.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import { DeleteRecord } from './delete-record.tsx';
import type { FieldSpec } from './form-values.ts';
import { mayWrite } from './may-write.ts';
import type { FormEntity } from './record-api.tsx';
import { EditRecordForm, useRecord, useSignedIn } from './record-editor.tsx';

export function EditPage({
  entity,
  id,
  schema,
  specs,
  back,
  backLabel,
  heading,
  above,
  deletedHref,
}: {
  entity: FormEntity;
  id: string;
  schema: z.ZodType;
  specs: readonly FieldSpec[];
  /** The record's page, where saving and cancelling lead. */
  back: string;
  backLabel: MessageKey;
  heading(record: Record<string, unknown>): string;
  /** Shown between the heading and the form (e.g. the profile's confirmation). */
  above?: ReactNode;
  /** Where deleting the record leads; delete is offered (to those who may) when given. */
  deletedHref?: string;
}) {
  const { t } = useI18n();
  const { account } = useAuth();
  const signedIn = useSignedIn();
  const headingId = useId();
  const { state } = useRecord(entity, id);
  if (!signedIn || state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorMessage message={state.error.message} />;
  return (
    <section aria-labelledby={headingId}>
      <p>
        <Link href={back}>{t(backLabel)}</Link>
      </p>
      <h1 id={headingId}>{heading(state.loaded.record)}</h1>
      {above}
      {mayWrite(account, entity, 'update', state.loaded.record) ? (
        <EditRecordForm
          entity={entity}
          id={id}
          schema={schema}
          specs={specs}
          loaded={state.loaded}
          headingId={headingId}
          onSaved={() => navigate(back)}
          onCancel={() => navigate(back)}
        />
      ) : (
        <p role="alert">{t('forms.notAllowed')}</p>
      )}
      {deletedHref !== undefined && mayWrite(account, entity, 'delete', state.loaded.record) ? (
        <DeleteRecord
          entity={entity}
          id={id}
          etag={state.loaded.etag}
          name={heading(state.loaded.record)}
          onDeleted={() => navigate(deletedHref)}
        />
      ) : null}
    </section>
  );
}

/** A record's text field, or its id when the field is empty. */
export function textOr(record: Record<string, unknown>, field: string, fallback: string): string {
  const value = record[field];
  return typeof value === 'string' && value !== '' ? value : fallback;
}
