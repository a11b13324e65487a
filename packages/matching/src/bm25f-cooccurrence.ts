/**
 * Co-occurring terms in the BM25F index (`bm25f.ts`), for query expansion: the terms of a
 * sample of the documents holding a term, read from the forward store.
 */
import type { CooccurrenceCounts } from './bm25f.ts';
import { ensurePostings, type Postings } from './bm25f-postings.ts';
import type { ForwardStore } from './bm25f-store.ts';

/** Counts over term ids, reused across calls (reset after use): no map per co-occurring term. */
export interface CooccurrenceScratch {
  counts: Uint32Array;
}

/** Co-occurring terms of `term` in up to maxDocuments of its documents (counts ≥ minCount). */
export function cooccurrence(
  store: ForwardStore,
  postings: Postings,
  scratchHolder: CooccurrenceScratch,
  term: string,
  maxDocuments: number,
  minCount: number,
): CooccurrenceCounts {
  const t = store.vocabulary.get(term);
  const counts = new Map<string, number>();
  if (t === undefined || (store.df[t] ?? 0) === 0) return { sampled: 0, counts };
  ensurePostings(store, postings);
  // Evenly strided over the term's postings (static list, then tail): every stride-th
  // posting, the next live one where a removed document sits.
  const segments: Int32Array[] = [];
  if (t < postings.staticTerms) {
    segments.push(
      postings.postDocs.subarray(postings.postStart[t] ?? 0, postings.postStart[t + 1] ?? 0),
    );
  }
  const list = postings.tail.get(t);
  if (list !== undefined) segments.push(list.docs.subarray(0, list.size));
  const stride = Math.max(1, Math.floor((store.df[t] ?? 0) / Math.max(1, maxDocuments)));
  if (scratchHolder.counts.length < store.termStrings.length) {
    scratchHolder.counts = new Uint32Array(
      Math.max(store.termStrings.length, scratchHolder.counts.length * 2),
    );
  }
  const scratch = scratchHolder.counts;
  const { alive, slotStart, entryTerms } = store;
  const seen: number[] = [];
  let sampled = 0;
  for (const docs of segments) {
    let p = 0;
    while (p < docs.length && sampled < maxDocuments) {
      const slot = docs[p] ?? 0;
      p += 1;
      if (alive[slot] !== 1) continue;
      sampled += 1;
      for (let e = slotStart[slot] ?? 0; e < (slotStart[slot + 1] ?? 0); e += 1) {
        const other = entryTerms[e] ?? 0;
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
    if (count >= minCount) counts.set(store.termStrings[other] ?? '', count);
  }
  return { sampled, counts };
}
