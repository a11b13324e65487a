/**
 * The common row of a large relations file, checked without the schema: the cells of a CSV row
 * (header order) are read into a relation when every cell is plainly valid, with the same value the
 * flat-file decoding and `ZRelation` would give. Anything less plain (an escaped formula cell, a
 * number written otherwise than in ASCII digits, a bad or missing value) is left to the full parse,
 * which gives the verdict and its reasons. `plain-relation-row.test.ts` holds the two to the same
 * answers.
 */
import { EXTERNAL_ID_MAX_LENGTH, EXTERNAL_ID_PATTERN, isRealIsoDate } from '../fields.ts';
import { RELATION_TYPES, type RelationType } from '../vocabulary.ts';

/** A relation's fields in the order of its table's data columns. */
export const PLAIN_RELATION_FIELDS = [
  'sourceId',
  'targetId',
  'type',
  'weight',
  'startDate',
  'endDate',
  'note',
  'confirmedAt',
  'source',
] as const;

/** A relation read from plain cells; text fields absent are undefined. Reused row after row. */
export interface PlainRelation {
  sourceId: string;
  targetId: string;
  type: RelationType;
  weight: number;
  startDate: string | undefined;
  endDate: string | undefined;
  note: string | undefined;
  confirmedAt: string | undefined;
  source: string | undefined;
}

export function emptyPlainRelation(): PlainRelation {
  return {
    sourceId: '',
    targetId: '',
    type: 'mou',
    weight: 1,
    startDate: undefined,
    endDate: undefined,
    note: undefined,
    confirmedAt: undefined,
    source: undefined,
  };
}

/**
 * Where each of PLAIN_RELATION_FIELDS sits in a header (−1: not there), or undefined when the
 * header names one of them twice (the full parse decides which cell counts).
 */
export function plainRelationColumns(
  header: readonly string[],
  columnOf: (field: string) => string,
): Int32Array | undefined {
  const at = new Int32Array(PLAIN_RELATION_FIELDS.length);
  for (let f = 0; f < PLAIN_RELATION_FIELDS.length; f++) {
    const column = columnOf(PLAIN_RELATION_FIELDS[f] as string);
    const first = header.indexOf(column);
    if (first >= 0 && header.indexOf(column, first + 1) >= 0) return undefined;
    at[f] = first;
  }
  return at;
}

const TYPES: ReadonlySet<string> = new Set(RELATION_TYPES);
const isRelationType = (text: string): text is RelationType => TYPES.has(text);
const PLAIN_NUMBER = /^\d+(\.\d+)?$/;

/** The trimmed text of a cell, undefined when empty; null when the cell needs the full parse. */
function plainText(cell: string | undefined): string | undefined | null {
  if (cell === undefined) return undefined;
  // An apostrophe may escape a formula (formula-escape.ts); NUL is refused with its own reason.
  if (cell.charCodeAt(0) === 39 || cell.includes('\u0000')) return null;
  const text = cell.trim();
  return text === '' ? undefined : text;
}

/**
 * Reads `cells` (one CSV row, as many cells as the header) into `out`; false when the row is not
 * plainly valid and must go through the full parse.
 */
export function readPlainRelation(
  cells: readonly string[],
  at: Int32Array,
  out: PlainRelation,
): boolean {
  const cell = (f: number): string | undefined => {
    const i = at[f] ?? -1;
    return i < 0 ? undefined : cells[i];
  };
  const sourceId = plainText(cell(0));
  const targetId = plainText(cell(1));
  const type = plainText(cell(2));
  if (!sourceId || !targetId || !type || !isRelationType(type)) return false;
  if (sourceId.length > EXTERNAL_ID_MAX_LENGTH || !EXTERNAL_ID_PATTERN.test(sourceId)) return false;
  if (targetId.length > EXTERNAL_ID_MAX_LENGTH || !EXTERNAL_ID_PATTERN.test(targetId)) return false;
  const weightCell = cell(3);
  let weight = 1;
  if (weightCell !== undefined && weightCell !== '') {
    if (!PLAIN_NUMBER.test(weightCell)) return false;
    weight = Number(weightCell);
    if (!Number.isFinite(weight)) return false;
  }
  const startDate = plainText(cell(4));
  const endDate = plainText(cell(5));
  const note = plainText(cell(6));
  const confirmedAt = plainText(cell(7));
  const source = plainText(cell(8));
  if (startDate === null || endDate === null || note === null) return false;
  if (confirmedAt === null || source === null) return false;
  if (startDate !== undefined && !isRealIsoDate(startDate)) return false;
  if (endDate !== undefined && !isRealIsoDate(endDate)) return false;
  if (startDate !== undefined && endDate !== undefined && endDate < startDate) return false;
  if (confirmedAt !== undefined && !isRealIsoDate(confirmedAt)) return false;
  if (note !== undefined && note.length > 1000) return false;
  if (source !== undefined && source.length > 500) return false;
  out.sourceId = sourceId;
  out.targetId = targetId;
  out.type = type;
  out.weight = weight;
  out.startDate = startDate;
  out.endDate = endDate;
  out.note = note;
  out.confirmedAt = confirmedAt;
  out.source = source;
  return true;
}
