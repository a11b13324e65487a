import { describe, expect, it } from 'vitest';
import { matchSupportMeasures } from '#analytics/programmes/match-support-measures.ts';
import type { SupportMeasure } from '#core/entities/support-measure.ts';
import { findPrefecture } from '#core/geo.ts';
import { SECTOR_LABELS_JA, type Sector } from '#core/vocabulary.ts';
import en from '../../i18n/en.json';
import ja from '../../i18n/ja.json';
import { reasonMessage, STAGE_NAMES, type ReasonNames } from './support-reasons.ts';

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

const isSector = (code: string): code is Sector => code in SECTOR_LABELS_JA;
const namesJa: ReasonNames = {
  prefecture: (code) => findPrefecture(code)?.name ?? code,
  sector: (code) => (isSector(code) ? SECTOR_LABELS_JA[code] : code),
  stage: (code) => STAGE_NAMES[code] ?? code,
  yen: (amount) => `¥${(amount ?? 0).toLocaleString('en-US')}`,
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
