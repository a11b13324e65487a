import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Seed } from '#core/entities/seed.ts';
import type { Database } from '#db/open-database.ts';
import { buildActor, buildSeed } from '#test/factories.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { analyzeStrengths } from './analyze-strengths.ts';

const clock = { now: () => new Date('2026-06-01T00:00:00Z') };

/** A KAKEN 研究課題 as the KAKEN connector stores it: a seed of its PI, id `kaken-KAKENHI-…`. */
const kakenProject = (n: number, ownerId: string, field: string, prefectureCode: string): Seed =>
  buildSeed({
    id: `kaken-KAKENHI-${String(22_000_000 + n)}`,
    ownerId,
    field,
    prefectureCode,
    source: 'kaken',
    url: `https://kaken.nii.ac.jp/grant/KAKENHI-PROJECT-${String(22_000_000 + n)}/`,
  });

describe.each(TEST_DATABASES)('analyzeStrengths on $name', (kind) => {
  let db: Database;
  beforeEach(async () => {
    db = await kind.open(clock);
    await db.repos.entity('actors').upsertMany([
      buildActor({
        id: 'pi-hamamatsu',
        kind: 'person',
        sector: 'university',
        prefectureCode: '22',
        municipalityCode: '221317',
        field: '光・量子',
      }),
      buildActor({
        id: 'pi-tokyo',
        kind: 'person',
        sector: 'university',
        prefectureCode: '13',
        field: '食品',
      }),
    ]);
  });
  afterEach(async () => db.close());

  it('counts KAKEN projects as their own units, with a known LQ and Garwood interval', async () => {
    // 静岡県: 8 of its 10 projects in 光・量子; the registry: 10 of 30. E = 10·10/30, LQ = 2.4.
    await db.repos.entity('seeds').upsertMany([
      ...Array.from({ length: 8 }, (_, i) => kakenProject(i, 'pi-hamamatsu', '光・量子', '22')),
      ...Array.from({ length: 2 }, (_, i) => kakenProject(10 + i, 'pi-hamamatsu', '食品', '22')),
      ...Array.from({ length: 2 }, (_, i) => kakenProject(20 + i, 'pi-tokyo', '光・量子', '13')),
      ...Array.from({ length: 18 }, (_, i) => kakenProject(30 + i, 'pi-tokyo', '食品', '13')),
      // seeds that are not KAKEN projects are not counted among them
      ...Array.from({ length: 5 }, () =>
        buildSeed({ ownerId: 'pi-tokyo', field: '光・量子', prefectureCode: '13' }),
      ),
    ]);
    const out = await analyzeStrengths(db.repos, clock, { prefectureCode: '22', measure: 'kaken' });
    expect(out).toMatchObject({ measure: 'kaken', regionTotal: 10, total: 30 });
    const light = out.fields.find((f) => f.field === '光・量子');
    expect(light?.count).toBe(8);
    expect(light?.lq).toBeCloseTo(2.4, 10);
    // Garwood 95% for x = 8: [χ²(0.025; 16)/2, χ²(0.975; 18)/2] = [3.4538, 15.7632], ÷ E = 10/3
    expect(light?.ciLow).toBeCloseTo(1.0362, 3);
    expect(light?.ciHigh).toBeCloseTo(4.729, 3);
    expect(light?.specialised).toBe(true);
    // the basis names the unit and where it comes from
    expect(out.units).toEqual([
      expect.objectContaining({ unit: 'kaken', count: 30, source: expect.stringMatching(/KAKEN/) }),
    ]);
    expect(out.sources.join('\n')).toMatch(/30 KAKEN projects/);
    expect(out.sources.join('\n')).not.toMatch(/not held/);

    // seeds are the other seeds; records count each seed (KAKEN or not) once
    const seeds = await analyzeStrengths(db.repos, clock, {
      prefectureCode: '13',
      measure: 'seeds',
    });
    expect(seeds).toMatchObject({ regionTotal: 5, total: 5 });
    const records = await analyzeStrengths(db.repos, clock, { prefectureCode: '22' });
    expect(records.units.map((u) => [u.unit, u.count])).toEqual([
      ['seeds', 5],
      ['kaken', 30],
      ['researchers', 2],
    ]);
    expect(records.total).toBe(37);
  });

  it('places seeds by municipality where the place is known, and counts those whose place is not', async () => {
    await db.repos.entity('actors').upsertMany([
      // 浜松市 with its wards (221317 is one of them), 静岡市, and one in 静岡県 without a municipality
      ...Array.from({ length: 4 }, (_, i) =>
        buildActor({ id: `hm${i}`, prefectureCode: '22', municipalityCode: '221309' }),
      ),
      buildActor({ id: 'sz', prefectureCode: '22', municipalityCode: '221007' }),
      buildActor({ id: 'nowhere', prefectureCode: '22' }),
    ]);
    await db.repos.entity('seeds').upsertMany([
      // 浜松市: 6 光・量子 seeds of its firms, 2 食品 of the ward's researcher
      ...Array.from({ length: 6 }, (_, i) =>
        buildSeed({ ownerId: `hm${i % 4}`, field: '光・量子', prefectureCode: '22' }),
      ),
      ...Array.from({ length: 2 }, () =>
        buildSeed({ ownerId: 'pi-hamamatsu', field: '食品', prefectureCode: '22' }),
      ),
      // a 浜松 firm's seed recorded in 東京都: not a 浜松市 seed
      buildSeed({ ownerId: 'hm0', field: '光・量子', prefectureCode: '13' }),
      // 静岡市, and 静岡県 with no municipality known
      ...Array.from({ length: 3 }, () =>
        buildSeed({ ownerId: 'sz', field: '食品', prefectureCode: '22' }),
      ),
      ...Array.from({ length: 2 }, () =>
        buildSeed({ ownerId: 'nowhere', field: '光・量子', prefectureCode: '22' }),
      ),
      ...Array.from({ length: 6 }, () =>
        buildSeed({ ownerId: 'pi-tokyo', field: '食品', prefectureCode: '13' }),
      ),
    ]);
    const out = await analyzeStrengths(db.repos, clock, {
      municipalityCode: '221317',
      measure: 'seeds',
    });
    expect(out.scope).toMatchObject({ kind: 'municipality', id: '221309', name: '浜松市' });
    // 浜松市: 6 of 8 in 光・量子; the registry: 9 of 20. E = 8·9/20 = 3.6
    expect(out).toMatchObject({ regionTotal: 8, total: 20 });
    const light = out.fields.find((f) => f.field === '光・量子');
    expect(light).toMatchObject({ count: 6, fieldTotal: 9 });
    expect(light?.lq).toBeCloseTo(6 / 3.6, 10);
    // Garwood 95% for x = 6: [2.2019, 13.0594] ÷ 3.6
    expect(light?.ciLow).toBeCloseTo(2.2019 / 3.6, 3);
    expect(light?.ciHigh).toBeCloseTo(13.0594 / 3.6, 3);
    expect(out.placeUnknown).toBe(2);
    expect(out.sources.join('\n')).toMatch(/2 units in 静岡県 .*no municipality/);
    // a prefecture's answer has no such count
    const prefecture = await analyzeStrengths(db.repos, clock, {
      prefectureCode: '22',
      measure: 'seeds',
    });
    expect(prefecture).toMatchObject({ regionTotal: 13, placeUnknown: null });
  });
});
