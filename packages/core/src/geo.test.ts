import { describe, expect, it } from 'vitest';
import {
  distanceKm,
  findMunicipality,
  findPrefecture,
  MUNICIPALITIES,
  PREFECTURES,
} from './geo.ts';
import { isValidLocalGovernmentCode } from './identifiers.ts';

describe('geography tables', () => {
  it('has the 47 prefectures in code order', () => {
    expect(PREFECTURES).toHaveLength(47);
    expect(PREFECTURES[0]?.name).toBe('北海道');
    expect(findPrefecture('13')?.nameEn).toBe('Tokyo');
    expect(findPrefecture('47')?.region).toBe('沖縄');
  });
  it('has 1,916 local governments whose codes carry valid check digits', () => {
    expect(MUNICIPALITIES).toHaveLength(1916);
    expect(MUNICIPALITIES.every((m) => isValidLocalGovernmentCode(m.code))).toBe(true);
    expect(MUNICIPALITIES.every((m) => m.code.startsWith(m.prefectureCode))).toBe(true);
    expect(findMunicipality('401307')?.name).toBe('福岡市');
  });
  it('measures distances between prefectural capitals', () => {
    const tokyo = findPrefecture('13');
    const osaka = findPrefecture('27');
    if (!tokyo || !osaka) throw new Error('missing');
    expect(distanceKm(tokyo, osaka)).toBeGreaterThan(390);
    expect(distanceKm(tokyo, osaka)).toBeLessThan(410);
  });
});
