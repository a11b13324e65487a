import { describe, expect, it } from 'vitest';
import { STRENGTH_MEASURE_NAMES } from '#contract/routes/strengths-answers.ts';
import { isStrengthMeasure, STRENGTH_MEASURES } from './strength-measures.ts';

describe('strength measures on the web', () => {
  it('offers every measure the contract names, and only those', () => {
    expect([...STRENGTH_MEASURES].sort()).toEqual([...STRENGTH_MEASURE_NAMES].sort());
    expect(isStrengthMeasure('kaken')).toBe(true);
    expect(isStrengthMeasure('spaceships')).toBe(false);
  });
});
