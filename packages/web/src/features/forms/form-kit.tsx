/**
 * The form components every record form shares: a field with its label, hint and error beside it
 * (aria-invalid, aria-describedby), the form itself, and the notices (draft restored, changed by
 * someone else). Pages only list their fields (FieldSpec) and say what saving does.
 */
import { useId } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { useSharedData } from '../../data-context.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { RecordListPicker, RecordPicker, type PickerSource } from './record-picker.tsx';
import type { FieldErrors, FieldMessage } from './field-errors.ts';
import { formValuesOf, type FieldSpec, type FormValue, type FormValues } from './form-values.ts';

/** The entity each picker field chooses from. */
const PICKER_SOURCES = {
  actor: 'actors',
  project: 'projects',
  programme: 'programmes',
  actor_list: 'actors',
  project_list: 'projects',
  programme_list: 'programmes',
} as const satisfies Record<string, PickerSource>;

export function useFieldMessage(): (message: FieldMessage) => string {
  const { t } = useI18n();
  return (message) => t(message.key, message.values);
}

function FieldInput({
  spec,
  value,
  invalid,
  describedBy,
  onChange,
  id,
}: {
  spec: FieldSpec;
  value: FormValue;
  invalid: boolean;
  describedBy: string | undefined;
  onChange(value: FormValue): void;
  id: string;
}) {
  const { t, label } = useI18n();
  const { meta, prefectureName } = useSharedData();
  const common = {
    id,
    name: spec.name,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
  };
  const text = typeof value === 'string' ? value : '';
  switch (spec.kind) {
    case 'checkbox':
      return (
        <input
          {...common}
          type="checkbox"
          checked={value === true}
          onChange={(event) => onChange(event.target.checked)}
        />
      );
    case 'textarea':
      return (
        <textarea
          {...common}
          rows={6}
          value={text}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    case 'select':
    case 'prefecture': {
      const options =
        spec.kind === 'prefecture'
          ? meta.prefectures.map((p) => ({ value: p.code, text: prefectureName(p.code) }))
          : (spec.options ?? []).map((option) => ({
              value: option,
              text: spec.optionLabels ? label(spec.optionLabels, option) : option,
            }));
      return (
        <select {...common} value={text} onChange={(event) => onChange(event.target.value)}>
          {spec.optional || spec.kind === 'prefecture' ? (
            <option value="">{t('forms.choose')}</option>
          ) : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.text}
            </option>
          ))}
        </select>
      );
    }
    case 'actor':
    case 'project':
    case 'programme':
      return (
        <RecordPicker
          id={id}
          name={spec.name}
          source={PICKER_SOURCES[spec.kind]}
          value={text}
          invalid={invalid}
          describedBy={describedBy}
          onChange={onChange}
        />
      );
    case 'actor_list':
    case 'project_list':
    case 'programme_list':
      return (
        <RecordListPicker
          id={id}
          name={spec.name}
          source={PICKER_SOURCES[spec.kind]}
          value={text}
          invalid={invalid}
          describedBy={describedBy}
          onChange={onChange}
        />
      );
    default:
      return (
        <input
          {...common}
          type={spec.kind === 'date' ? 'date' : spec.kind === 'url' ? 'url' : 'text'}
          inputMode={spec.kind === 'int' || spec.kind === 'number' ? 'decimal' : undefined}
          value={text}
          onChange={(event) => onChange(event.target.value)}
        />
      );
  }
}

/** A field: label, input, hint, and its error right beside it. */
export function FormField({
  spec,
  value,
  error,
  onChange,
}: {
  spec: FieldSpec;
  value: FormValue;
  error: FieldMessage | undefined;
  onChange(value: FormValue): void;
}) {
  const { t } = useI18n();
  const messageOf = useFieldMessage();
  const id = useId();
  const hintId = spec.hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div
      className={`field form-field${spec.kind === 'checkbox' ? ' checkbox-field' : ''}`}
      data-field={spec.name}
    >
      <label htmlFor={id}>{t(spec.label)}</label>
      <FieldInput
        spec={spec}
        id={id}
        value={value}
        invalid={error !== undefined}
        describedBy={describedBy}
        onChange={onChange}
      />
      {spec.hint ? (
        <span id={hintId} className="hint">
          {t(spec.hint)}
        </span>
      ) : null}
      {error ? (
        <span id={errorId} className="field-error">
          {messageOf(error)}
        </span>
      ) : null}
    </div>
  );
}

function entriesOf(value: FormValue | undefined): FormValues[] {
  return Array.isArray(value) ? value : [];
}

/** An editable list (PDCA log, milestones, risks, KPIs): each entry its own small form. */
function EntriesField({
  spec,
  entries,
  errors,
  onChange,
}: {
  spec: FieldSpec;
  entries: FormValues[];
  errors: FieldErrors;
  onChange(entries: FormValues[]): void;
}) {
  const { t } = useI18n();
  const messageOf = useFieldMessage();
  const entrySpecs = spec.entry ?? [];
  const listError = errors[spec.name];
  const errorsOf = (index: number): FieldErrors => {
    const own: FieldErrors = {};
    for (const entry of entrySpecs) {
      const found = errors[`${spec.name}.${index}.${entry.name}`];
      if (found) own[entry.name] = found;
    }
    return own;
  };
  return (
    <fieldset className="entries-field" data-field={spec.name}>
      <legend>{t(spec.label)}</legend>
      {listError ? <p className="field-error">{messageOf(listError)}</p> : null}
      {entries.length === 0 ? <p className="hint">{t('forms.entries.none')}</p> : null}
      <ol className="entries">
        {entries.map((entry, index) => (
          <li key={index} className="entry">
            <FormFields
              specs={entrySpecs}
              values={entry}
              errors={errorsOf(index)}
              onChange={(name, value) =>
                onChange(entries.map((e, i) => (i === index ? { ...e, [name]: value } : e)))
              }
            />
            <button
              type="button"
              className="button secondary"
              onClick={() => onChange(entries.filter((_, i) => i !== index))}
            >
              {t('forms.entries.remove', { number: index + 1 })}
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button secondary"
        onClick={() => onChange([...entries, formValuesOf(entrySpecs, {})])}
      >
        {t('forms.entries.add', { list: t(spec.label) })}
      </button>
    </fieldset>
  );
}

/** The fields of a form, in order. */
export function FormFields({
  specs,
  values,
  errors,
  onChange,
}: {
  specs: readonly FieldSpec[];
  values: FormValues;
  errors: FieldErrors;
  onChange(name: string, value: FormValue): void;
}) {
  return (
    <>
      {specs.map((spec) =>
        spec.kind === 'entries' ? (
          <EntriesField
            key={spec.name}
            spec={spec}
            entries={entriesOf(values[spec.name])}
            errors={errors}
            onChange={(entries) => onChange(spec.name, entries)}
          />
        ) : (
          <FormField
            key={spec.name}
            spec={spec}
            value={values[spec.name] ?? ''}
            error={errors[spec.name]}
            onChange={(value) => onChange(spec.name, value)}
          />
        ),
      )}
    </>
  );
}

/** The record's errors that belong to no field of the form (the server's answer, an id). */
export function FormProblem({
  errors,
  specs,
  message,
}: {
  errors: FieldErrors;
  specs: readonly FieldSpec[];
  message: string | null;
}) {
  const messageOf = useFieldMessage();
  const { t } = useI18n();
  const shown = new Set(specs.map((s) => s.name));
  const others = Object.entries(errors).filter(
    ([field]) => !shown.has(field.split('.')[0] ?? field),
  );
  const count = Object.keys(errors).filter((field) => !field.includes('.')).length;
  if (count === 0 && message === null) return null;
  return (
    <div className="form-error" role="alert">
      {count > 0 ? <p>{t('forms.fixFields', { count })}</p> : null}
      {others.map(([field, error]) => (
        <p key={field}>
          {field}: {messageOf(error)}
        </p>
      ))}
      {message !== null ? <p>{message}</p> : null}
    </div>
  );
}

export function RecordForm({
  labelledBy,
  onSubmit,
  busy,
  submitLabel,
  children,
  extraActions,
}: {
  labelledBy: string;
  onSubmit(): void;
  busy: boolean;
  submitLabel: string;
  children: ReactNode;
  extraActions?: ReactNode;
}) {
  const { t } = useI18n();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form
      className="panel form record-form"
      aria-labelledby={labelledBy}
      onSubmit={submit}
      noValidate
    >
      {children}
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('forms.saving') : submitLabel}
        </button>
        {extraActions}
      </div>
    </form>
  );
}

/** Values came back from an unsaved draft: say so, and offer to throw it away. */
export function DraftNotice({ onDiscard }: { onDiscard(): void }) {
  const { t } = useI18n();
  return (
    <div className="notice" role="status">
      <p>{t('forms.draftRestored')}</p>
      <button type="button" className="button secondary" onClick={onDiscard}>
        {t('forms.discardDraft')}
      </button>
    </div>
  );
}

/** Someone else saved this record since it was loaded: nothing was overwritten. */
export function ConflictNotice({ onReload }: { onReload(): void }) {
  const { t } = useI18n();
  return (
    <div className="notice conflict" role="alert">
      <p>
        <strong>{t('forms.conflict.title')}</strong> {t('forms.conflict.body')}
      </p>
      <button type="button" className="button" onClick={onReload}>
        {t('forms.conflict.reload')}
      </button>
    </div>
  );
}
