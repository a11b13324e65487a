import { describe, expect, it } from 'vitest';
import type { SupportMeasure } from '#core/entities/support-measure.ts';
import { matchSupportMeasures, type SupportSubject } from './match-support-measures.ts';

function measure(id: string, overrides: Partial<SupportMeasure> = {}): SupportMeasure {
  return {
    id,
    name: id,
    provider: 'p',
    stages: [],
    targetSectors: [],
    fields: [],
    prefectureCodes: [],
    ...overrides,
  };
}

const subject: SupportSubject = {
  stage: 'one_to_hundred',
  sector: 'company',
  prefectureCode: '17',
  fields: ['食品'],
  amountNeeded: 5_000_000,
  date: '2025-06-01',
};

const measures = [
  measure('national-any', { maxAmount: 10_000_000 }),
  measure('ishikawa-food', {
    stages: ['one_to_hundred'],
    prefectureCodes: ['17'],
    fields: ['食品加工'],
    targetSectors: ['company'],
    maxAmount: 5_000_000,
    startDate: '2025-04-01',
    endDate: '2025-09-30',
  }),
  measure('too-small', { maxAmount: 1_000_000 }),
  measure('other-prefecture', { prefectureCodes: ['40'] }),
  measure('startups-only-closed', { stages: ['zero_to_one'], endDate: '2025-03-31' }),
  measure('universities', { targetSectors: ['university'] }),
];

describe('matchSupportMeasures', () => {
  const result = matchSupportMeasures(measures, subject);

  it('ranks targeted fits before generic ones, with reasons', () => {
    expect(result.matches.map((m) => m.measure.id)).toEqual(['ishikawa-food', 'national-any']);
    const top = result.matches[0];
    expect(top?.reasons.map((r) => r.reason)).toEqual([
      'targets the 1→100 stage',
      'offered in prefecture 17',
      'company may apply',
      'field 食品加工',
      'open on 2025-06-01 (until 2025-09-30)',
      'up to ¥5,000,000 covers the ¥5,000,000 needed',
    ]);
    expect(result.matches[1]?.reasons.find((r) => r.criterion === 'region')?.reasonJa).toBe(
      '全国対象',
    );
  });

  it('near misses say why not (regional before generic, then larger amounts); two misses are not near', () => {
    expect(result.nearMisses.map((m) => [m.measure.id, m.whyNot.map((w) => w.reason)])).toEqual([
      ['other-prefecture', ['only for prefectures 40']],
      ['too-small', ['up to ¥1,000,000, less than the ¥5,000,000 needed']],
      ['universities', ['applicants must be university, not company']],
    ]);
    expect(result.nearMisses.find((m) => m.measure.id === 'startups-only-closed')).toBeUndefined();
    const wider = matchSupportMeasures(measures, subject, { maxMisses: 2 });
    expect(
      wider.nearMisses
        .find((m) => m.measure.id === 'startups-only-closed')
        ?.whyNot.map((w) => w.reason),
    ).toEqual(['targets 0→1, not 1→100', 'closed on 2025-03-31']);
  });

  it('refuses a bad prefecture or amount', () => {
    expect(() => matchSupportMeasures(measures, { ...subject, prefectureCode: '48' })).toThrow(
      '"48" is not a prefecture code 01..47',
    );
    expect(() => matchSupportMeasures(measures, { ...subject, amountNeeded: -1 })).toThrow(
      /must be ≥ 0/,
    );
  });
});
