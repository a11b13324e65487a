import { describe, expect, it } from 'vitest';
import type { KpiTarget } from '#core/entities/region-strategy.ts';
import { analyseStrategyProgress, judgeTarget } from './strategy-progress.ts';

const target = (overrides: Partial<KpiTarget> = {}): KpiTarget => ({
  metric: 'joint_research',
  value: 'industrial',
  year: 2023,
  target: 120,
  baseline: 100,
  baselineYear: 2020,
  unit: '件',
  direction: 'increase',
  ...overrides,
});

const series = (points: Record<number, number>) =>
  new Map(Object.entries(points).map(([y, v]) => [Number(y), v]));

describe('judgeTarget', () => {
  it('a passed target year: met is on track, missed is behind', () => {
    expect(judgeTarget(target(), series({ 2023: 125 }), 2025).status).toBe('on_track');
    const behind = judgeTarget(target(), series({ 2023: 110 }), 2025);
    expect(behind.status).toBe('behind');
    expect(behind.attainment).toBeCloseTo(0.5, 12);
  });

  it('less is better when the direction says decrease', () => {
    const t = target({ direction: 'decrease', target: 5, baseline: 10 });
    expect(judgeTarget(t, series({ 2023: 4 }), 2025).status).toBe('on_track');
    expect(judgeTarget(t, series({ 2023: 6 }), 2025).status).toBe('behind');
  });

  it('a target ahead is judged on the straight line from the baseline', () => {
    // 2020: 100 → 2026: 160 expects 130 by 2023
    const t = target({ year: 2026, target: 160 });
    const onTrack = judgeTarget(t, series({ 2022: 110, 2023: 131 }), 2024);
    expect(onTrack.expected).toBeCloseTo(130, 12);
    expect(onTrack.actualYear).toBe(2023);
    expect(onTrack.status).toBe('on_track');
    expect(judgeTarget(t, series({ 2023: 129 }), 2024).status).toBe('behind');
  });

  it('makes no claim without a measurement or without a baseline for a target ahead', () => {
    expect(judgeTarget(target(), undefined, 2025).status).toBe('no_data');
    expect(judgeTarget(target(), series({ 2022: 150, 2024: 150 }), 2025).status).toBe('no_data');
    const noBaseline = target({ year: 2027, baseline: undefined, baselineYear: undefined });
    const judged = judgeTarget(noBaseline, series({ 2024: 150 }), 2025);
    expect(judged.status).toBe('no_data');
    expect(judged.basis).toMatch(/no baseline/);
  });

  it('ignores measurements after the observation year', () => {
    expect(judgeTarget(target(), series({ 2023: 200 }), 2022).status).toBe('no_data');
  });
});

describe('analyseStrategyProgress', () => {
  it('counts statuses per value, names the values without targets and lays out the timeline', () => {
    const progress = analyseStrategyProgress(
      [
        target(),
        target({ year: 2025, target: 140 }),
        target({ metric: 'ventures', value: 'economic', unit: '社', target: 10, baseline: 5 }),
      ],
      new Map([['joint_research', series({ 2021: 105, 2023: 121, 2024: 125 })]]),
      2024,
    );
    expect(progress.summary.byValue.industrial).toEqual({ on_track: 1, behind: 1, no_data: 0 });
    expect(progress.summary.byValue.economic).toEqual({ on_track: 0, behind: 0, no_data: 1 });
    expect(progress.summary.valuesWithoutTargets).toEqual(['social']);
    expect(progress.timelines[0]?.points).toEqual([
      { year: 2021, actual: 105, target: null },
      { year: 2023, actual: 121, target: 120 },
      { year: 2024, actual: 125, target: null },
      { year: 2025, actual: null, target: 140 },
    ]);
  });
});
