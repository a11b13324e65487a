import { describe, expect, it } from 'vitest';
import type { AdoptionMeasures } from './adoption-measures.ts';
import { CONTINUATION_FACTORS, DEFAULT_REGRESSION_FACTORS } from './continuation-factors.ts';

const measures: AdoptionMeasures = {
  adoptionId: 'a',
  durationYears: 5,
  sectorGroups: ['university', 'company'],
  stakeholderGroupCount: 2,
  stakeholderEvidence: ['counts'],
  nonUniversityShare: 0.75,
  otherOrgCount: 0,
  diverseStakeholders: false,
  localFundingShare: null,
  localFundingShareSinceStart: null,
  fundingDuringProgramme: 0,
  fundingAfterEnd: 0,
  companyCount: 9,
  coordinatorPresent: null,
  finalGrade: 'S',
  finalGradeS: true,
  interimGrade: 'B',
  interimGradeSOrA: false,
};

describe('continuation factors', () => {
  it('read the measures as numbers, null when unknown', () => {
    expect(CONTINUATION_FACTORS.final_grade_s.value(measures)).toBe(1);
    expect(CONTINUATION_FACTORS.interim_grade_s_or_a.value(measures)).toBe(0);
    expect(CONTINUATION_FACTORS.diverse_stakeholders.value(measures)).toBe(0);
    expect(CONTINUATION_FACTORS.companies_log.value(measures)).toBeCloseTo(Math.log(10), 12);
    expect(CONTINUATION_FACTORS.coordinator.value(measures)).toBeNull();
    expect(CONTINUATION_FACTORS.local_funding_share.value(measures)).toBeNull();
    expect(CONTINUATION_FACTORS.stakeholder_groups.value(measures)).toBe(2);
  });

  it('default regression factors exist and leave the collinear company count out', () => {
    for (const name of DEFAULT_REGRESSION_FACTORS)
      expect(CONTINUATION_FACTORS[name].name).toBe(name);
    expect(DEFAULT_REGRESSION_FACTORS).not.toContain('companies_log');
  });
});
