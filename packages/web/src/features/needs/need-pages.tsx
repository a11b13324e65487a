/** A need registered and edited in the browser: `/needs/new` and `/needs/{id}`. */
import { useId, useState } from 'react';
import { ZNeed } from '#core/entities/need.ts';
import { CONFIDENTIALITY_LEVELS, NEED_KINDS } from '#core/vocabulary.ts';
import { Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import type { FieldSpec } from '../forms/form-values.ts';
import { mayWrite } from '../forms/may-write.ts';
import { CreateRecordForm, useSignedIn } from '../forms/record-editor.tsx';
import { RecordFacts, RecordPage } from '../forms/record-page.tsx';
import { newRecordId } from '../forms/new-record-id.ts';
import { NeedCases } from './need-cases.tsx';
import { NeedCoordinators } from './need-coordinators.tsx';

export const NEED_FIELDS: readonly FieldSpec[] = [
  { name: 'title', kind: 'text', label: 'forms.need.title' },
  {
    name: 'description',
    kind: 'textarea',
    label: 'forms.need.description',
    hint: 'forms.need.descriptionHint',
  },
  {
    name: 'confidentiality',
    kind: 'select',
    label: 'forms.confidentiality',
    hint: 'forms.confidentialityHint',
    options: CONFIDENTIALITY_LEVELS,
    optionLabels: 'forms.confidentiality',
  },
  {
    name: 'kind',
    kind: 'select',
    label: 'forms.need.kind',
    options: NEED_KINDS,
    optionLabels: 'forms.needKind',
  },
  { name: 'field', kind: 'text', label: 'field.field' },
  { name: 'keywords', kind: 'list', label: 'field.keywords', hint: 'forms.listHint' },
  { name: 'prefectureCode', kind: 'prefecture', label: 'field.prefectureCode' },
  { name: 'desiredTrl', kind: 'int', label: 'forms.need.desiredTrl', hint: 'forms.trlHint' },
  { name: 'sdgs', kind: 'int_list', label: 'forms.sdgs', hint: 'forms.sdgsHint' },
  { name: 'postedOn', kind: 'date', label: 'field.postedOn' },
  { name: 'open', kind: 'checkbox', label: 'forms.need.open' },
];

/** Coordinators and administrators register needs for a company: they name it. */
const OWNER_FIELD: FieldSpec = {
  name: 'ownerId',
  kind: 'actor',
  label: 'forms.ownerId',
  hint: 'forms2.picker.hint',
};

export function NeedNewPage() {
  const { t } = useI18n();
  const { account } = useAuth();
  const signedIn = useSignedIn();
  const headingId = useId();
  const [id] = useState(() => newRecordId('need'));
  if (!signedIn || !account) return <Loading />;
  const organisation = account.role === 'member' ? account.organisationId : null;
  const allowed = mayWrite(
    account,
    'needs',
    'create',
    organisation ? { ownerId: organisation } : undefined,
  );
  const specs = organisation ? NEED_FIELDS : [...NEED_FIELDS, OWNER_FIELD];
  return (
    <section aria-labelledby={headingId}>
      <h1 id={headingId}>{t('forms.need.newTitle')}</h1>
      {allowed ? (
        <>
          <p>{t('forms.need.newIntro')}</p>
          <CreateRecordForm
            entity="needs"
            schema={ZNeed}
            specs={specs}
            draftKey="needs:new"
            defaults={{ confidentiality: 'confidential', kind: 'company', open: true }}
            fixed={() => (organisation ? { id, ownerId: organisation } : { id })}
            headingId={headingId}
            submitLabel={t('forms.need.create')}
            pathOf={(saved) => `/needs/${encodeURIComponent(saved)}`}
          />
        </>
      ) : (
        <p role="alert">{t('forms.notAllowed')}</p>
      )}
    </section>
  );
}

export function NeedPage({ id }: { id: string }) {
  const { account } = useAuth();
  // The owner organisation and administrators give the need to coordinators (the server's rule).
  const mayAssign = (ownerId: unknown) =>
    account !== null &&
    account !== undefined &&
    (account.role === 'admin' || (account.role === 'member' && account.organisationId === ownerId));
  return (
    <RecordPage
      key={id}
      entity="needs"
      id={id}
      schema={ZNeed}
      specs={NEED_FIELDS}
      titleField="title"
      backHref="/matching"
      backLabel="forms.need.back"
      details={(record) => (
        <>
          <RecordFacts record={record} specs={[...NEED_FIELDS.slice(1), OWNER_FIELD]} />
          {mayAssign(record['ownerId']) && <NeedCoordinators needId={id} />}
          {account && <NeedCases needId={id} />}
        </>
      )}
    />
  );
}
