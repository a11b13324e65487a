/**
 * The two comparisons of the continuation analysis between records with a factor and without:
 * a 2×2 cross-tab with its odds ratio (Haldane-corrected when a cell is empty) and Fisher's exact
 * test, and Kaplan–Meier curves of activity after the end per group with a log-rank test. Each
 * says in its note when the data cannot carry the test.
 */
import { isDomainError } from '#core/domain-error.ts';
import { fisherExactTest, oddsRatio, type Table2x2 } from '../statistics/fisher-exact.ts';
import {
  kaplanMeier,
  type KaplanMeierPoint,
  type SurvivalObservation,
} from '../statistics/kaplan-meier.ts';
import { logRankTest } from '../statistics/log-rank.ts';
import { formatP } from './continuation-summary.ts';

export interface CrossTab {
  factor: string;
  outcome: string;
  /** [[factor & outcome, factor & no outcome], [no factor & outcome, neither]]. */
  table: [[number, number], [number, number]];
  oddsRatio: number;
  oddsRatioCiLow: number;
  oddsRatioCiHigh: number;
  haldaneCorrected: boolean;
  fisherP: number;
  /** Outcome share among records with the factor, and without. */
  shareWithFactor: number;
  shareWithoutFactor: number;
  /** Positive association: odds ratio > 1, interval above 1 and Fisher p < alpha. */
  supported: boolean;
  note: string;
}

export interface SurvivalGroupCurve {
  label: string;
  records: number;
  events: number;
  /** Median years of activity after the end; null when the curve stays above 0.5. */
  medianYears: number | null;
  curve: KaplanMeierPoint[];
}

export interface SurvivalComparison {
  factor: string;
  groups: SurvivalGroupCurve[];
  logRank: { chiSquare: number; degreesOfFreedom: number; pValue: number } | null;
  note: string;
}

export function crossTab(
  factor: string,
  outcome: string,
  records: readonly { has: boolean; outcome: boolean }[],
  alpha: number,
): CrossTab | { factor: string; outcome: string; skipped: string } {
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  for (const r of records) {
    if (r.has && r.outcome) a++;
    else if (r.has) b++;
    else if (r.outcome) c++;
    else d++;
  }
  const table: Table2x2 = [
    [a, b],
    [c, d],
  ];
  let or;
  try {
    or = oddsRatio(table);
  } catch (error) {
    if (isDomainError(error) && error.code === 'insufficient_data') {
      return { factor, outcome, skipped: `${error.message} (${a}, ${b}, ${c}, ${d})` };
    }
    throw error;
  }
  const fisher = fisherExactTest(table);
  const supported = or.oddsRatio > 1 && or.ciLow > 1 && fisher.pValue < alpha;
  return {
    factor,
    outcome,
    table: [
      [a, b],
      [c, d],
    ],
    oddsRatio: or.oddsRatio,
    oddsRatioCiLow: or.ciLow,
    oddsRatioCiHigh: or.ciHigh,
    haldaneCorrected: or.haldaneCorrected,
    fisherP: fisher.pValue,
    shareWithFactor: a / (a + b),
    shareWithoutFactor: c / (c + d),
    supported,
    note: `${or.method}; Fisher's exact test two-sided p ${formatP(fisher.pValue)}`,
  };
}

export function survivalBy(
  factor: string,
  groups: readonly { label: string; observations: SurvivalObservation[] }[],
): SurvivalComparison {
  const present = groups.filter((g) => g.observations.length > 0);
  const curves = present.map((g) => {
    const km = kaplanMeier(g.observations);
    return {
      label: g.label,
      records: km.records,
      events: km.events,
      medianYears: km.median,
      curve: km.points,
    };
  });
  let logRank: SurvivalComparison['logRank'] = null;
  let note = 'Kaplan–Meier with Greenwood variance, log intervals; log-rank (Mantel–Cox) test';
  if (present.length >= 2) {
    try {
      const test = logRankTest(present);
      logRank = {
        chiSquare: test.chiSquare,
        degreesOfFreedom: test.degreesOfFreedom,
        pValue: test.pValue,
      };
    } catch (error) {
      if (!isDomainError(error) || error.code !== 'insufficient_data') throw error;
      note = `no log-rank test: ${error.message}`;
    }
  } else if (groups.length >= 2) {
    note = 'no log-rank test: only one group has records';
  }
  return { factor, groups: curves, logRank, note };
}
