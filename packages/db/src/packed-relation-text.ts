/**
 * Relation rows read out of packed bytes, as the compact network read needs them, without a
 * string or an array per row: SQLite's page text (`group_concat` of each row's fields) and
 * PostgreSQL's `COPY … TO STDOUT` text. Ids are looked up by their bytes (`IdByteTable`); numbers
 * and dates are read from the bytes when they have the plain form, else from their decoded text
 * exactly as the row read does (`Number`, `dayNumberOf`).
 *
 * Fields, in order: source id, target id, type, weight, start date, end date, demo flag (0 or 1).
 */
import { dayNumberOf, NO_DAY } from '#core/network-columns.ts';
import { RELATION_TYPES } from '#core/vocabulary.ts';
import { IdByteTable } from './id-byte-table.ts';

/** SQLite packed page: the values of a column joined by UNIT (the ASCII unit separator). */
export const UNIT = 0x1f;
const TAB = 0x09;
const NEWLINE = 0x0a;
const BACKSLASH = 0x5c;
const DIGIT_0 = 0x30;
const MINUS = 0x2d;
const DOT = 0x2e;
const DAY_MS = 86_400_000;
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => 10 ** i);
const TYPES = new IdByteTable(RELATION_TYPES);

/** The text of UTF-8 bytes as the drivers decode a column (Node's Buffer decoder, BOM kept). */
export function utf8At(text: Uint8Array, start: number, end: number): string {
  return Buffer.from(text.buffer, text.byteOffset + start, end - start).toString('utf8');
}

export interface RelationSink {
  push(u: number, v: number, t: number, w: number, start: number, end: number, demo: number): void;
}

/** Actor positions by id: the byte table first, the decoded text of an id it does not hold. */
export interface ActorLookup {
  readonly ids: IdByteTable;
  positionOf(id: string): number | undefined;
  isLeftOut(id: string): boolean;
}

/**
 * The number written `text[start, end)`: plain decimals (at most 2^53 as digits, 22 after the
 * point) as one exact division, which is the correctly rounded value `Number` gives; any other
 * form through `Number` itself.
 */
export function numberAt(text: Uint8Array, start: number, end: number): number {
  let i = start;
  const negative = text[i] === MINUS;
  if (negative) i++;
  let mantissa = 0;
  let digits = 0;
  let decimals = -1;
  for (; i < end; i++) {
    const c = (text[i] ?? 0) - DIGIT_0;
    if (c >= 0 && c <= 9) {
      mantissa = mantissa * 10 + c;
      digits++;
      if (decimals >= 0) decimals++;
    } else if (c === DOT - DIGIT_0 && decimals < 0) decimals = 0;
    else return Number(utf8At(text, start, end));
  }
  if (digits === 0 || mantissa >= 2 ** 53 || decimals > 22) return Number(utf8At(text, start, end));
  const value = decimals > 0 ? mantissa / (POWERS_OF_TEN[decimals] ?? 1) : mantissa;
  return negative ? -value : value;
}

function digitAt(text: Uint8Array, at: number): number {
  const c = (text[at] ?? 0) - DIGIT_0;
  return c >= 0 && c <= 9 ? c : -1;
}

/** `dayNumberOf` the date written `text[start, end)` (UTF-8); empty is no date. */
export function dayAt(text: Uint8Array, start: number, end: number): number {
  if (end === start) return NO_DAY;
  if (end - start === 10 && text[start + 4] === MINUS && text[start + 7] === MINUS) {
    const y0 = digitAt(text, start);
    const y1 = digitAt(text, start + 1);
    const y2 = digitAt(text, start + 2);
    const y3 = digitAt(text, start + 3);
    const m0 = digitAt(text, start + 5);
    const m1 = digitAt(text, start + 6);
    const d0 = digitAt(text, start + 8);
    const d1 = digitAt(text, start + 9);
    if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) >= 0) {
      const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
      return Math.round(Date.UTC(year, m0 * 10 + m1 - 1, d0 * 10 + d1) / DAY_MS);
    }
  }
  return dayNumberOf(utf8At(text, start, end));
}

/** One SQLite page as columns: each the values of `rows` rows joined by UNIT (demo: digits). */
export interface PackedPage {
  readonly rows: number;
  readonly source: Uint8Array;
  readonly target: Uint8Array;
  readonly type: Uint8Array;
  /** Weights as text, a NULL as empty; `weights` of them not NULL. */
  readonly weight: Uint8Array;
  readonly weights: number;
  readonly start: Uint8Array;
  readonly end: Uint8Array;
  /** One digit per row, 1 for a tie of the demo generator. */
  readonly demo: Uint8Array;
}

/** Per-page work arrays, made once per read. */
export class PageScratch {
  readonly u: Int32Array;
  readonly v: Int32Array;
  readonly fieldStart: Int32Array;
  readonly fieldEnd: Int32Array;
  readonly targetStart: Int32Array;
  readonly targetEnd: Int32Array;
  readonly t: Uint8Array;
  readonly w: Float64Array;
  readonly startDay: Int32Array;
  readonly endDay: Int32Array;
  constructor(readonly capacity: number) {
    this.u = new Int32Array(capacity);
    this.v = new Int32Array(capacity);
    this.fieldStart = new Int32Array(capacity);
    this.fieldEnd = new Int32Array(capacity);
    this.targetStart = new Int32Array(capacity);
    this.targetEnd = new Int32Array(capacity);
    this.t = new Uint8Array(capacity);
    this.w = new Float64Array(capacity);
    this.startDay = new Int32Array(capacity);
    this.endDay = new Int32Array(capacity);
  }
}

/**
 * Calls `each(row, start, end)` for the `rows` fields of `text` joined by UNIT; false (and stops)
 * when `each` does, or when there are not exactly `rows` fields, so no value held a UNIT byte.
 */
function eachField(
  text: Uint8Array,
  rows: number,
  each: (row: number, start: number, end: number) => boolean,
): boolean {
  let start = 0;
  const length = text.length;
  for (let row = 0; row < rows; row++) {
    let end = start;
    while (end < length && text[end] !== UNIT) end++;
    if (end === length && row !== rows - 1) return false;
    if (!each(row, start, end)) return false;
    start = end + 1;
  }
  return start === length + 1 || (rows === 0 && length === 0);
}

/**
 * Reads one SQLite page into `sink`. Returns the ties of left-out actors it passed over, or -1 when
 * the page must be read as rows instead (nothing is then added): a value holding a UNIT byte (each
 * column must split into exactly `rows` values), an unknown type, a weight that is empty text or
 * no finite number. A page of rows with a NULL id or type never comes here (its count differs).
 */
export function readPackedPage(
  page: PackedPage,
  actors: ActorLookup,
  scratch: PageScratch,
  sink: RelationSink,
): number {
  const { rows } = page;
  const { u, v, t, w, startDay, endDay } = scratch;
  const ids = actors.ids;
  const positions = (text: Uint8Array, into: Int32Array, starts: Int32Array, ends: Int32Array) => {
    const split = eachField(text, rows, (row, start, end) => {
      starts[row] = start;
      ends[row] = end;
      return true;
    });
    if (split) ids.findAll(text, starts, ends, rows, into);
    return split;
  };
  if (!positions(page.source, u, scratch.fieldStart, scratch.fieldEnd)) return -1;
  if (!positions(page.target, v, scratch.targetStart, scratch.targetEnd)) return -1;
  const typed = eachField(page.type, rows, (row, start, end) => {
    const type = TYPES.find(page.type, start, end);
    t[row] = type;
    return type >= 0;
  });
  if (!typed) return -1;
  let weights = 0;
  const weighed = eachField(page.weight, rows, (row, start, end) => {
    if (start === end) {
      w[row] = 1;
      return true;
    }
    weights++;
    const weight = numberAt(page.weight, start, end);
    w[row] = weight;
    return Number.isFinite(weight);
  });
  // A weight stored as empty text reads as empty too: there are then fewer non-empty than counted.
  if (!weighed || weights !== page.weights) return -1;
  const dated =
    eachField(page.start, rows, (row, start, end) => {
      startDay[row] = dayAt(page.start, start, end);
      return true;
    }) &&
    eachField(page.end, rows, (row, start, end) => {
      endDay[row] = dayAt(page.end, start, end);
      return true;
    });
  if (!dated || page.demo.length !== rows) return -1;
  let withLeftOut = 0;
  for (let row = 0; row < rows; row++) {
    let from = u[row] ?? -1;
    let to = v[row] ?? -1;
    if (from < 0 || to < 0) {
      const source = utf8At(page.source, scratch.fieldStart[row] ?? 0, scratch.fieldEnd[row] ?? 0);
      const target = utf8At(
        page.target,
        scratch.targetStart[row] ?? 0,
        scratch.targetEnd[row] ?? 0,
      );
      from = actors.positionOf(source) ?? -1;
      to = actors.positionOf(target) ?? -1;
      if (from < 0 || to < 0) {
        if (actors.isLeftOut(source) || actors.isLeftOut(target)) withLeftOut++;
        continue;
      }
    }
    sink.push(
      from,
      to,
      t[row] ?? 0,
      w[row] ?? 1,
      startDay[row] ?? NO_DAY,
      endDay[row] ?? NO_DAY,
      page.demo[row] === DIGIT_0 + 1 ? 1 : 0,
    );
  }
  return withLeftOut;
}

/**
 * Reads PostgreSQL's `COPY (SELECT …) TO STDOUT` text (fields split by tabs, rows by newlines,
 * `\N` for null, backslash escapes) as it arrives in chunks. A row whose every field has the plain
 * form goes straight to `sink`; any other (an escape, an id the byte table does not hold, an
 * unknown type, a weight that is no plain number) is decoded into the values the row read gets
 * from the driver and given to `takeRow`, which applies the row read's rules.
 */
export class CopyTextRelationReader {
  private carry: Uint8Array = new Uint8Array(0);
  private readonly starts = new Int32Array(8);
  private readonly escaped = new Uint8Array(7);

  constructor(
    private readonly actors: ActorLookup,
    private readonly sink: RelationSink,
    private readonly takeRow: (row: readonly unknown[]) => void,
  ) {}

  write(chunk: Uint8Array): void {
    let from = 0;
    if (this.carry.length > 0) {
      const newline = chunk.indexOf(NEWLINE);
      if (newline < 0) {
        this.carry = concat(this.carry, chunk);
        return;
      }
      const row = concat(this.carry, chunk.subarray(0, newline + 1));
      this.carry = new Uint8Array(0);
      this.readRow(row, 0, row.length - 1);
      from = newline + 1;
    }
    const last = chunk.lastIndexOf(NEWLINE);
    let start = from;
    while (start <= last) {
      const newline = chunk.indexOf(NEWLINE, start);
      this.readRow(chunk, start, newline);
      start = newline + 1;
    }
    if (start < chunk.length) this.carry = chunk.slice(start);
  }

  end(): void {
    if (this.carry.length > 0) throw new Error('COPY text ended inside a row');
  }

  private readRow(text: Uint8Array, start: number, end: number): void {
    const starts = this.starts;
    const escaped = this.escaped;
    let field = 0;
    starts[0] = start;
    for (let f = 0; f < 7; f++) escaped[f] = 0;
    for (let i = start; i < end; i++) {
      const c = text[i];
      if (c === TAB) {
        field++;
        if (field > 6) throw new Error('COPY text row with more than seven fields');
        starts[field] = i + 1;
      } else if (c === BACKSLASH) escaped[field] = 1;
    }
    if (field !== 6) throw new Error('COPY text row with fewer than seven fields');
    starts[7] = end + 1;
    // No closures per row here: each would be an allocation (and a name) per row.
    const s0 = starts[0] ?? 0;
    const s1 = starts[1] ?? 0;
    const s2 = starts[2] ?? 0;
    const s3 = starts[3] ?? 0;
    const s4 = starts[4] ?? 0;
    const s5 = starts[5] ?? 0;
    const s6 = starts[6] ?? 0;
    const ids = this.actors.ids;
    const u = escaped[0] === 0 ? ids.find(text, s0, s1 - 1) : -1;
    const v = escaped[1] === 0 ? ids.find(text, s1, s2 - 1) : -1;
    const t = escaped[2] === 0 ? TYPES.find(text, s2, s3 - 1) : -1;
    const weightNull = isCopyNull(text, s3, s4 - 1);
    const w = weightNull ? 1 : escaped[3] === 0 ? numberAt(text, s3, s4 - 1) : Number.NaN;
    const startNull = isCopyNull(text, s4, s5 - 1);
    const endNull = isCopyNull(text, s5, s6 - 1);
    if (
      u >= 0 &&
      v >= 0 &&
      t >= 0 &&
      Number.isFinite(w) &&
      (startNull || escaped[4] === 0) &&
      (endNull || escaped[5] === 0)
    ) {
      this.sink.push(
        u,
        v,
        t,
        w,
        startNull ? NO_DAY : dayAt(text, s4, s5 - 1),
        endNull ? NO_DAY : dayAt(text, s5, s6 - 1),
        text[s6] === DIGIT_0 + 1 ? 1 : 0,
      );
      return;
    }
    const weightText = copyValue(text, s3, s4 - 1);
    this.takeRow([
      copyValue(text, s0, s1 - 1),
      copyValue(text, s1, s2 - 1),
      copyValue(text, s2, s3 - 1),
      weightText === null ? null : Number(weightText),
      copyValue(text, s4, s5 - 1),
      copyValue(text, s5, s6 - 1),
      Number(copyValue(text, s6, end)),
    ]);
  }
}

/** `\N`: COPY's NULL. */
function isCopyNull(text: Uint8Array, start: number, end: number): boolean {
  return end - start === 2 && text[start] === BACKSLASH && text[start + 1] === 0x4e;
}

/** A COPY text field's value as the driver gives a text column: null or the text. */
function copyValue(text: Uint8Array, start: number, end: number): string | null {
  return isCopyNull(text, start, end) ? null : unescapeCopyText(text, start, end);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

const ESCAPED: Record<number, number> = {
  0x62: 0x08, // \b
  0x66: 0x0c, // \f
  0x6e: 0x0a, // \n
  0x72: 0x0d, // \r
  0x74: 0x09, // \t
  0x76: 0x0b, // \v
};

/** A COPY text field's value: its backslash escapes undone, decoded from UTF-8. */
export function unescapeCopyText(text: Uint8Array, start: number, end: number): string {
  const out = new Uint8Array(end - start);
  let n = 0;
  for (let i = start; i < end; i++) {
    let c = text[i] ?? 0;
    if (c === BACKSLASH && i + 1 < end) {
      i++;
      const next = text[i] ?? 0;
      c = ESCAPED[next] ?? next;
    }
    out[n++] = c;
  }
  return utf8At(out, 0, n);
}
