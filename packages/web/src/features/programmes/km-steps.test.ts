import { describe, expect, it } from 'vitest';
import { stepPath } from './km-steps.ts';

const identity = (v: number) => v;

describe('Kaplan–Meier step path', () => {
  it('starts at S = 1, runs flat to each event time and drops there', () => {
    const curve = [
      { time: 0, survival: 0.8, censored: 0 },
      { time: 2, survival: 0.5, censored: 1 },
      { time: 3, survival: 0.5, censored: 2 },
      { time: 5, survival: 0.25, censored: 0 },
    ];
    expect(stepPath(curve, identity, identity)).toBe('M0,1 H0 V0.8 H2 V0.5 H3 H5 V0.25');
  });

  it('skips points the analysis could not compute', () => {
    const curve = [
      { time: 1, survival: null, censored: 0 },
      { time: 2, survival: 0.5, censored: 0 },
    ];
    expect(
      stepPath(
        curve,
        (t) => t * 10,
        (s) => 100 - s * 100,
      ),
    ).toBe('M0,0 H20 V50');
  });
});
