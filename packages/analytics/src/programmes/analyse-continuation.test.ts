import { describe, expect, it } from 'vitest';
import { DomainError } from '#core/domain-error.ts';
import type { Adoption } from '#core/entities/adoption.ts';
import type { FundingFlow } from '#core/entities/funding-flow.ts';
import type { ContinuationStatus } from '#core/vocabulary.ts';
import { analyseContinuation } from './analyse-continuation.ts';

const AS_OF = 2024;

/** Ended FY2015; diverse = 8 companies and 4 other organisations, not diverse = 2 and 0. */
function record(id: string, s: boolean, status: ContinuationStatus, diverse: boolean): Adoption {
  return {
    id,
    programmeId: 'prog-x',
    regionName: `地域${id}`,
    prefectureCodes: ['40'],
    startFy: 2011,
    endFy: 2015,
    universities: ['九州大学'],
    researchThemes: [],
    participatingOrgs: diverse ? 5 : 1,
    participatingCompanies: diverse ? 8 : 2,
    finalGrade: s ? 'S' : 'B',
    continuation: status,
    // successors still active at FY2024 (censored, 9 y); regional money seen until FY2020 (5 y);
    // stopped a year after the end (1 y)
    lastActiveFy: status === 'successor' ? 2024 : status === 'continued_regional' ? 2020 : 2016,
    ...(status === 'successor' ? { successorProgram: '後継事業' } : {}),
  };
}

/** [final grade S, outcome, diverse, how many]. */
const PLAN: readonly [boolean, ContinuationStatus, boolean, number][] = [
  [true, 'successor', true, 3],
  [true, 'successor', false, 3],
  [true, 'continued_regional', true, 1],
  [true, 'stopped', false, 1],
  [false, 'successor', true, 1],
  [false, 'successor', false, 1],
  [false, 'continued_regional', true, 4],
  [false, 'continued_regional', false, 1],
  [false, 'stopped', true, 2],
  [false, 'stopped', false, 8],
];

function fixture(): Adoption[] {
  const list: Adoption[] = [];
  for (const [s, status, diverse, count] of PLAN) {
    for (let i = 0; i < count; i++) list.push(record(`r${list.length + 1}`, s, status, diverse));
  }
  list.push({ ...record('still-running', true, 'ongoing', true), startFy: 2022, endFy: 2026 });
  list.push(record('lost-track', false, 'unknown', false));
  return list;
}

describe('analyseContinuation on a hand-made fixture', () => {
  const result = analyseContinuation(fixture(), [], { asOfFy: AS_OF });

  it('analyses the 25 ended records and names the 2 excluded', () => {
    expect(result.records).toBe(25);
    expect(result.outcome).toMatchObject({ continued: 14, stopped: 11 });
    expect(result.excluded).toEqual([
      { adoptionId: 'still-running', reason: 'not ended: end FY 2026 ≥ FY 2024' },
      { adoptionId: 'lost-track', reason: 'what happened after the end is unknown' },
    ]);
  });

  it('JAREC finding 1: final grade S × successor = [[6, 2], [2, 15]], OR 22.5, Fisher p 0.00365', () => {
    const tab = result.crossTabs.find(
      (t) => t.factor === 'final_grade_s' && t.outcome === 'successor',
    );
    expect(tab?.table).toEqual([
      [6, 2],
      [2, 15],
    ]);
    expect(tab?.oddsRatio).toBeCloseTo(22.5, 10);
    expect(tab?.oddsRatioCiLow).toBeCloseTo(2.55197, 4);
    expect(tab?.fisherP).toBeCloseTo(0.0036474586, 9);
    expect(tab?.supported).toBe(true);
  });

  it('JAREC finding 2: diverse × regional money (successors aside) = [[5, 2], [1, 9]], Fisher p 0.0345', () => {
    const tab = result.crossTabs.find(
      (t) => t.factor === 'diverse_stakeholders' && t.outcome === 'continued_regional',
    );
    expect(tab?.table).toEqual([
      [5, 2],
      [1, 9],
    ]);
    expect(tab?.oddsRatio).toBeCloseTo(22.5, 10);
    expect(tab?.fisherP).toBeCloseTo(0.0345022624, 9);
    expect(tab?.shareWithFactor).toBeCloseTo(5 / 7, 12);
    expect(tab?.supported).toBe(true);
  });

  it('drops unknown and constant factors from the regression and says why', () => {
    const dropped = Object.fromEntries(
      result.regression.droppedFactors.map((d) => [d.name, d.reason]),
    );
    expect(dropped['local_funding_share']).toMatch(/unknown for 25 of 25 records/);
    expect(dropped['coordinator']).toMatch(/unknown for 25 of 25 records/);
    expect(dropped['duration_years']).toMatch(/constant \(5 for all 25 records\)/);
    expect(dropped['stakeholder_groups']).toMatch(/constant/);
    expect(result.factors.map((f) => f.name)).toEqual(['final_grade_s', 'diverse_stakeholders']);
    expect(result.regression.fitted).toBe(true);
  });

  it('contract shape: records, factors, crossTabs, survival, summary', () => {
    expect(Object.keys(result)).toEqual(
      expect.arrayContaining(['records', 'factors', 'crossTabs', 'survival', 'summary']),
    );
    for (const f of result.factors) {
      for (const key of ['name', 'coefficient', 'ciLow', 'ciHigh', 'pValue'] as const) {
        expect(f[key]).toBeDefined();
      }
      expect(Number.isFinite(f.coefficient) && Number.isFinite(f.pValue)).toBe(true);
    }
    for (const t of result.crossTabs) {
      expect(t.table).toHaveLength(2);
      expect(typeof t.oddsRatio).toBe('number');
      expect(typeof t.fisherP).toBe('number');
    }
    expect(JSON.parse(JSON.stringify(result)).records).toBe(25);
  });

  it('survival: successors still active are censored; regional money ends at 5 y, stopped at 1 y', () => {
    const all = result.survival.find((s) => s.factor === 'all');
    expect(all?.groups[0]).toMatchObject({ records: 25, events: 17 });
    const points = all?.groups[0]?.curve ?? [];
    expect(points.map((p) => [p.time, p.events, p.censored])).toEqual([
      [1, 11, 0],
      [5, 6, 0],
      [9, 0, 8],
    ]);
    expect(points[0]?.survival).toBeCloseTo(14 / 25, 12);
    expect(points[1]?.survival).toBeCloseTo(8 / 25, 12);
    const byS = result.survival.find((s) => s.factor === 'final_grade_s');
    expect(byS?.groups.map((g) => [g.label, g.records])).toEqual([
      ['S', 8],
      ['A–C', 17],
    ]);
    expect(byS?.logRank?.degreesOfFreedom).toBe(1);
    expect(byS?.logRank?.pValue).toBeLessThan(0.05);
  });

  it('the summaries state both findings as supported, in Japanese and English', () => {
    expect(result.summary).toMatch(
      /JAREC知見1 「事後評価Sは後継事業につながる」: データはこれを支持します/,
    );
    expect(result.summary).toMatch(/JAREC知見2 .*データはこれを支持します/);
    expect(result.summaryEn).toMatch(/JAREC finding 1, .*supported by the data \(75% vs 12%/);
    expect(result.summaryEn).toMatch(/Fisher p = 0.004/);
  });
});

describe('analyseContinuation says when the data do not support a claim', () => {
  it('a Wald interval crossing 1: S × continued [[7, 1], [7, 10]], OR 10, CI 0.995–100, p 0.0505', () => {
    const result = analyseContinuation(fixture(), [], {
      asOfFy: AS_OF,
      factors: ['final_grade_s'],
    });
    const [s] = result.factors;
    // continued = successor or regional: S 7 of 8, not S 7 of 17
    expect(s?.coefficient).toBeCloseTo(Math.log(10), 8);
    expect(s?.standardError).toBeCloseTo(Math.sqrt(1 / 7 + 1 + 1 / 7 + 1 / 10), 8);
    expect(s?.oddsRatioCiLow).toBeCloseTo(0.9953973, 6);
    expect(s?.pValue).toBeCloseTo(0.05046, 4);
    expect(s?.supported).toBe(false);
    expect(result.summaryEn).toMatch(
      /final evaluation S: not supported \(the 95% interval includes 1 and p ≥ 0.05; OR 10, 95% CI 0\.995–100, Wald p = 0\.05\)/,
    );
    expect(result.summary).toMatch(/事後評価S: 支持されない（95%信頼区間が1をまたぐ/);
  });

  it('too few records: no regression, reported in the summary (not thrown)', () => {
    const few = fixture().slice(0, 12);
    const result = analyseContinuation(few, [], { asOfFy: AS_OF });
    expect(result.records).toBe(12);
    expect(result.factors).toEqual([]);
    expect(result.regression.error?.message).toBe('too few records for the regression: 12 < 20');
    expect(result.summaryEn).toMatch(/With only 12 records, none of the conclusions below is firm/);
    expect(result.summaryEn).toMatch(/No regression of the factors was possible/);
    expect(result.summary).toMatch(/要因の回帰分析は行えませんでした/);
  });

  it('an unpublished end year or grade counts as unknown: in the outcome when it is known, never in the survival curves', () => {
    const { endFy: _end, finalGrade: _grade, ...base } = record('no-end', true, 'successor', true);
    const noEnd: Adoption = base;
    const { endFy: _end2, ...lost } = record('no-end-lost', false, 'unknown', false);
    const withUnknown = analyseContinuation([...fixture(), noEnd, lost], [], { asOfFy: AS_OF });
    expect(withUnknown.records).toBe(26);
    expect(withUnknown.outcome).toMatchObject({ continued: 15, stopped: 11 });
    expect(withUnknown.endFyUnknown).toEqual({ inOutcome: 1, excluded: 1 });
    expect(withUnknown.excluded).toContainEqual({
      adoptionId: 'no-end-lost',
      reason: 'end FY unknown and what happened after it unknown',
    });
    // the survival time runs from the end FY: the record with none is left out, not placed at 0
    const all = withUnknown.survival.find((s) => s.factor === 'all');
    expect(all?.groups[0]).toMatchObject({ records: 25, events: 17 });
    // its grade is unknown: not counted as S nor as A–C
    const byS = withUnknown.crossTabs.find((t) => t.factor === 'final_grade_s');
    const base25 = analyseContinuation(fixture(), [], { asOfFy: AS_OF }).crossTabs.find(
      (t) => t.factor === 'final_grade_s',
    );
    expect(byS?.table).toBeDefined();
    expect(byS?.table).toEqual(base25?.table);
    const measures = withUnknown.measures.find((m) => m.adoptionId === 'no-end');
    expect(measures).toMatchObject({
      durationYears: null,
      localFundingShare: null,
      finalGrade: null,
    });
  });

  it('a finding that cannot be tested is not supported', () => {
    const noS = fixture().map((a) => ({ ...a, finalGrade: 'B' as const }));
    const result = analyseContinuation(noS, [], { asOfFy: AS_OF });
    expect(result.crossTabs.find((t) => t.factor === 'final_grade_s')).toBeUndefined();
    expect(result.methodNotes.join('\n')).toMatch(
      /final_grade_s × successor: no odds ratio: the first row/,
    );
    expect(result.summaryEn).toMatch(
      /JAREC finding 1, .*too few records in one of the groups to test/,
    );
  });
});

describe('analyseContinuation refuses bad input', () => {
  it('an end before the start, with every problem listed', () => {
    const bad = [
      ...fixture(),
      { ...record('bad-years', true, 'stopped', true), startFy: 2016, endFy: 2015 },
    ];
    const flows: FundingFlow[] = [
      {
        id: 'neg',
        sourceType: 'prefecture',
        adoptionId: 'r1',
        fiscalYear: 2012,
        amount: -1,
        currency: 'JPY',
      },
    ];
    try {
      analyseContinuation(bad, flows, { asOfFy: AS_OF });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      const e = error as DomainError;
      expect(e.code).toBe('validation_failed');
      expect(e.message).toMatch(/^2 adoption\(s\) have invalid data: /);
      expect(e.message).toMatch(/adoption bad-years: end FY 2015 is before start FY 2016/);
      expect(e.message).toMatch(/funding flow neg: amount -1 must be a finite number ≥ 0/);
    }
  });

  it('or excludes the invalid records with reasons when asked', () => {
    const bad = [
      ...fixture(),
      { ...record('bad-years', true, 'stopped', true), startFy: 2016, endFy: 2015 },
    ];
    const result = analyseContinuation(bad, [], { asOfFy: AS_OF, invalidRecords: 'exclude' });
    expect(result.records).toBe(25);
    expect(result.excluded).toContainEqual({
      adoptionId: 'bad-years',
      reason: 'invalid: adoption bad-years: end FY 2015 is before start FY 2016',
    });
  });

  it('no ended record with a known outcome', () => {
    expect(() => analyseContinuation(fixture().slice(-2), [], { asOfFy: AS_OF })).toThrow(
      /no adoption ended before FY 2024 with a known outcome \(2 given, 2 excluded\)/,
    );
  });
});
