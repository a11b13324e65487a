import { describe, expect, it } from 'vitest';
import { mergeActorRecord } from './merge-actor.ts';

const base = {
  id: 'a1',
  kind: 'organization' as const,
  sector: 'company' as const,
  name: '旧名株式会社',
  prefectureCode: '13',
  flags: [],
  keywords: [],
};

describe('mergeActorRecord', () => {
  it('keeps a field a person set, fills empty ones and records their source', () => {
    const merged = mergeActorRecord(
      base,
      { corporateNumber: '1010001001210' },
      { kind: 'organization', sector: 'other', name: '新名株式会社', nameKana: 'シンメイ' },
      'houjin-bangou',
      '2021-10-01',
    );
    expect(merged).toMatchObject({
      name: '旧名株式会社',
      sector: 'company',
      nameKana: 'シンメイ',
      corporateNumber: '1010001001210',
    });
    expect(merged.fieldSources).toEqual({
      nameKana: { source: 'houjin-bangou', on: '2021-10-01' },
      corporateNumber: { source: 'houjin-bangou', on: '2021-10-01' },
    });
  });

  it('lets a more trusted source replace a field, not a less trusted one; keeps the old name', () => {
    const fromOpenAlex = {
      ...base,
      fieldSources: { name: { source: 'openalex', on: '2020-01-01' } },
    };
    const renamed = mergeActorRecord(
      fromOpenAlex,
      {},
      { kind: 'organization', sector: 'company', name: '新名株式会社' },
      'houjin-bangou',
      '2021-10-01',
    );
    expect(renamed).toMatchObject({ name: '新名株式会社', formerNames: ['旧名株式会社'] });
    const fromHoujin = {
      ...base,
      fieldSources: { name: { source: 'houjin-bangou', on: '2021-10-01' } },
    };
    expect(
      mergeActorRecord(
        fromHoujin,
        {},
        { kind: 'organization', sector: 'company', name: 'X' },
        'openalex',
        '2022-01-01',
      ).name,
    ).toBe('旧名株式会社');
  });

  it('records a closure once', () => {
    const closed = mergeActorRecord(
      base,
      {},
      { kind: 'organization', sector: 'company', name: base.name },
      'houjin-bangou',
      '2021-10-01',
      { date: '2021-09-24', successorCorporateNumber: '1010001001210' },
    );
    expect(closed).toMatchObject({
      closedOn: '2021-09-24',
      successorCorporateNumber: '1010001001210',
    });
  });
});
