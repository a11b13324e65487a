/**
 * Progress of a region's strategy against its KPI targets (地域ビジョンのKPI・PDCA). Each target
 * (metric, fiscal year) is judged on the measured indicator of the same area and metric:
 *
 * - a target year that has passed (≤ the last measured year): `on_track` when the measured value
 *   meets the target, else `behind`;
 * - a target still ahead: judged on the latest measurement against the straight line from the
 *   baseline to the target (the value expected by then): `on_track` or `behind`; without a baseline
 *   or a measurement since it, `no_data`;
 * - a passed target year without a measurement: `no_data`.
 *
 * No claim is made without a measurement: `no_data` says which is missing. The summary counts the
 * statuses per value (social / industrial / economic) and names a value with no target at all
 * (evaluation must cover all three).
 */
import type { ValueKind } from '#core/entities/project-management.ts';
import { VALUE_KINDS } from '#core/entities/project-management.ts';
import type { KpiTarget } from '#core/entities/region-strategy.ts';

export const TARGET_STATUSES = ['on_track', 'behind', 'no_data'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

/** Measured values of one metric by fiscal year. */
export type MetricSeries = ReadonlyMap<number, number>;

export interface TargetProgress {
  metric: string;
  label: string | null;
  value: ValueKind;
  year: number;
  unit: string;
  direction: 'increase' | 'decrease';
  target: number;
  baseline: number | null;
  baselineYear: number | null;
  /** The measurement judged: the target year's, or the latest before it for a target ahead. */
  actual: number | null;
  actualYear: number | null;
  /** For a target ahead: the value the straight line from baseline to target expects by `actualYear`. */
  expected: number | null;
  /** Share of the way from baseline to target covered by `actual` (1 = target reached). */
  attainment: number | null;
  status: TargetStatus;
  /** Why (English). */
  basis: string;
}

export interface MetricTimeline {
  metric: string;
  value: ValueKind;
  unit: string;
  points: { year: number; actual: number | null; target: number | null }[];
}

export interface StrategyProgressSummary {
  byValue: Record<ValueKind, Record<TargetStatus, number>>;
  /** Values (of the three) with no KPI target. */
  valuesWithoutTargets: ValueKind[];
}

export interface StrategyProgress {
  targets: TargetProgress[];
  timelines: MetricTimeline[];
  summary: StrategyProgressSummary;
}

const meets = (direction: 'increase' | 'decrease', actual: number, goal: number) =>
  direction === 'increase' ? actual >= goal : actual <= goal;

export function judgeTarget(
  target: KpiTarget,
  series: MetricSeries | undefined,
  asOfFy: number,
): TargetProgress {
  const baseline = target.baseline ?? null;
  const baselineYear = target.baselineYear ?? null;
  const common = {
    metric: target.metric,
    label: target.label ?? null,
    value: target.value,
    year: target.year,
    unit: target.unit,
    direction: target.direction,
    target: target.target,
    baseline,
    baselineYear,
  };
  const attainmentOf = (actual: number) =>
    baseline !== null && target.target !== baseline
      ? (actual - baseline) / (target.target - baseline)
      : null;
  const measured = [...(series ?? new Map<number, number>()).entries()]
    .filter(([year]) => year <= asOfFy)
    .sort((a, b) => a[0] - b[0]);
  const atYear = series?.get(target.year);
  if (target.year <= asOfFy && atYear !== undefined) {
    const ok = meets(target.direction, atYear, target.target);
    return {
      ...common,
      actual: atYear,
      actualYear: target.year,
      expected: target.target,
      attainment: attainmentOf(atYear),
      status: ok ? 'on_track' : 'behind',
      basis: `FY${target.year} measured ${atYear} against a target of ${target.target}`,
    };
  }
  const lastMeasured = measured.at(-1);
  if (target.year <= asOfFy && (lastMeasured === undefined || lastMeasured[0] >= target.year))
    return {
      ...common,
      actual: null,
      actualYear: null,
      expected: null,
      attainment: null,
      status: 'no_data',
      basis: `no ${target.metric} measured for FY${target.year}`,
    };
  // the target is ahead of the measurements: judge the latest one against the line to the target
  const latest = measured.filter(([year]) => year < target.year).at(-1);
  if (
    baseline === null ||
    baselineYear === null ||
    latest === undefined ||
    latest[0] <= baselineYear
  )
    return {
      ...common,
      actual: latest?.[1] ?? null,
      actualYear: latest?.[0] ?? null,
      expected: null,
      attainment: latest !== undefined ? attainmentOf(latest[1]) : null,
      status: 'no_data',
      basis:
        baseline === null || baselineYear === null
          ? 'target ahead and no baseline to draw the path from'
          : `target ahead and no ${target.metric} measured since the baseline FY${baselineYear}`,
    };
  const [year, actual] = latest;
  const expected =
    baseline + ((target.target - baseline) * (year - baselineYear)) / (target.year - baselineYear);
  const ok = meets(target.direction, actual, expected);
  return {
    ...common,
    actual,
    actualYear: year,
    expected,
    attainment: attainmentOf(actual),
    status: ok ? 'on_track' : 'behind',
    basis: `FY${year} measured ${actual}; the line from ${baseline} (FY${baselineYear}) to ${target.target} (FY${target.year}) expects ${expected.toFixed(1)}`,
  };
}

export function analyseStrategyProgress(
  targets: readonly KpiTarget[],
  measurements: ReadonlyMap<string, MetricSeries>,
  asOfFy: number,
  /** First fiscal year of the timelines (the strategy's start); default: each metric's baseline year, else 3 years before its first target. */
  fromFy?: number,
): StrategyProgress {
  const judged = targets
    .map((t) => judgeTarget(t, measurements.get(t.metric), asOfFy))
    .sort((a, b) => a.metric.localeCompare(b.metric) || a.year - b.year);
  const byValue = Object.fromEntries(
    VALUE_KINDS.map((v) => [v, { on_track: 0, behind: 0, no_data: 0 }]),
  ) as Record<ValueKind, Record<TargetStatus, number>>;
  for (const t of judged) byValue[t.value][t.status] += 1;
  const timelines: MetricTimeline[] = [];
  for (const metric of [...new Set(targets.map((t) => t.metric))].sort()) {
    const own = targets.filter((t) => t.metric === metric);
    const first = own[0];
    if (!first) continue;
    const series = measurements.get(metric) ?? new Map<number, number>();
    const years = new Set<number>([...own.map((t) => t.year)]);
    for (const year of series.keys()) if (year <= asOfFy) years.add(year);
    const start = fromFy ?? Math.min(...own.map((t) => t.baselineYear ?? t.year - 3));
    timelines.push({
      metric,
      value: first.value,
      unit: first.unit,
      points: [...years]
        .filter((y) => y >= start)
        .sort((a, b) => a - b)
        .map((year) => ({
          year,
          actual: year <= asOfFy ? (series.get(year) ?? null) : null,
          target: own.find((t) => t.year === year)?.target ?? null,
        })),
    });
  }
  return {
    targets: judged,
    timelines,
    summary: {
      byValue,
      valuesWithoutTargets: VALUE_KINDS.filter((v) => !targets.some((t) => t.value === v)),
    },
  };
}
