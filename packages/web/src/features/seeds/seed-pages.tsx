/** A seed registered and edited in the browser: `/seeds/new` and `/seeds/{id}`. */
import { useId, useState } from 'react';
import { ZSeed } from '#core/entities/seed.ts';
import { SEED_KINDS } from '#core/vocabulary.ts';
import { Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import type { FieldSpec } from '../forms/form-values.ts';
import { mayWrite } from '../forms/may-write.ts';
import { newRecordId } from '../forms/new-record-id.ts';
import { CreateRecordForm, useSignedIn } from '../forms/record-editor.tsx';
import { RecordFacts, RecordPage } from '../forms/record-page.tsx';

export const SEED_FIELDS: readonly FieldSpec[] = [
  { name: 'title', kind: 'text', label: 'forms.seed.title' },
  { name: 'abstract', kind: 'textarea', label: 'forms.seed.abstract' },
  {
    name: 'kind',
    kind: 'select',
    label: 'forms.seed.kind',
    options: SEED_KINDS,
    optionLabels: 'seedKind',
  },
  { name: 'field', kind: 'text', label: 'field.field' },
  { name: 'keywords', kind: 'list', label: 'field.keywords', hint: 'forms.listHint' },
  { name: 'prefectureCode', kind: 'prefecture', label: 'field.prefectureCode' },
  { name: 'trl', kind: 'int', label: 'field.trl', hint: 'forms.trlHint' },
  { name: 'sdgs', kind: 'int_list', label: 'forms.sdgs', hint: 'forms.sdgsHint' },
  { name: 'patentNumber', kind: 'text', label: 'forms.seed.patentNumber' },
  { name: 'url', kind: 'url', label: 'field.url' },
  { name: 'available', kind: 'checkbox', label: 'forms.seed.available' },
  { name: 'closed', kind: 'checkbox', label: 'forms.seed.closed', hint: 'forms.seed.closedHint' },
];

const OWNER_FIELD: FieldSpec = {
  name: 'ownerId',
  kind: 'actor',
  label: 'forms.ownerId',
  hint: 'forms2.picker.hint',
};

export function SeedNewPage() {
  const { t } = useI18n();
  const { account } = useAuth();
  const signedIn = useSignedIn();
  const headingId = useId();
  const [id] = useState(() => newRecordId('seed'));
  if (!signedIn || !account) return <Loading />;
  const organisation = account.role === 'member' ? account.organisationId : null;
  const allowed = mayWrite(
    account,
    'seeds',
    'create',
    organisation ? { ownerId: organisation } : undefined,
  );
  const specs = organisation ? SEED_FIELDS : [...SEED_FIELDS, OWNER_FIELD];
  return (
    <section aria-labelledby={headingId}>
      <h1 id={headingId}>{t('forms.seed.newTitle')}</h1>
      {allowed ? (
        <CreateRecordForm
          entity="seeds"
          schema={ZSeed}
          specs={specs}
          draftKey="seeds:new"
          defaults={{ kind: 'research_result', available: true }}
          fixed={() => (organisation ? { id, ownerId: organisation } : { id })}
          headingId={headingId}
          submitLabel={t('forms.seed.create')}
          pathOf={(saved) => `/seeds/${encodeURIComponent(saved)}`}
        />
      ) : (
        <p role="alert">{t('forms.notAllowed')}</p>
      )}
    </section>
  );
}

export function SeedPage({ id }: { id: string }) {
  return (
    <RecordPage
      key={id}
      entity="seeds"
      id={id}
      schema={ZSeed}
      specs={SEED_FIELDS}
      titleField="title"
      backHref="/matching"
      backLabel="forms.seed.back"
      details={(record) => (
        <RecordFacts record={record} specs={[...SEED_FIELDS.slice(1), OWNER_FIELD]} />
      )}
    />
  );
}
