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
      'offered in Ishikawa',
      'open to company applicants',
      'field 食品加工',
      'open on 2025-06-01 (until 2025-09-30)',
      'up to ¥5,000,000 covers the ¥5,000,000 needed',
    ]);
    expect(top?.reasons.map((r) => r.reasonJa)).toEqual([
      '1→100段階が対象',
      '所在地（石川県）が対象地域',
      '企業が申請可能',
      '分野（食品加工）が合致',
      '2025-06-01時点で受付中（2025-09-30まで）',
      '上限¥5,000,000で必要額¥5,000,000をまかなえる',
    ]);
    expect(top?.reasons.map((r) => [r.code, r.values])).toEqual([
      ['stage_targeted', { stage: 'one_to_hundred' }],
      ['region_in', { prefectureCode: '17' }],
      ['sector_ok', { sector: 'company' }],
      ['field_match', { fields: ['食品加工'] }],
      ['period_open', { date: '2025-06-01', until: '2025-09-30' }],
      ['amount_covers', { maxAmount: 5_000_000, needed: 5_000_000 }],
    ]);
    expect(result.matches[1]?.reasons.find((r) => r.criterion === 'region')).toMatchObject({
      code: 'region_nationwide',
      reasonJa: '全国対象',
    });
  });

  it('names prefectures, sectors and stages in words in both languages, never by code', () => {
    const kagawa = matchSupportMeasures(
      [
        measure('kagawa', {
          prefectureCodes: ['37', '38'],
          targetSectors: ['university', 'public_research'],
          stages: ['zero_to_one', 'hundred_to_infinity'],
        }),
      ],
      subject,
      { maxMisses: 3 },
    ).nearMisses[0];
    expect(kagawa?.whyNot.map((w) => [w.code, w.values, w.reasonJa, w.reason])).toEqual([
      [
        'stage_not_targeted',
        { stages: ['zero_to_one', 'hundred_to_infinity'], stage: 'one_to_hundred' },
        '対象は0→1・100→∞で1→100は対象外',
        'targets 0→1, 100→∞, not 1→100',
      ],
      [
        'region_only',
        { prefectureCodes: ['37', '38'] },
        '対象地域は香川県・愛媛県のみ',
        'only for Kagawa and Ehime',
      ],
      [
        'sector_only',
        { sectors: ['university', 'public_research'], sector: 'company' },
        '申請者は大学・高専・公設試験研究機関に限る',
        'only for university / college or public research institute applicants, not company',
      ],
    ]);
    for (const w of kagawa?.whyNot ?? []) {
      expect(w.reasonJa).not.toMatch(/\b(37|38)\b|company|university|public_research/);
      expect(w.reason).not.toMatch(/\b(37|38)\b/);
    }
  });

  it('near misses say why not (regional before generic, then larger amounts); two misses are not near', () => {
    expect(result.nearMisses.map((m) => [m.measure.id, m.whyNot.map((w) => w.reason)])).toEqual([
      ['other-prefecture', ['only for Fukuoka']],
      ['too-small', ['up to ¥1,000,000, less than the ¥5,000,000 needed']],
      ['universities', ['only for university / college applicants, not company']],
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
