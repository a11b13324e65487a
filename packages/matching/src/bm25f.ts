/**
 * In-memory inverted index scored with BM25F (Robertson & Zaragoza's field-weighted BM25):
 * per term, field frequencies are length-normalised per field, weighted, summed into one
 * pseudo-frequency and saturated once. Documents can be added, replaced and removed live;
 * every change is visible to the next query.
 *
 * Layout (typed arrays, no object per document or posting):
 * - a forward store: the (term id, field frequencies) entries of every document, appended
 *   slot after slot; it undoes a document, feeds co-occurrence, feedback and explanations,
 *   and is the serialised form;
 * - static postings (CSR) built from it in two passes (count, then fill), sorted by slot,
 *   each with its impact (the pseudo-frequency at the reference averages, a float32 rounded
 *   up), and the largest impact of every block of 128 postings (block-max bounds);
 * - tail lists for the documents added since: a live edit costs its own terms. Removal
 *   marks a slot dead (statistics adjusted at once). The static postings are rebuilt when
 *   the tail grows past a quarter of them, when many slots are dead (then compacted), or
 *   when an average field length drifted so far that the bounds would be loose. Bulk
 *   loads cost one rebuild, at `flush()` or the first query.
 *
 * Search is exact top k with block-max MaxScore (see `searchPruned`); `exhaustive` scores
 * every posting and is the reference it is tested against.
 */
import { z } from 'zod';
import { DomainError } from '#core/domain-error.ts';

export interface FieldSpec {
  readonly name: string;
  /** Field weight w_f (e.g. title 3, keywords 2, abstract 1). */
  readonly weight: number;
  /** Length normalisation b_f in [0, 1] (default 0.75). */
  readonly b?: number;
}

export interface Bm25fOptions {
  readonly fields: readonly FieldSpec[];
  /** Saturation k1 (default 1.2). */
  readonly k1?: number;
}

export interface WeightedTerm {
  readonly term: string;
  readonly weight: number;
}

export interface SearchHit {
  readonly id: string;
  readonly score: number;
}

export interface SearchOptions {
  /** Documents never returned (e.g. the need itself). */
  readonly exclude?: ReadonlySet<string>;
  /**
   * Score every document of every query term instead of pruning (same results; the
   * reference for tests and measurements).
   */
  readonly exhaustive?: boolean;
  /**
   * Documents to score first (e.g. the hits of a similar query): a good guess of the top k
   * raises the pruning threshold from the start. The results do not depend on it.
   */
  readonly seeds?: readonly string[];
}

/** How one term scores in one document. */
export interface TermScore {
  readonly term: string;
  readonly idf: number;
  /** Raw term frequency per field name. */
  readonly frequencies: Readonly<Record<string, number>>;
  /** Length-normalised, field-weighted pseudo-frequency. */
  readonly pseudoFrequency: number;
  /** idf · tf~/(k1 + tf~), before the query weight. */
  readonly score: number;
}

/** Terms of one document with their field-weighted frequencies. */
export interface DocumentVector {
  readonly terms: ReadonlyMap<string, number>;
  /** Field-weighted length Σ w_f·len_f. */
  readonly length: number;
}

export interface CooccurrenceCounts {
  /** Number of documents containing the term that were looked at. */
  readonly sampled: number;
  /** Other term → number of those documents containing it. */
  readonly counts: ReadonlyMap<string, number>;
}

export interface SerializedBm25fIndex {
  readonly version: 1;
  readonly fields: readonly Required<FieldSpec>[];
  readonly k1: number;
  readonly terms: readonly string[];
  readonly ids: readonly string[];
  /** ids.length + 1 offsets into docTermIds. */
  readonly docTermOffsets: Uint32Array;
  readonly docTermIds: Uint32Array;
  /** fields.length frequencies per (document, term). */
  readonly docTermFrequencies: Uint16Array;
  /** fields.length lengths per document. */
  readonly fieldLengths: Uint32Array;
}

export interface Bm25fIndex {
  readonly fields: readonly Required<FieldSpec>[];
  readonly k1: number;
  /** Number of live documents. */
  readonly documentCount: number;
  /** Increases at every change; caches keyed on it stay consistent with live edits. */
  readonly revision: number;
  upsert(id: string, fields: Readonly<Record<string, readonly string[]>>): void;
  /**
   * `upsert` with each field's terms given as positions in `vocabulary` (e.g. an analysis
   * worker's, which only grows): each distinct term is looked up once per vocabulary, not at
   * every occurrence. The same index as `upsert` with the terms themselves.
   */
  upsertTermIds(
    id: string,
    fields: Readonly<Record<string, ArrayLike<number>>>,
    vocabulary: readonly string[],
  ): void;
  remove(id: string): boolean;
  has(id: string): boolean;
  ids(): string[];
  search(query: readonly WeightedTerm[], k: number, options?: SearchOptions): SearchHit[];
  /**
   * Brings the postings up to date with the documents added so far (otherwise the next
   * query does it): after a bulk load, so that the first query does not pay for it.
   */
  flush(): void;
  documentFrequency(term: string): number;
  idf(term: string): number;
  scoreTerm(id: string, term: string): TermScore | undefined;
  documentVector(id: string): DocumentVector | undefined;
  /** Co-occurring terms of `term` in up to maxDocuments of its documents (counts ≥ minCount, default 1). */
  cooccurrence(term: string, maxDocuments: number, minCount?: number): CooccurrenceCounts;
  serialize(): SerializedBm25fIndex;
}

const MAX_TF = 0xffff;
/** Postings per block of the block-max upper bounds. */
const BLOCK_SHIFT = 7;
const BLOCK = 1 << BLOCK_SHIFT;
/** Bounds and partial sums are compared with this relative slack (floating-point rounding). */
const SLACK = 1 + 1e-9;
/** Postings added since the last rebuild that are kept in per-term tail lists at most. */
const TAIL_MIN = 65_536;
/** The bounds are rebuilt when an average field length grew by more than this factor. */
const MAX_DRIFT = 1.25;
const END = 0x7fffffff;
/** Slots per window of the accumulate-then-complete search. */
const WINDOW = 4096;
/** Marks of slots during a search. */
const EXCLUDED = 1;
const SEEDED = 2;

type Typed = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

const float32Scratch = new Float32Array(1);
const float32Bits = new Uint32Array(float32Scratch.buffer);

/** The smallest float32 ≥ x (x ≥ 0): stored impacts must never be below the true value. */
function roundUpToFloat32(x: number): number {
  float32Scratch[0] = x;
  if ((float32Scratch[0] ?? 0) < x) float32Bits[0] = (float32Bits[0] ?? 0) + 1;
  return float32Scratch[0] ?? 0;
}

/** `array` with room for `size` elements (doubling, contents kept). */
function grown<T extends Typed>(array: T, size: number, make: (n: number) => T): T {
  if (size <= array.length) return array;
  const next = make(Math.max(size, array.length * 2, 16));
  next.set(array);
  return next;
}

/** Postings of one term added after the last rebuild (slots in increasing order). */
interface TailList {
  docs: Int32Array;
  /** Impact of each posting: its pseudo-frequency at the reference averages, rounded up. */
  impacts: Float32Array;
  size: number;
  /** Largest impact of the list. */
  max: number;
}

/** A position in one posting list during a search. */
class Cursor {
  pos: number;
  /** Document at `pos`; END once exhausted. */
  cur: number;
  /** Current block (static lists), its last document and its bound (× SLACK). */
  block: number;
  blockLastDoc = END;
  blockUb = 0;
  ub = 0;
  constructor(
    readonly docs: Int32Array,
    readonly impacts: Float32Array,
    readonly begin: number,
    readonly end: number,
    /** First block of the list in the block arrays, -1 for a tail list. */
    readonly blockBase: number,
    readonly blockEnd: number,
    /** Index of the query term in canonical (term id) order. */
    readonly canon: number,
    readonly factor: number,
    /** Largest impact of the list (a pseudo-frequency at the reference averages). */
    readonly maxPseudo: number,
  ) {
    this.pos = begin;
    this.cur = end > begin ? (docs[begin] ?? END) : END;
    this.block = blockBase;
  }
}

class MinHeap {
  readonly scores: number[] = [];
  readonly ids: string[] = [];

  get size(): number {
    return this.scores.length;
  }

  /** a ranks below b: lower score, or equal score and later id. */
  private below(i: number, j: number): boolean {
    const si = this.scores[i] ?? 0;
    const sj = this.scores[j] ?? 0;
    if (si !== sj) return si < sj;
    return (this.ids[i] ?? '') > (this.ids[j] ?? '');
  }

  private swap(i: number, j: number): void {
    const s = this.scores[i] ?? 0;
    this.scores[i] = this.scores[j] ?? 0;
    this.scores[j] = s;
    const d = this.ids[i] ?? '';
    this.ids[i] = this.ids[j] ?? '';
    this.ids[j] = d;
  }

  get minScore(): number {
    return this.scores[0] ?? 0;
  }

  push(score: number, id: string): void {
    this.scores.push(score);
    this.ids.push(id);
    let i = this.scores.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.below(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** True when (score, id) would enter a full heap. */
  beats(score: number, id: string): boolean {
    const top = this.scores[0] ?? 0;
    if (score !== top) return score > top;
    return id < (this.ids[0] ?? '');
  }

  replaceTop(score: number, id: string): void {
    this.scores[0] = score;
    this.ids[0] = id;
    let i = 0;
    const n = this.scores.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.below(l, m)) m = l;
      if (r < n && this.below(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }

  offer(score: number, id: string, k: number): void {
    if (this.size < k) this.push(score, id);
    else if (this.beats(score, id)) this.replaceTop(score, id);
  }

  hits(): SearchHit[] {
    const hits = this.scores.map((score, i) => ({ id: this.ids[i] ?? '', score }));
    hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return hits;
  }
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

const EMPTY_I32 = new Int32Array(0);
const EMPTY_F32 = new Float32Array(0);
const EMPTY_F64 = new Float64Array(0);

class InvertedIndex implements Bm25fIndex {
  readonly fields: readonly Required<FieldSpec>[];
  readonly k1: number;
  private readonly fieldCount: number;
  private readonly fieldIndex = new Map<string, number>();
  private readonly weights: Float64Array;
  private readonly bs: Float64Array;

  // Vocabulary: interned term ids.
  private readonly vocabulary = new Map<string, number>();
  private readonly termStrings: string[] = [];
  /** Per foreign vocabulary (`upsertTermIds`): 1 + this index's id of each of its terms. */
  private readonly foreignIds = new WeakMap<readonly string[], Int32Array>();
  private termIdBuffer = new Uint32Array(256);
  private df = new Int32Array(0);

  // Forward store: the entries (term, fieldCount frequencies) of slot s are
  // slotStart[s] .. slotStart[s + 1]; slots are only appended.
  private slotCount = 0;
  private readonly slotIds: string[] = [];
  private readonly idToSlot = new Map<string, number>();
  private slotStart: Uint32Array = new Uint32Array(1);
  private alive = new Uint8Array(0);
  private lengths: Uint32Array = new Uint32Array(0);
  private entryCount = 0;
  private entryTerms: Uint32Array = new Uint32Array(0);
  private entryFreqs: Uint16Array = new Uint16Array(0);
  private readonly lengthSums: Float64Array;
  private live = 0;
  private changes = 0;

  // Postings of slots < staticSlots, per term id < staticTerms, sorted by slot (CSR), with
  // the largest impact of each block of BLOCK postings.
  private staticSlots = 0;
  private staticTerms = 0;
  private postStart = new Uint32Array(1);
  private postDocs = EMPTY_I32;
  /**
   * Impact of each posting: its pseudo-frequency at refAvg rounded up to a float32, so that
   * the search bounds and accumulates without reading field lengths; exact scores come from
   * the forward store.
   */
  private postImpacts = EMPTY_F32;
  private blockStart = new Uint32Array(1);
  private blockLast = EMPTY_I32;
  private blockMax = EMPTY_F64;
  private termMax = EMPTY_F64;
  private readonly refAvg: Float64Array;
  /** Removed slots whose postings are still in the static lists. */
  private deadInStatic = 0;
  private dead = 0;

  // Postings of slots staticSlots .. indexedSlots, per term.
  private indexedSlots = 0;
  private readonly tail = new Map<number, TailList>();
  private tailPostings = 0;

  private seen = new Uint8Array(0);
  private marks = new Uint8Array(0);
  private readonly windowAcc = new Float64Array(WINDOW);
  /** Slots of the window that some essential list holds (one bit each). */
  private readonly windowBits = new Uint32Array(WINDOW >> 5);
  private readonly windowOffsets = new Int32Array(WINDOW);
  private canonOf = new Int32Array(0);
  private rowOf = new Int32Array(0);
  private cooccurrenceScratch = new Uint32Array(0);

  constructor(fields: readonly FieldSpec[], k1: number) {
    this.fields = resolveFields(fields);
    this.k1 = k1;
    this.fieldCount = this.fields.length;
    this.weights = Float64Array.from(this.fields.map((f) => f.weight));
    this.bs = Float64Array.from(this.fields.map((f) => f.b));
    this.lengthSums = new Float64Array(this.fieldCount);
    this.refAvg = new Float64Array(this.fieldCount);
    this.fields.forEach((f, i) => this.fieldIndex.set(f.name, i));
  }

  get documentCount(): number {
    return this.live;
  }

  get revision(): number {
    return this.changes;
  }

  private termIdOrCreate(term: string): number {
    let id = this.vocabulary.get(term);
    if (id === undefined) {
      id = this.termStrings.length;
      this.vocabulary.set(term, id);
      this.termStrings.push(term);
      this.df = grown(this.df, id + 1, (n) => new Int32Array(n));
      this.rowOf = grown(this.rowOf, id + 1, (n) => new Int32Array(n));
    }
    return id;
  }

  /** Room for one more slot and `entries` more entries. */
  private reserve(entries: number): void {
    const F = this.fieldCount;
    const slots = this.slotCount + 1;
    this.slotStart = grown(this.slotStart, slots + 1, (n) => new Uint32Array(n));
    this.alive = grown(this.alive, slots, (n) => new Uint8Array(n));
    this.lengths = grown(this.lengths, slots * F, (n) => new Uint32Array(n));
    const need = this.entryCount + entries;
    this.entryTerms = grown(this.entryTerms, need, (n) => new Uint32Array(n));
    this.entryFreqs = grown(this.entryFreqs, need * F, (n) => new Uint16Array(n));
  }

  upsert(id: string, fields: Readonly<Record<string, readonly string[]>>): void {
    const F = this.fieldCount;
    const { sizes, termIds } = this.prepareInsert(id, fields);
    let at = 0;
    for (let f = 0; f < F; f += 1) {
      for (const term of fields[this.fields[f]?.name ?? ''] ?? []) {
        termIds[at] = this.termIdOrCreate(term);
        at += 1;
      }
    }
    this.insert(id, sizes, termIds);
  }

  upsertTermIds(
    id: string,
    fields: Readonly<Record<string, ArrayLike<number>>>,
    vocabulary: readonly string[],
  ): void {
    const F = this.fieldCount;
    let mapping = this.foreignIds.get(vocabulary) ?? EMPTY_I32;
    if (mapping.length < vocabulary.length) {
      mapping = grown(mapping, vocabulary.length, (n) => new Int32Array(n));
      this.foreignIds.set(vocabulary, mapping);
    }
    const { sizes, termIds } = this.prepareInsert(id, fields);
    let at = 0;
    for (let f = 0; f < F; f += 1) {
      const local = fields[this.fields[f]?.name ?? ''];
      if (local === undefined) continue;
      for (let i = 0; i < local.length; i += 1) {
        const v = local[i] ?? -1;
        const term = vocabulary[v];
        if (term === undefined) {
          throw new DomainError('validation_failed', `term id ${v} is not in the vocabulary`, {
            id,
            field: this.fields[f]?.name ?? '',
          });
        }
        // mapping holds 1 + the index's term id (0: not looked up yet).
        let t = (mapping[v] ?? 0) - 1;
        if (t < 0) {
          t = this.termIdOrCreate(term);
          mapping[v] = t + 1;
        }
        termIds[at] = t;
        at += 1;
      }
    }
    this.insert(id, sizes, termIds);
  }

  /**
   * Checks the field names; each index field's number of terms (in field order) and room for
   * their ids.
   */
  private prepareInsert(
    id: string,
    fields: Readonly<Record<string, ArrayLike<unknown>>>,
  ): { sizes: Int32Array; termIds: Uint32Array } {
    for (const name of Object.keys(fields)) {
      if (!this.fieldIndex.has(name)) {
        throw new DomainError('validation_failed', `unknown field ${name}`, { field: name, id });
      }
    }
    const F = this.fieldCount;
    const sizes = new Int32Array(F);
    let total = 0;
    for (let f = 0; f < F; f += 1) {
      sizes[f] = fields[this.fields[f]?.name ?? '']?.length ?? 0;
      total += sizes[f] ?? 0;
    }
    if (this.termIdBuffer.length < total) {
      this.termIdBuffer = new Uint32Array(Math.max(total, this.termIdBuffer.length * 2));
    }
    return { sizes, termIds: this.termIdBuffer };
  }

  /** Stores a document: `sizes[f]` term ids per field, in field order, in `termIds`. */
  private insert(id: string, sizes: Int32Array, termIds: Uint32Array): void {
    const F = this.fieldCount;
    let total = 0;
    for (let f = 0; f < F; f += 1) total += sizes[f] ?? 0;
    this.removeSlot(id);
    this.reserve(total);
    const slot = this.slotCount;
    const first = this.entryCount;
    let next = first;
    let at = 0;
    for (let f = 0; f < F; f += 1) {
      const size = sizes[f] ?? 0;
      this.lengths[slot * F + f] = size;
      this.lengthSums[f] = (this.lengthSums[f] ?? 0) + size;
      for (const end = at + size; at < end; at += 1) {
        const t = termIds[at] ?? 0;
        let row = (this.rowOf[t] ?? 0) - 1;
        if (row < 0) {
          row = next;
          next += 1;
          this.rowOf[t] = row + 1;
          this.entryTerms[row] = t;
          this.entryFreqs.fill(0, row * F, row * F + F);
        }
        const cell = row * F + f;
        this.entryFreqs[cell] = Math.min(MAX_TF, (this.entryFreqs[cell] ?? 0) + 1);
      }
    }
    for (let e = first; e < next; e += 1) {
      const t = this.entryTerms[e] ?? 0;
      this.rowOf[t] = 0;
      this.df[t] = (this.df[t] ?? 0) + 1;
    }
    this.entryCount = next;
    this.slotStart[slot + 1] = next;
    this.alive[slot] = 1;
    this.slotIds[slot] = id;
    this.idToSlot.set(id, slot);
    this.slotCount = slot + 1;
    this.live += 1;
    this.changes += 1;
  }

  private removeSlot(id: string): boolean {
    const slot = this.idToSlot.get(id);
    if (slot === undefined) return false;
    const F = this.fieldCount;
    for (let e = this.slotStart[slot] ?? 0; e < (this.slotStart[slot + 1] ?? 0); e += 1) {
      const t = this.entryTerms[e] ?? 0;
      this.df[t] = (this.df[t] ?? 1) - 1;
    }
    for (let f = 0; f < F; f += 1) {
      this.lengthSums[f] = (this.lengthSums[f] ?? 0) - (this.lengths[slot * F + f] ?? 0);
    }
    this.alive[slot] = 0;
    this.idToSlot.delete(id);
    this.live -= 1;
    this.dead += 1;
    if (slot < this.staticSlots) this.deadInStatic += 1;
    return true;
  }

  remove(id: string): boolean {
    const removed = this.removeSlot(id);
    if (removed) this.changes += 1;
    return removed;
  }

  has(id: string): boolean {
    return this.idToSlot.has(id);
  }

  ids(): string[] {
    return [...this.idToSlot.keys()];
  }

  documentFrequency(term: string): number {
    const t = this.vocabulary.get(term);
    return t === undefined ? 0 : (this.df[t] ?? 0);
  }

  private idfOf(df: number): number {
    return Math.log(1 + (this.live - df + 0.5) / (df + 0.5));
  }

  idf(term: string): number {
    return this.idfOf(this.documentFrequency(term));
  }

  /** Current average length of each field. */
  private averages(): Float64Array {
    const F = this.fieldCount;
    const avg = new Float64Array(F);
    for (let f = 0; f < F; f += 1)
      avg[f] = this.live > 0 ? (this.lengthSums[f] ?? 0) / this.live : 0;
    return avg;
  }

  /** (1 - b_f, b_f/avg_f) per field (norm 1 when a field's average is 0). */
  private normsOf(avg: Float64Array): Float64Array {
    const F = this.fieldCount;
    const norms = new Float64Array(2 * F);
    for (let f = 0; f < F; f += 1) {
      const a = avg[f] ?? 0;
      const b = this.bs[f] ?? 0;
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
  private pseudo(freqs: Uint16Array, base: number, slot: number, norms: Float64Array): number {
    const F = this.fieldCount;
    let pseudo = 0;
    for (let f = 0; f < F; f += 1) {
      const tf = freqs[base + f] ?? 0;
      if (tf === 0) continue;
      const norm =
        (norms[2 * f] ?? 1) + (norms[2 * f + 1] ?? 0) * (this.lengths[slot * F + f] ?? 0);
      pseudo += ((this.weights[f] ?? 0) * tf) / norm;
    }
    return pseudo;
  }

  /**
   * How much larger a pseudo-frequency can be now than at the reference averages: with
   * avg' ≥ avg, 1 - b + b·len/avg' ≥ (avg/avg')·(1 - b + b·len/avg), so every field's part
   * grows by at most avg'/avg; a shorter average only shrinks it.
   */
  private drift(avg: Float64Array): number {
    let rho = 1;
    for (let f = 0; f < this.fieldCount; f += 1) {
      const now = avg[f] ?? 0;
      const ref = this.refAvg[f] ?? 0;
      if (now <= ref) continue;
      rho = Math.max(rho, ref > 0 ? now / ref : Number.POSITIVE_INFINITY);
    }
    return rho;
  }

  flush(): void {
    this.ensurePostings();
  }

  /** Brings the postings up to date with the forward store (live edits, drift, removals). */
  private ensurePostings(): void {
    const avg = this.averages();
    const pending =
      (this.slotStart[this.slotCount] ?? 0) - (this.slotStart[this.indexedSlots] ?? 0);
    const staticPostings = this.postDocs.length;
    if (
      this.drift(avg) > MAX_DRIFT ||
      this.deadInStatic > Math.max(1_024, this.live) ||
      this.tailPostings + pending > Math.max(TAIL_MIN, staticPostings / 4)
    ) {
      this.rebuild();
      return;
    }
    if (this.indexedSlots < this.slotCount) this.extendTail();
  }

  /** Adds the postings of slots indexedSlots .. slotCount to the tail lists. */
  private extendTail(): void {
    const F = this.fieldCount;
    const ref = this.normsOf(this.refAvg);
    for (let slot = this.indexedSlots; slot < this.slotCount; slot += 1) {
      if (this.alive[slot] !== 1) continue;
      for (let e = this.slotStart[slot] ?? 0; e < (this.slotStart[slot + 1] ?? 0); e += 1) {
        const t = this.entryTerms[e] ?? 0;
        let list = this.tail.get(t);
        if (list === undefined) {
          list = { docs: new Int32Array(4), impacts: new Float32Array(4), size: 0, max: 0 };
          this.tail.set(t, list);
        }
        if (list.size === list.docs.length) {
          list.docs = grown(list.docs, list.size + 1, (n) => new Int32Array(n));
          list.impacts = grown(list.impacts, list.size + 1, (n) => new Float32Array(n));
        }
        const impact = roundUpToFloat32(this.pseudo(this.entryFreqs, e * F, slot, ref));
        list.docs[list.size] = slot;
        list.impacts[list.size] = impact;
        list.max = Math.max(list.max, impact);
        list.size += 1;
        this.tailPostings += 1;
      }
    }
    this.indexedSlots = this.slotCount;
  }

  /** Drops removed slots from the forward store (slots renumbered, order kept). */
  private compact(): void {
    const F = this.fieldCount;
    let entries = 0;
    for (let s = 0; s < this.slotCount; s += 1) {
      if (this.alive[s] === 1) entries += (this.slotStart[s + 1] ?? 0) - (this.slotStart[s] ?? 0);
    }
    const slotStart = new Uint32Array(this.live + 1);
    const lengths = new Uint32Array(this.live * F);
    const entryTerms = new Uint32Array(entries);
    const entryFreqs = new Uint16Array(entries * F);
    let d = 0;
    let at = 0;
    for (let s = 0; s < this.slotCount; s += 1) {
      if (this.alive[s] !== 1) continue;
      const from = this.slotStart[s] ?? 0;
      const to = this.slotStart[s + 1] ?? from;
      entryTerms.set(this.entryTerms.subarray(from, to), at);
      entryFreqs.set(this.entryFreqs.subarray(from * F, to * F), at * F);
      lengths.set(this.lengths.subarray(s * F, s * F + F), d * F);
      const id = this.slotIds[s] ?? '';
      this.slotIds[d] = id;
      this.idToSlot.set(id, d);
      at += to - from;
      d += 1;
      slotStart[d] = at;
    }
    this.slotIds.length = d;
    this.slotStart = slotStart;
    this.lengths = lengths;
    this.entryTerms = entryTerms;
    this.entryFreqs = entryFreqs;
    this.alive = new Uint8Array(d).fill(1);
    this.entryCount = at;
    this.slotCount = d;
    this.dead = 0;
  }

  /** Rebuilds the static postings from the forward store in two passes (count, then fill). */
  private rebuild(): void {
    const F = this.fieldCount;
    if (this.dead > 0 && this.dead * 8 > this.slotCount) this.compact();
    // Free the old postings before allocating the new ones.
    this.postDocs = EMPTY_I32;
    this.postImpacts = EMPTY_F32;
    this.blockLast = EMPTY_I32;
    this.blockMax = EMPTY_F64;
    this.tail.clear();
    this.tailPostings = 0;
    const T = this.termStrings.length;
    const S = this.slotCount;
    const { alive, slotStart, entryTerms, entryFreqs } = this;
    const postStart = new Uint32Array(T + 1);
    for (let s = 0; s < S; s += 1) {
      if (alive[s] !== 1) continue;
      for (let e = slotStart[s] ?? 0; e < (slotStart[s + 1] ?? 0); e += 1) {
        const t = entryTerms[e] ?? 0;
        postStart[t + 1] = (postStart[t + 1] ?? 0) + 1;
      }
    }
    const blockStart = new Uint32Array(T + 1);
    for (let t = 0; t < T; t += 1) {
      const n = postStart[t + 1] ?? 0;
      postStart[t + 1] = (postStart[t] ?? 0) + n;
      blockStart[t + 1] = (blockStart[t] ?? 0) + ((n + BLOCK - 1) >> BLOCK_SHIFT);
    }
    const total = postStart[T] ?? 0;
    const docs = new Int32Array(total);
    const impacts = new Float32Array(total);
    this.refAvg.set(this.averages());
    const ref = this.normsOf(this.refAvg);
    const fill = postStart.slice(0, T);
    for (let s = 0; s < S; s += 1) {
      if (alive[s] !== 1) continue;
      for (let e = slotStart[s] ?? 0; e < (slotStart[s + 1] ?? 0); e += 1) {
        const t = entryTerms[e] ?? 0;
        const p = fill[t] ?? 0;
        fill[t] = p + 1;
        docs[p] = s;
        impacts[p] = roundUpToFloat32(this.pseudo(entryFreqs, e * F, s, ref));
      }
    }
    const blocks = blockStart[T] ?? 0;
    const blockLast = new Int32Array(blocks);
    const blockMax = new Float64Array(blocks);
    const termMax = new Float64Array(T);
    for (let t = 0; t < T; t += 1) {
      const from = postStart[t] ?? 0;
      const to = postStart[t + 1] ?? from;
      let b = blockStart[t] ?? 0;
      let best = 0;
      for (let p = from; p < to; p += BLOCK) {
        const last = Math.min(to, p + BLOCK);
        let max = 0;
        for (let q = p; q < last; q += 1) max = Math.max(max, impacts[q] ?? 0);
        blockLast[b] = docs[last - 1] ?? 0;
        blockMax[b] = max;
        best = Math.max(best, max);
        b += 1;
      }
      termMax[t] = best;
    }
    this.postStart = postStart;
    this.postDocs = docs;
    this.postImpacts = impacts;
    this.blockStart = blockStart;
    this.blockLast = blockLast;
    this.blockMax = blockMax;
    this.termMax = termMax;
    this.staticTerms = T;
    this.staticSlots = S;
    this.indexedSlots = S;
    this.deadInStatic = 0;
  }

  /** Query terms merged by term id (the canonical order of every score sum). */
  private mergeQuery(query: readonly WeightedTerm[]): { t: number; weight: number }[] {
    const merged = new Map<number, number>();
    for (const { term, weight } of query) {
      if (!(weight > 0)) continue;
      const t = this.vocabulary.get(term);
      if (t === undefined || (this.df[t] ?? 0) === 0) continue;
      merged.set(t, (merged.get(t) ?? 0) + weight);
    }
    return [...merged.entries()].map(([t, weight]) => ({ t, weight })).sort((a, b) => a.t - b.t);
  }

  private cursorsOf(terms: readonly { t: number; weight: number }[]): Cursor[] {
    const cursors: Cursor[] = [];
    terms.forEach(({ t, weight }, canon) => {
      const factor = this.idfOf(this.df[t] ?? 0) * weight;
      if (t < this.staticTerms) {
        const from = this.postStart[t] ?? 0;
        const to = this.postStart[t + 1] ?? from;
        if (to > from) {
          cursors.push(
            new Cursor(
              this.postDocs,
              this.postImpacts,
              from,
              to,
              this.blockStart[t] ?? 0,
              this.blockStart[t + 1] ?? 0,
              canon,
              factor,
              this.termMax[t] ?? 0,
            ),
          );
        }
      }
      const list = this.tail.get(t);
      if (list !== undefined && list.size > 0) {
        cursors.push(
          new Cursor(list.docs, list.impacts, 0, list.size, -1, -1, canon, factor, list.max),
        );
      }
    });
    return cursors;
  }

  search(query: readonly WeightedTerm[], k: number, options: SearchOptions = {}): SearchHit[] {
    if (k <= 0 || this.live === 0) return [];
    const terms = this.mergeQuery(query);
    if (terms.length === 0) return [];
    this.ensurePostings();
    const cursors = this.cursorsOf(terms);
    if (options.exhaustive === true) {
      const excluded = new Set<number>();
      for (const id of options.exclude ?? []) {
        const slot = this.idToSlot.get(id);
        if (slot !== undefined) excluded.add(slot);
      }
      return this.searchExhaustive(terms, cursors, k, excluded);
    }
    if (this.marks.length < this.slotCount) {
      this.marks = new Uint8Array(Math.max(this.slotCount, this.marks.length * 2));
    }
    const marked: number[] = [];
    for (const id of options.exclude ?? []) {
      const slot = this.idToSlot.get(id);
      if (slot !== undefined && this.marks[slot] === 0) {
        this.marks[slot] = EXCLUDED;
        marked.push(slot);
      }
    }
    try {
      return this.searchPruned(terms, cursors, k, options.seeds ?? [], marked);
    } finally {
      for (const slot of marked) this.marks[slot] = 0;
    }
  }

  /**
   * Every document of the query's lists scored exactly: the reference the pruned search must
   * equal.
   */
  private searchExhaustive(
    terms: readonly { t: number }[],
    cursors: readonly Cursor[],
    k: number,
    excluded: Set<number>,
  ): SearchHit[] {
    if (this.seen.length < this.slotCount) {
      this.seen = new Uint8Array(Math.max(this.slotCount, this.seen.length * 2));
    }
    const seen = this.seen;
    const touched: number[] = [];
    for (const c of cursors) {
      for (let p = c.begin; p < c.end; p += 1) {
        const slot = c.docs[p] ?? 0;
        if (this.alive[slot] !== 1 || seen[slot] === 1) continue;
        seen[slot] = 1;
        touched.push(slot);
      }
    }
    const heap = new MinHeap();
    const exactScore = this.exactScorer(terms, cursors, this.normsOf(this.averages()));
    try {
      for (const slot of touched) {
        seen[slot] = 0;
        if (excluded.has(slot)) continue;
        const score = exactScore(slot);
        if (score > 0) heap.offer(score, this.slotIds[slot] ?? '', k);
      }
    } finally {
      for (const { t } of terms) this.canonOf[t] = 0;
    }
    return heap.hits();
  }

  /**
   * Document at a time with block-max MaxScore (Turtle & Flood; Ding & Suel's block maxima):
   * lists in increasing order of their upper bound; once the k-th best score θ exceeds the
   * summed bounds of the weakest lists, those become non-essential: only documents of the
   * other lists are candidates, and the weak lists are probed (skipping whole blocks) only
   * while the candidate can still reach θ; runs of documents whose blocks' bounds stay below θ
   * are skipped. A term's bound is idf·weight·P/(k1 + P) at the largest impact P of
   * its list (of the block, for block bounds), scaled for the drift of the average lengths.
   * Candidates are accumulated and probed with the postings' impacts (upper bounds of their
   * contributions, no field lengths read). Exact: every document that could enter the top k
   * is scored from the forward store, summed in the same (term id) order as when scoring
   * every document.
   */
  private searchPruned(
    terms: readonly { t: number; weight: number }[],
    cursors: Cursor[],
    k: number,
    seeds: readonly string[],
    marked: number[],
  ): SearchHit[] {
    const avg = this.averages();
    const rho = this.drift(avg);
    const norms = this.normsOf(avg);
    const k1 = this.k1;
    const bound = (factor: number, pseudo: number): number => {
      const p = pseudo * rho;
      return (factor * p) / (k1 + p);
    };
    const { blockLast, blockMax, alive, marks } = this;
    const loadBlock = (c: Cursor, b: number): void => {
      c.block = b;
      c.blockLastDoc = blockLast[b] ?? END;
      c.blockUb = bound(c.factor, blockMax[b] ?? 0) * SLACK;
    };
    for (const c of cursors) {
      c.ub = bound(c.factor, c.maxPseudo);
      if (c.blockBase >= 0) loadBlock(c, c.blockBase);
      else {
        c.blockLastDoc = c.docs[c.end - 1] ?? END;
        c.blockUb = c.ub * SLACK;
      }
    }
    const lists = [...cursors].sort((a, b) => a.ub - b.ub);
    const n = lists.length;
    const upper = new Float64Array(n);
    let sum = 0;
    for (let i = 0; i < n; i += 1) {
      sum += lists[i]?.ub ?? 0;
      upper[i] = sum * SLACK;
    }
    const exhaust = (c: Cursor): void => {
      c.pos = c.end;
      c.cur = END;
    };
    /** Moves c's block to the first that may hold `target`; its bound (0: nothing left). */
    const shallow = (c: Cursor, target: number): number => {
      if (c.cur === END) return 0;
      if (c.blockLastDoc >= target) return c.blockUb;
      if (c.blockBase < 0) {
        exhaust(c);
        return 0;
      }
      let b = c.block + 1;
      while (b < c.blockEnd && (blockLast[b] ?? END) < target) b += 1;
      if (b >= c.blockEnd) {
        exhaust(c);
        return 0;
      }
      loadBlock(c, b);
      return c.blockUb;
    };
    /** Moves c to its first posting ≥ target. */
    const seek = (c: Cursor, target: number): void => {
      if (c.cur >= target) return;
      if (shallow(c, target) === 0 && c.cur === END) return;
      let lo = c.pos;
      let hi = c.end;
      if (c.blockBase >= 0) {
        const first = c.begin + ((c.block - c.blockBase) << BLOCK_SHIFT);
        if (first > lo) lo = first;
        if (first + BLOCK < hi) hi = first + BLOCK;
      }
      const docs = c.docs;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((docs[mid] ?? 0) < target) lo = mid + 1;
        else hi = mid;
      }
      c.pos = lo;
      c.cur = lo < c.end ? (docs[lo] ?? END) : END;
    };
    const heap = new MinHeap();
    let theta = Number.NEGATIVE_INFINITY;
    let essential = 0; // lists[0 .. essential) are non-essential
    const raise = (): void => {
      if (heap.size < k) return;
      theta = heap.minScore;
      while (essential < n && (upper[essential] ?? 0) < theta) essential += 1;
    };

    const exactScore = this.exactScorer(terms, cursors, norms);
    try {
      // Seeds: scored first, then never again.
      for (const id of seeds) {
        const slot = this.idToSlot.get(id);
        if (slot === undefined || marks[slot] !== 0) continue;
        marks[slot] = SEEDED;
        marked.push(slot);
        const exact = exactScore(slot);
        if (exact > 0) heap.offer(exact, id, k);
      }
      raise();

      // Windows of WINDOW slots: the essential lists' postings in the window are accumulated
      // list by list (sequential reads), then the window's candidates are taken in slot order
      // and completed from the non-essential lists while they can still reach θ.
      const { windowAcc: acc, windowBits: bits, windowOffsets: offsets } = this;
      const nextCandidate = (): number => {
        let doc = END;
        for (let i = essential; i < n; i += 1) {
          const d = (lists[i] as Cursor).cur;
          if (d < doc) doc = d;
        }
        return doc;
      };
      for (;;) {
        const start = nextCandidate();
        if (start === END) break;
        const stop = start + WINDOW;
        const ne = essential; // the partition stays fixed within a window
        const rest = ne > 0 ? (upper[ne - 1] ?? 0) : 0;
        if (heap.size >= k) {
          // Bounds of the essential lists' blocks overlapping the window.
          let ub = rest;
          for (let i = ne; i < n && ub < theta; i += 1) {
            const c = lists[i] as Cursor;
            if (c.cur >= stop) continue;
            let max = c.blockUb;
            if (c.blockBase >= 0) {
              for (
                let b = c.block + 1;
                b < c.blockEnd && (blockLast[b - 1] ?? END) < stop - 1;
                b += 1
              ) {
                const bb = bound(c.factor, blockMax[b] ?? 0) * SLACK;
                if (bb > max) max = bb;
              }
            }
            ub += max;
          }
          if (ub < theta) {
            for (let i = ne; i < n; i += 1) seek(lists[i] as Cursor, stop);
            continue;
          }
        }
        bits.fill(0);
        for (let i = ne; i < n; i += 1) {
          const c = lists[i] as Cursor;
          const docs = c.docs;
          const impacts = c.impacts;
          const factor = c.factor;
          while (c.cur < stop) {
            const off = c.cur - start;
            const p = (impacts[c.pos] ?? 0) * rho;
            const add = (factor * p) / (k1 + p);
            const word = off >> 5;
            const bit = 1 << (off & 31);
            if (((bits[word] ?? 0) & bit) === 0) {
              bits[word] = (bits[word] ?? 0) | bit;
              acc[off] = add;
            } else acc[off] = (acc[off] ?? 0) + add;
            c.pos += 1;
            c.cur = c.pos < c.end ? (docs[c.pos] ?? END) : END;
          }
          if (c.blockBase >= 0 && c.cur !== END && c.cur > c.blockLastDoc) {
            let b = c.block + 1;
            while ((blockLast[b] ?? END) < c.cur) b += 1;
            loadBlock(c, b);
          }
        }
        // Candidates in slot order, read from the bits (no sort).
        let count = 0;
        for (let w = 0; w < WINDOW >> 5; w += 1) {
          let x = bits[w] ?? 0;
          while (x !== 0) {
            const low = x & -x;
            offsets[count] = (w << 5) | (31 - Math.clz32(low));
            count += 1;
            x ^= low;
          }
        }
        for (let j = 0; j < count; j += 1) {
          const off = offsets[j] ?? 0;
          const doc = start + off;
          if (alive[doc] !== 1 || marks[doc] !== 0) continue;
          let score = acc[off] ?? 0;
          let reachable = heap.size < k || score * SLACK + rest >= theta;
          for (let i = ne - 1; i >= 0 && reachable; i -= 1) {
            const c = lists[i] as Cursor;
            if (score * SLACK + (upper[i] ?? 0) < theta) {
              reachable = false;
              break;
            }
            const below = i > 0 ? (upper[i - 1] ?? 0) : 0;
            if (score * SLACK + shallow(c, doc) + below < theta) {
              reachable = false;
              break;
            }
            seek(c, doc);
            if (c.cur !== doc) continue;
            const p = (c.impacts[c.pos] ?? 0) * rho;
            score += (c.factor * p) / (k1 + p);
          }
          if (reachable && (heap.size < k || score * SLACK >= theta)) {
            const exact = exactScore(doc);
            if (exact > 0) {
              heap.offer(exact, this.slotIds[doc] ?? '', k);
              raise();
            }
          }
        }
      }
    } finally {
      for (const { t } of terms) this.canonOf[t] = 0;
    }
    return heap.hits();
  }

  /**
   * Exact scores from the forward store at the current averages: each query term's
   * contribution summed in canonical (term id) order, whichever list holds the posting. Uses
   * the canonical-index scratch (`canonScratch`), which the caller resets.
   */
  private exactScorer(
    terms: readonly { t: number }[],
    cursors: readonly Cursor[],
    norms: Float64Array,
  ): (slot: number) => number {
    const F = this.fieldCount;
    const k1 = this.k1;
    const canonCount = terms.length;
    const canonOf = this.canonScratch(terms);
    const factors = new Float64Array(canonCount);
    for (const c of cursors) factors[c.canon] = c.factor;
    const contrib = new Float64Array(canonCount);
    const { slotStart, entryTerms, entryFreqs } = this;
    return (slot) => {
      for (let e = slotStart[slot] ?? 0; e < (slotStart[slot + 1] ?? 0); e += 1) {
        const canon = (canonOf[entryTerms[e] ?? 0] ?? 0) - 1;
        if (canon < 0) continue;
        const pseudo = this.pseudo(entryFreqs, e * F, slot, norms);
        contrib[canon] = pseudo === 0 ? 0 : ((factors[canon] ?? 0) * pseudo) / (k1 + pseudo);
      }
      let exact = 0;
      for (let j = 0; j < canonCount; j += 1) exact += contrib[j] ?? 0;
      contrib.fill(0);
      return exact;
    };
  }

  /** term id → 1 + canonical index for the query terms (reset by the caller). */
  private canonScratch(terms: readonly { t: number }[]): Int32Array {
    if (this.canonOf.length < this.termStrings.length) {
      this.canonOf = new Int32Array(Math.max(this.termStrings.length, this.canonOf.length * 2));
    }
    terms.forEach(({ t }, i) => {
      this.canonOf[t] = i + 1;
    });
    return this.canonOf;
  }

  scoreTerm(id: string, term: string): TermScore | undefined {
    const slot = this.idToSlot.get(id);
    const t = this.vocabulary.get(term);
    if (slot === undefined || t === undefined) return undefined;
    const F = this.fieldCount;
    let row = -1;
    for (let e = this.slotStart[slot] ?? 0; e < (this.slotStart[slot + 1] ?? 0); e += 1) {
      if (this.entryTerms[e] === t) {
        row = e;
        break;
      }
    }
    if (row < 0) return undefined;
    const frequencies: Record<string, number> = {};
    this.fields.forEach((field, f) => {
      frequencies[field.name] = this.entryFreqs[row * F + f] ?? 0;
    });
    const pseudo = this.pseudo(this.entryFreqs, row * F, slot, this.normsOf(this.averages()));
    const idf = this.idfOf(this.df[t] ?? 0);
    return {
      term,
      idf,
      frequencies,
      pseudoFrequency: pseudo,
      score: pseudo > 0 ? (idf * pseudo) / (this.k1 + pseudo) : 0,
    };
  }

  documentVector(id: string): DocumentVector | undefined {
    const slot = this.idToSlot.get(id);
    if (slot === undefined) return undefined;
    const F = this.fieldCount;
    const terms = new Map<string, number>();
    for (let e = this.slotStart[slot] ?? 0; e < (this.slotStart[slot + 1] ?? 0); e += 1) {
      let weighted = 0;
      for (let f = 0; f < F; f += 1) {
        weighted += (this.weights[f] ?? 0) * (this.entryFreqs[e * F + f] ?? 0);
      }
      if (weighted > 0) terms.set(this.termStrings[this.entryTerms[e] ?? 0] ?? '', weighted);
    }
    let length = 0;
    for (let f = 0; f < F; f += 1)
      length += (this.weights[f] ?? 0) * (this.lengths[slot * F + f] ?? 0);
    return { terms, length };
  }

  cooccurrence(term: string, maxDocuments: number, minCount = 1): CooccurrenceCounts {
    const t = this.vocabulary.get(term);
    const counts = new Map<string, number>();
    if (t === undefined || (this.df[t] ?? 0) === 0) return { sampled: 0, counts };
    this.ensurePostings();
    // Evenly strided over the term's postings (static list, then tail): every stride-th
    // posting, the next live one where a removed document sits.
    const segments: Int32Array[] = [];
    if (t < this.staticTerms) {
      segments.push(this.postDocs.subarray(this.postStart[t] ?? 0, this.postStart[t + 1] ?? 0));
    }
    const list = this.tail.get(t);
    if (list !== undefined) segments.push(list.docs.subarray(0, list.size));
    const stride = Math.max(1, Math.floor((this.df[t] ?? 0) / Math.max(1, maxDocuments)));
    // Counts in a scratch array over term ids (reset after use): no map per co-occurring term.
    if (this.cooccurrenceScratch.length < this.termStrings.length) {
      this.cooccurrenceScratch = new Uint32Array(
        Math.max(this.termStrings.length, this.cooccurrenceScratch.length * 2),
      );
    }
    const scratch = this.cooccurrenceScratch;
    const seen: number[] = [];
    let sampled = 0;
    for (const docs of segments) {
      let p = 0;
      while (p < docs.length && sampled < maxDocuments) {
        const slot = docs[p] ?? 0;
        p += 1;
        if (this.alive[slot] !== 1) continue;
        sampled += 1;
        for (let e = this.slotStart[slot] ?? 0; e < (this.slotStart[slot + 1] ?? 0); e += 1) {
          const other = this.entryTerms[e] ?? 0;
          if (other === t) continue;
          if (scratch[other] === 0) seen.push(other);
          scratch[other] = (scratch[other] ?? 0) + 1;
        }
        p += stride - 1;
      }
    }
    for (const other of seen) {
      const count = scratch[other] ?? 0;
      scratch[other] = 0;
      if (count >= minCount) counts.set(this.termStrings[other] ?? '', count);
    }
    return { sampled, counts };
  }

  serialize(): SerializedBm25fIndex {
    const F = this.fieldCount;
    const remap = new Int32Array(this.termStrings.length).fill(-1);
    const terms: string[] = [];
    for (let t = 0; t < this.termStrings.length; t += 1) {
      if ((this.df[t] ?? 0) > 0) {
        remap[t] = terms.length;
        terms.push(this.termStrings[t] ?? '');
      }
    }
    const ids: string[] = [];
    let total = 0;
    for (let s = 0; s < this.slotCount; s += 1) {
      if (this.alive[s] === 1) total += (this.slotStart[s + 1] ?? 0) - (this.slotStart[s] ?? 0);
    }
    const docTermOffsets = new Uint32Array(this.live + 1);
    const docTermIds = new Uint32Array(total);
    const docTermFrequencies = new Uint16Array(total * F);
    const fieldLengths = new Uint32Array(this.live * F);
    let d = 0;
    let at = 0;
    for (let s = 0; s < this.slotCount; s += 1) {
      if (this.alive[s] !== 1) continue;
      ids.push(this.slotIds[s] ?? '');
      fieldLengths.set(this.lengths.subarray(s * F, s * F + F), d * F);
      const from = this.slotStart[s] ?? 0;
      const to = this.slotStart[s + 1] ?? from;
      for (let e = from; e < to; e += 1) {
        docTermIds[at + e - from] = remap[this.entryTerms[e] ?? 0] ?? 0;
      }
      docTermFrequencies.set(this.entryFreqs.subarray(from * F, to * F), at * F);
      at += to - from;
      d += 1;
      docTermOffsets[d] = at;
    }
    return {
      version: 1,
      fields: this.fields,
      k1: this.k1,
      terms,
      ids,
      docTermOffsets,
      docTermIds,
      docTermFrequencies,
      fieldLengths,
    };
  }

  /** Loads a serialised index into this empty one: the forward store as is, then postings. */
  load(serialized: SerializedBm25fIndex): void {
    const F = this.fieldCount;
    for (const term of serialized.terms) this.termIdOrCreate(term);
    const D = serialized.ids.length;
    const E = serialized.docTermOffsets[D] ?? 0;
    if (
      serialized.docTermOffsets.length !== D + 1 ||
      serialized.docTermIds.length < E ||
      serialized.docTermFrequencies.length < E * F ||
      serialized.fieldLengths.length < D * F
    ) {
      throw new DomainError('unsupported_format', 'inconsistent serialised BM25F index');
    }
    this.slotStart = serialized.docTermOffsets;
    this.entryTerms = serialized.docTermIds;
    this.entryFreqs = serialized.docTermFrequencies;
    this.lengths = serialized.fieldLengths;
    this.alive = new Uint8Array(D).fill(1);
    this.entryCount = E;
    const T = this.termStrings.length;
    for (let e = 0; e < E; e += 1) {
      const t = this.entryTerms[e] ?? 0;
      if (t >= T) throw new DomainError('unsupported_format', 'term id out of range');
      this.df[t] = (this.df[t] ?? 0) + 1;
    }
    for (let d = 0; d < D; d += 1) {
      const id = serialized.ids[d] ?? '';
      this.slotIds.push(id);
      this.idToSlot.set(id, d);
      for (let f = 0; f < F; f += 1) {
        this.lengthSums[f] = (this.lengthSums[f] ?? 0) + (this.lengths[d * F + f] ?? 0);
      }
    }
    this.slotCount = D;
    this.live = D;
    this.changes += 1;
    this.rebuild();
  }
}

/** Creates an empty BM25F index over the given fields. */
export function createBm25fIndex(options: Bm25fOptions): Bm25fIndex {
  return new InvertedIndex(options.fields, options.k1 ?? 1.2);
}

/**
 * Rebuilds an index from its serialised form (postings rebuilt in one pass). The index keeps
 * views into the serialised typed arrays (no copy): do not modify them afterwards.
 */
export function restoreBm25fIndex(serialized: SerializedBm25fIndex): Bm25fIndex {
  if (serialized.version !== 1) {
    throw new DomainError(
      'unsupported_format',
      `index format version ${String(serialized.version)}`,
    );
  }
  const index = new InvertedIndex(serialized.fields, serialized.k1);
  index.load(serialized);
  return index;
}

const MAGIC = 0x3146_424d; // 'MBF1' little-endian

/**
 * Packs a serialised index into one byte array (for a BLOB column or a file written by an
 * adapter): magic, header length, JSON header (fields, k1, terms, ids), then the typed arrays
 * 4-byte aligned, little-endian.
 */
export function encodeSerializedIndex(serialized: SerializedBm25fIndex): Uint8Array {
  const header = new TextEncoder().encode(
    JSON.stringify({
      version: serialized.version,
      fields: serialized.fields,
      k1: serialized.k1,
      terms: serialized.terms,
      ids: serialized.ids,
      docTermIds: serialized.docTermIds.length,
      docTermFrequencies: serialized.docTermFrequencies.length,
      fieldLengths: serialized.fieldLengths.length,
    }),
  );
  const pad = (n: number): number => (n + 3) & ~3;
  const headerEnd = pad(8 + header.length);
  const sections = [
    serialized.docTermOffsets,
    serialized.docTermIds,
    serialized.fieldLengths,
    serialized.docTermFrequencies,
  ];
  let size = headerEnd;
  for (const section of sections) size += pad(section.byteLength);
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, header.length, true);
  bytes.set(header, 8);
  let at = headerEnd;
  for (const section of sections) {
    bytes.set(new Uint8Array(section.buffer, section.byteOffset, section.byteLength), at);
    at += pad(section.byteLength);
  }
  return bytes;
}

const ZEncodedHeader = z.object({
  version: z.literal(1),
  fields: z.array(
    z.object({ name: z.string(), weight: z.number().min(0), b: z.number().min(0).max(1) }),
  ),
  k1: z.number().positive(),
  terms: z.array(z.string()),
  ids: z.array(z.string()),
  docTermIds: z.number().int().min(0),
  docTermFrequencies: z.number().int().min(0),
  fieldLengths: z.number().int().min(0),
});

/** Inverse of `encodeSerializedIndex`; the typed arrays are copies (aligned, owned). */
export function decodeSerializedIndex(bytes: Uint8Array): SerializedBm25fIndex {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 8 || view.getUint32(0, true) !== MAGIC) {
    throw new DomainError('unsupported_format', 'not a serialised BM25F index');
  }
  const headerLength = view.getUint32(4, true);
  const result = ZEncodedHeader.safeParse(
    JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))),
  );
  if (!result.success) {
    throw new DomainError('unsupported_format', 'bad serialised BM25F index header', {
      issues: result.error.issues,
    });
  }
  const parsed = result.data;
  const pad = (n: number): number => (n + 3) & ~3;
  let at = pad(8 + headerLength);
  // A copy into a fresh buffer: `slice` of a Node Buffer is a view into its (shared,
  // possibly pooled) memory, whose `.buffer` starts elsewhere.
  const take = (byteLength: number): Uint8Array => {
    const copy = new Uint8Array(byteLength);
    copy.set(bytes.subarray(at, at + byteLength));
    at += pad(byteLength);
    return copy;
  };
  const u32 = (count: number): Uint32Array => new Uint32Array(take(count * 4).buffer, 0, count);
  const docTermOffsets = u32(parsed.ids.length + 1);
  const docTermIds = u32(parsed.docTermIds);
  const fieldLengths = u32(parsed.fieldLengths);
  const frequencyBytes = take(parsed.docTermFrequencies * 2);
  const docTermFrequencies = new Uint16Array(frequencyBytes.buffer, 0, parsed.docTermFrequencies);
  return {
    version: 1,
    fields: parsed.fields,
    k1: parsed.k1,
    terms: parsed.terms,
    ids: parsed.ids,
    docTermOffsets,
    docTermIds,
    docTermFrequencies,
    fieldLengths,
  };
}
