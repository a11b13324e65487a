import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/open-database.ts';
import { sqliteTestDatabase, TEST_DATABASES } from '#test/test-databases.ts';
import { loadDemoEcosystem } from '#demo/load-demo-ecosystem.ts';
import { analyzeContinuation } from './analyze-continuation.ts';

const clock = { now: () => new Date('2026-11-01T00:00:00Z') };

function hasNaN(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (Array.isArray(value)) return value.some(hasNaN);
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasNaN);
  return false;
}

function adoption(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    programmeId: 'prog-1',
    regionName: `地域${id}`,
    prefectureCodes: ['40'],
    startFy: 2011,
    endFy: 2015,
    finalGrade: 'S',
    participatingOrgs: 1,
    participatingCompanies: 1,
    continuation: 'stopped',
    lastActiveFy: 2016,
    ...overrides,
  };
}

describe('analyze continuation on the demo ecosystem', () => {
  let db: Database;
  beforeAll(async () => {
    db = await sqliteTestDatabase.open(clock);
    await loadDemoEcosystem(db.repos, { scale: 0.1 });
  }, 120_000);
  afterAll(async () => db.close());

  it('reproduces both JAREC findings with the contract shape', async () => {
    const output = await analyzeContinuation(db.repos, clock);
    expect(output.asOfFy).toBe(2026);
    expect(output.records).toBeGreaterThanOrEqual(100);
    const finding1 = output.crossTabs.find(
      (t) => t.factor === 'final_grade_s' && t.outcome === 'successor',
    );
    const finding2 = output.crossTabs.find(
      (t) => t.factor === 'diverse_stakeholders' && t.outcome === 'continued_regional',
    );
    expect(finding1?.supported).toBe(true);
    expect(finding2?.supported).toBe(true);
    expect(finding1?.table).toHaveLength(2);
    expect(output.factors.map((f) => f.name)).toContain('diverse_stakeholders');
    for (const f of output.factors)
      expect(Object.keys(f)).toEqual(
        expect.arrayContaining(['name', 'coefficient', 'ciLow', 'ciHigh', 'pValue']),
      );
    expect(output.factors.find((f) => f.name === 'diverse_stakeholders')?.supported).toBe(true);
    expect(output.survival.length).toBeGreaterThan(0);
    expect(output.summary).toContain('JAREC知見1');
    expect(hasNaN(output)).toBe(false);
    expect(JSON.stringify(output)).not.toContain('NaN');
  });
});

describe.each(TEST_DATABASES)('analyze continuation on bad input ($name)', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await kind.open(clock);
    await db.repos
      .entity('programmes')
      .upsertMany([{ id: 'prog-1', name: '知的クラスター創成事業' }]);
  });
  afterAll(async () => db.close());

  it('says so in the summary when no adoption is stored', async () => {
    const output = await analyzeContinuation(db.repos, clock);
    expect(output).toMatchObject({ records: 0, factors: [], crossTabs: [], survival: [] });
    expect(output.summary).toContain('分析できません');
    expect(hasNaN(output)).toBe(false);
  });

  it('reports too few records and a constant factor without NaN', async () => {
    // five ended adoptions, every one graded S: a constant factor, far below the minimum
    await db.repos
      .entity('adoptions')
      .upsertMany([
        adoption('a1'),
        adoption('a2', { continuation: 'successor', successorProgram: '後継', lastActiveFy: 2026 }),
        adoption('a3'),
        adoption('a4', { continuation: 'continued_regional', lastActiveFy: 2020 }),
        adoption('a5', { endFy: 2030, continuation: 'ongoing' }),
      ]);
    const output = await analyzeContinuation(db.repos, clock);
    expect(output.records).toBe(4);
    expect(output.factors).toEqual([]);
    expect(output.regression.fitted).toBe(false);
    expect(output.summary).toContain('要因の回帰分析は行えませんでした');
    expect(output.summaryEn).toContain('too few records');
    expect(output.excluded.map((e) => e.adoptionId)).toEqual(['a5']);
    expect(hasNaN(output)).toBe(false);
    expect(JSON.stringify(output)).not.toContain('NaN');
  });
});
