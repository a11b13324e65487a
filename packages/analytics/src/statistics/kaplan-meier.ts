/**
 * Kaplan–Meier survival estimator with right censoring, Greenwood variance and pointwise
 * confidence intervals (as R's `survfit`; default interval "log", like R).
 */
import { DomainError } from '#core/domain-error.ts';
import { normalQuantile } from './special-functions.ts';

export interface SurvivalObservation {
  /** Time from the origin (≥ 0). */
  time: number;
  /** True when the event happened at `time`; false when observation stopped then (censored). */
  event: boolean;
}

export type SurvivalCiMethod = 'log' | 'log-log' | 'plain';

export interface KaplanMeierOptions {
  /** Default 0.95. */
  confidence?: number;
  /** Default 'log' (R's survfit default). */
  ciMethod?: SurvivalCiMethod;
}

export interface KaplanMeierPoint {
  time: number;
  atRisk: number;
  events: number;
  censored: number;
  /** S(t) just after `time`. */
  survival: number;
  /** Greenwood standard error of S(t); null once S reaches 0 (undefined there). */
  standardError: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

export interface KaplanMeierResult {
  records: number;
  events: number;
  censored: number;
  /** One point per distinct time with an event or a censoring, in time order. */
  points: KaplanMeierPoint[];
  /** Smallest time with S ≤ 0.5 (midpoint when S = 0.5 on an interval, as R); null if not reached. */
  median: number | null;
  confidence: number;
  ciMethod: SurvivalCiMethod;
}

export function validateObservations(
  observations: readonly SurvivalObservation[],
  label = '',
): void {
  observations.forEach((o, i) => {
    if (!Number.isFinite(o.time) || o.time < 0) {
      throw new DomainError(
        'validation_failed',
        `survival time ${String(o.time)} of record ${i}${label ? ` in ${label}` : ''} is not a finite number ≥ 0`,
        { record: i, time: o.time },
      );
    }
  });
}

function interval(
  survival: number,
  greenwoodSum: number,
  z: number,
  method: SurvivalCiMethod,
): [number | null, number | null] {
  if (survival <= 0 || !Number.isFinite(greenwoodSum)) return [null, null];
  const seLog = Math.sqrt(greenwoodSum);
  if (method === 'plain') {
    const se = survival * seLog;
    return [Math.max(0, survival - z * se), Math.min(1, survival + z * se)];
  }
  if (method === 'log') {
    return [survival * Math.exp(-z * seLog), Math.min(1, survival * Math.exp(z * seLog))];
  }
  if (survival >= 1) return [1, 1];
  const logS = Math.log(survival);
  // log(−log S) ± z · seLog / |log S|
  const spread = (z * seLog) / Math.abs(logS);
  return [survival ** Math.exp(spread), survival ** Math.exp(-spread)];
}

export function kaplanMeier(
  observations: readonly SurvivalObservation[],
  options: KaplanMeierOptions = {},
): KaplanMeierResult {
  const confidence = options.confidence ?? 0.95;
  const ciMethod = options.ciMethod ?? 'log';
  if (observations.length === 0) {
    throw new DomainError('insufficient_data', 'no records for a survival curve', { records: 0 });
  }
  validateObservations(observations);
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const byTime = new Map<number, { events: number; censored: number }>();
  for (const o of observations) {
    const entry = byTime.get(o.time) ?? { events: 0, censored: 0 };
    if (o.event) entry.events += 1;
    else entry.censored += 1;
    byTime.set(o.time, entry);
  }
  const times = [...byTime.keys()].sort((a, b) => a - b);
  let atRisk = observations.length;
  let survival = 1;
  let greenwoodSum = 0;
  const points: KaplanMeierPoint[] = [];
  for (const time of times) {
    const { events, censored } = byTime.get(time) ?? { events: 0, censored: 0 };
    if (events > 0) {
      survival *= 1 - events / atRisk;
      greenwoodSum += atRisk > events ? events / (atRisk * (atRisk - events)) : Infinity;
    }
    const [ciLow, ciHigh] = interval(survival, greenwoodSum, z, ciMethod);
    points.push({
      time,
      atRisk,
      events,
      censored,
      survival,
      standardError:
        survival > 0 && Number.isFinite(greenwoodSum) ? survival * Math.sqrt(greenwoodSum) : null,
      ciLow,
      ciHigh,
    });
    atRisk -= events + censored;
  }
  const eventPoints = points.filter((p) => p.events > 0);
  let median: number | null = null;
  for (let i = 0; i < eventPoints.length; i++) {
    const point = eventPoints[i];
    if (!point || point.survival > 0.5 + 1e-12) continue;
    const next = eventPoints[i + 1];
    median =
      Math.abs(point.survival - 0.5) <= 1e-12 && next ? (point.time + next.time) / 2 : point.time;
    break;
  }
  const events = observations.filter((o) => o.event).length;
  return {
    records: observations.length,
    events,
    censored: observations.length - events,
    points,
    median,
    confidence,
    ciMethod,
  };
}

/** S(t) of a fitted curve at any time t (a step function, right-continuous). */
export function survivalAt(result: KaplanMeierResult, time: number): number {
  let survival = 1;
  for (const point of result.points) {
    if (point.time > time) break;
    survival = point.survival;
  }
  return survival;
}
