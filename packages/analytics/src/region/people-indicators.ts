/**
 * People of a region (人材育成): its training programmes, their learners and where those who
 * completed went — the local retention rate (stayed in the region ÷ destinations known) with a 95%
 * Wilson interval and the bounds if every unknown destination had stayed or left — and coordinator
 * staffing and turnover (departures ÷ staff at the start of the year) from indicators.
 *
 * A rate on fewer than `MIN_PEOPLE_FOR_CLAIM` known destinations (or staff-years) is shown but
 * `claim: false`, with the reason.
 */
import type { TrainingCohort, TrainingProgramme } from '#core/entities/training-programme.ts';
import { wilsonInterval } from '../statistics/wilson-interval.ts';

export const MIN_PEOPLE_FOR_CLAIM = 20;
/** Unknown destinations above this share of those who completed: the rate may be biased. */
export const MAX_UNKNOWN_SHARE = 0.3;

export interface RateEstimate {
  /** Successes (stayed, or left the post) and trials (known destinations, or staff-years). */
  count: number;
  n: number;
  rate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  claim: boolean;
  note: string | null;
}

export interface Retention extends RateEstimate {
  unknown: number;
  /** If every unknown destination had left / had stayed. */
  worstCase: number | null;
  bestCase: number | null;
}

export interface CohortTotals {
  enrolled: number;
  completed: number;
  stayedLocal: number;
  leftRegion: number;
  unknown: number;
}

export interface ProgrammePeople {
  id: string;
  name: string;
  kind: string;
  totals: CohortTotals;
  completionRate: number | null;
  retention: Retention;
  years: (CohortTotals & { fiscalYear: number; retention: number | null })[];
}

export interface CoordinatorYear {
  fiscalYear: number;
  staff: number | null;
  departures: number | null;
  turnover: number | null;
}

export interface CoordinatorStaffing {
  years: CoordinatorYear[];
  /** Departures over staff-years of the years with both. */
  turnover: RateEstimate;
  latestStaff: number | null;
}

function estimate(count: number, n: number, what: string): RateEstimate {
  const ci = wilsonInterval(count, n);
  const claim = n >= MIN_PEOPLE_FOR_CLAIM;
  return {
    count,
    n,
    rate: ci?.rate ?? null,
    ciLow: ci?.low ?? null,
    ciHigh: ci?.high ?? null,
    claim,
    note: claim ? null : `only ${n} ${what} (at least ${MIN_PEOPLE_FOR_CLAIM} needed for a claim)`,
  };
}

function sum(cohorts: readonly TrainingCohort[]): CohortTotals {
  const totals = { enrolled: 0, completed: 0, stayedLocal: 0, leftRegion: 0, unknown: 0 };
  for (const c of cohorts) {
    totals.enrolled += c.enrolled;
    totals.completed += c.completed;
    totals.stayedLocal += c.stayedLocal;
    totals.leftRegion += c.leftRegion;
    totals.unknown += c.unknown;
  }
  return totals;
}

export function retentionOf(totals: CohortTotals): Retention {
  const known = totals.stayedLocal + totals.leftRegion;
  const base = estimate(totals.stayedLocal, known, 'known destinations');
  const all = known + totals.unknown;
  const unknownShare = all > 0 ? totals.unknown / all : 0;
  const notes = [base.note];
  if (unknownShare > MAX_UNKNOWN_SHARE)
    notes.push(
      `${(unknownShare * 100).toFixed(0)}% of destinations unknown: the rate may be biased (see worst and best cases)`,
    );
  const text = notes.filter((n) => n !== null).join('; ');
  return {
    ...base,
    claim: base.claim && unknownShare <= MAX_UNKNOWN_SHARE,
    note: text === '' ? null : text,
    unknown: totals.unknown,
    worstCase: all > 0 ? totals.stayedLocal / all : null,
    bestCase: all > 0 ? (totals.stayedLocal + totals.unknown) / all : null,
  };
}

export function programmePeople(programme: TrainingProgramme): ProgrammePeople {
  const totals = sum(programme.cohorts);
  return {
    id: programme.id,
    name: programme.name,
    kind: programme.kind,
    totals,
    completionRate: totals.enrolled > 0 ? totals.completed / totals.enrolled : null,
    retention: retentionOf(totals),
    years: [...programme.cohorts]
      .sort((a, b) => a.fiscalYear - b.fiscalYear)
      .map((c) => {
        const known = c.stayedLocal + c.leftRegion;
        return {
          fiscalYear: c.fiscalYear,
          ...sum([c]),
          retention: known > 0 ? c.stayedLocal / known : null,
        };
      }),
  };
}

/** All programmes' cohorts together. */
export function regionRetention(programmes: readonly TrainingProgramme[]): Retention & {
  totals: CohortTotals;
} {
  const totals = sum(programmes.flatMap((p) => p.cohorts));
  return { ...retentionOf(totals), totals };
}

/** Staff (headcount) and departures by fiscal year → turnover per year and over all years. */
export function coordinatorStaffing(
  staff: ReadonlyMap<number, number>,
  departures: ReadonlyMap<number, number>,
): CoordinatorStaffing {
  const years = [...new Set([...staff.keys(), ...departures.keys()])].sort((a, b) => a - b);
  let left = 0;
  let staffYears = 0;
  const rows = years.map((fiscalYear) => {
    const s = staff.get(fiscalYear) ?? null;
    const d = departures.get(fiscalYear) ?? null;
    const usable = s !== null && d !== null && s > 0 && Number.isInteger(s) && Number.isInteger(d);
    if (usable) {
      staffYears += s;
      left += Math.min(d, s);
    }
    return { fiscalYear, staff: s, departures: d, turnover: usable ? Math.min(d, s) / s : null };
  });
  const latest = [...rows].reverse().find((r) => r.staff !== null);
  return {
    years: rows,
    turnover: estimate(left, staffYears, 'coordinator staff-years'),
    latestStaff: latest?.staff ?? null,
  };
}
