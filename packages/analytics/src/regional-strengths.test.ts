import { describe, expect, it } from 'vitest';
import { locationQuotients, type StrengthUnit } from './regional-strengths.ts';

const units = (field: string, inRegion: boolean, n: number): StrengthUnit[] =>
  Array.from({ length: n }, () => ({ field, inRegion, weight: 1 }));

describe('locationQuotients', () => {
  // the region: 40 of its 50 units in ロボット; the registry: 45 of 200
  const data = [
    ...units('ロボット', true, 40),
    ...units('食品', true, 10),
    ...units('ロボット', false, 5),
    ...units('食品', false, 100),
    ...units('材料', false, 45),
  ];
  const result = locationQuotients(data);

  it('a field concentrated in the region has LQ > 1 with an interval above 1', () => {
    const robots = result.fields.find((f) => f.field === 'ロボット');
    expect(robots?.lq).toBeCloseTo(40 / ((50 * 45) / 200), 10);
    expect(robots?.ciLow).toBeGreaterThan(1);
    expect(robots?.ciHigh).toBeGreaterThan(robots?.lq ?? Infinity);
    expect(robots).toMatchObject({ count: 40, fieldTotal: 45, specialised: true });
    expect(result.fields[0]?.field).toBe('ロボット');
  });

  it('a field under-represented has LQ < 1, one absent LQ 0, and the totals and method are stated', () => {
    const food = result.fields.find((f) => f.field === '食品');
    expect(food?.lq).toBeCloseTo(10 / ((50 * 110) / 200), 10);
    expect(food?.ciHigh).toBeLessThan(1);
    expect(result.fields.find((f) => f.field === '材料')).toMatchObject({ lq: 0, ciLow: 0 });
    expect(result).toMatchObject({ regionTotal: 50, total: 200, confidence: 0.95 });
    expect(result.method).toMatch(/Garwood/);
  });

  it('thin data give wide intervals that do not claim a specialisation', () => {
    const thin = locationQuotients([
      ...units('光', true, 1),
      ...units('光', false, 1),
      ...units('食品', false, 8),
    ]);
    const light = thin.fields.find((f) => f.field === '光');
    expect(light?.lq).toBe(5);
    expect(light?.specialised).toBe(false);
    expect(light?.ciLow).toBeLessThan(1);
  });

  it('a region without units has no LQ', () => {
    const none = locationQuotients(units('食品', false, 3));
    expect(none.fields[0]).toMatchObject({ lq: null, count: 0 });
  });
});
