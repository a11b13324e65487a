import { describe, expect, it } from 'vitest';
import { ENTITY_SPECS } from '#core/entities/registry.ts';
import { parseRecord } from '#core/flat-record.ts';
import { createQuickActorCheck } from './quick-actor-check.ts';

const on = { source: 'houjin-bangou', on: '2024-10-31' };

/** An actor as the 法人番号 connector drafts it for a new corporation. */
const CORPORATION: Record<string, unknown> = {
  kind: 'organization',
  sector: 'company',
  name: 'テクノサービス０合同会社',
  nameKana: 'テクノサービスゴウドウガイシャ',
  prefectureCode: '47',
  municipalityCode: '472093',
  countryCode: 'JP',
  id: 'corp-7100000000000',
  corporateNumber: '7100000000000',
  source: 'houjin-bangou',
  fieldSources: {
    sector: on,
    name: on,
    nameKana: on,
    prefectureCode: on,
    municipalityCode: on,
    countryCode: on,
    corporateNumber: on,
  },
};

/** Changes to the draft, valid and not, near every rule of the schema. */
const CHANGES: Record<string, unknown>[] = [
  {},
  { closedOn: '2024-11-29', successorCorporateNumber: '6100000000001' },
  { closedOn: '2024-02-30' },
  { closedOn: '2024-2-3' },
  { successorCorporateNumber: '6100000000002' },
  { corporateNumber: '7100000000001' },
  { name: ' テクノ ' },
  { name: '' },
  { name: 'あ'.repeat(300) },
  { name: 'あ'.repeat(301) },
  { nameEn: '' },
  { nameEn: 'Techno Service Co.' },
  { nameKana: 'ア'.repeat(301) },
  { prefectureCode: '48' },
  { prefectureCode: undefined },
  { prefectureCode: '13' },
  { municipalityCode: '472094' },
  { municipalityCode: undefined },
  { countryCode: 'US', prefectureCode: undefined, municipalityCode: undefined },
  { countryCode: undefined },
  { countryCode: 'jp' },
  { sector: 'bank' },
  { sector: 'university' },
  { kind: 'person' },
  { kind: 'org' },
  { id: 'corp 1' },
  { id: '' },
  { id: 'x'.repeat(201) },
  { source: 'x'.repeat(501) },
  { formerNames: ['旧商号株式会社'] },
  { formerNames: [''] },
  { formerNames: '旧商号' },
  { flags: [] },
  { flags: ['not-a-flag'] },
  { keywords: ['材料'] },
  { keywords: [''] },
  { confirmedAt: '2025-01-01' },
  { confirmedAt: '2025-13-01' },
  { lat: 26.6, lon: 127.9 },
  { url: 'https://example.jp' },
  { orcid: 'https://orcid.org/0000-0002-1825-0097' },
  { employees: 10 },
  { unknownField: 'kept out by the schema' },
  { fieldSources: { name: { source: 'houjin-bangou', on: '2024-02-30' } } },
  { fieldSources: { name: { source: '', on: '2024-10-31' } } },
  { fieldSources: { name: { source: 'houjin-bangou', on: '2024-10-31', extra: 1 } } },
  { fieldSources: { name: { source: 'houjin-bangou' } } },
  { fieldSources: { name: null } },
  { fieldSources: [] },
  { fieldSources: {} },
];

describe('quick actor check', () => {
  it('gives what the schema gives whenever it answers, and leaves the rest to the schema', () => {
    const quick = createQuickActorCheck();
    let answered = 0;
    let valid = 0;
    // Each change alone and every pair of them, twice (the second time from the date memo).
    const drafts = CHANGES.flatMap((a) => CHANGES.map((b) => ({ ...CORPORATION, ...a, ...b })));
    for (const draft of [...drafts, ...drafts]) {
      const fast = quick(draft);
      const schema = parseRecord(ENTITY_SPECS.actors, draft);
      if (schema.ok) valid += 1;
      if (fast === undefined) continue;
      answered += 1;
      expect(schema.ok, JSON.stringify(draft)).toBe(true);
      if (schema.ok) expect(fast).toStrictEqual(schema.record);
    }
    // It answers for the plain drafts, not only by declining everything.
    expect(answered).toBeGreaterThan(valid / 8);
  });

  it('answers for a corporation as the 法人番号 connector drafts it', () => {
    const quick = createQuickActorCheck();
    expect(quick(CORPORATION)).toStrictEqual({ ...CORPORATION, flags: [], keywords: [] });
    const closed = { ...CORPORATION, closedOn: '2024-11-29' };
    expect(quick(closed)).toStrictEqual({ ...closed, flags: [], keywords: [] });
  });

  it('declines what the schema refuses or changes', () => {
    const quick = createQuickActorCheck();
    for (const change of [
      { closedOn: '2024-02-30' },
      { name: ' テクノ ' },
      { prefectureCode: '48' },
      { municipalityCode: '131016' },
      { corporateNumber: '7100000000001' },
      { unknownField: 1 },
      { fieldSources: { name: { source: 'houjin-bangou', on: '2024-02-30' } } },
    ])
      expect(quick({ ...CORPORATION, ...change }), JSON.stringify(change)).toBeUndefined();
  });
});
