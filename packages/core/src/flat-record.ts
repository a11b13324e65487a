import type { z } from 'zod';
import { columnLabel } from './entities/column-labels.ts';
import type { ColumnCodec, ColumnSpec, EntitySpec } from './entities/registry.ts';
import type { CodedReason, RejectCode } from './import-reasons.ts';
import { reasonOfIssue } from './issue-reasons.ts';

/**
 * One problem with one field of one input record: the historical English `reason` (the CLI
 * prints it), and the same as a code with values, said in either language by import-reasons.ts.
 */
export interface FieldProblem extends CodedReason<RejectCode> {
  /** Column (flat files) or field (JSON) name. */
  field: string;
  reason: string;
}

export type CellValue = string | number | boolean | Date | null | undefined;

class CellError extends Error {
  readonly code: RejectCode;
  readonly values: Record<string, string>;
  constructor(message: string, code: RejectCode, values: Record<string, string> = {}) {
    super(message);
    this.code = code;
    this.values = values;
  }
}

function toText(value: CellValue): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const text = String(value).normalize('NFKC').trim();
  return text === '' ? undefined : text;
}

function toNumber(value: CellValue, integer: boolean): number | undefined {
  if (typeof value === 'number') {
    if (integer && !Number.isInteger(value))
      throw new CellError('not a whole number', 'not_whole_number');
    return value;
  }
  const text = toText(value);
  if (text === undefined) return undefined;
  const plain = text.replace(/,/g, '');
  const pattern = integer ? /^[-+]?\d+$/ : /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
  if (!pattern.test(plain))
    throw integer
      ? new CellError('not a whole number', 'not_whole_number')
      : new CellError('not a number', 'not_number');
  return Number(plain);
}

function splitList(value: CellValue): string[] {
  const text = toText(value);
  if (text === undefined) return [];
  return text
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

function padPrefecture(text: string): string {
  return /^\d$/.test(text) ? `0${text}` : text;
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', 'はい', '○', '有']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', 'いいえ', '×', '無']);

/** Reads one cell of a flat file (CSV/XLSX) into the field's value; throws CellError with a reason. */
function decodeCell(codec: ColumnCodec, value: CellValue): unknown {
  switch (codec) {
    case 'text':
      return typeof value === 'string' ? emptyToUndefined(value.trim()) : toText(value);
    case 'int':
      return toNumber(value, true);
    case 'real':
      return toNumber(value, false);
    case 'bool': {
      if (typeof value === 'boolean') return value;
      const text = toText(value)?.toLowerCase();
      if (text === undefined) return undefined;
      if (TRUE_WORDS.has(text)) return true;
      if (FALSE_WORDS.has(text)) return false;
      throw new CellError('not true or false', 'not_true_false');
    }
    case 'prefecture': {
      const text = toText(value);
      return text === undefined ? undefined : padPrefecture(text);
    }
    case 'lgcode': {
      const text = toText(value);
      return text !== undefined && /^\d{5}$/.test(text) ? `0${text}` : text;
    }
    case 'list':
      return splitList(value);
    case 'prefecture_list':
      return splitList(value).map(padPrefecture);
    case 'int_list':
      return splitList(value).map((part) => {
        if (!/^\d+$/.test(part))
          throw new CellError(
            `"${part.slice(0, 20)}" is not a whole number`,
            'list_item_not_whole_number',
            { item: part.slice(0, 20) },
          );
        return Number(part);
      });
    case 'members':
      return splitList(value).map((part) => {
        const at = part.lastIndexOf(':');
        if (at <= 0)
          throw new CellError(
            `"${part.slice(0, 40)}" is not actor_id:role`,
            'member_not_actor_role',
            {
              item: part.slice(0, 40),
            },
          );
        return { actorId: part.slice(0, at), role: part.slice(at + 1) };
      });
    case 'json': {
      const text = toText(value);
      if (text === undefined) return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new CellError('not valid JSON', 'not_json');
      }
    }
  }
}

function emptyToUndefined(text: string): string | undefined {
  return text === '' ? undefined : text;
}

/** Writes one field value as a flat-file cell. */
export function encodeCell(codec: ColumnCodec, value: unknown): string {
  if (value === undefined || value === null) return '';
  switch (codec) {
    case 'list':
    case 'int_list':
    case 'prefecture_list':
      return (value as unknown[]).map(String).join(';');
    case 'members':
      return (value as { actorId: string; role: string }[])
        .map((m) => `${m.actorId}:${m.role}`)
        .join(';');
    case 'json':
      return (value as unknown[]).length === 0 ? '' : JSON.stringify(value);
    case 'bool':
      return value ? 'true' : 'false';
    default:
      return String(value);
  }
}

export type ParseOutcome<T> = { ok: true; record: T } | { ok: false; problems: FieldProblem[] };

/** "end_fy is required: Last fiscal year ／ end_fy（終了年度）は必須です" for a missing value. */
function requiredMessage(column: string, doc: string | undefined): string {
  const label = columnLabel(column)?.ja;
  const what = doc ? `: ${doc.replace(/\s*\(required\)\s*$/, '')}` : '';
  return `${column} is required${what} ／ ${column}${label ? `（${label}）` : ''}は必須です`;
}

/** Maps zod issues to problems named by column (flat files) or field (JSON). */
function problemsFromIssues(
  issues: z.core.$ZodIssue[],
  nameOf: (field: string) => string,
  docOf: (field: string) => string | undefined = () => undefined,
): FieldProblem[] {
  return issues.map((issue) => {
    const top = issue.path[0];
    const field = top === undefined ? '(record)' : nameOf(String(top));
    const rest = issue.path.slice(1).map(String).join('.');
    const absent = issue.code === 'invalid_type' && /received undefined$/.test(issue.message);
    const reason =
      absent && rest === '' && top !== undefined
        ? requiredMessage(field, docOf(String(top)))
        : issue.message;
    return { field: rest ? `${field}.${rest}` : field, reason, ...reasonOfIssue(issue, absent) };
  });
}

/** Validates a record given with domain field names (JSON/NDJSON input, API bodies). */
export function parseRecord(
  spec: EntitySpec,
  input: unknown,
): ParseOutcome<Record<string, unknown>> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return {
      ok: false,
      problems: [{ field: '(record)', reason: 'not an object', code: 'not_object', values: {} }],
    };
  }
  const result = spec.schema.safeParse(input);
  if (result.success) return { ok: true, record: result.data };
  const docOf = new Map(spec.columns.map((c) => [c.field, c.doc]));
  return {
    ok: false,
    problems: problemsFromIssues(
      result.error.issues,
      (field) => field,
      (field) => docOf.get(field),
    ),
  };
}

/** Reads a flat row (header → cell) into a validated record; every problem is reported, named by column. */
export function parseFlatRow(
  spec: EntitySpec,
  row: Record<string, CellValue>,
): ParseOutcome<Record<string, unknown>> {
  const problems: FieldProblem[] = [];
  const input: Record<string, unknown> = {};
  for (const column of spec.columns) {
    if (!(column.column in row)) continue;
    try {
      const value = decodeCell(column.codec, row[column.column]);
      if (value !== undefined) input[column.field] = value;
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      problems.push({
        field: column.column,
        reason: error.message,
        code: error.code,
        values: error.values,
      });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  const result = spec.schema.safeParse(input);
  if (result.success) return { ok: true, record: result.data };
  const columnOf = new Map(spec.columns.map((c) => [c.field, c.column]));
  const docOf = new Map(spec.columns.map((c) => [c.field, c.doc]));
  return {
    ok: false,
    problems: problemsFromIssues(
      result.error.issues,
      (field) => columnOf.get(field) ?? field,
      (field) => docOf.get(field),
    ),
  };
}

/** Writes a record as a flat row in column order. */
export function toFlatRow(spec: EntitySpec, record: Record<string, unknown>): string[] {
  return spec.columns.map((column) => encodeCell(column.codec, record[column.field]));
}

export interface HeaderCheck {
  unknown: string[];
  missingRequired: string[];
}

/** Columns whose field the schema requires (no default). */
export function requiredColumns(spec: EntitySpec): ColumnSpec[] {
  const probe = spec.schema.safeParse({});
  if (probe.success) return [];
  const missing = new Set(
    probe.error.issues.filter((i) => i.path.length === 1).map((i) => String(i.path[0])),
  );
  return spec.columns.filter((c) => missing.has(c.field));
}

export function checkHeader(spec: EntitySpec, header: readonly string[]): HeaderCheck {
  const known = new Set(spec.columns.map((c) => c.column));
  const present = new Set(header);
  return {
    unknown: header.filter((h) => h !== '' && !known.has(h)),
    missingRequired: requiredColumns(spec)
      .map((c) => c.column)
      .filter((c) => !present.has(c))
      .filter((c) => !(spec.columnAlternatives?.[c] ?? []).some((other) => present.has(other))),
  };
}
