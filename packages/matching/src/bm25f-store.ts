/**
 * The forward store of the BM25F index (`bm25f.ts`): interned terms and, slot after slot, the
 * (term id, field frequencies) entries and field lengths of every document. It undoes a
 * document, feeds the postings, co-occurrence and explanations, and is the serialised form.
 * Also the one formula of scoring (`pseudo`), which reads the field lengths kept here.
 */
import { DomainError } from '#core/domain-error.ts';
import type { DocumentVector, FieldSpec, TermScore } from './bm25f.ts';

const MAX_TF = 0xffff;

type Typed = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

/** `array` with room for `size` elements (doubling, contents kept). */
export function grown<T extends Typed>(array: T, size: number, make: (n: number) => T): T {
  if (size <= array.length) return array;
  const next = make(Math.max(size, array.length * 2, 16));
  next.set(array);
  return next;
}

export const EMPTY_I32 = new Int32Array(0);

export interface ForwardStore {
  readonly fields: readonly Required<FieldSpec>[];
  readonly k1: number;
  readonly fieldCount: number;
  readonly fieldIndex: Map<string, number>;
  readonly weights: Float64Array;
  readonly bs: Float64Array;

  // Vocabulary: interned term ids.
  readonly vocabulary: Map<string, number>;
  readonly termStrings: string[];
  /** Per foreign vocabulary (`upsertTermIds`): 1 + this index's id of each of its terms. */
  readonly foreignIds: WeakMap<readonly string[], Int32Array>;
  termIdBuffer: Uint32Array;
  df: Int32Array;
  /** Scratch of `appendSlot`: 1 + the entry row of a term in the slot being written. */
  rowOf: Int32Array;

  // The entries (term, fieldCount frequencies) of slot s are slotStart[s] .. slotStart[s + 1];
  // slots are only appended.
  slotCount: number;
  readonly slotIds: string[];
  readonly idToSlot: Map<string, number>;
  slotStart: Uint32Array;
  alive: Uint8Array;
  lengths: Uint32Array;
  entryCount: number;
  entryTerms: Uint32Array;
  entryFreqs: Uint16Array;
  readonly lengthSums: Float64Array;
  live: number;
  /** Increases at every change (the index's revision). */
  changes: number;
  /** Removed slots not yet compacted away. */
  dead: number;
}

function resolveFields(fields: readonly FieldSpec[]): Required<FieldSpec>[] {
  if (fields.length === 0) {
    throw new DomainError('validation_failed', 'an index needs at least one field');
  }
  const names = new Set<string>();
  return fields.map((field) => {
    const b = field.b ?? 0.75;
    if (names.has(field.name)) {
      throw new DomainError('validation_failed', `duplicate field ${field.name}`);
    }
    if (!(field.weight >= 0) || !(b >= 0 && b <= 1)) {
      throw new DomainError('validation_failed', `bad weight or b for field ${field.name}`, {
        field: field.name,
      });
    }
    names.add(field.name);
    return { name: field.name, weight: field.weight, b };
  });
}

export function createForwardStore(specs: readonly FieldSpec[], k1: number): ForwardStore {
  const fields = resolveFields(specs);
  const fieldCount = fields.length;
  const fieldIndex = new Map<string, number>();
  fields.forEach((f, i) => fieldIndex.set(f.name, i));
  return {
    fields,
    k1,
    fieldCount,
    fieldIndex,
    weights: Float64Array.from(fields.map((f) => f.weight)),
    bs: Float64Array.from(fields.map((f) => f.b)),
    vocabulary: new Map(),
    termStrings: [],
    foreignIds: new WeakMap(),
    termIdBuffer: new Uint32Array(256),
    df: new Int32Array(0),
    rowOf: new Int32Array(0),
    slotCount: 0,
    slotIds: [],
    idToSlot: new Map(),
    slotStart: new Uint32Array(1),
    alive: new Uint8Array(0),
    lengths: new Uint32Array(0),
    entryCount: 0,
    entryTerms: new Uint32Array(0),
    entryFreqs: new Uint16Array(0),
    lengthSums: new Float64Array(fieldCount),
    live: 0,
    changes: 0,
    dead: 0,
  };
}

export function termIdOrCreate(store: ForwardStore, term: string): number {
  let id = store.vocabulary.get(term);
  if (id === undefined) {
    id = store.termStrings.length;
    store.vocabulary.set(term, id);
    store.termStrings.push(term);
    store.df = grown(store.df, id + 1, (n) => new Int32Array(n));
    store.rowOf = grown(store.rowOf, id + 1, (n) => new Int32Array(n));
  }
  return id;
}

/** Room for one more slot and `entries` more entries. */
function reserve(store: ForwardStore, entries: number): void {
  const F = store.fieldCount;
  const slots = store.slotCount + 1;
  store.slotStart = grown(store.slotStart, slots + 1, (n) => new Uint32Array(n));
  store.alive = grown(store.alive, slots, (n) => new Uint8Array(n));
  store.lengths = grown(store.lengths, slots * F, (n) => new Uint32Array(n));
  const need = store.entryCount + entries;
  store.entryTerms = grown(store.entryTerms, need, (n) => new Uint32Array(n));
  store.entryFreqs = grown(store.entryFreqs, need * F, (n) => new Uint16Array(n));
}

/** Each field's terms as term ids, in field order. */
export interface DocumentTermIds {
  readonly sizes: Int32Array;
  /** A shared buffer: valid until the next call. */
  readonly termIds: Uint32Array;
}

/**
 * Checks the field names; each index field's number of terms (in field order) and room for
 * their ids.
 */
function prepareInsert(
  store: ForwardStore,
  id: string,
  fields: Readonly<Record<string, ArrayLike<unknown>>>,
): DocumentTermIds {
  for (const name of Object.keys(fields)) {
    if (!store.fieldIndex.has(name)) {
      throw new DomainError('validation_failed', `unknown field ${name}`, { field: name, id });
    }
  }
  const F = store.fieldCount;
  const sizes = new Int32Array(F);
  let total = 0;
  for (let f = 0; f < F; f += 1) {
    sizes[f] = fields[store.fields[f]?.name ?? '']?.length ?? 0;
    total += sizes[f] ?? 0;
  }
  if (store.termIdBuffer.length < total) {
    store.termIdBuffer = new Uint32Array(Math.max(total, store.termIdBuffer.length * 2));
  }
  return { sizes, termIds: store.termIdBuffer };
}

/** The term ids of a document given as terms (new terms interned). */
export function termIdsOf(
  store: ForwardStore,
  id: string,
  fields: Readonly<Record<string, readonly string[]>>,
): DocumentTermIds {
  const F = store.fieldCount;
  const prepared = prepareInsert(store, id, fields);
  const { termIds } = prepared;
  let at = 0;
  for (let f = 0; f < F; f += 1) {
    for (const term of fields[store.fields[f]?.name ?? ''] ?? []) {
      termIds[at] = termIdOrCreate(store, term);
      at += 1;
    }
  }
  return prepared;
}

/**
 * The term ids of a document given as positions in `vocabulary`: each distinct term is looked
 * up once per vocabulary, not at every occurrence.
 */
export function termIdsOfForeign(
  store: ForwardStore,
  id: string,
  fields: Readonly<Record<string, ArrayLike<number>>>,
  vocabulary: readonly string[],
): DocumentTermIds {
  const F = store.fieldCount;
  let mapping = store.foreignIds.get(vocabulary) ?? EMPTY_I32;
  if (mapping.length < vocabulary.length) {
    mapping = grown(mapping, vocabulary.length, (n) => new Int32Array(n));
    store.foreignIds.set(vocabulary, mapping);
  }
  const prepared = prepareInsert(store, id, fields);
  const { termIds } = prepared;
  let at = 0;
  for (let f = 0; f < F; f += 1) {
    const local = fields[store.fields[f]?.name ?? ''];
    if (local === undefined) continue;
    for (let i = 0; i < local.length; i += 1) {
      const v = local[i] ?? -1;
      const term = vocabulary[v];
      if (term === undefined) {
        throw new DomainError('validation_failed', `term id ${v} is not in the vocabulary`, {
          id,
          field: store.fields[f]?.name ?? '',
        });
      }
      // mapping holds 1 + the index's term id (0: not looked up yet).
      let t = (mapping[v] ?? 0) - 1;
      if (t < 0) {
        t = termIdOrCreate(store, term);
        mapping[v] = t + 1;
      }
      termIds[at] = t;
      at += 1;
    }
  }
  return prepared;
}

/** Appends a document as a new slot: `sizes[f]` term ids per field, in field order. */
export function appendSlot(store: ForwardStore, id: string, document: DocumentTermIds): void {
  const { sizes, termIds } = document;
  const F = store.fieldCount;
  let total = 0;
  for (let f = 0; f < F; f += 1) total += sizes[f] ?? 0;
  reserve(store, total);
  const slot = store.slotCount;
  const first = store.entryCount;
  let next = first;
  let at = 0;
  for (let f = 0; f < F; f += 1) {
    const size = sizes[f] ?? 0;
    store.lengths[slot * F + f] = size;
    store.lengthSums[f] = (store.lengthSums[f] ?? 0) + size;
    for (const end = at + size; at < end; at += 1) {
      const t = termIds[at] ?? 0;
      let row = (store.rowOf[t] ?? 0) - 1;
      if (row < 0) {
        row = next;
        next += 1;
        store.rowOf[t] = row + 1;
        store.entryTerms[row] = t;
        store.entryFreqs.fill(0, row * F, row * F + F);
      }
      const cell = row * F + f;
      store.entryFreqs[cell] = Math.min(MAX_TF, (store.entryFreqs[cell] ?? 0) + 1);
    }
  }
  for (let e = first; e < next; e += 1) {
    const t = store.entryTerms[e] ?? 0;
    store.rowOf[t] = 0;
    store.df[t] = (store.df[t] ?? 0) + 1;
  }
  store.entryCount = next;
  store.slotStart[slot + 1] = next;
  store.alive[slot] = 1;
  store.slotIds[slot] = id;
  store.idToSlot.set(id, slot);
  store.slotCount = slot + 1;
  store.live += 1;
  store.changes += 1;
}

/** Marks the slot of `id` dead (statistics adjusted at once); its slot, or -1 when absent. */
export function removeSlot(store: ForwardStore, id: string): number {
  const slot = store.idToSlot.get(id);
  if (slot === undefined) return -1;
  const F = store.fieldCount;
  for (let e = store.slotStart[slot] ?? 0; e < (store.slotStart[slot + 1] ?? 0); e += 1) {
    const t = store.entryTerms[e] ?? 0;
    store.df[t] = (store.df[t] ?? 1) - 1;
  }
  for (let f = 0; f < F; f += 1) {
    store.lengthSums[f] = (store.lengthSums[f] ?? 0) - (store.lengths[slot * F + f] ?? 0);
  }
  store.alive[slot] = 0;
  store.idToSlot.delete(id);
  store.live -= 1;
  store.dead += 1;
  return slot;
}

/** Drops removed slots (slots renumbered, order kept). */
export function compact(store: ForwardStore): void {
  const F = store.fieldCount;
  let entries = 0;
  for (let s = 0; s < store.slotCount; s += 1) {
    if (store.alive[s] === 1) entries += (store.slotStart[s + 1] ?? 0) - (store.slotStart[s] ?? 0);
  }
  const slotStart = new Uint32Array(store.live + 1);
  const lengths = new Uint32Array(store.live * F);
  const entryTerms = new Uint32Array(entries);
  const entryFreqs = new Uint16Array(entries * F);
  let d = 0;
  let at = 0;
  for (let s = 0; s < store.slotCount; s += 1) {
    if (store.alive[s] !== 1) continue;
    const from = store.slotStart[s] ?? 0;
    const to = store.slotStart[s + 1] ?? from;
    entryTerms.set(store.entryTerms.subarray(from, to), at);
    entryFreqs.set(store.entryFreqs.subarray(from * F, to * F), at * F);
    lengths.set(store.lengths.subarray(s * F, s * F + F), d * F);
    const id = store.slotIds[s] ?? '';
    store.slotIds[d] = id;
    store.idToSlot.set(id, d);
    at += to - from;
    d += 1;
    slotStart[d] = at;
  }
  store.slotIds.length = d;
  store.slotStart = slotStart;
  store.lengths = lengths;
  store.entryTerms = entryTerms;
  store.entryFreqs = entryFreqs;
  store.alive = new Uint8Array(d).fill(1);
  store.entryCount = at;
  store.slotCount = d;
  store.dead = 0;
}

export function documentFrequency(store: ForwardStore, term: string): number {
  const t = store.vocabulary.get(term);
  return t === undefined ? 0 : (store.df[t] ?? 0);
}

export function idfOf(store: ForwardStore, df: number): number {
  return Math.log(1 + (store.live - df + 0.5) / (df + 0.5));
}

/** Current average length of each field. */
export function averages(store: ForwardStore): Float64Array {
  const F = store.fieldCount;
  const avg = new Float64Array(F);
  for (let f = 0; f < F; f += 1)
    avg[f] = store.live > 0 ? (store.lengthSums[f] ?? 0) / store.live : 0;
  return avg;
}

/** (1 - b_f, b_f/avg_f) per field (norm 1 when a field's average is 0). */
export function normsOf(store: ForwardStore, avg: Float64Array): Float64Array {
  const F = store.fieldCount;
  const norms = new Float64Array(2 * F);
  for (let f = 0; f < F; f += 1) {
    const a = avg[f] ?? 0;
    const b = store.bs[f] ?? 0;
    norms[2 * f] = a > 0 ? 1 - b : 1;
    norms[2 * f + 1] = a > 0 ? b / a : 0;
  }
  return norms;
}

/**
 * Σ_f w_f·tf_f / (1 - b_f + b_f·len_f/avg_f) of the fieldCount frequencies at freqs[base..]
 * for a slot, with `norms` from `normsOf`. The one formula of scoring, explanations and
 * bounds.
 */
export function pseudo(
  store: ForwardStore,
  freqs: Uint16Array,
  base: number,
  slot: number,
  norms: Float64Array,
): number {
  const F = store.fieldCount;
  const { lengths, weights } = store;
  let sum = 0;
  for (let f = 0; f < F; f += 1) {
    const tf = freqs[base + f] ?? 0;
    if (tf === 0) continue;
    const norm = (norms[2 * f] ?? 1) + (norms[2 * f + 1] ?? 0) * (lengths[slot * F + f] ?? 0);
    sum += ((weights[f] ?? 0) * tf) / norm;
  }
  return sum;
}

/** How `term` scores in the document `id` at the current averages. */
export function scoreTerm(store: ForwardStore, id: string, term: string): TermScore | undefined {
  const slot = store.idToSlot.get(id);
  const t = store.vocabulary.get(term);
  if (slot === undefined || t === undefined) return undefined;
  const F = store.fieldCount;
  let row = -1;
  for (let e = store.slotStart[slot] ?? 0; e < (store.slotStart[slot + 1] ?? 0); e += 1) {
    if (store.entryTerms[e] === t) {
      row = e;
      break;
    }
  }
  if (row < 0) return undefined;
  const frequencies: Record<string, number> = {};
  store.fields.forEach((field, f) => {
    frequencies[field.name] = store.entryFreqs[row * F + f] ?? 0;
  });
  const p = pseudo(store, store.entryFreqs, row * F, slot, normsOf(store, averages(store)));
  const idf = idfOf(store, store.df[t] ?? 0);
  return {
    term,
    idf,
    frequencies,
    pseudoFrequency: p,
    score: p > 0 ? (idf * p) / (store.k1 + p) : 0,
  };
}

/** Terms of the document `id` with their field-weighted frequencies. */
export function documentVector(store: ForwardStore, id: string): DocumentVector | undefined {
  const slot = store.idToSlot.get(id);
  if (slot === undefined) return undefined;
  const F = store.fieldCount;
  const terms = new Map<string, number>();
  for (let e = store.slotStart[slot] ?? 0; e < (store.slotStart[slot + 1] ?? 0); e += 1) {
    let weighted = 0;
    for (let f = 0; f < F; f += 1) {
      weighted += (store.weights[f] ?? 0) * (store.entryFreqs[e * F + f] ?? 0);
    }
    if (weighted > 0) terms.set(store.termStrings[store.entryTerms[e] ?? 0] ?? '', weighted);
  }
  let length = 0;
  for (let f = 0; f < F; f += 1)
    length += (store.weights[f] ?? 0) * (store.lengths[slot * F + f] ?? 0);
  return { terms, length };
}
