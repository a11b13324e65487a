/**
 * In-memory inverted index scored with BM25F (Robertson & Zaragoza's field-weighted BM25):
 * per term, field frequencies are length-normalised per field, weighted, summed into one
 * pseudo-frequency and saturated once. Documents can be added, replaced and removed live;
 * every change is visible to the next query.
 *
 * This module is the index's public face; its rooms (typed arrays, no object per document or
 * posting):
 * - `bm25f-store.ts`: the forward store, the (term id, field frequencies) entries of every
 *   document appended slot after slot; it undoes a document, feeds co-occurrence, feedback
 *   and explanations. Removal marks a slot dead (statistics adjusted at once);
 * - `bm25f-postings.ts`: static postings (CSR) with block-max bounds, and tail lists for the
 *   documents added since, rebuilt when the tail, the dead slots or the drift of the average
 *   field lengths grow too large;
 * - `bm25f-search.ts`: exact top k with block-max MaxScore, and the exhaustive reference;
 * - `bm25f-cooccurrence.ts`: co-occurring terms for query expansion;
 * - `bm25f-serialization.ts`: the serialised form and its bytes.
 */
import { DomainError } from '#core/domain-error.ts';
import { cooccurrence, type CooccurrenceScratch } from './bm25f-cooccurrence.ts';
import {
  createPostings,
  ensurePostings,
  noteRemoved,
  rebuild,
  type Postings,
} from './bm25f-postings.ts';
import { Bm25fSearcher } from './bm25f-search.ts';
import { loadStore, serializeStore } from './bm25f-serialization.ts';
import {
  appendSlot,
  createForwardStore,
  documentFrequency,
  documentVector,
  idfOf,
  removeSlot,
  scoreTerm,
  termIdsOf,
  termIdsOfForeign,
  type ForwardStore,
} from './bm25f-store.ts';

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
  /** The terms at least one live document holds. */
  vocabulary(): IterableIterator<string>;
  idf(term: string): number;
  scoreTerm(id: string, term: string): TermScore | undefined;
  documentVector(id: string): DocumentVector | undefined;
  /** Co-occurring terms of `term` in up to maxDocuments of its documents (counts ≥ minCount, default 1). */
  cooccurrence(term: string, maxDocuments: number, minCount?: number): CooccurrenceCounts;
  serialize(): SerializedBm25fIndex;
}

/** The index: a forward store, postings built from it, and the searches over both. */
class InvertedIndex implements Bm25fIndex {
  private readonly store: ForwardStore;
  private readonly postings: Postings;
  private readonly searcher: Bm25fSearcher;
  private readonly cooccurrenceScratch: CooccurrenceScratch = { counts: new Uint32Array(0) };

  constructor(fields: readonly FieldSpec[], k1: number) {
    this.store = createForwardStore(fields, k1);
    this.postings = createPostings(this.store.fieldCount);
    this.searcher = new Bm25fSearcher(this.store, this.postings);
  }

  get fields(): readonly Required<FieldSpec>[] {
    return this.store.fields;
  }

  get k1(): number {
    return this.store.k1;
  }

  get documentCount(): number {
    return this.store.live;
  }

  get revision(): number {
    return this.store.changes;
  }

  upsert(id: string, fields: Readonly<Record<string, readonly string[]>>): void {
    const document = termIdsOf(this.store, id, fields);
    this.removeSlot(id);
    appendSlot(this.store, id, document);
  }

  upsertTermIds(
    id: string,
    fields: Readonly<Record<string, ArrayLike<number>>>,
    vocabulary: readonly string[],
  ): void {
    const document = termIdsOfForeign(this.store, id, fields, vocabulary);
    this.removeSlot(id);
    appendSlot(this.store, id, document);
  }

  private removeSlot(id: string): boolean {
    const slot = removeSlot(this.store, id);
    if (slot < 0) return false;
    noteRemoved(this.postings, slot);
    return true;
  }

  remove(id: string): boolean {
    const removed = this.removeSlot(id);
    if (removed) this.store.changes += 1;
    return removed;
  }

  has(id: string): boolean {
    return this.store.idToSlot.has(id);
  }

  ids(): string[] {
    return [...this.store.idToSlot.keys()];
  }

  documentFrequency(term: string): number {
    return documentFrequency(this.store, term);
  }

  *vocabulary(): IterableIterator<string> {
    for (const [term, t] of this.store.vocabulary) if ((this.store.df[t] ?? 0) > 0) yield term;
  }

  idf(term: string): number {
    return idfOf(this.store, documentFrequency(this.store, term));
  }

  flush(): void {
    ensurePostings(this.store, this.postings);
  }

  search(query: readonly WeightedTerm[], k: number, options: SearchOptions = {}): SearchHit[] {
    return this.searcher.search(query, k, options);
  }

  scoreTerm(id: string, term: string): TermScore | undefined {
    return scoreTerm(this.store, id, term);
  }

  documentVector(id: string): DocumentVector | undefined {
    return documentVector(this.store, id);
  }

  cooccurrence(term: string, maxDocuments: number, minCount = 1): CooccurrenceCounts {
    return cooccurrence(
      this.store,
      this.postings,
      this.cooccurrenceScratch,
      term,
      maxDocuments,
      minCount,
    );
  }

  serialize(): SerializedBm25fIndex {
    return serializeStore(this.store);
  }

  /** Loads a serialised index into this empty one: the forward store as is, then postings. */
  load(serialized: SerializedBm25fIndex): void {
    loadStore(this.store, serialized);
    rebuild(this.store, this.postings);
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

// The byte form belongs to the index's public face: its users import it from here.
export { decodeSerializedIndex, encodeSerializedIndex } from './bm25f-serialization.ts';
