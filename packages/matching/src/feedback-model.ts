/**
 * Learning from rejected and chosen candidates (pure):
 * - the same seed is demoted (rejected) or promoted (chosen) for needs similar to the one it was
 *   judged for (Jaccard similarity of their index terms);
 * - `wrong_field` rejections lower every seed of that field for needs of that field, in
 *   proportion to how often the pair was rejected (a Laplace-smoothed rate);
 * - `too_early_stage` rejections demote, for similar needs, seeds at or below the rejected TRL.
 */
import type { MatchFeedback } from '#core/match-feedback.ts';

export interface FeedbackCandidate {
  readonly id: string;
  readonly field?: string;
  readonly trl?: number;
}

export interface FeedbackVerdict {
  /** In [-1, 1]. */
  readonly value: number;
  /** Human-readable reasons (for explanations). */
  readonly reasons: readonly string[];
}

export interface FeedbackModel {
  readonly size: number;
  score(
    needTerms: ReadonlySet<string>,
    needField: string | undefined,
    candidate: FeedbackCandidate,
  ): FeedbackVerdict;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let both = 0;
  for (const term of a) if (b.has(term)) both += 1;
  return both / (a.size + b.size - both);
}

interface Entry {
  readonly feedback: MatchFeedback;
  readonly terms: ReadonlySet<string>;
}

const SIMILAR = 0.15;

export function buildFeedbackModel(feedback: readonly MatchFeedback[]): FeedbackModel {
  const bySeed = new Map<string, Entry[]>();
  const early: Entry[] = [];
  const pairs = new Map<string, { rejected: number; chosen: number }>();
  const pairKey = (needField: string, seedField: string): string =>
    `${needField}\u0000${seedField}`;
  for (const f of feedback) {
    const entry: Entry = { feedback: f, terms: new Set(f.needTerms) };
    const list = bySeed.get(f.seedId) ?? [];
    list.push(entry);
    bySeed.set(f.seedId, list);
    if (f.reason === 'too_early_stage' && f.seedTrl !== undefined) early.push(entry);
    if (f.needField !== undefined && f.seedField !== undefined) {
      const key = pairKey(f.needField, f.seedField);
      const counts = pairs.get(key) ?? { rejected: 0, chosen: 0 };
      if (f.decision === 'rejected' && f.reason === 'wrong_field') counts.rejected += 1;
      if (f.decision === 'chosen') counts.chosen += 1;
      pairs.set(key, counts);
    }
  }
  return {
    size: feedback.length,
    score(needTerms, needField, candidate) {
      let value = 0;
      const reasons: string[] = [];
      for (const { feedback: f, terms } of bySeed.get(candidate.id) ?? []) {
        const similarity = jaccard(needTerms, terms);
        if (similarity < SIMILAR) continue;
        if (f.decision === 'rejected') {
          value -= similarity;
          reasons.push(`rejected for a similar need (${f.reason ?? 'no reason'})`);
        } else {
          value += similarity;
          reasons.push('chosen for a similar need');
        }
      }
      if (needField !== undefined && candidate.field !== undefined) {
        const counts = pairs.get(pairKey(needField, candidate.field));
        if (counts !== undefined && counts.rejected > 0) {
          const rate = counts.rejected / (counts.rejected + counts.chosen + 2);
          value -= rate;
          reasons.push(`${needField} needs rejected ${candidate.field} seeds as wrong_field`);
        }
      }
      if (candidate.trl !== undefined) {
        for (const { feedback: f, terms } of early) {
          if (f.seedId === candidate.id || f.seedTrl === undefined) continue;
          const similarity = jaccard(needTerms, terms);
          if (similarity >= SIMILAR && candidate.trl <= f.seedTrl) {
            value -= 0.5 * similarity;
            reasons.push(`similar need found TRL ${f.seedTrl} too early`);
            break;
          }
        }
      }
      return { value: Math.max(-1, Math.min(1, value)), reasons };
    },
  };
}
