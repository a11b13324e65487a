/**
 * Postings of the BM25F index (`bm25f.ts`), built from the forward store (`bm25f-store.ts`):
 * - static postings (CSR) built in two passes (count, then fill), sorted by slot, each with
 *   its impact (the pseudo-frequency at the reference averages, a float32 rounded up), and
 *   the largest impact of every block of BLOCK postings (block-max bounds);
 * - tail lists for the documents added since: a live edit costs its own terms.
 * The static postings are rebuilt when the tail grows past a quarter of them, when many
 * slots are dead (then compacted), or when an average field length drifted so far that the
 * bounds would be loose. Bulk loads cost one rebuild, at `flush()` or the first query.
 */
import {
  averages,
  compact,
  EMPTY_I32,
  grown,
  normsOf,
  pseudo,
  type ForwardStore,
} from './bm25f-store.ts';

/** Postings per block of the block-max upper bounds. */
export const BLOCK_SHIFT = 7;
export const BLOCK = 1 << BLOCK_SHIFT;
/** Postings added since the last rebuild that are kept in per-term tail lists at most. */
const TAIL_MIN = 65_536;
/** The bounds are rebuilt when an average field length grew by more than this factor. */
const MAX_DRIFT = 1.25;

const EMPTY_F32 = new Float32Array(0);
const EMPTY_F64 = new Float64Array(0);

const float32Scratch = new Float32Array(1);
const float32Bits = new Uint32Array(float32Scratch.buffer);

/** The smallest float32 ≥ x (x ≥ 0): stored impacts must never be below the true value. */
function roundUpToFloat32(x: number): number {
  float32Scratch[0] = x;
  if ((float32Scratch[0] ?? 0) < x) float32Bits[0] = (float32Bits[0] ?? 0) + 1;
  return float32Scratch[0] ?? 0;
}

/** Postings of one term added after the last rebuild (slots in increasing order). */
export interface TailList {
  docs: Int32Array;
  /** Impact of each posting: its pseudo-frequency at the reference averages, rounded up. */
  impacts: Float32Array;
  size: number;
  /** Largest impact of the list. */
  max: number;
}

export interface Postings {
  // Postings of slots < staticSlots, per term id < staticTerms, sorted by slot (CSR), with
  // the largest impact of each block of BLOCK postings.
  staticSlots: number;
  staticTerms: number;
  postStart: Uint32Array;
  postDocs: Int32Array;
  /**
   * Impact of each posting: its pseudo-frequency at refAvg rounded up to a float32, so that
   * the search bounds and accumulates without reading field lengths; exact scores come from
   * the forward store.
   */
  postImpacts: Float32Array;
  blockStart: Uint32Array;
  blockLast: Int32Array;
  blockMax: Float64Array;
  termMax: Float64Array;
  readonly refAvg: Float64Array;
  /** Removed slots whose postings are still in the static lists. */
  deadInStatic: number;

  // Postings of slots staticSlots .. indexedSlots, per term.
  indexedSlots: number;
  readonly tail: Map<number, TailList>;
  tailPostings: number;
}

export function createPostings(fieldCount: number): Postings {
  return {
    staticSlots: 0,
    staticTerms: 0,
    postStart: new Uint32Array(1),
    postDocs: EMPTY_I32,
    postImpacts: EMPTY_F32,
    blockStart: new Uint32Array(1),
    blockLast: EMPTY_I32,
    blockMax: EMPTY_F64,
    termMax: EMPTY_F64,
    refAvg: new Float64Array(fieldCount),
    deadInStatic: 0,
    indexedSlots: 0,
    tail: new Map(),
    tailPostings: 0,
  };
}

/** Records that `slot` was removed from the store (its static postings are now dead). */
export function noteRemoved(postings: Postings, slot: number): void {
  if (slot < postings.staticSlots) postings.deadInStatic += 1;
}

/**
 * How much larger a pseudo-frequency can be now than at the reference averages: with
 * avg' ≥ avg, 1 - b + b·len/avg' ≥ (avg/avg')·(1 - b + b·len/avg), so every field's part
 * grows by at most avg'/avg; a shorter average only shrinks it.
 */
export function drift(postings: Postings, avg: Float64Array): number {
  let rho = 1;
  for (let f = 0; f < avg.length; f += 1) {
    const now = avg[f] ?? 0;
    const ref = postings.refAvg[f] ?? 0;
    if (now <= ref) continue;
    rho = Math.max(rho, ref > 0 ? now / ref : Number.POSITIVE_INFINITY);
  }
  return rho;
}

/** Brings the postings up to date with the forward store (live edits, drift, removals). */
export function ensurePostings(store: ForwardStore, postings: Postings): void {
  const avg = averages(store);
  const pending =
    (store.slotStart[store.slotCount] ?? 0) - (store.slotStart[postings.indexedSlots] ?? 0);
  const staticPostings = postings.postDocs.length;
  if (
    drift(postings, avg) > MAX_DRIFT ||
    postings.deadInStatic > Math.max(1_024, store.live) ||
    postings.tailPostings + pending > Math.max(TAIL_MIN, staticPostings / 4)
  ) {
    rebuild(store, postings);
    return;
  }
  if (postings.indexedSlots < store.slotCount) extendTail(store, postings);
}

/** Adds the postings of slots indexedSlots .. slotCount to the tail lists. */
function extendTail(store: ForwardStore, postings: Postings): void {
  const F = store.fieldCount;
  const ref = normsOf(store, postings.refAvg);
  for (let slot = postings.indexedSlots; slot < store.slotCount; slot += 1) {
    if (store.alive[slot] !== 1) continue;
    for (let e = store.slotStart[slot] ?? 0; e < (store.slotStart[slot + 1] ?? 0); e += 1) {
      const t = store.entryTerms[e] ?? 0;
      let list = postings.tail.get(t);
      if (list === undefined) {
        list = { docs: new Int32Array(4), impacts: new Float32Array(4), size: 0, max: 0 };
        postings.tail.set(t, list);
      }
      if (list.size === list.docs.length) {
        list.docs = grown(list.docs, list.size + 1, (n) => new Int32Array(n));
        list.impacts = grown(list.impacts, list.size + 1, (n) => new Float32Array(n));
      }
      const impact = roundUpToFloat32(pseudo(store, store.entryFreqs, e * F, slot, ref));
      list.docs[list.size] = slot;
      list.impacts[list.size] = impact;
      list.max = Math.max(list.max, impact);
      list.size += 1;
      postings.tailPostings += 1;
    }
  }
  postings.indexedSlots = store.slotCount;
}

/**
 * Rebuilds the static postings from the forward store in two passes (count, then fill),
 * compacting the store first when many of its slots are dead.
 */
export function rebuild(store: ForwardStore, postings: Postings): void {
  const F = store.fieldCount;
  if (store.dead > 0 && store.dead * 8 > store.slotCount) compact(store);
  // Free the old postings before allocating the new ones.
  postings.postDocs = EMPTY_I32;
  postings.postImpacts = EMPTY_F32;
  postings.blockLast = EMPTY_I32;
  postings.blockMax = EMPTY_F64;
  postings.tail.clear();
  postings.tailPostings = 0;
  const T = store.termStrings.length;
  const S = store.slotCount;
  const { alive, slotStart, entryTerms, entryFreqs } = store;
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
  postings.refAvg.set(averages(store));
  const ref = normsOf(store, postings.refAvg);
  const fill = postStart.slice(0, T);
  for (let s = 0; s < S; s += 1) {
    if (alive[s] !== 1) continue;
    for (let e = slotStart[s] ?? 0; e < (slotStart[s + 1] ?? 0); e += 1) {
      const t = entryTerms[e] ?? 0;
      const p = fill[t] ?? 0;
      fill[t] = p + 1;
      docs[p] = s;
      impacts[p] = roundUpToFloat32(pseudo(store, entryFreqs, e * F, s, ref));
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
  postings.postStart = postStart;
  postings.postDocs = docs;
  postings.postImpacts = impacts;
  postings.blockStart = blockStart;
  postings.blockLast = blockLast;
  postings.blockMax = blockMax;
  postings.termMax = termMax;
  postings.staticTerms = T;
  postings.staticSlots = S;
  postings.indexedSlots = S;
  postings.deadInStatic = 0;
}
