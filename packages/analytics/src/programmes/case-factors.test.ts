import { describe, expect, it } from 'vitest';
import type { CaseStory } from '#core/entities/case-story.ts';
import { analyseCaseFactors } from './case-factors.ts';

function story(id: string, outcome: CaseStory['outcome'], factors: string[]): CaseStory {
  return {
    id,
    title: id,
    outcome,
    factors,
    actorIds: [],
    projectIds: [],
    programmeIds: [],
    prefectureCodes: [],
  };
}

// coordinator: 8 of 10 successes, 2 of 10 failures → [[8, 2], [2, 8]], OR 16, Fisher p 0.02301
// 大学のみ: 0 of 10 successes, 4 of 10 failures → Haldane: (0.5·6.5)/(4.5·10.5) = 0.0688
const cases: CaseStory[] = [
  ...Array.from({ length: 10 }, (_, i) =>
    story(`s${i}`, 'success', i < 8 ? ['コーディネーター', '地域資金'] : ['地域資金']),
  ),
  ...Array.from({ length: 10 }, (_, i) =>
    story(`f${i}`, 'failure', [
      ...(i < 2 ? ['コーディネーター'] : []),
      ...(i < 4 ? ['大学のみ'] : []),
    ]),
  ),
  story('m1', 'mixed', ['コーディネーター']),
];

describe('analyseCaseFactors', () => {
  const result = analyseCaseFactors(cases);

  it('counts, shares, odds ratio and Fisher p per factor; mixed cases left out', () => {
    expect(result).toMatchObject({ successes: 10, failures: 10, mixedExcluded: 1 });
    const coordinator = result.factors.find((f) => f.factor === 'コーディネーター');
    expect(coordinator?.table).toEqual([
      [8, 2],
      [2, 8],
    ]);
    expect(coordinator?.shareInSuccesses).toBe(0.8);
    expect(coordinator?.shareInFailures).toBe(0.2);
    expect(coordinator?.oddsRatio).toBe(16);
    expect(coordinator?.fisherP).toBeCloseTo(0.023014, 5);
    expect(coordinator?.exactCiLow).toBeGreaterThan(1);
    expect(coordinator?.leansTowards).toBe('success');
    expect(result.rule).toContain('Fisher’s exact p < alpha and the exact (1 − alpha) confidence');
    expect(result.alpha).toBe(0.05);
  });

  // [[2, 0], [0, 5]]: the tables with these margins have probabilities 10/21, 10/21, 1/21, so
  // Fisher's p = 1/21 = 0.0476 < 0.05; yet the exact lower limit solves ψ²/(10 + 10ψ + ψ²) = 0.025,
  // ψ = (0.25 + √1.0375)/1.95 = 0.6506 < 1: the data do not say the factor goes with success.
  it('does not call a factor "more in successes" when p < 0.05 but the exact interval includes 1', () => {
    const few = analyseCaseFactors([
      story('s1', 'success', ['首長のリーダーシップ']),
      story('s2', 'success', ['首長のリーダーシップ']),
      ...Array.from({ length: 5 }, (_, i) => story(`f${i}`, 'failure', [])),
    ]);
    const factor = few.factors[0];
    expect(factor?.table).toEqual([
      [2, 0],
      [0, 5],
    ]);
    expect(factor?.fisherP).toBeCloseTo(1 / 21, 12);
    expect(factor?.exactCiLow).toBeCloseTo((0.25 + Math.sqrt(1.0375)) / 1.95, 9);
    expect(factor?.exactCiHigh).toBe(Number.POSITIVE_INFINITY);
    expect(factor?.conditionalOddsRatio).toBe(Number.POSITIVE_INFINITY);
    // the old rule (p alone) said 'success' here
    expect(factor?.leansTowards).toBe('unclear');
  });

  it('a factor only in failures: Haldane-corrected odds ratio, not significant', () => {
    const only = result.factors.find((f) => f.factor === '大学のみ');
    expect(only?.haldaneCorrected).toBe(true);
    expect(only?.oddsRatio).toBeCloseTo((0.5 * 6.5) / (4.5 * 10.5), 10);
    expect(only?.fisherP).toBeCloseTo(0.0867, 4);
    expect(only?.conditionalOddsRatio).toBe(0);
    expect(only?.exactCiLow).toBe(0);
    expect(only?.exactCiHigh).toBeGreaterThan(1);
    expect(only?.leansTowards).toBe('unclear');
  });

  it('sorts by how much more often a factor appears in successes', () => {
    expect(result.factors.map((f) => f.factor)).toEqual([
      '地域資金',
      'コーディネーター',
      '大学のみ',
    ]);
  });

  it('needs both outcomes', () => {
    expect(() => analyseCaseFactors(cases.filter((c) => c.outcome !== 'failure'))).toThrow(
      /needs both success and failure cases \(10 successes, 0 failures\)/,
    );
  });
});
