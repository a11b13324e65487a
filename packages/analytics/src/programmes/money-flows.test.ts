import { describe, expect, it } from 'vitest';
import type { Actor } from '#core/entities/actor.ts';
import type { Adoption } from '#core/entities/adoption.ts';
import type { FundingFlow } from '#core/entities/funding-flow.ts';
import type { Project } from '#core/entities/project.ts';
import type { FundingSourceType } from '#core/vocabulary.ts';
import { projectRunway, summariseMoney } from './money-flows.ts';

let flowCount = 0;
function flow(
  sourceType: FundingSourceType,
  fiscalYear: number,
  amount: number,
  extra: Partial<FundingFlow> = {},
): FundingFlow {
  flowCount += 1;
  return {
    id: `f${flowCount}`,
    sourceType,
    fiscalYear,
    amount,
    currency: 'JPY',
    projectId: 'p1',
    ...extra,
  };
}

const adoption: Adoption = {
  id: 'a1',
  programmeId: 'prog-eco',
  regionName: '浜松',
  prefectureCodes: ['22'],
  startFy: 2021,
  endFy: 2025,
  universities: [],
  researchThemes: [],
  continuation: 'unknown',
  finalGrade: 'B',
};

function project(overrides: Partial<Project> = {}): Project {
  return {
    id: 'p1',
    title: '光センサー実証',
    stage: 'development',
    adoptionId: 'a1',
    members: [{ actorId: 'u1', role: 'lead' }],
    sdgs: [],
    ...overrides,
  } as Project;
}

const actor = (id: string, sector: Actor['sector']) => ({ id, sector }) as Actor;
const actorsById = new Map(
  [
    actor('u1', 'university'),
    actor('c1', 'company'),
    actor('g1', 'prefecture'),
    actor('b1', 'financial'),
  ].map((a) => [a.id, a]),
);

function context(asOfFy: number, p: Project) {
  return {
    asOfFy,
    adoptionsById: new Map([[adoption.id, adoption]]),
    projectsById: new Map([[p.id, p]]),
    actorsById,
  };
}

describe('summariseMoney', () => {
  it('sums by year and source, and one programme giving everything has HHI 1', () => {
    const p = project();
    const flows = [
      flow('national_programme', 2021, 100, { adoptionId: 'a1' }),
      flow('national_programme', 2022, 100, { adoptionId: 'a1' }),
      flow('national_programme', 2023, 100, { adoptionId: 'a1' }),
    ];
    const money = summariseMoney(flows, context(2023, p));
    expect(money.total).toBe(300);
    expect(money.years.map((y) => y.fiscalYear)).toEqual([2021, 2022, 2023]);
    expect(money.nationalShare).toBe(1);
    expect(money.dependency).toEqual({
      sources: 1,
      largest: { key: 'programme:prog-eco', share: 1 },
      hhi: 1,
      concentrated: true,
    });
    expect(money.sufficient).toBe(true);
  });

  it('four equal sources give HHI 0.25 and the local share counts prefecture, companies and banks', () => {
    const p = project();
    const flows = [
      flow('national_programme', 2022, 50, { adoptionId: 'a1' }),
      flow('prefecture', 2022, 50, { funderId: 'g1' }),
      flow('company', 2022, 50, { funderId: 'c1' }),
      flow('crowdfunding', 2022, 50),
    ];
    const money = summariseMoney(flows, context(2023, p));
    expect(money.dependency.hhi).toBeCloseTo(0.25, 12);
    expect(money.dependency.sources).toBe(4);
    expect(money.localShare).toBeCloseTo(0.5, 12);
    expect(money.years[0]?.bySource).toEqual({
      national_programme: 50,
      prefecture: 50,
      company: 50,
      crowdfunding: 50,
    });
  });

  it('makes no claim on two flows', () => {
    const money = summariseMoney(
      [flow('company', 2022, 10), flow('bank', 2022, 10)],
      context(2023, project()),
    );
    expect(money.sufficient).toBe(false);
    expect(money.dependency.concentrated).toBeNull();
    expect(money.note).toMatch(/only 2 funding flow/);
  });
});

describe('projectRunway', () => {
  const funded = [2021, 2022, 2023, 2024, 2025].map((fy) =>
    flow('national_programme', fy, 100, { adoptionId: 'a1' }),
  );

  it('no money after the end, a university-only team and grade B: heading for a stop', () => {
    const p = project();
    const runway = projectRunway(p, funded, context(2025, p));
    expect(runway.nationalEndFy).toBe(2025);
    expect(runway.yearsLeft).toBe(0);
    expect(runway.annualNeed).toBe(100);
    expect(runway.runwayYears).toBe(0);
    expect(runway.outlook).toBe('heading_for_stop');
    expect(runway.adverseFactors).toBeGreaterThanOrEqual(2);
    expect(runway.reasons[0]).toMatch(/0\.0 year/);
  });

  it('150 of other money after the end against a need of 100 a year: sustained for 1.5 years', () => {
    const p = project();
    const after = [flow('prefecture', 2026, 100), flow('company', 2027, 50)];
    const runway = projectRunway(p, [...funded, ...after], context(2025, p));
    expect(runway.moneyAfterEnd).toBe(150);
    expect(runway.runwayYears).toBeCloseTo(1.5, 12);
    expect(runway.outlook).toBe('sustained');
  });

  it('short runway but a diverse team with a coordinator and local money: at risk, not heading for a stop', () => {
    const p = project({
      members: [
        { actorId: 'u1', role: 'lead' },
        { actorId: 'c1', role: 'company' },
        { actorId: 'g1', role: 'government' },
        { actorId: 'b1', role: 'finance' },
        { actorId: 'u1', role: 'coordinator' },
      ],
    });
    const local = [2021, 2022, 2023, 2024, 2025].map((fy) => flow('prefecture', fy, 50));
    const runway = projectRunway(
      p,
      [...funded, ...local, flow('bank', 2026, 75)],
      context(2025, p),
    );
    expect(runway.annualNeed).toBe(150);
    expect(runway.runwayYears).toBeCloseTo(0.5, 12);
    expect(runway.outlook).toBe('at_risk');
    expect(runway.factors.find((f) => f.name === 'diverse_stakeholders')?.favourable).toBe(true);
  });

  it('national money running three more years: no flag yet', () => {
    const p = project();
    expect(projectRunway(p, funded, context(2022, p)).outlook).toBe('national_running');
  });

  it('no national money or no money at all', () => {
    const p = project({ adoptionId: undefined });
    expect(projectRunway(p, [flow('company', 2022, 10)], context(2022, p)).outlook).toBe(
      'no_national_money',
    );
    expect(projectRunway(p, [], context(2022, p)).outlook).toBe('insufficient_data');
  });
});
