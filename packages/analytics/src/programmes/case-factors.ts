/**
 * Case library (事例): which factors appear more in success cases than in failure cases. Mixed
 * outcomes are left out. Per factor: counts, share in each outcome, odds ratio (Haldane–Anscombe
 * when a cell is 0) and Fisher's exact p.
 */
import { DomainError } from '#core/domain-error.ts';
import type { CaseStory } from '#core/entities/case-story.ts';
import { fisherExactTest, oddsRatio } from '../statistics/fisher-exact.ts';

export interface CaseFactorComparison {
  factor: string;
  /** [[successes with, failures with], [successes without, failures without]]. */
  table: [[number, number], [number, number]];
  successesWith: number;
  failuresWith: number;
  shareInSuccesses: number;
  shareInFailures: number;
  oddsRatio: number;
  oddsRatioCiLow: number;
  oddsRatioCiHigh: number;
  haldaneCorrected: boolean;
  fisherP: number;
  /** Which outcome the factor goes with, when the data support it (p < alpha); else 'unclear'. */
  leansTowards: 'success' | 'failure' | 'unclear';
}

export interface CaseFactorAnalysis {
  successes: number;
  failures: number;
  mixedExcluded: number;
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
      fisherP,
      leansTowards: fisherP >= alpha ? 'unclear' : or.oddsRatio > 1 ? 'success' : 'failure',
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
    factors,
  };
}
