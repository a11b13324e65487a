import { describe, expect, it } from 'vitest';
import { DomainError } from '#core/domain-error.ts';
import { FREIREICH_6MP, FREIREICH_PLACEBO } from './fixtures/freireich.ts';
import { kaplanMeier, survivalAt } from './kaplan-meier.ts';

// R: summary(survfit(Surv(time, cens) ~ treat, data = gehan)), 6-MP arm (conf.type = "log"):
// time n.risk n.event survival std.err lower 95% CI upper 95% CI
//    6     21       3    0.857  0.0764        0.720        1.000
//    7     17       1    0.807  0.0869        0.653        0.996
//   10     15       1    0.753  0.0963        0.586        0.968
//   13     12       1    0.690  0.1068        0.510        0.935
//   16     11       1    0.627  0.1141        0.439        0.896
//   22      7       1    0.538  0.1282        0.337        0.858
//   23      6       1    0.448  0.1346        0.249        0.807
const R_6MP = [
  [6, 21, 3, 0.857143, 0.07636, 0.719817, 1],
  [7, 17, 1, 0.806723, 0.086935, 0.653124, 0.996444],
  [10, 15, 1, 0.752941, 0.09635, 0.585919, 0.967575],
  [13, 12, 1, 0.690196, 0.106815, 0.509613, 0.934769],
  [16, 11, 1, 0.627451, 0.114054, 0.439394, 0.895995],
  [22, 7, 1, 0.537815, 0.128234, 0.337037, 0.858201],
  [23, 6, 1, 0.448179, 0.134591, 0.248788, 0.807372],
] as const;

describe('kaplanMeier on the Freireich 6-MP data', () => {
  const fit = kaplanMeier(FREIREICH_6MP);

  it('reproduces R survfit: survival, Greenwood SE and log intervals at every event time', () => {
    const eventPoints = fit.points.filter((p) => p.events > 0);
    expect(eventPoints).toHaveLength(R_6MP.length);
    R_6MP.forEach(([time, atRisk, events, survival, se, low, high], i) => {
      const point = eventPoints[i];
      expect(point?.time).toBe(time);
      expect(point?.atRisk).toBe(atRisk);
      expect(point?.events).toBe(events);
      expect(point?.survival).toBeCloseTo(survival, 6);
      expect(point?.standardError).toBeCloseTo(se, 6);
      expect(point?.ciLow).toBeCloseTo(low, 5);
      expect(point?.ciHigh).toBeCloseTo(high, 5);
    });
  });

  it('median 23 weeks, 9 events, 12 censored; a censoring at 6 is counted after the events', () => {
    expect(fit.median).toBe(23);
    expect(fit.events).toBe(9);
    expect(fit.censored).toBe(12);
    expect(fit.points[0]).toMatchObject({ time: 6, atRisk: 21, events: 3, censored: 1 });
    expect(fit.points[1]).toMatchObject({ time: 7, atRisk: 17 });
    expect(survivalAt(fit, 30)).toBeCloseTo(0.448179, 6);
    expect(survivalAt(fit, 5)).toBe(1);
  });

  it('log-log intervals match R conf.type = "log-log" (= SciPy)', () => {
    const loglog = kaplanMeier(FREIREICH_6MP, { ciMethod: 'log-log' });
    const at6 = loglog.points[0];
    const at23 = loglog.points.find((p) => p.time === 23);
    expect(at6?.ciLow).toBeCloseTo(0.61971796, 6);
    expect(at6?.ciHigh).toBeCloseTo(0.95155175, 6);
    expect(at23?.ciLow).toBeCloseTo(0.18805201, 6);
    expect(at23?.ciHigh).toBeCloseTo(0.68014263, 6);
  });
});

describe('kaplanMeier edge cases', () => {
  it('placebo arm: median 8 weeks; S reaches 0 and SE is then undefined (null, never NaN)', () => {
    const fit = kaplanMeier(FREIREICH_PLACEBO);
    expect(fit.median).toBe(8);
    const last = fit.points[fit.points.length - 1];
    expect(last?.survival).toBe(0);
    expect(last?.standardError).toBeNull();
    expect(last?.ciLow).toBeNull();
  });

  it('median on a flat 0.5 is the midpoint to the next event time (R)', () => {
    const fit = kaplanMeier([
      { time: 1, event: true },
      { time: 2, event: true },
      { time: 3, event: true },
      { time: 4, event: true },
    ]);
    expect(fit.median).toBe(2.5);
  });

  it('no median when S stays above 0.5', () => {
    expect(
      kaplanMeier([
        { time: 1, event: true },
        { time: 2, event: false },
        { time: 3, event: false },
      ]).median,
    ).toBeNull();
  });

  it('refuses no records and negative or non-finite times', () => {
    expect(() => kaplanMeier([])).toThrow(DomainError);
    expect(() => kaplanMeier([{ time: -1, event: true }])).toThrow(/not a finite number ≥ 0/);
    expect(() => kaplanMeier([{ time: Number.NaN, event: true }])).toThrow(/record 0/);
  });
});
