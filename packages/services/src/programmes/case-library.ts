/**
 * Case library (事例): success and failure cases searched by text, outcome, prefecture, programme
 * and factor, and which factors appear more in successes than in failures.
 */
import {
  analyseCaseFactors,
  DIRECTION_RULE,
  type CaseFactorAnalysis,
} from '#analytics/programmes/case-factors.ts';
import { isDomainError } from '#core/domain-error.ts';
import { ZCaseStory, type CaseStory } from '#core/entities/case-story.ts';
import type { Repositories } from '#core/ports.ts';
import type { CaseOutcome } from '#core/vocabulary.ts';
import { finiteOrNull, readAll } from './load-records.ts';

export interface CaseFilter {
  /** Substring of the title, summary, lessons or a factor (NFKC, case-insensitive). */
  q?: string;
  outcome?: CaseOutcome;
  prefectureCode?: string;
  programmeId?: string;
  factor?: string;
  limit?: number;
}

const norm = (s: string) => s.normalize('NFKC').toLowerCase().trim();

export function filterCases(cases: readonly CaseStory[], filter: CaseFilter): CaseStory[] {
  const q = filter.q ? norm(filter.q) : '';
  const factor = filter.factor ? norm(filter.factor) : '';
  return cases.filter(
    (c) =>
      (!filter.outcome || c.outcome === filter.outcome) &&
      (!filter.prefectureCode || c.prefectureCodes.includes(filter.prefectureCode)) &&
      (!filter.programmeId || c.programmeIds.includes(filter.programmeId)) &&
      (!factor || c.factors.some((f) => norm(f) === factor)) &&
      (!q ||
        [c.title, c.summary ?? '', c.lessons ?? '', ...c.factors].some((t) => norm(t).includes(q))),
  );
}

export async function searchCases(
  repos: Repositories,
  filter: CaseFilter = {},
): Promise<{ total: number; cases: CaseStory[] }> {
  const found = filterCases(await readAll(repos, 'cases', ZCaseStory), filter);
  return { total: found.length, cases: found.slice(0, filter.limit ?? 50) };
}

export type CaseFactorsOutput = CaseFactorAnalysis & {
  /** Why no comparison was possible (then `factors` is empty). */
  note: string | null;
};

/** Factors in successes vs failures over the cases that pass the filter (outcome filter aside). */
export async function analyzeCaseFactors(
  repos: Repositories,
  filter: Omit<CaseFilter, 'outcome' | 'limit'> = {},
): Promise<CaseFactorsOutput> {
  const cases = filterCases(await readAll(repos, 'cases', ZCaseStory), filter);
  try {
    return finiteOrNull({ ...analyseCaseFactors(cases), note: null });
  } catch (error) {
    if (!isDomainError(error) || error.code !== 'insufficient_data') throw error;
    return {
      successes: cases.filter((c) => c.outcome === 'success').length,
      failures: cases.filter((c) => c.outcome === 'failure').length,
      mixedExcluded: cases.filter((c) => c.outcome === 'mixed').length,
      alpha: 0.05,
      rule: DIRECTION_RULE,
      factors: [],
      note: error.message,
    };
  }
}
