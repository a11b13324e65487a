/**
 * The shape of a KPI timeline chart (targets by year against the measured values), pure: the
 * component only draws what this returns. Years run left to right, values bottom to top from zero
 * (or from the lowest value when it is negative); the actual line breaks over years without a
 * measurement instead of drawing through them.
 */
import type { RegionStrategyAnswer } from '#contract/routes/region-answers.ts';

export type StrategyTimeline = RegionStrategyAnswer['strategies'][number]['timelines'][number];
export type ValueKind = StrategyTimeline['value'];

/** The three values in the order the plan names them (社会的・産業的・経済的価値). */
export const VALUE_ORDER: readonly ValueKind[] = ['social', 'industrial', 'economic'];

export interface ChartFrame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Small enough for a 390 px phone at full width, still legible on a desktop grid. */
export const KPI_CHART_FRAME: ChartFrame = {
  width: 360,
  height: 200,
  left: 44,
  right: 22,
  top: 12,
  bottom: 30,
};

export interface ChartPoint {
  year: number;
  value: number;
  x: number;
  y: number;
}

export interface KpiChart {
  metric: string;
  value: ValueKind;
  unit: string;
  /** Measured values, each year with one. */
  actual: ChartPoint[];
  /** Runs of consecutive measured years, each drawn as one line. */
  actualPaths: string[];
  /** Targets by year. */
  targets: ChartPoint[];
  targetPath: string;
  xTicks: { year: number; x: number }[];
  yTicks: { value: number; y: number }[];
  /** The y of value 0 (or the bottom when every value is above the axis's start). */
  baseY: number;
}

/** Groups the timelines by value, in the order social, industrial, economic; values without one are left out. */
export function timelinesByValue(
  timelines: readonly StrategyTimeline[],
): { value: ValueKind; timelines: StrategyTimeline[] }[] {
  return VALUE_ORDER.map((value) => ({
    value,
    timelines: timelines.filter((line) => line.value === value),
  })).filter((group) => group.timelines.length > 0);
}

/** 1, 2 or 5 times a power of ten: the step that gives about `count` intervals over `span`. */
function niceStep(span: number, count: number): number {
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/** Ticks from a multiple of the step at or below `min` to one at or above `max`. */
export function niceTicks(min: number, max: number, count = 4): number[] {
  if (max <= min) return [min];
  const step = niceStep(max - min, count);
  const first = Math.floor(min / step) * step;
  const last = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  // rounded to the step's decimals so 0.1 + 0.2 reads 0.3
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  for (let v = first; v <= last + step / 2; v += step) ticks.push(Number(v.toFixed(decimals)));
  return ticks;
}

/** Year ticks: every year when there are few, else every second or fifth one, the last year always shown. */
function yearTicks(from: number, to: number): number[] {
  const span = to - from;
  const step = span <= 6 ? 1 : span <= 12 ? 2 : 5;
  const years: number[] = [];
  for (let y = from; y <= to; y += step) years.push(y);
  if (years[years.length - 1] !== to) {
    // keep the last year; drop the tick before it when the two would touch
    if (to - (years[years.length - 1] ?? from) < step / 2 + 0.5) years.pop();
    years.push(to);
  }
  return years;
}

const pathOf = (points: readonly ChartPoint[]) =>
  points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join('');

/** The chart of one KPI: positions of its measured values and targets in `frame`. */
export function kpiChart(line: StrategyTimeline, frame: ChartFrame = KPI_CHART_FRAME): KpiChart {
  const years = line.points.map((p) => p.year);
  const from = years.length === 0 ? 0 : Math.min(...years);
  const to = years.length === 0 ? 0 : Math.max(...years);
  const values = line.points.flatMap((p) => [p.actual, p.target]).filter((v) => v !== null);
  const yTickValues = niceTicks(Math.min(0, ...values), Math.max(0, ...values));
  const low = yTickValues[0] ?? 0;
  const high = yTickValues[yTickValues.length - 1] ?? 1;
  const plotWidth = frame.width - frame.left - frame.right;
  const plotHeight = frame.height - frame.top - frame.bottom;
  const x = (year: number) =>
    frame.left + (to === from ? plotWidth / 2 : ((year - from) / (to - from)) * plotWidth);
  const y = (value: number) =>
    frame.top + (high === low ? plotHeight / 2 : (1 - (value - low) / (high - low)) * plotHeight);
  const at = (year: number, value: number): ChartPoint => ({
    year,
    value,
    x: x(year),
    y: y(value),
  });

  const actual: ChartPoint[] = [];
  const actualPaths: string[] = [];
  let run: ChartPoint[] = [];
  for (const p of line.points) {
    if (p.actual === null) {
      if (run.length > 0) actualPaths.push(pathOf(run));
      run = [];
      continue;
    }
    const point = at(p.year, p.actual);
    actual.push(point);
    run.push(point);
  }
  if (run.length > 0) actualPaths.push(pathOf(run));
  const targets = line.points.flatMap((p) => (p.target === null ? [] : [at(p.year, p.target)]));
  return {
    metric: line.metric,
    value: line.value,
    unit: line.unit,
    actual,
    actualPaths,
    targets,
    targetPath: pathOf(targets),
    xTicks: years.length === 0 ? [] : yearTicks(from, to).map((year) => ({ year, x: x(year) })),
    yTicks: yTickValues.map((value) => ({ value, y: y(value) })),
    baseY: y(Math.max(low, 0)),
  };
}
