import { describe, expect, it } from 'vitest';
import { DomainError } from '#core/domain-error.ts';
import { FREIREICH_6MP, FREIREICH_PLACEBO } from './fixtures/freireich.ts';
import { logRankTest } from './log-rank.ts';

describe('logRankTest', () => {
  it('Freireich 6-MP vs placebo: chi-square 16.8 on 1 df, p = 4.17e-05 (R survdiff)', () => {
    const result = logRankTest([
      { label: '6-MP', observations: FREIREICH_6MP },
      { label: 'placebo', observations: FREIREICH_PLACEBO },
    ]);
    // R: N Observed Expected — 6-MP 21 9 19.3; placebo 21 21 10.7; Chisq = 16.8 on 1 df, p = 4e-05
    expect(result.chiSquare).toBeCloseTo(16.79294, 4);
    expect(result.degreesOfFreedom).toBe(1);
    expect(result.pValue).toBeCloseTo(4.1688e-5, 8);
    expect(result.groups[0]).toMatchObject({ label: '6-MP', records: 21, observed: 9 });
    expect(result.groups[0]?.expected).toBeCloseTo(19.2505, 3);
    expect(result.groups[1]?.expected).toBeCloseTo(10.7495, 3);
  });

  it('three groups, computed by hand: chi-square 2.6 on 2 df, p = exp(−1.3)', () => {
    // one subject each, events at 1, 2, 3. O − E = (2/3, 1/6, −5/6);
    // V(A,B) = [[2/9, −1/9], [−1/9, 17/36]] → uᵀV⁻¹u = (78/324)/(30/324) = 2.6
    const result = logRankTest([
      { label: 'A', observations: [{ time: 1, event: true }] },
      { label: 'B', observations: [{ time: 2, event: true }] },
      { label: 'C', observations: [{ time: 3, event: true }] },
    ]);
    expect(result.chiSquare).toBeCloseTo(2.6, 12);
    expect(result.degreesOfFreedom).toBe(2);
    expect(result.pValue).toBeCloseTo(Math.exp(-1.3), 12);
    expect(result.groups.map((g) => g.expected)).toEqual([
      expect.closeTo(1 / 3, 12),
      expect.closeTo(5 / 6, 12),
      expect.closeTo(11 / 6, 12),
    ]);
  });

  it('identical groups give chi-square 0 and p = 1', () => {
    const result = logRankTest([
      { label: 'a', observations: FREIREICH_6MP },
      { label: 'b', observations: FREIREICH_6MP },
    ]);
    expect(result.chiSquare).toBeCloseTo(0, 12);
    expect(result.pValue).toBeCloseTo(1, 12);
  });

  it('refuses one group, an empty group, or no events', () => {
    expect(() => logRankTest([{ label: 'only', observations: FREIREICH_6MP }])).toThrow(
      /at least 2 groups/,
    );
    expect(() =>
      logRankTest([
        { label: 'a', observations: FREIREICH_6MP },
        { label: 'empty', observations: [] },
      ]),
    ).toThrow(/group "empty" has no records/);
    expect(() =>
      logRankTest([
        { label: 'a', observations: [{ time: 1, event: false }] },
        { label: 'b', observations: [{ time: 2, event: false }] },
      ]),
    ).toThrow(DomainError);
  });

  it('refuses a group with no one at risk when events occur', () => {
    expect(() =>
      logRankTest([
        { label: 'gone', observations: [{ time: 0.5, event: false }] },
        {
          label: 'early',
          observations: [
            { time: 1, event: true },
            { time: 2, event: true },
          ],
        },
      ]),
    ).toThrow(/group "gone" contributes no information/);
  });
});
