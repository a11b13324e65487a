import { describe, expect, it } from 'vitest';
import { DomainError } from '#core/domain-error.ts';
import type { Actor } from '#core/entities/actor.ts';
import type { Adoption } from '#core/entities/adoption.ts';
import type { FundingFlow } from '#core/entities/funding-flow.ts';
import type { Project } from '#core/entities/project.ts';
import type { Relation } from '#core/entities/relation.ts';
import type { FundingSourceType } from '#core/vocabulary.ts';
import { deriveAdoptionMeasures, flowAmountJpy } from './adoption-measures.ts';

function adoption(overrides: Partial<Adoption> = {}): Adoption {
  return {
    id: 'a1',
    programmeId: 'prog-x',
    regionName: '北陸エリア',
    prefectureCodes: ['17'],
    startFy: 2010,
    endFy: 2014,
    universities: ['金沢大学'],
    researchThemes: [],
    continuation: 'stopped',
    ...overrides,
  };
}

let flowSeq = 0;
function flow(
  sourceType: FundingSourceType,
  fiscalYear: number,
  amount: number,
  adoptionId = 'a1',
): FundingFlow {
  flowSeq += 1;
  return { id: `f${flowSeq}`, sourceType, adoptionId, fiscalYear, amount, currency: 'JPY' };
}

function actor(id: string, sector: Actor['sector'], overrides: Partial<Actor> = {}): Actor {
  return {
    id,
    kind: 'organization',
    sector,
    name: id,
    prefectureCode: '17',
    flags: [],
    keywords: [],
    ...overrides,
  };
}

describe('deriveAdoptionMeasures from the survey counts and money', () => {
  // national 100/year × 5 = 500, prefecture 20/year × 5 = 100, bank 30 in FY2012: all during;
  // company 50 in FY2016 (after the end) and 999 in FY2009 (before the start, ignored)
  const flows = [
    ...[2010, 2011, 2012, 2013, 2014].flatMap((fy) => [
      flow('national_programme', fy, 100),
      flow('prefecture', fy, 20),
    ]),
    flow('bank', 2012, 30),
    flow('company', 2016, 50),
    flow('company', 2009, 999),
    flow('prefecture', 2012, 1000, 'another-adoption'),
  ];
  const measures = deriveAdoptionMeasures(
    adoption({
      participatingOrgs: 5,
      participatingCompanies: 8,
      finalGrade: 'S',
      interimGrade: 'A',
      coreInstitution: '公益財団法人石川県産業振興財団',
    }),
    { flows },
  );

  it('local funding share during the programme = 130 / 630, since the start = 180 / 680', () => {
    expect(measures.fundingDuringProgramme).toBe(630);
    expect(measures.localFundingShare).toBeCloseTo(130 / 630, 12);
    expect(measures.localFundingShareSinceStart).toBeCloseTo(180 / 680, 12);
    expect(measures.fundingAfterEnd).toBe(50);
  });

  it('sector groups: university, company (counts), local government, finance (money), support org (core)', () => {
    expect(measures.sectorGroups).toEqual([
      'university',
      'company',
      'local_government',
      'support_org',
      'finance',
    ]);
    expect(measures.stakeholderGroupCount).toBe(5);
    expect(measures.stakeholderEvidence.sort()).toEqual(['core_institution', 'counts', 'funding']);
  });

  it('diversity: 4 other organisations and 8 companies → diverse; non-university share 12/13', () => {
    expect(measures.otherOrgCount).toBe(4);
    expect(measures.diverseStakeholders).toBe(true);
    expect(measures.nonUniversityShare).toBeCloseTo(12 / 13, 12);
    expect(measures.companyCount).toBe(8);
  });

  it('duration, grades; coordinator unknown without linked participants', () => {
    expect(measures.durationYears).toBe(5);
    expect(measures.finalGradeS).toBe(true);
    expect(measures.interimGradeSOrA).toBe(true);
    expect(measures.coordinatorPresent).toBeNull();
  });

  it('two other organisations are not enough for "diverse" (default 3), unless the threshold is 2', () => {
    const a = adoption({ participatingOrgs: 3, participatingCompanies: 4 });
    expect(deriveAdoptionMeasures(a).diverseStakeholders).toBe(false);
    expect(deriveAdoptionMeasures(a, { diverseMinOtherOrgs: 2 }).diverseStakeholders).toBe(true);
    expect(deriveAdoptionMeasures(adoption()).diverseStakeholders).toBeNull(); // no counts
    expect(deriveAdoptionMeasures(adoption()).localFundingShare).toBeNull(); // no money
  });
});

describe('deriveAdoptionMeasures from linked actors', () => {
  const actors = [
    actor('co-1', 'company'),
    actor('pref-17', 'prefecture'),
    actor('uni-1', 'university'),
    actor('person-coord', 'support_org', { kind: 'person', flags: ['coordinator'] }),
  ];
  const relations: Relation[] = [
    { sourceId: 'co-1', targetId: 'a2', type: 'participation', weight: 1 },
    { sourceId: 'pref-17', targetId: 'a2', type: 'participation', weight: 1 },
    { sourceId: 'person-coord', targetId: 'a2', type: 'participation', weight: 1 },
    { sourceId: 'uni-1', targetId: 'someone-else', type: 'participation', weight: 1 },
  ];
  const projects: Project[] = [
    {
      id: 'p1',
      title: 'p',
      stage: 'research',
      adoptionId: 'a2',
      members: [{ actorId: 'uni-1', role: 'researcher' }],
      sdgs: [],
    },
  ];
  const m = deriveAdoptionMeasures(adoption({ id: 'a2', universities: [] }), {
    actors,
    relations,
    projects,
  });

  it('collects participants and project members', () => {
    expect(m.sectorGroups).toEqual(['university', 'company', 'local_government', 'support_org']);
    expect(m.stakeholderEvidence).toEqual(['linked_actors']);
    expect(m.coordinatorPresent).toBe(true);
    expect(m.companyCount).toBe(1);
    expect(m.otherOrgCount).toBe(1); // the prefecture (the coordinator is a person)
    expect(m.diverseStakeholders).toBe(false);
    expect(m.nonUniversityShare).toBeCloseTo(2 / 3, 12); // company, prefecture of 3 organisations
  });
});

describe('bad input: clear errors, never NaN', () => {
  it('an end before the start', () => {
    expect(() =>
      deriveAdoptionMeasures(adoption({ id: 'a-bad', startFy: 2012, endFy: 2010 })),
    ).toThrow('adoption a-bad: end FY 2010 is before start FY 2012');
  });

  it('negative money', () => {
    const bad = flow('prefecture', 2011, -5);
    expect(() => deriveAdoptionMeasures(adoption(), { flows: [bad] })).toThrow(
      new RegExp(`funding flow ${bad.id}: amount -5 must be a finite number ≥ 0`),
    );
  });

  it('an unknown currency, or one without an exchange rate', () => {
    const gbp = Object.assign({}, flow('company', 2011, 10), { currency: 'GBP' });
    try {
      flowAmountJpy(gbp);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('validation_failed');
      expect((error as DomainError).message).toMatch(/unknown currency "GBP" \(JPY, USD or EUR\)/);
    }
    const usd: FundingFlow = { ...flow('company', 2011, 10), currency: 'USD' };
    expect(() => flowAmountJpy(usd)).toThrow(/in USD but no exchange rate to JPY/);
    expect(flowAmountJpy(usd, { USD: 150 })).toBe(1500);
  });
});
