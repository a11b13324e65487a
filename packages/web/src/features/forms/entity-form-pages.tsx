/**
 * The pages of a region's records (strategy, training programme, adoption, funding flow,
 * support measure): `/<entity>/new` and `/<entity>/{id}` with the record's facts, its lists
 * (KPI targets, PDCA log, cohorts) and the in-place edit form, for accounts the core lets write.
 */
import { useId, useState } from 'react';
import { Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link, useLocation } from '../../router.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import { editFieldsOf, ENTITY_FORMS, type RegionEntity } from './entity-forms.ts';
import type { FieldSpec } from './form-values.ts';
import { mayWrite, ownArea } from './may-write.ts';
import { newRecordId } from './new-record-id.ts';
import { fixedOwner, offeredFields } from './owned-records.ts';
import { CreateRecordForm, useSignedIn } from './record-editor.tsx';
import { RecordFacts, RecordPage } from './record-page.tsx';

export function EntityNewPage({ entity }: { entity: RegionEntity }) {
  const form = ENTITY_FORMS[entity];
  const { t } = useI18n();
  const { account } = useAuth();
  const signedIn = useSignedIn();
  const headingId = useId();
  const [id] = useState(() => newRecordId(form.idPrefix));
  const { search } = useLocation();
  const specs = offeredFields(form.fields, form.ownerField, account);
  const owned = fixedOwner(form.ownerField, account);
  // A government body's member records its own area's indicators: start from that area.
  const area = entity === 'indicators' ? ownArea(account) : null;
  // A link may fill in what it knows (`/funding/new?projectId=…` from a project's page).
  const given = Object.fromEntries(
    specs.flatMap((spec) => {
      const value = search.get(spec.name);
      return spec.kind !== 'entries' && value ? [[spec.name, value]] : [];
    }),
  );
  if (!signedIn || !account) return <Loading />;
  return (
    <section aria-labelledby={headingId}>
      <p>
        <Link href={form.backHref}>{t(form.backLabel)}</Link>
      </p>
      <h1 id={headingId}>{t(form.newTitle)}</h1>
      {mayWrite(account, entity, 'create', form.ownerField ? owned : undefined) ? (
        <CreateRecordForm
          entity={form.entity}
          schema={form.schema}
          specs={specs}
          draftKey={`${entity}:new`}
          defaults={{ ...form.defaults, ...(area ?? {}), ...given }}
          fixed={() => ({ ...(form.derivedKey ? {} : { id }), ...owned })}
          headingId={headingId}
          submitLabel={t('forms2.create')}
          pathOf={(savedId, saved) =>
            `/${entity}/${encodeURIComponent(form.derivedKey ? form.derivedKey.keyOf(saved) : savedId)}`
          }
        />
      ) : (
        <p role="alert">{t('forms.notAllowed')}</p>
      )}
    </section>
  );
}

/** A record's editable lists as tables, one row per entry. */
function EntryTables({
  record,
  specs,
}: {
  record: Record<string, unknown>;
  specs: readonly FieldSpec[];
}) {
  const { t, label } = useI18n();
  return (
    <>
      {specs.map((spec) => {
        const entries = record[spec.name];
        if (spec.kind !== 'entries' || !Array.isArray(entries) || entries.length === 0) return null;
        const columns = spec.entry ?? [];
        const cell = (column: FieldSpec, value: unknown): string =>
          value === undefined || value === null
            ? ''
            : column.optionLabels && typeof value === 'string'
              ? label(column.optionLabels, value)
              : String(value);
        return (
          <div key={spec.name} className="table-scroll" data-entries={spec.name}>
            <table>
              <caption>{t(spec.label)}</caption>
              <thead>
                <tr>
                  {columns.map((column) => (
                    <th key={column.name} scope="col">
                      {t(column.label)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {entries.map((entry: unknown, index) => (
                  <tr key={index}>
                    {columns.map((column) => (
                      <td key={column.name}>
                        {typeof entry === 'object' && entry !== null
                          ? cell(column, (entry as Record<string, unknown>)[column.name])
                          : ''}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </>
  );
}

export function EntityRecordPage({ entity, id }: { entity: RegionEntity; id: string }) {
  const form = ENTITY_FORMS[entity];
  const { account } = useAuth();
  const flat = form.fields.filter((spec) => spec.kind !== 'entries');
  return (
    <RecordPage
      key={id}
      entity={form.entity}
      id={id}
      schema={form.schema}
      specs={offeredFields(editFieldsOf(form), form.ownerField, account)}
      titleField={form.titleField}
      backHref={form.backHref}
      backLabel={form.backLabel}
      details={(record) => (
        <>
          <RecordFacts record={record} specs={flat} />
          <EntryTables record={record} specs={form.fields} />
        </>
      )}
    />
  );
}
