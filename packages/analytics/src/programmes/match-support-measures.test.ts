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
      '上限500万円で必要額500万円をまかなえる',
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

describe('matchSupportMeasures: field, size and scope of the offering body', () => {
  const base: SupportSubject = {
    stage: 'one_to_hundred',
    sector: 'company',
    prefectureCode: '22',
    fields: ['材料'],
    date: '2025-06-01',
  };
  const field = (m: ReturnType<typeof matchSupportMeasures>['matches'][number] | undefined) =>
    m?.reasons.find((r) => r.criterion === 'field');
  const all = (subject: SupportSubject, list: Parameters<typeof matchSupportMeasures>[0]) => {
    const r = matchSupportMeasures(list, subject, { maxMisses: 9 });
    return [...r.matches, ...r.nearMisses];
  };

  it('reads the field of a medical-device or agriculture programme from its text', () => {
    const medical = measure('amed', {
      name: '医療機器開発推進研究事業',
      eligibility: '医工連携による医療機器の開発',
    });
    const agri = measure('maff', {
      name: '農林水産研究推進事業',
      eligibility: '農林水産・食品分野の産学官連携研究',
    });
    const generic = measure('monozukuri', {
      name: 'ものづくり・商業・サービス生産性向上促進補助金',
      eligibility: '中小企業・小規模事業者等の革新的な製品・サービス開発',
    });
    const forMaterials = all(base, [medical, agri, generic]);
    expect(forMaterials.find((m) => m.measure.id === 'amed')?.fits).toBe(false);
    expect(forMaterials.find((m) => m.measure.id === 'maff')?.fits).toBe(false);
    expect(field(forMaterials.find((m) => m.measure.id === 'amed'))).toMatchObject({
      code: 'field_mismatch',
      values: { fields: expect.arrayContaining(['医療機器']), inferredFromText: true },
    });
    expect(field(forMaterials.find((m) => m.measure.id === 'amed'))?.reasonJa).not.toBe(
      '分野を問わない',
    );
    // a generic programme stays open to every field
    expect(field(forMaterials.find((m) => m.measure.id === 'monozukuri'))?.code).toBe('field_any');
    const forDevices = all({ ...base, fields: ['医療機器'] }, [medical]);
    expect(forDevices[0]).toMatchObject({ fits: true });
    expect(field(forDevices[0])?.code).toBe('field_match');
    const forFood = all({ ...base, fields: ['食品・農業'] }, [agri]);
    expect(forFood[0]?.fits).toBe(true);
  });

  const sbir = measure('sbir3', {
    name: '中小企業イノベーション創出推進事業（SBIR フェーズ3）',
    stages: ['one_to_hundred'],
    targetSectors: ['company'],
    maxAmount: 5_000_000_000,
  });

  it('does not offer a 50億円 programme to a 4-person firm, and says why', () => {
    const [small] = all({ ...base, employees: 4 }, [sbir]);
    expect(small?.fits).toBe(false);
    expect(small?.whyNot).toEqual([
      expect.objectContaining({
        criterion: 'size',
        code: 'size_out_of_scale',
        values: expect.objectContaining({ maxAmount: 5_000_000_000, employees: 4 }),
      }),
    ]);
    const [large] = all({ ...base, employees: 250, revenue: 30_000_000_000 }, [sbir]);
    expect(large?.fits).toBe(true);
    expect(large?.reasons.find((r) => r.criterion === 'size')?.code).toBe('size_fits');
    // without a size there is no size criterion at all
    const [unknown] = all(base, [sbir]);
    expect(unknown?.reasons.some((r) => r.criterion === 'size')).toBe(false);
  });

  it('keeps SME-only measures from large firms', () => {
    const sme = measure('sme', { eligibility: '中小企業・小規模事業者等', maxAmount: 10_000_000 });
    expect(all({ ...base, employees: 1_000 }, [sme])[0]?.whyNot[0]?.code).toBe('size_not_sme');
    expect(all({ ...base, employees: 30 }, [sme])[0]?.fits).toBe(true);
  });

  it('a city’s measure covers that city (and its wards), not its whole prefecture', () => {
    const hamamatsu = {
      ...measure('hamamatsu', { prefectureCodes: ['22'] }),
      municipalityCodes: ['221309'],
    };
    const inWard = all({ ...base, municipalityCode: '221317' }, [hamamatsu])[0];
    expect(inWard?.fits).toBe(true);
    expect(inWard?.reasons.find((r) => r.criterion === 'region')?.reasonJa).toContain('浜松市');
    const yaizu = all({ ...base, municipalityCode: '222127' }, [hamamatsu])[0];
    expect(yaizu?.fits).toBe(false);
    expect(yaizu?.whyNot[0]).toMatchObject({
      code: 'region_municipality_only',
      values: { municipalityCodes: ['221309'] },
    });
    expect(yaizu?.whyNot[0]?.reasonJa).toBe('対象地域は浜松市のみ');
    // unknown municipality: not confirmed, so not a fit
    expect(all(base, [hamamatsu])[0]?.fits).toBe(false);
  });
});
