/**
 * One row of an import file checked on its own (readable, parsed by the entity's schema, no NUL
 * character): what the import does with every row before it looks at others or at the database.
 */
import { withSuccessorOutcome } from '#core/entities/adoption.ts';
import type { EntitySpec } from '#core/entities/registry.ts';
import { parseFlatRow, parseRecord, type FieldProblem } from '#core/flat-record.ts';
import type { StoredRecord } from '#core/ports.ts';
import type { SourceRow } from './read-records.ts';

export type CheckedRow =
  | { ok: true; row: number; record: StoredRecord; input: unknown }
  | { ok: false; row: number; problems: FieldProblem[]; input: unknown };

function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(holdsNul);
  for (const [key, inner] of Object.entries(value))
    if (key.includes('\u0000') || holdsNul(inner)) return true;
  return false;
}

/**
 * Fields holding the NUL character: PostgreSQL's text and jsonb cannot store it, so it is a bad
 * row on both engines (found by fuzzing, issue 12). Named by column for flat files.
 */
export function nulProblems(
  record: Record<string, unknown>,
  columnOf: ReadonlyMap<string, string> | undefined,
): FieldProblem[] {
  // Once per row of a load: a plain loop, no arrays made for the clean rows (nearly all).
  let problems: FieldProblem[] | undefined;
  for (const field in record) {
    if (!holdsNul(record[field])) continue;
    (problems ??= []).push({
      field: columnOf?.get(field) ?? field,
      reason: 'holds the NUL character (U+0000), which cannot be stored / NUL 文字は保存できません',
      code: 'nul_character',
      values: {},
    });
  }
  return problems ?? [];
}

/** Checks one source row of `spec`'s entity. */
export function checkSourceRow(
  spec: EntitySpec,
  sourceRow: SourceRow,
  columnOf: ReadonlyMap<string, string>,
): CheckedRow {
  if ('unreadable' in sourceRow) {
    const { unreadable, code, values } = sourceRow;
    return {
      ok: false,
      row: sourceRow.row,
      problems: [{ field: '(row)', reason: unreadable, code, values }],
      input: undefined,
    };
  }
  const input = 'cells' in sourceRow ? sourceRow.cells : sourceRow.object;
  const outcome =
    'cells' in sourceRow
      ? parseFlatRow(spec, sourceRow.cells)
      : parseRecord(spec, sourceRow.object);
  if (!outcome.ok) return { ok: false, row: sourceRow.row, problems: outcome.problems, input };
  const record = spec.name === 'adoptions' ? withSuccessorOutcome(outcome.record) : outcome.record;
  const nul = nulProblems(record, 'cells' in sourceRow ? columnOf : undefined);
  if (nul.length > 0) return { ok: false, row: sourceRow.row, problems: nul, input };
  return { ok: true, row: sourceRow.row, record, input };
}

/** The problem of a row whose identity an earlier row of the file already had. */
export function duplicateProblem(spec: EntitySpec, key: string, earlierRow: number): FieldProblem {
  return {
    field: spec.derivedKey ? '(identity)' : 'id',
    reason: `duplicate of row ${earlierRow} (${key})`,
    code: 'duplicate_row',
    values: { row: String(earlierRow) },
  };
}
