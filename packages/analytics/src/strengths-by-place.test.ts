import { describe, expect, it } from 'vitest';
import { fieldAcrossPlaces, fieldTotals, type PlacedUnit } from './strengths-by-place.ts';

const units = (field: string, place: string, n: number): PlacedUnit[] =>
  Array.from({ length: n }, () => ({ field, place, weight: 1 }));

/** 光・量子 concentrated in 22 (静岡); 食品 spread evenly; 13 (東京) large and mixed. */
const UNITS: PlacedUnit[] = [
  ...units('光・量子', '22', 40),
  ...units('食品', '22', 10),
  ...units('光・量子', '13', 10),
  ...units('食品', '13', 90),
  ...units('食品', '40', 50),
];

describe('fieldAcrossPlaces', () => {
  it('a field concentrated in one place has LQ > 1 there with an interval above 1', () => {
    const [shizuoka, tokyo, fukuoka, empty] = fieldAcrossPlaces(UNITS, '光・量子', [
      '22',
      '13',
      '40',
      '01',
    ]);
    // 光・量子 is 50 of 200 units (25%); in 22 it is 40 of 50 (80%): LQ 3.2
    expect(shizuoka?.place).toBe('22');
    expect(shizuoka?.lq).toBeCloseTo(3.2, 10);
    expect(shizuoka?.ciLow).toBeGreaterThan(1);
    expect(shizuoka?.specialised).toBe(true);
    expect(tokyo?.lq).toBeCloseTo(0.4, 10);
    expect(tokyo?.ciHigh).toBeLessThan(1);
    expect(fukuoka).toMatchObject({ lq: 0, count: 0, specialised: false });
    // no unit at all: no quotient, no claim
    expect(empty).toMatchObject({ place: '01', lq: null, ciLow: null, specialised: false });
  });

  it('lists the fields by their totals', () => {
    expect(fieldTotals(UNITS)).toEqual([
      { field: '食品', total: 150 },
      { field: '光・量子', total: 50 },
    ]);
  });
});
