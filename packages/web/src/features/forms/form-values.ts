/**
 * What a form holds (the text of each input, a checkbox's state) ↔ the record the API takes.
 * Conversions only: judging the record is the entity schema's work (field-errors.ts).
 */
import type ja from '../../i18n/ja.json';

/** A key of the message catalogues (as i18n.tsx has it; read here so this file needs no JSX). */
type MessageKey = keyof typeof ja;

export type FieldKind =
  | 'text'
  | 'textarea'
  | 'select'
  | 'prefecture'
  | 'list'
  | 'int_list'
  | 'int'
  | 'number'
  | 'date'
  | 'checkbox'
  | 'url'
  /** An actor's, a project's or a programme's id, chosen by name (record-picker.tsx). */
  | 'actor'
  | 'project'
  | 'programme'
  /** Several ids, each chosen by name (a case's actors, projects, programmes). */
  | 'actor_list'
  | 'project_list'
  | 'programme_list'
  | 'entries';

export interface FieldSpec {
  /** The record's field, also the input's `name`. */
  name: string;
  kind: FieldKind;
  label: MessageKey;
  hint?: MessageKey;
  /** A select's values. */
  options?: readonly string[];
  /** Prefix of the option labels in the catalogues (`confidentiality` → `confidentiality.public`). */
  optionLabels?: string;
  /** Offer an empty choice (an optional select). */
  optional?: boolean;
  /** The fields of each entry of an editable list (`entries`: PDCA log, milestones, KPIs…). */
  entry?: readonly FieldSpec[];
}

/** An input's text, a checkbox, or the entries of an editable list. */
export type FormValue = string | boolean | FormValues[];
export interface FormValues {
  [name: string]: FormValue;
}

const LIST_SEPARATOR = /[,;、，；\n]/;

/** A record's value as the input shows it. */
function inputValueOf(spec: FieldSpec, value: unknown): FormValue {
  if (spec.kind === 'checkbox') return value === true;
  // A select without an empty choice shows its first option: the value is that option.
  if (spec.kind === 'select' && !spec.optional && (value === undefined || value === null))
    return spec.options?.[0] ?? '';
  if (spec.kind === 'entries')
    return Array.isArray(value)
      ? value.map((item) =>
          formValuesOf(
            spec.entry ?? [],
            typeof item === 'object' && item !== null ? { ...item } : {},
          ),
        )
      : [];
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(String).join(', ');
  return String(value);
}

/** The form's starting values from a stored record (or `{}` for a new one). */
export function formValuesOf(
  specs: readonly FieldSpec[],
  record: Record<string, unknown>,
  defaults: FormValues = {},
): FormValues {
  const values: FormValues = {};
  for (const spec of specs)
    values[spec.name] =
      record[spec.name] === undefined && defaults[spec.name] !== undefined
        ? (defaults[spec.name] ?? '')
        : inputValueOf(spec, record[spec.name]);
  return values;
}

/** An input's text as the record's value; undefined when left empty. */
function recordValueOf(spec: FieldSpec, value: FormValue | undefined): unknown {
  if (spec.kind === 'checkbox') return value === true;
  if (spec.kind === 'entries') {
    const entries = Array.isArray(value) ? value : [];
    return entries.length === 0
      ? undefined
      : entries.map((entry) => recordOf(spec.entry ?? [], entry));
  }
  const text = typeof value === 'string' ? value.normalize('NFKC').trim() : '';
  if (text === '') return undefined;
  switch (spec.kind) {
    case 'list':
    case 'actor_list':
    case 'project_list':
    case 'programme_list':
      return text
        .split(LIST_SEPARATOR)
        .map((part) => part.trim())
        .filter((part) => part !== '');
    case 'int_list':
      return text
        .split(LIST_SEPARATOR)
        .map((part) => part.trim())
        .filter((part) => part !== '')
        .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
    case 'int':
    case 'number': {
      const plain = text.replace(/,/g, '');
      // Not a number: kept as text so the schema says "enter a number" beside the field.
      return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(plain) ? Number(plain) : text;
    }
    default:
      // Long texts keep their own spacing and line breaks.
      return spec.kind === 'textarea' && typeof value === 'string' ? value : text;
  }
}

/** The fields of a new record: empty inputs left out. */
export function recordOf(specs: readonly FieldSpec[], values: FormValues): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const spec of specs) {
    const value = recordValueOf(spec, values[spec.name]);
    if (value !== undefined) record[spec.name] = value;
  }
  return record;
}

/**
 * A JSON Merge Patch (RFC 7396) of the form's fields over a stored record: emptied inputs become
 * null (the field is removed), and `merged` is the record the server will validate.
 */
export function patchOf(
  specs: readonly FieldSpec[],
  values: FormValues,
  stored: Record<string, unknown>,
): { patch: Record<string, unknown>; merged: Record<string, unknown> } {
  const patch: Record<string, unknown> = {};
  const merged: Record<string, unknown> = { ...stored };
  for (const spec of specs) {
    const value = recordValueOf(spec, values[spec.name]);
    if (value === undefined) {
      if (stored[spec.name] !== undefined) patch[spec.name] = null;
      delete merged[spec.name];
    } else {
      patch[spec.name] = value;
      merged[spec.name] = value;
    }
  }
  return { patch, merged };
}
