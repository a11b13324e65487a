import { describe, expect, it } from 'vitest';
import { matchSupportMeasures } from '#analytics/programmes/match-support-measures.ts';
import type { SupportMeasure } from '#core/entities/support-measure.ts';
import { findPrefecture } from '#core/geo.ts';
import { SECTOR_LABELS_JA, type Sector } from '#core/vocabulary.ts';
import en from '../../i18n/en.json';
import ja from '../../i18n/ja.json';
import { formatYen } from '../programmes/stat-format.ts';
import { reasonMessage, STAGE_NAMES, type ReasonNames } from './support-reasons.ts';

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

const isSector = (code: string): code is Sector => code in SECTOR_LABELS_JA;
const namesJa: ReasonNames = {
  prefecture: (code) => findPrefecture(code)?.name ?? code,
  sector: (code) => (isSector(code) ? SECTOR_LABELS_JA[code] : code),
  stage: (code) => STAGE_NAMES[code] ?? code,
  yen: (amount) => formatYen(amount, 'ja'),
  list: (items) => items.join('・'),
};

const base = { provider: 'p', stages: [], targetSectors: [], fields: [], prefectureCodes: [] };
const measures: SupportMeasure[] = [
  { ...base, id: 'any', name: 'any' },
  {
    ...base,
    id: 'kagawa',
    name: 'kagawa',
    stages: ['zero_to_one'],
    prefectureCodes: ['37'],
    targetSectors: ['university'],
    fields: ['医療'],
    maxAmount: 1_000_000,
    startDate: '2030-01-01',
  },
  {
    ...base,
    id: 'ishikawa',
    name: 'ishikawa',
    stages: ['one_to_hundred'],
    prefectureCodes: ['17'],
    targetSectors: ['company'],
    fields: ['食品'],
    maxAmount: 9_000_000,
    endDate: '2025-12-31',
  },
  { ...base, id: 'closed', name: 'closed', endDate: '2024-03-31' },
];
const fit = matchSupportMeasures(
  measures,
  {
    stage: 'one_to_hundred',
    sector: 'company',
    prefectureCode: '17',
    fields: ['食品'],
    amountNeeded: 5_000_000,
    date: '2025-06-01',
  },
  { maxMisses: 6 },
);
const reasons = [...fit.matches, ...fit.nearMisses].flatMap((m) => m.reasons);

describe('support-measure reasons from their codes and values', () => {
  it('covers every criterion code the matcher gives here', () => {
    expect(new Set(reasons.map((r) => r.code)).size).toBeGreaterThanOrEqual(15);
  });

  it('reads in Japanese as the service writes it, with names instead of codes', () => {
    for (const r of reasons) {
      const m = reasonMessage(r, namesJa);
      expect(fill(ja[m.key], m.values), r.code).toBe(r.reasonJa);
      expect(fill(en[m.key], m.values), r.code).not.toMatch(/\{\w+\}/);
    }
    const kagawa = fit.nearMisses.find((m) => m.measure.id === 'kagawa');
    const texts = kagawa?.whyNot.map((r) => {
      const m = reasonMessage(r, namesJa);
      return fill(ja[m.key], m.values);
    });
    expect(texts).toContain('対象地域は香川県のみ');
    expect(texts).toContain('申請者は大学・高専に限る');
    expect(texts).toContain('対象は0→1で1→100は対象外');
  });
});

describe('support-measure reasons on field read from text, size and a city’s scope', () => {
  const more = matchSupportMeasures(
    [
      { ...base, id: 'amed', name: '医療機器開発推進研究事業' },
      { ...base, id: 'food', name: '食品産業支援' },
      { ...base, id: 'sbir', name: '大規模実証', maxAmount: 5_000_000_000 },
      { ...base, id: 'grant', name: '補助金', maxAmount: 1_000_000 },
      { ...base, id: 'sme', name: '中小企業向け相談' },
      {
        ...base,
        id: 'city',
        name: '市の補助',
        prefectureCodes: ['22'],
        municipalityCodes: ['221309'],
      },
      { ...base, id: 'other-city', name: '市の補助', municipalityCodes: ['222127'] },
    ],
    {
      stage: 'one_to_hundred',
      sector: 'company',
      prefectureCode: '22',
      municipalityCode: '221317',
      employees: 4,
      fields: ['食品'],
      date: '2025-06-01',
    },
    { maxMisses: 6 },
  );
  const large = matchSupportMeasures(
    [
      { ...base, id: 'sme', name: '中小企業向け相談' },
      { ...base, id: 'sbir', name: '大規模実証', maxAmount: 5_000_000_000 },
    ],
    {
      stage: 'one_to_hundred',
      sector: 'company',
      prefectureCode: '22',
      employees: 1_000,
      revenue: 100_000_000,
      fields: [],
      date: '2025-06-01',
    },
    { maxMisses: 6 },
  );
  const all = [...more.matches, ...more.nearMisses, ...large.matches, ...large.nearMisses].flatMap(
    (m) => m.reasons,
  );

  it('reads in Japanese as the service writes it, and in English without placeholders', () => {
    const codes = new Set(all.map((r) => r.code));
    for (const code of [
      'field_match',
      'field_mismatch',
      'region_municipality_in',
      'region_municipality_only',
      'size_fits',
      'size_out_of_scale',
      'size_not_sme',
    ])
      expect(codes, code).toContain(code);
    for (const r of all) {
      const m = reasonMessage(r, namesJa);
      expect(fill(ja[m.key], m.values), r.code).toBe(r.reasonJa);
      expect(fill(en[m.key], m.values), r.code).not.toMatch(/\{\w+\}/);
    }
  });
});
