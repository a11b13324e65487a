import { describe, expect, it } from 'vitest';
import type { TrainingProgramme } from '#core/entities/training-programme.ts';
import { coordinatorStaffing, programmePeople, regionRetention } from './people-indicators.ts';

const programme = (
  id: string,
  cohorts: [
    fy: number,
    enrolled: number,
    completed: number,
    stayed: number,
    left: number,
    unknown: number,
  ][],
): TrainingProgramme => ({
  id,
  name: id,
  kind: 'reskilling',
  areaType: 'prefecture',
  areaCode: '22',
  cohorts: cohorts.map(([fiscalYear, enrolled, completed, stayedLocal, leftRegion, unknown]) => ({
    fiscalYear,
    enrolled,
    completed,
    stayedLocal,
    leftRegion,
    unknown,
  })),
});

describe('programmePeople', () => {
  it('30 of 40 known destinations stayed: 75% with a Wilson interval, worst and best cases', () => {
    const people = programmePeople(
      programme('a', [
        [2023, 30, 25, 15, 5, 5],
        [2024, 30, 25, 15, 5, 0],
      ]),
    );
    expect(people.totals).toEqual({
      enrolled: 60,
      completed: 50,
      stayedLocal: 30,
      leftRegion: 10,
      unknown: 5,
    });
    expect(people.completionRate).toBeCloseTo(50 / 60, 12);
    expect(people.retention.rate).toBe(0.75);
    expect(people.retention.ciLow).toBeCloseTo(0.5981, 3);
    expect(people.retention.ciHigh).toBeCloseTo(0.8581, 3);
    expect(people.retention.claim).toBe(true);
    expect(people.retention.worstCase).toBeCloseTo(30 / 45, 12);
    expect(people.retention.bestCase).toBeCloseTo(35 / 45, 12);
    expect(people.years.map((y) => y.retention)).toEqual([0.75, 0.75]);
  });

  it('makes no claim on 6 known destinations or when most are unknown', () => {
    const small = programmePeople(programme('s', [[2024, 8, 6, 5, 1, 0]]));
    expect(small.retention.rate).toBeCloseTo(5 / 6, 12);
    expect(small.retention.claim).toBe(false);
    expect(small.retention.note).toMatch(/only 6 known destinations/);
    const vague = programmePeople(programme('v', [[2024, 100, 100, 20, 10, 70]]));
    expect(vague.retention.claim).toBe(false);
    expect(vague.retention.note).toMatch(/70% of destinations unknown/);
  });
});

describe('regionRetention', () => {
  it('pools the cohorts of every programme', () => {
    const r = regionRetention([
      programme('a', [[2024, 10, 10, 8, 2, 0]]),
      programme('b', [[2024, 20, 20, 4, 16, 0]]),
    ]);
    expect(r.count).toBe(12);
    expect(r.n).toBe(30);
    expect(r.rate).toBeCloseTo(0.4, 12);
  });
});

describe('coordinatorStaffing', () => {
  it('turnover is departures over staff-years, per year and pooled', () => {
    const staffing = coordinatorStaffing(
      new Map([
        [2023, 10],
        [2024, 12],
        [2025, 8],
      ]),
      new Map([
        [2023, 1],
        [2024, 3],
      ]),
    );
    expect(staffing.years.map((y) => y.turnover)).toEqual([0.1, 0.25, null]);
    expect(staffing.turnover.count).toBe(4);
    expect(staffing.turnover.n).toBe(22);
    expect(staffing.turnover.claim).toBe(true);
    expect(staffing.latestStaff).toBe(8);
  });

  it('has no rate without staff', () => {
    const staffing = coordinatorStaffing(new Map(), new Map([[2024, 2]]));
    expect(staffing.turnover.rate).toBeNull();
    expect(staffing.turnover.claim).toBe(false);
  });
});
