import { describe, expect, it } from 'vitest';
import {
  distanceKm,
  findMunicipality,
  findPrefecture,
  mapUnitOf,
  mapUnitsOf,
  MUNICIPALITIES,
  placeKeyOf,
  prefectureGroupName,
  prefectureGroupOf,
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

describe('mapUnitOf', () => {
  it.each([
    ['011011', '011002', '札幌市'], // 札幌市中央区 → 札幌市
    ['141186', '141003', '横浜市'], // 横浜市都筑区, a ward number above 10
    ['271276', '271004', '大阪市'], // 大阪市北区
    ['221325', '221309', '浜松市'], // 浜松市北区
    ['131016', '131016', '千代田区'], // a Tokyo special ward is a municipality of its own
    ['012025', '012025', '函館市'],
  ])('%s is mapped as %s (%s)', (code, unit, name) => {
    expect(mapUnitOf(code)?.code).toBe(unit);
    expect(mapUnitOf(code)?.name).toBe(name);
  });

  it('leaves designated-city wards out of a prefecture’s map units', () => {
    const units = mapUnitsOf('14').map((m) => m.name);
    expect(units).toContain('横浜市');
    expect(units).toContain('川崎市');
    expect(units.some((n) => /^(横浜|川崎|相模原)市.+区$/.test(n))).toBe(false);
    expect(mapUnitsOf('13').filter((m) => m.name.endsWith('区'))).toHaveLength(23);
  });
});

describe('prefecture groups', () => {
  it('puts actors abroad in their own group 海外, by country when places are compared', () => {
    expect(prefectureGroupOf({ prefectureCode: '16' })).toBe('16');
    expect(prefectureGroupOf({ countryCode: 'US' })).toBe('abroad');
    expect(prefectureGroupName('abroad')).toBe('海外');
    expect(prefectureGroupName('16')).toBe('富山県');
    expect(placeKeyOf({ countryCode: 'US' })).not.toBe(placeKeyOf({ countryCode: 'FR' }));
    expect(placeKeyOf({ countryCode: 'US' })).toBe(placeKeyOf({ countryCode: 'US' }));
  });
});
