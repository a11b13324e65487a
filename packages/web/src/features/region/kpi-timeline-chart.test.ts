import { describe, expect, it } from 'vitest';
import {
  kpiChart,
  niceTicks,
  timelinesByValue,
  type ChartFrame,
  type StrategyTimeline,
} from './kpi-timeline-chart.ts';

/** 100 × 100 plot area starting at (10, 0): x and y read as percentages. */
const FRAME: ChartFrame = { width: 110, height: 110, left: 10, right: 0, top: 0, bottom: 10 };

const line = (
  metric: string,
  value: StrategyTimeline['value'],
  points: [number, number | null, number | null][],
): StrategyTimeline => ({
  metric,
  value,
  unit: '件',
  points: points.map(([year, actual, target]) => ({ year, actual, target })),
});

describe('timelinesByValue', () => {
  it('orders the groups social, industrial, economic and leaves out a value without a KPI', () => {
    const groups = timelinesByValue([
      line('ventures', 'economic', [[2020, 1, null]]),
      line('joint', 'industrial', [[2020, 1, null]]),
      line('revenue', 'economic', [[2020, 1, null]]),
    ]);
    expect(groups.map((g) => [g.value, g.timelines.map((t) => t.metric)])).toEqual([
      ['industrial', ['joint']],
      ['economic', ['ventures', 'revenue']],
    ]);
  });
});

describe('niceTicks', () => {
  it('steps by 1, 2 or 5 times a power of ten, covering the range', () => {
    expect(niceTicks(0, 40)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(0, 37)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(0, 0.7)).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(niceTicks(-15, 15)).toEqual([-20, -10, 0, 10, 20]);
    expect(niceTicks(3, 3)).toEqual([3]);
  });
});

describe('kpiChart', () => {
  it('places targets and measured values by year and value, from zero', () => {
    const chart = kpiChart(
      line('joint_research', 'industrial', [
        [2020, 10, null],
        [2022, 20, null],
        [2025, null, 30],
        [2030, null, 40],
      ]),
      FRAME,
    );
    // years 2020–2030 over x 10..110, values 0–40 over y 100..0
    expect(chart.actual.map((p) => [p.year, p.x, p.y])).toEqual([
      [2020, 10, 75],
      [2022, 30, 50],
    ]);
    expect(chart.targets.map((p) => [p.year, p.x, p.y])).toEqual([
      [2025, 60, 25],
      [2030, 110, 0],
    ]);
    expect(chart.actualPaths).toEqual(['M10.0,75.0L30.0,50.0']);
    expect(chart.targetPath).toBe('M60.0,25.0L110.0,0.0');
    expect(chart.yTicks.map((t) => t.value)).toEqual([0, 10, 20, 30, 40]);
    expect(chart.baseY).toBe(100);
    expect(chart.xTicks.map((t) => t.year)).toEqual([2020, 2022, 2024, 2026, 2028, 2030]);
  });

  it('breaks the measured line over a year without a measurement', () => {
    const chart = kpiChart(
      line('m', 'social', [
        [2020, 1, null],
        [2021, 2, null],
        [2022, null, 3],
        [2023, 4, null],
        [2024, 5, 6],
      ]),
      FRAME,
    );
    expect(chart.actualPaths).toHaveLength(2);
    expect(chart.actual.map((p) => p.year)).toEqual([2020, 2021, 2023, 2024]);
    expect(chart.targets.map((p) => p.year)).toEqual([2022, 2024]);
  });

  it('draws a KPI with no measurement at all as targets only, and one year in the middle', () => {
    const none = kpiChart(line('m', 'economic', [[2025, null, 8]]), FRAME);
    expect(none.actual).toEqual([]);
    expect(none.actualPaths).toEqual([]);
    expect(none.targets).toEqual([{ year: 2025, value: 8, x: 60, y: 0 }]);
    expect(none.xTicks).toEqual([{ year: 2025, x: 60 }]);
  });

  it('keeps a value that falls below zero inside the frame', () => {
    const chart = kpiChart(
      line('balance', 'economic', [
        [2020, -5, null],
        [2021, null, 10],
      ]),
      FRAME,
    );
    for (const p of [...chart.actual, ...chart.targets]) {
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(100);
    }
    expect(chart.baseY).toBeGreaterThan(0);
    expect(chart.baseY).toBeLessThan(100);
  });
});
