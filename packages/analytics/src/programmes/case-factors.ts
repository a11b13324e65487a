/**
 * Case library (事例): which factors appear more in success cases than in failure cases. Mixed
 * outcomes are left out. Per factor: counts, share in each outcome, the sample odds ratio
 * (Haldane–Anscombe when a cell is 0) with its Woolf interval, the conditional maximum-likelihood
 * odds ratio with its exact interval (the estimate that goes with Fisher's test, as R's
 * `fisher.test`), and Fisher's exact p.
 *
 * The direction rule (`DIRECTION_RULE`): a factor leans towards success only when Fisher's p is
 * below alpha AND the exact (1 − alpha) interval of the conditional odds ratio lies wholly above
 * 1; towards failure when p is below alpha and that interval lies wholly below 1; otherwise it is
 * unclear. Fisher's two-sided p and the central exact interval can disagree near alpha; requiring
 * both means a row never says "more in successes" while its interval includes 1.
 */
import { DomainError } from '#core/domain-error.ts';
import type { CaseStory } from '#core/entities/case-story.ts';
import { conditionalOddsRatio, fisherExactTest, oddsRatio } from '../statistics/fisher-exact.ts';

export const DIRECTION_RULE =
  'a factor leans towards success (failure) only when Fisher’s exact p < alpha and the exact (1 − alpha) confidence interval of the conditional maximum-likelihood odds ratio lies wholly above (below) 1; otherwise unclear';

export interface CaseFactorComparison {
  factor: string;
  /** [[successes with, failures with], [successes without, failures without]]. */
  table: [[number, number], [number, number]];
  successesWith: number;
  failuresWith: number;
  shareInSuccesses: number;
  shareInFailures: number;
  /** Sample odds ratio (Haldane–Anscombe corrected when a cell is 0) and its Woolf interval. */
  oddsRatio: number;
  oddsRatioCiLow: number;
  oddsRatioCiHigh: number;
  haldaneCorrected: boolean;
  /** Conditional maximum-likelihood odds ratio (R fisher.test's estimate); 0 or Infinity at the edges. */
  conditionalOddsRatio: number;
  /** Its exact conditional (1 − alpha) interval; 0 and Infinity when open on that side. */
  exactCiLow: number;
  exactCiHigh: number;
  fisherP: number;
  /** Which outcome the factor goes with under `DIRECTION_RULE`; else 'unclear'. */
  leansTowards: 'success' | 'failure' | 'unclear';
}

export interface CaseFactorAnalysis {
  successes: number;
  failures: number;
  mixedExcluded: number;
  /** The significance level of the test and of the interval (confidence 1 − alpha). */
  alpha: number;
  /** How `leansTowards` is decided (DIRECTION_RULE). */
  rule: string;
  factors: CaseFactorComparison[];
}

/** Factor labels are compared after NFKC normalisation and trimming. */
export function analyseCaseFactors(
  cases: readonly CaseStory[],
  options: { alpha?: number } = {},
): CaseFactorAnalysis {
  const alpha = options.alpha ?? 0.05;
  const successes = cases.filter((c) => c.outcome === 'success');
  const failures = cases.filter((c) => c.outcome === 'failure');
  if (successes.length === 0 || failures.length === 0) {
    throw new DomainError(
      'insufficient_data',
      `comparing factors needs both success and failure cases (${successes.length} successes, ${failures.length} failures)`,
      { successes: successes.length, failures: failures.length },
    );
  }
  const norm = (f: string) => f.normalize('NFKC').trim();
  const factorsOf = (c: CaseStory) => new Set(c.factors.map(norm).filter((f) => f.length > 0));
  const successSets = successes.map(factorsOf);
  const failureSets = failures.map(factorsOf);
  const all = new Set([...successSets, ...failureSets].flatMap((s) => [...s]));
  const factors = [...all].map((factor): CaseFactorComparison => {
    const a = successSets.filter((s) => s.has(factor)).length;
    const b = failureSets.filter((s) => s.has(factor)).length;
    const c = successes.length - a;
    const d = failures.length - b;
    const table: [[number, number], [number, number]] = [
      [a, b],
      [c, d],
    ];
    const or = oddsRatio(table);
    const fisherP = fisherExactTest(table).pValue;
    const exact = conditionalOddsRatio(table, 1 - alpha);
    const significant = fisherP < alpha;
    return {
      factor,
      table,
      successesWith: a,
      failuresWith: b,
      shareInSuccesses: a / successes.length,
      shareInFailures: b / failures.length,
      oddsRatio: or.oddsRatio,
      oddsRatioCiLow: or.ciLow,
      oddsRatioCiHigh: or.ciHigh,
      haldaneCorrected: or.haldaneCorrected,
      conditionalOddsRatio: exact.estimate,
      exactCiLow: exact.ciLow,
      exactCiHigh: exact.ciHigh,
      fisherP,
      leansTowards:
        significant && exact.ciLow > 1
          ? 'success'
          : significant && exact.ciHigh < 1
            ? 'failure'
            : 'unclear',
    };
  });
  factors.sort(
    (x, y) =>
      y.shareInSuccesses - y.shareInFailures - (x.shareInSuccesses - x.shareInFailures) ||
      x.fisherP - y.fisherP ||
      x.factor.localeCompare(y.factor),
  );
  return {
    successes: successes.length,
    failures: failures.length,
    mixedExcluded: cases.length - successes.length - failures.length,
    alpha,
    rule: DIRECTION_RULE,
    factors,
  };
}
