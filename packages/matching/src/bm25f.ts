/**
 * In-memory inverted index scored with BM25F (Robertson & Zaragoza's field-weighted BM25):
 * per term, field frequencies are length-normalised per field, weighted, summed into one
 * pseudo-frequency and saturated once. Documents can be added, replaced and removed live;
 * every change is visible to the next query. Removal marks a slot dead and adjusts the
 * statistics at once; postings of dead slots are skipped and purged in a batch later.
 *
 * The index keeps a forward list (terms of each document) to undo a document, to feed
 * co-occurrence and pseudo-relevance feedback, and as the serialised form: postings are
 * rebuilt from it on restore in one linear pass.
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
  remove(id: string): boolean;
  has(id: string): boolean;
  ids(): string[];
  search(query: readonly WeightedTerm[], k: number, options?: SearchOptions): SearchHit[];
  documentFrequency(term: string): number;
  idf(term: string): number;
  scoreTerm(id: string, term: string): TermScore | undefined;
  documentVector(id: string): DocumentVector | undefined;
  /** Co-occurring terms of `term` in up to maxDocuments of its documents (counts ≥ minCount, default 1). */
  cooccurrence(term: string, maxDocuments: number, minCount?: number): CooccurrenceCounts;
  serialize(): SerializedBm25fIndex;
}

const MAX_TF = 0xffff;

interface SlotData {
  /** Term ids of the document (views into the serialised arrays after a restore). */
  terms: Uint32Array;
  /** fieldCount frequencies per term. */
  frequencies: Uint16Array;
}

/** Growable posting list: slots and, per slot, fieldCount frequencies. */
interface PostingList {
  docs: Int32Array;
  freqs: Uint16Array;
  size: number;
}

function createPostingList(capacity: number, fieldCount: number): PostingList {
  return {
    docs: new Int32Array(capacity),
    freqs: new Uint16Array(capacity * fieldCount),
    size: 0,
  };
}

class MinHeap {
  readonly scores: number[] = [];
  readonly ids: string[] = [];
  readonly slots: number[] = [];

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
    const t = this.slots[i] ?? 0;
    this.slots[i] = this.slots[j] ?? 0;
    this.slots[j] = t;
  }

  push(score: number, id: string, slot: number): void {
    this.scores.push(score);
    this.ids.push(id);
    this.slots.push(slot);
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

  replaceTop(score: number, id: string, slot: number): void {
    this.scores[0] = score;
    this.ids[0] = id;
    this.slots[0] = slot;
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

class InvertedIndex implements Bm25fIndex {
  readonly fields: readonly Required<FieldSpec>[];
  readonly k1: number;
  private readonly fieldCount: number;
  private readonly fieldIndex = new Map<string, number>();
  private readonly weights: Float64Array;
  private readonly bs: Float64Array;

  private readonly vocabulary = new Map<string, number>();
  private readonly termStrings: string[] = [];
  private readonly df: number[] = [];
  private postings: PostingList[] = [];

  private readonly slotIds: string[] = [];
  private readonly slotData: (SlotData | null)[] = [];
  private readonly lengths: number[] = [];
  private readonly idToSlot = new Map<string, number>();
  private readonly lengthSums: Float64Array;
  private live = 0;
  private dead = 0;
  private deadInPostings = 0;
  private changes = 0;
  private scratch = new Float64Array(0);
  private cooccurrenceScratch = new Uint32Array(0);

  constructor(fields: readonly FieldSpec[], k1: number) {
    this.fields = resolveFields(fields);
    this.k1 = k1;
    this.fieldCount = this.fields.length;
    this.weights = Float64Array.from(this.fields.map((f) => f.weight));
    this.bs = Float64Array.from(this.fields.map((f) => f.b));
    this.lengthSums = new Float64Array(this.fieldCount);
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
      this.df.push(0);
      this.postings.push(createPostingList(2, this.fieldCount));
    }
    return id;
  }

  /** Adds a document from term ids (used by upsert and restore). */
  private addSlot(id: string, data: SlotData, fieldLengths: ArrayLike<number>): void {
    const slot = this.slotIds.length;
    const F = this.fieldCount;
    this.slotIds.push(id);
    this.slotData.push(data);
    for (let f = 0; f < F; f += 1) {
      const length = fieldLengths[f] ?? 0;
      this.lengths.push(length);
      this.lengthSums[f] = (this.lengthSums[f] ?? 0) + length;
    }
    const { terms, frequencies } = data;
    for (let i = 0; i < terms.length; i += 1) {
      const t = terms[i] ?? 0;
      this.df[t] = (this.df[t] ?? 0) + 1;
      const list = this.postings[t];
      if (list === undefined) continue;
      if (list.size === list.docs.length) {
        const capacity = Math.max(4, list.docs.length * 2);
        const docs = new Int32Array(capacity);
        docs.set(list.docs);
        const freqs = new Uint16Array(capacity * F);
        freqs.set(list.freqs);
        list.docs = docs;
        list.freqs = freqs;
      }
      list.docs[list.size] = slot;
      const base = list.size * F;
      for (let f = 0; f < F; f += 1) list.freqs[base + f] = frequencies[i * F + f] ?? 0;
      list.size += 1;
    }
    this.idToSlot.set(id, slot);
    this.live += 1;
  }

  upsert(id: string, fields: Readonly<Record<string, readonly string[]>>): void {
    const F = this.fieldCount;
    for (const name of Object.keys(fields)) {
      if (!this.fieldIndex.has(name)) {
        throw new DomainError('validation_failed', `unknown field ${name}`, { field: name, id });
      }
    }
    this.removeSlot(id);
    const local = new Map<number, number>();
    const termIds: number[] = [];
    const freqs: number[] = [];
    const fieldLengths = new Array<number>(F).fill(0);
    this.fields.forEach((field, f) => {
      const terms = fields[field.name] ?? [];
      fieldLengths[f] = terms.length;
      for (const term of terms) {
        const t = this.termIdOrCreate(term);
        let row = local.get(t);
        if (row === undefined) {
          row = termIds.length;
          local.set(t, row);
          termIds.push(t);
          for (let g = 0; g < F; g += 1) freqs.push(0);
        }
        const at = row * F + f;
        freqs[at] = Math.min(MAX_TF, (freqs[at] ?? 0) + 1);
      }
    });
    this.addSlot(
      id,
      { terms: Uint32Array.from(termIds), frequencies: Uint16Array.from(freqs) },
      fieldLengths,
    );
    this.changes += 1;
  }

  private removeSlot(id: string): boolean {
    const slot = this.idToSlot.get(id);
    if (slot === undefined) return false;
    const data = this.slotData[slot];
    if (data !== null && data !== undefined) {
      for (const t of data.terms) this.df[t] = (this.df[t] ?? 1) - 1;
      this.deadInPostings += data.terms.length;
    }
    const F = this.fieldCount;
    for (let f = 0; f < F; f += 1) {
      this.lengthSums[f] = (this.lengthSums[f] ?? 0) - (this.lengths[slot * F + f] ?? 0);
    }
    this.slotData[slot] = null;
    this.idToSlot.delete(id);
    this.live -= 1;
    this.dead += 1;
    return true;
  }

  remove(id: string): boolean {
    const removed = this.removeSlot(id);
    if (removed) {
      this.changes += 1;
      if (this.deadInPostings > 65_536 && this.dead > this.live) this.purgeDeadPostings();
    }
    return removed;
  }

  /** Drops postings of removed documents (order of the remaining postings is kept). */
  private purgeDeadPostings(): void {
    const F = this.fieldCount;
    for (const list of this.postings) {
      const { docs, freqs } = list;
      let w = 0;
      for (let r = 0; r < list.size; r += 1) {
        const slot = docs[r] ?? 0;
        if (this.slotData[slot] === null) continue;
        docs[w] = slot;
        for (let f = 0; f < F; f += 1) freqs[w * F + f] = freqs[r * F + f] ?? 0;
        w += 1;
      }
      list.size = w;
    }
    this.deadInPostings = 0;
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

  /** 1 - b_f + b_f·len_f/avg_f per field, for a slot. */
  private norms(slot: number, out: Float64Array): void {
    const F = this.fieldCount;
    for (let f = 0; f < F; f += 1) {
      const avg = this.live > 0 ? (this.lengthSums[f] ?? 0) / this.live : 0;
      const length = this.lengths[slot * F + f] ?? 0;
      const b = this.bs[f] ?? 0;
      out[f] = avg > 0 ? 1 - b + (b * length) / avg : 1;
    }
  }

  search(query: readonly WeightedTerm[], k: number, options: SearchOptions = {}): SearchHit[] {
    if (k <= 0 || this.live === 0) return [];
    const merged = new Map<number, number>();
    for (const { term, weight } of query) {
      if (!(weight > 0)) continue;
      const t = this.vocabulary.get(term);
      if (t === undefined || (this.df[t] ?? 0) === 0) continue;
      merged.set(t, (merged.get(t) ?? 0) + weight);
    }
    if (merged.size === 0) return [];
    const F = this.fieldCount;
    if (this.scratch.length < this.slotIds.length) {
      this.scratch = new Float64Array(Math.max(this.slotIds.length, this.scratch.length * 2));
    }
    const scores = this.scratch;
    const touched: number[] = [];
    const avg = new Float64Array(F);
    for (let f = 0; f < F; f += 1) avg[f] = (this.lengthSums[f] ?? 0) / this.live;
    const k1 = this.k1;
    // Term-at-a-time with MaxScore-style pruning: terms in decreasing order of their upper
    // bound idf·weight (BM25 saturation keeps a term's score below it). Once the bounds of
    // the terms left cannot lift a document that has not been seen above the k-th score so
    // far, those terms only update the documents that can still reach the top k, found by
    // binary search in their postings (sorted by slot) instead of a full scan.
    const terms = [...merged.entries()]
      .map(([t, weight]) => ({ t, factor: this.idfOf(this.df[t] ?? 0) * weight }))
      .sort((a, b) => b.factor - a.factor || a.t - b.t);
    let remaining = terms.reduce((sum, term) => sum + term.factor, 0);
    const contribution = (p: number, slot: number, freqs: Uint16Array, factor: number): number => {
      let pseudo = 0;
      for (let f = 0; f < F; f += 1) {
        const tf = freqs[p * F + f] ?? 0;
        if (tf === 0) continue;
        const a = avg[f] ?? 0;
        const b = this.bs[f] ?? 0;
        const norm = a > 0 ? 1 - b + (b * (this.lengths[slot * F + f] ?? 0)) / a : 1;
        pseudo += ((this.weights[f] ?? 0) * tf) / norm;
      }
      return pseudo === 0 ? 0 : (factor * pseudo) / (k1 + pseudo);
    };
    let candidates: number[] | null = null;
    for (const { t, factor } of terms) {
      const list = this.postings[t];
      if (list === undefined) continue;
      const { docs, freqs } = list;
      if (candidates === null && list.size > 256 && touched.length >= k) {
        const threshold = this.kthScore(touched, scores, k, options.exclude);
        if (Number.isFinite(threshold) && remaining < threshold) {
          candidates = touched.filter((slot) => (scores[slot] ?? 0) + remaining >= threshold);
        }
      }
      remaining -= factor;
      if (candidates !== null) {
        for (const slot of candidates) {
          let lo = 0;
          let hi = list.size - 1;
          while (lo <= hi) {
            const mid = (lo + hi) >> 1;
            const at = docs[mid] ?? 0;
            if (at === slot) {
              scores[slot] = (scores[slot] ?? 0) + contribution(mid, slot, freqs, factor);
              break;
            }
            if (at < slot) lo = mid + 1;
            else hi = mid - 1;
          }
        }
        continue;
      }
      for (let p = 0; p < list.size; p += 1) {
        const slot = docs[p] ?? 0;
        if (this.slotData[slot] === null) continue;
        const add = contribution(p, slot, freqs, factor);
        if (add === 0) continue;
        if (scores[slot] === 0) touched.push(slot);
        scores[slot] = (scores[slot] ?? 0) + add;
      }
    }
    const heap = new MinHeap();
    const exclude = options.exclude;
    for (const slot of touched) {
      const score = scores[slot] ?? 0;
      scores[slot] = 0;
      const id = this.slotIds[slot] ?? '';
      if (exclude?.has(id)) continue;
      if (heap.size < k) heap.push(score, id, slot);
      else if (heap.beats(score, id)) heap.replaceTop(score, id, slot);
    }
    const hits: SearchHit[] = heap.scores.map((score, i) => ({ id: heap.ids[i] ?? '', score }));
    hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return hits;
  }

  /** The k-th highest score among the touched slots (excluded documents left out). */
  private kthScore(
    touched: readonly number[],
    scores: Float64Array,
    k: number,
    exclude: ReadonlySet<string> | undefined,
  ): number {
    const values: number[] = [];
    for (const slot of touched) {
      if (exclude !== undefined && exclude.has(this.slotIds[slot] ?? '')) continue;
      values.push(scores[slot] ?? 0);
    }
    if (values.length < k) return Number.POSITIVE_INFINITY;
    // Quickselect for the k-th largest.
    let lo = 0;
    let hi = values.length - 1;
    const want = k - 1;
    while (lo < hi) {
      const pivot = values[(lo + hi) >> 1] ?? 0;
      let i = lo;
      let j = hi;
      while (i <= j) {
        while ((values[i] ?? 0) > pivot) i += 1;
        while ((values[j] ?? 0) < pivot) j -= 1;
        if (i <= j) {
          const swap = values[i] ?? 0;
          values[i] = values[j] ?? 0;
          values[j] = swap;
          i += 1;
          j -= 1;
        }
      }
      if (want <= j) hi = j;
      else if (want >= i) lo = i;
      else break;
    }
    return values[want] ?? 0;
  }

  scoreTerm(id: string, term: string): TermScore | undefined {
    const slot = this.idToSlot.get(id);
    const t = this.vocabulary.get(term);
    if (slot === undefined || t === undefined) return undefined;
    const data = this.slotData[slot];
    if (data === null || data === undefined) return undefined;
    const row = data.terms.indexOf(t);
    if (row < 0) return undefined;
    const F = this.fieldCount;
    const norms = new Float64Array(F);
    this.norms(slot, norms);
    const frequencies: Record<string, number> = {};
    let pseudo = 0;
    this.fields.forEach((field, f) => {
      const tf = data.frequencies[row * F + f] ?? 0;
      frequencies[field.name] = tf;
      if (tf > 0) pseudo += ((this.weights[f] ?? 0) * tf) / (norms[f] ?? 1);
    });
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
    const data = this.slotData[slot];
    if (data === null || data === undefined) return undefined;
    const F = this.fieldCount;
    const terms = new Map<string, number>();
    data.terms.forEach((t, row) => {
      let weighted = 0;
      for (let f = 0; f < F; f += 1) {
        weighted += (this.weights[f] ?? 0) * (data.frequencies[row * F + f] ?? 0);
      }
      if (weighted > 0) terms.set(this.termStrings[t] ?? '', weighted);
    });
    let length = 0;
    for (let f = 0; f < F; f += 1)
      length += (this.weights[f] ?? 0) * (this.lengths[slot * F + f] ?? 0);
    return { terms, length };
  }

  cooccurrence(term: string, maxDocuments: number, minCount = 1): CooccurrenceCounts {
    const t = this.vocabulary.get(term);
    const counts = new Map<string, number>();
    if (t === undefined || (this.df[t] ?? 0) === 0) return { sampled: 0, counts };
    const list = this.postings[t];
    const docs = list === undefined ? new Int32Array(0) : list.docs.subarray(0, list.size);
    const liveDf = this.df[t] ?? 0;
    // Deterministic even stride over the postings when there are more than maxDocuments.
    const stride = Math.max(1, Math.floor(liveDf / Math.max(1, maxDocuments)));
    // Counts in a scratch array over term ids (reset after use): no map per co-occurring term.
    if (this.cooccurrenceScratch.length < this.termStrings.length) {
      this.cooccurrenceScratch = new Uint32Array(
        Math.max(this.termStrings.length, this.cooccurrenceScratch.length * 2),
      );
    }
    const scratch = this.cooccurrenceScratch;
    const seen: number[] = [];
    let sampled = 0;
    let seenLive = 0;
    for (let p = 0; p < docs.length && sampled < maxDocuments; p += 1) {
      const data = this.slotData[docs[p] ?? 0];
      if (data === null || data === undefined) continue;
      seenLive += 1;
      if ((seenLive - 1) % stride !== 0) continue;
      sampled += 1;
      for (const other of data.terms) {
        if (other === t) continue;
        if (scratch[other] === 0) seen.push(other);
        scratch[other] = (scratch[other] ?? 0) + 1;
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
    for (const data of this.slotData) if (data !== null) total += data.terms.length;
    const docTermOffsets = new Uint32Array(this.live + 1);
    const docTermIds = new Uint32Array(total);
    const docTermFrequencies = new Uint16Array(total * F);
    const fieldLengths = new Uint32Array(this.live * F);
    let d = 0;
    let at = 0;
    this.slotData.forEach((data, slot) => {
      if (data === null) return;
      ids.push(this.slotIds[slot] ?? '');
      for (let f = 0; f < F; f += 1) fieldLengths[d * F + f] = this.lengths[slot * F + f] ?? 0;
      for (let i = 0; i < data.terms.length; i += 1) {
        docTermIds[at + i] = remap[data.terms[i] ?? 0] ?? 0;
      }
      docTermFrequencies.set(data.frequencies, at * F);
      at += data.terms.length;
      d += 1;
      docTermOffsets[d] = at;
    });
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

  /** Loads a serialised index into this empty one. */
  load(serialized: SerializedBm25fIndex): void {
    const F = this.fieldCount;
    for (const term of serialized.terms) this.termIdOrCreate(term);
    // Pre-size postings by document frequency.
    const df = new Uint32Array(serialized.terms.length);
    for (const t of serialized.docTermIds) df[t] = (df[t] ?? 0) + 1;
    this.postings = Array.from(df, (n) => createPostingList(n, F));
    serialized.ids.forEach((id, d) => {
      const from = serialized.docTermOffsets[d] ?? 0;
      const to = serialized.docTermOffsets[d + 1] ?? from;
      this.addSlot(
        id,
        {
          terms: serialized.docTermIds.subarray(from, to),
          frequencies: serialized.docTermFrequencies.subarray(from * F, to * F),
        },
        serialized.fieldLengths.subarray(d * F, d * F + F),
      );
    });
    this.changes += 1;
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
  const take = (byteLength: number): Uint8Array => {
    const slice = bytes.slice(at, at + byteLength);
    at += pad(byteLength);
    return slice;
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
