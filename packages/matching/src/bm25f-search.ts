/**
 * Search of the BM25F index (`bm25f.ts`): exact top k with block-max MaxScore over the
 * postings (`bm25f-postings.ts`), candidates scored exactly from the forward store
 * (`bm25f-store.ts`); `exhaustive` scores every posting and is the reference it is tested
 * against.
 */
import type { SearchHit, SearchOptions, WeightedTerm } from './bm25f.ts';
import { BLOCK, BLOCK_SHIFT, drift, ensurePostings, type Postings } from './bm25f-postings.ts';
import { averages, idfOf, normsOf, pseudo, type ForwardStore } from './bm25f-store.ts';
import { MinHeap } from './top-k-heap.ts';

/** Bounds and partial sums are compared with this relative slack (floating-point rounding). */
const SLACK = 1 + 1e-9;
const END = 0x7fffffff;
/** Slots per window of the accumulate-then-complete search. */
const WINDOW = 4096;
/** Marks of slots during a search. */
const EXCLUDED = 1;
const SEEDED = 2;

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

/** Searches one index's store and postings, with scratch arrays reused across queries. */
export class Bm25fSearcher {
  private seen = new Uint8Array(0);
  private marks = new Uint8Array(0);
  private readonly windowAcc = new Float64Array(WINDOW);
  /** Slots of the window that some essential list holds (one bit each). */
  private readonly windowBits = new Uint32Array(WINDOW >> 5);
  private readonly windowOffsets = new Int32Array(WINDOW);
  private canonOf = new Int32Array(0);

  constructor(
    private readonly store: ForwardStore,
    private readonly postings: Postings,
  ) {}

  /** Query terms merged by term id (the canonical order of every score sum). */
  private mergeQuery(query: readonly WeightedTerm[]): { t: number; weight: number }[] {
    const merged = new Map<number, number>();
    for (const { term, weight } of query) {
      if (!(weight > 0)) continue;
      const t = this.store.vocabulary.get(term);
      if (t === undefined || (this.store.df[t] ?? 0) === 0) continue;
      merged.set(t, (merged.get(t) ?? 0) + weight);
    }
    return [...merged.entries()].map(([t, weight]) => ({ t, weight })).sort((a, b) => a.t - b.t);
  }

  private cursorsOf(terms: readonly { t: number; weight: number }[]): Cursor[] {
    const cursors: Cursor[] = [];
    terms.forEach(({ t, weight }, canon) => {
      const factor = idfOf(this.store, this.store.df[t] ?? 0) * weight;
      if (t < this.postings.staticTerms) {
        const from = this.postings.postStart[t] ?? 0;
        const to = this.postings.postStart[t + 1] ?? from;
        if (to > from) {
          cursors.push(
            new Cursor(
              this.postings.postDocs,
              this.postings.postImpacts,
              from,
              to,
              this.postings.blockStart[t] ?? 0,
              this.postings.blockStart[t + 1] ?? 0,
              canon,
              factor,
              this.postings.termMax[t] ?? 0,
            ),
          );
        }
      }
      const list = this.postings.tail.get(t);
      if (list !== undefined && list.size > 0) {
        cursors.push(
          new Cursor(list.docs, list.impacts, 0, list.size, -1, -1, canon, factor, list.max),
        );
      }
    });
    return cursors;
  }

  search(query: readonly WeightedTerm[], k: number, options: SearchOptions = {}): SearchHit[] {
    if (k <= 0 || this.store.live === 0) return [];
    const terms = this.mergeQuery(query);
    if (terms.length === 0) return [];
    ensurePostings(this.store, this.postings);
    const cursors = this.cursorsOf(terms);
    if (options.exhaustive === true) {
      const excluded = new Set<number>();
      for (const id of options.exclude ?? []) {
        const slot = this.store.idToSlot.get(id);
        if (slot !== undefined) excluded.add(slot);
      }
      return this.searchExhaustive(terms, cursors, k, excluded);
    }
    if (this.marks.length < this.store.slotCount) {
      this.marks = new Uint8Array(Math.max(this.store.slotCount, this.marks.length * 2));
    }
    const marked: number[] = [];
    for (const id of options.exclude ?? []) {
      const slot = this.store.idToSlot.get(id);
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
    if (this.seen.length < this.store.slotCount) {
      this.seen = new Uint8Array(Math.max(this.store.slotCount, this.seen.length * 2));
    }
    const seen = this.seen;
    const { alive } = this.store;
    const touched: number[] = [];
    for (const c of cursors) {
      for (let p = c.begin; p < c.end; p += 1) {
        const slot = c.docs[p] ?? 0;
        if (alive[slot] !== 1 || seen[slot] === 1) continue;
        seen[slot] = 1;
        touched.push(slot);
      }
    }
    const heap = new MinHeap();
    const exactScore = this.exactScorer(terms, cursors, normsOf(this.store, averages(this.store)));
    try {
      for (const slot of touched) {
        seen[slot] = 0;
        if (excluded.has(slot)) continue;
        const score = exactScore(slot);
        if (score > 0) heap.offer(score, this.store.slotIds[slot] ?? '', k);
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
    const avg = averages(this.store);
    const rho = drift(this.postings, avg);
    const norms = normsOf(this.store, avg);
    const k1 = this.store.k1;
    const bound = (factor: number, pseudo: number): number => {
      const p = pseudo * rho;
      return (factor * p) / (k1 + p);
    };
    const { blockLast, blockMax } = this.postings;
    const { alive } = this.store;
    const { marks } = this;
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
        const slot = this.store.idToSlot.get(id);
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
              heap.offer(exact, this.store.slotIds[doc] ?? '', k);
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
    const F = this.store.fieldCount;
    const k1 = this.store.k1;
    const canonCount = terms.length;
    const canonOf = this.canonScratch(terms);
    const factors = new Float64Array(canonCount);
    for (const c of cursors) factors[c.canon] = c.factor;
    const contrib = new Float64Array(canonCount);
    const store = this.store;
    const { slotStart, entryTerms, entryFreqs } = store;
    return (slot) => {
      for (let e = slotStart[slot] ?? 0; e < (slotStart[slot + 1] ?? 0); e += 1) {
        const canon = (canonOf[entryTerms[e] ?? 0] ?? 0) - 1;
        if (canon < 0) continue;
        const p = pseudo(store, entryFreqs, e * F, slot, norms);
        contrib[canon] = p === 0 ? 0 : ((factors[canon] ?? 0) * p) / (k1 + p);
      }
      let exact = 0;
      for (let j = 0; j < canonCount; j += 1) exact += contrib[j] ?? 0;
      contrib.fill(0);
      return exact;
    };
  }

  /** term id → 1 + canonical index for the query terms (reset by the caller). */
  private canonScratch(terms: readonly { t: number }[]): Int32Array {
    if (this.canonOf.length < this.store.termStrings.length) {
      this.canonOf = new Int32Array(
        Math.max(this.store.termStrings.length, this.canonOf.length * 2),
      );
    }
    terms.forEach(({ t }, i) => {
      this.canonOf[t] = i + 1;
    });
    return this.canonOf;
  }
}
