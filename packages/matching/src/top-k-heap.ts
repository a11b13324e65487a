/** The k best (score, id) pairs seen so far: ties broken by id, so results are deterministic. */
import type { SearchHit } from './bm25f.ts';

export class MinHeap {
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
