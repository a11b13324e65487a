/**
 * Log-rank (Mantel–Cox) test of equal survival across two or more groups, as R's `survdiff`
 * (rho = 0): chi-square on k − 1 degrees of freedom from the observed − expected events and their
 * hypergeometric covariance; p from the regularised incomplete gamma function.
 */
import { DomainError } from '#core/domain-error.ts';
import { cholesky, choleskySolve } from './linear-algebra.ts';
import { validateObservations, type SurvivalObservation } from './kaplan-meier.ts';
import { chiSquareSurvival } from './special-functions.ts';

export interface SurvivalGroup {
  label: string;
  observations: readonly SurvivalObservation[];
}

export interface LogRankGroupSummary {
  label: string;
  records: number;
  observed: number;
  expected: number;
}

export interface LogRankResult {
  groups: LogRankGroupSummary[];
  chiSquare: number;
  degreesOfFreedom: number;
  pValue: number;
}

export function logRankTest(groups: readonly SurvivalGroup[]): LogRankResult {
  if (groups.length < 2) {
    throw new DomainError(
      'insufficient_data',
      `a log-rank test needs at least 2 groups, got ${groups.length}`,
      {
        groups: groups.map((g) => g.label),
      },
    );
  }
  for (const group of groups) {
    if (group.observations.length === 0) {
      throw new DomainError('insufficient_data', `group "${group.label}" has no records`, {
        group: group.label,
      });
    }
    validateObservations(group.observations, `group "${group.label}"`);
  }
  const k = groups.length;
  const eventTimes = [
    ...new Set(groups.flatMap((g) => g.observations.filter((o) => o.event).map((o) => o.time))),
  ].sort((a, b) => a - b);
  if (eventTimes.length === 0) {
    throw new DomainError('insufficient_data', 'no events in any group: nothing to compare', {
      groups: groups.map((g) => g.label),
    });
  }
  const observed = new Array<number>(k).fill(0);
  const expected = new Array<number>(k).fill(0);
  const variance = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const time of eventTimes) {
    const atRisk = groups.map((g) => g.observations.filter((o) => o.time >= time).length);
    const events = groups.map(
      (g) => g.observations.filter((o) => o.time === time && o.event).length,
    );
    const n = atRisk.reduce((s, v) => s + v, 0);
    const d = events.reduce((s, v) => s + v, 0);
    for (let g = 0; g < k; g++) {
      observed[g] = (observed[g] ?? 0) + (events[g] ?? 0);
      expected[g] = (expected[g] ?? 0) + (d * (atRisk[g] ?? 0)) / n;
    }
    if (n < 2) continue;
    const factor = (d * (n - d)) / (n - 1);
    for (let g = 0; g < k; g++) {
      const share = (atRisk[g] ?? 0) / n;
      const row = variance[g];
      if (!row) continue;
      for (let h = 0; h < k; h++) {
        const other = (atRisk[h] ?? 0) / n;
        row[h] = (row[h] ?? 0) + factor * share * ((g === h ? 1 : 0) - other);
      }
    }
  }
  // drop the last group: the k differences sum to 0
  const u = observed.slice(0, k - 1).map((o, g) => o - (expected[g] ?? 0));
  const reduced = variance.slice(0, k - 1).map((row) => row.slice(0, k - 1));
  const factor = cholesky(reduced, 1e-12);
  if (!factor.ok) {
    const label = groups[factor.column]?.label ?? '?';
    throw new DomainError(
      'insufficient_data',
      `group "${label}" contributes no information at any event time (no one at risk when events occur)`,
      { group: label },
    );
  }
  const solved = choleskySolve(factor.lower, u);
  const chiSquare = Math.max(
    0,
    u.reduce((s, v, i) => s + v * (solved[i] ?? 0), 0),
  );
  return {
    groups: groups.map((g, i) => ({
      label: g.label,
      records: g.observations.length,
      observed: observed[i] ?? 0,
      expected: expected[i] ?? 0,
    })),
    chiSquare,
    degreesOfFreedom: k - 1,
    pValue: chiSquareSurvival(chiSquare, k - 1),
  };
}
