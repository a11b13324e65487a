/**
 * zod issues of an entity schema → one message per form field, as a message key a clerk
 * understands (「入力してください」, "Enter a date as YYYY-MM-DD") with its values. The schema is the
 * API's own (core/entities): the browser and the server judge a record by the same rules.
 */
import type { z } from 'zod';

export type FieldMessageKey =
  | 'forms.error.required'
  | 'forms.error.tooLong'
  | 'forms.error.tooSmall'
  | 'forms.error.tooLarge'
  | 'forms.error.choose'
  | 'forms.error.number'
  | 'forms.error.wholeNumber'
  | 'forms.error.date'
  | 'forms.error.url'
  | 'forms.error.prefecture'
  | 'forms.error.trl'
  | 'forms.error.sdgs'
  | 'forms.error.id'
  | 'forms.error.endBeforeStart'
  | 'forms.error.unknownReference'
  | 'forms.error.taken'
  | 'forms.error.invalid'
  | 'formsMore.error.metric';

export interface FieldMessage {
  key: FieldMessageKey;
  values?: Record<string, string | number>;
}

/** Field name → the first message about it; `(record)` for problems no field owns. */
export type FieldErrors = Record<string, FieldMessage>;

/** Messages the core schemas give for their own rules (fields.ts, entities/*.ts). */
const BY_MESSAGE: [RegExp, FieldMessageKey][] = [
  [/not a date YYYY-MM-DD/, 'forms.error.date'],
  [/not a prefecture code/, 'forms.error.prefecture'],
  [/TRL is 1\.\.9/, 'forms.error.trl'],
  [/SDGs/, 'forms.error.sdgs'],
  [/no spaces, commas, semicolons/, 'forms.error.id'],
  [/^end .* is before start/, 'forms.error.endBeforeStart'],
  [/must not be empty|needs a unit/, 'forms.error.required'],
  [/^metric is snake_case/, 'formsMore.error.metric'],
];

/** The message key of one of the core schemas' own messages, if it is one. */
export function keyOfCoreMessage(message: string): FieldMessageKey | null {
  for (const [pattern, key] of BY_MESSAGE) if (pattern.test(message)) return key;
  return null;
}

function messageOf(issue: z.core.$ZodIssue): FieldMessage {
  const known = keyOfCoreMessage(issue.message);
  if (known !== null) return { key: known };
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1)
        return { key: 'forms.error.required' };
      return { key: 'forms.error.tooSmall', values: { min: Number(issue.minimum) } };
    case 'too_big':
      return issue.origin === 'string'
        ? { key: 'forms.error.tooLong', values: { max: Number(issue.maximum) } }
        : { key: 'forms.error.tooLarge', values: { max: Number(issue.maximum) } };
    case 'invalid_value':
      return { key: 'forms.error.choose' };
    case 'invalid_type':
      if (issue.expected === 'number') return { key: 'forms.error.number' };
      if (issue.input === undefined) return { key: 'forms.error.required' };
      return { key: 'forms.error.invalid', values: { reason: issue.message } };
    case 'invalid_format':
      return issue.format === 'url'
        ? { key: 'forms.error.url' }
        : { key: 'forms.error.invalid', values: { reason: issue.message } };
    default:
      if (/whole number|expected int/i.test(issue.message))
        return { key: 'forms.error.wholeNumber' };
      return { key: 'forms.error.invalid', values: { reason: issue.message } };
  }
}

/** The field an issue belongs to: the first step of its path (a list's entries share their list). */
function fieldOf(issue: z.core.$ZodIssue): string {
  const first = issue.path[0];
  return typeof first === 'string' ? first : '(record)';
}

/**
 * One message per field (the first issue about it), in the schema's order; an entry's field of an
 * editable list also under its own name (`kpis.0.unit`), to be shown beside it.
 */
export function fieldErrorsOf(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = fieldOf(issue);
    const message = messageOf(issue);
    if (errors[field] === undefined) errors[field] = message;
    if (issue.path.length > 2) {
      const inner = issue.path.slice(0, 3).map(String).join('.');
      if (errors[inner] === undefined) errors[inner] = message;
    }
  }
  return errors;
}

/** Validates a record with an entity schema: null when it passes, else the message per field. */
export function validateWith(schema: z.ZodType, record: unknown): FieldErrors | null {
  const outcome = schema.safeParse(record);
  return outcome.success ? null : fieldErrorsOf(outcome.error.issues);
}

/**
 * The server's own findings (problem+json `errors`: references to records that do not exist, an
 * identifier another record holds), beside their fields like the browser's.
 */
export function fieldErrorsOfServer(
  problems: readonly { field: string; reason: string }[],
): FieldErrors {
  const errors: FieldErrors = {};
  for (const { field, reason } of problems) {
    if (errors[field] !== undefined) continue;
    errors[field] = /^unknown \S+ id$/.test(reason)
      ? { key: 'forms.error.unknownReference' }
      : /belongs to .* already/.test(reason)
        ? { key: 'forms.error.taken' }
        : { key: 'forms.error.invalid', values: { reason } };
  }
  return errors;
}
