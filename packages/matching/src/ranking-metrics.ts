/**
 * Ranking quality measures for graded relevance judgments (0 = not relevant … 3 = solves the
 * need): nDCG@k with the exponential gain 2^g − 1 and log2 discount (Järvelin & Kekäläinen),
 * recall@k over the documents judged relevant (grade ≥ 1 unless told otherwise), and the
 * reciprocal rank of the first relevant document (MRR when averaged). Unjudged documents
 * count as not relevant.
 */

/** Document id → grade (0–3); documents not listed are grade 0. */
export type Judgments = ReadonlyMap<string, number>;

export interface RelevanceOptions {
  /** Lowest grade that counts as relevant for recall and MRR (default 1). */
  readonly minGrade?: number;
}

function gain(grade: number): number {
  return 2 ** grade - 1;
}

function dcg(grades: readonly number[], k: number): number {
  let sum = 0;
  const n = Math.min(k, grades.length);
  for (let i = 0; i < n; i += 1) sum += gain(grades[i] ?? 0) / Math.log2(i + 2);
  return sum;
}

/** nDCG@k of a ranked list of ids; 0 when nothing is judged relevant. */
export function ndcgAt(ranked: readonly string[], judgments: Judgments, k: number): number {
  const ideal = dcg(
    [...judgments.values()].filter((g) => g > 0).sort((a, b) => b - a),
    k,
  );
  if (ideal === 0) return 0;
  const seen = new Set<string>();
  const grades = ranked.slice(0, k).map((id) => {
    // A duplicate id earns nothing the second time.
    if (seen.has(id)) return 0;
    seen.add(id);
    return judgments.get(id) ?? 0;
  });
  return dcg(grades, k) / ideal;
}

/** Share of the relevant documents found in the first k; 0 when nothing is relevant. */
export function recallAt(
  ranked: readonly string[],
  judgments: Judgments,
  k: number,
  options: RelevanceOptions = {},
): number {
  const minGrade = options.minGrade ?? 1;
  let relevant = 0;
  for (const grade of judgments.values()) if (grade >= minGrade) relevant += 1;
  if (relevant === 0) return 0;
  const found = new Set(ranked.slice(0, k).filter((id) => (judgments.get(id) ?? 0) >= minGrade));
  return found.size / relevant;
}

/** 1 / rank of the first relevant document, 0 when none is ranked. */
export function reciprocalRank(
  ranked: readonly string[],
  judgments: Judgments,
  options: RelevanceOptions = {},
): number {
  const minGrade = options.minGrade ?? 1;
  const at = ranked.findIndex((id) => (judgments.get(id) ?? 0) >= minGrade);
  return at < 0 ? 0 : 1 / (at + 1);
}

export interface RankingQuality {
  readonly queries: number;
  readonly ndcgAt10: number;
  readonly recallAt20: number;
  readonly mrr: number;
}

/** Means of nDCG@10, recall@20 and reciprocal rank over queries (each ranked ≥ 20 deep). */
export function meanRankingQuality(
  runs: readonly { readonly ranked: readonly string[]; readonly judgments: Judgments }[],
  options: RelevanceOptions = {},
): RankingQuality {
  if (runs.length === 0) return { queries: 0, ndcgAt10: 0, recallAt20: 0, mrr: 0 };
  let ndcg = 0;
  let recall = 0;
  let rr = 0;
  for (const { ranked, judgments } of runs) {
    ndcg += ndcgAt(ranked, judgments, 10);
    recall += recallAt(ranked, judgments, 20, options);
    rr += reciprocalRank(ranked, judgments, options);
  }
  const n = runs.length;
  return { queries: n, ndcgAt10: ndcg / n, recallAt20: recall / n, mrr: rr / n };
}
