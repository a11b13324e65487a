/**
 * The candidate factors of continuation after a programme ends (JAREC survey), as numbers a
 * regression can use. Each reads an adoption's derived measures; null means unknown.
 */
import type { AdoptionMeasures } from './adoption-measures.ts';

export const CONTINUATION_FACTOR_NAMES = [
  'final_grade_s',
  'interim_grade_s_or_a',
  'diverse_stakeholders',
  'stakeholder_groups',
  'non_university_share',
  'local_funding_share',
  'companies_log',
  'coordinator',
  'duration_years',
] as const;
export type ContinuationFactorName = (typeof CONTINUATION_FACTOR_NAMES)[number];

export interface ContinuationFactor {
  name: ContinuationFactorName;
  labelJa: string;
  labelEn: string;
  kind: 'binary' | 'numeric';
  /** What one unit of the factor means, for the summary. */
  unitEn: string;
  unitJa: string;
  value: (measures: AdoptionMeasures) => number | null;
}

function flag(value: boolean | null): number | null {
  return value === null ? null : value ? 1 : 0;
}

export const CONTINUATION_FACTORS: Record<ContinuationFactorName, ContinuationFactor> = {
  final_grade_s: {
    name: 'final_grade_s',
    labelJa: '事後評価S',
    labelEn: 'final evaluation S',
    kind: 'binary',
    unitEn: 'S vs A–C',
    unitJa: 'S対A〜C',
    value: (m) => flag(m.finalGradeS),
  },
  interim_grade_s_or_a: {
    name: 'interim_grade_s_or_a',
    labelJa: '中間評価S・A',
    labelEn: 'interim evaluation S or A',
    kind: 'binary',
    unitEn: 'S/A vs B/C',
    unitJa: 'S・A対B・C',
    value: (m) => flag(m.interimGradeSOrA),
  },
  diverse_stakeholders: {
    name: 'diverse_stakeholders',
    labelJa: '多様な主体の参画',
    labelEn: 'diverse stakeholders',
    kind: 'binary',
    unitEn: 'diverse vs not',
    unitJa: '多様対そうでない',
    value: (m) => flag(m.diverseStakeholders),
  },
  stakeholder_groups: {
    name: 'stakeholder_groups',
    labelJa: '参画セクター数',
    labelEn: 'stakeholder sectors',
    kind: 'numeric',
    unitEn: 'per additional sector (of 6)',
    unitJa: 'セクター1つ増えるごと（6分類）',
    value: (m) => m.stakeholderGroupCount,
  },
  non_university_share: {
    name: 'non_university_share',
    labelJa: '大学以外の参画比率',
    labelEn: 'non-university share of participants',
    kind: 'numeric',
    unitEn: 'from 0 to 1',
    unitJa: '0から1へ',
    value: (m) => m.nonUniversityShare,
  },
  local_funding_share: {
    name: 'local_funding_share',
    labelJa: '地域資金比率（事業期間中）',
    labelEn: 'local funding share during the programme',
    kind: 'numeric',
    unitEn: 'from 0 to 1',
    unitJa: '0から1へ',
    value: (m) => m.localFundingShare,
  },
  companies_log: {
    name: 'companies_log',
    labelJa: '参画企業数（対数）',
    labelEn: 'participating companies (log)',
    kind: 'numeric',
    unitEn: 'per e-fold increase of 1 + companies',
    unitJa: '1+企業数がe倍になるごと',
    value: (m) => (m.companyCount === null ? null : Math.log1p(m.companyCount)),
  },
  coordinator: {
    name: 'coordinator',
    labelJa: 'コーディネーターの存在',
    labelEn: 'coordinator present',
    kind: 'binary',
    unitEn: 'present vs absent',
    unitJa: 'あり対なし',
    value: (m) => flag(m.coordinatorPresent),
  },
  duration_years: {
    name: 'duration_years',
    labelJa: '事業期間（年）',
    labelEn: 'programme duration (years)',
    kind: 'numeric',
    unitEn: 'per year',
    unitJa: '1年ごと',
    value: (m) => m.durationYears,
  },
};

/**
 * Default regression factors: the JAREC fields, one measure per idea. The company count is left out
 * by default because "diverse stakeholders" already needs companies and the two move together
 * (collinear factors split one effect between them and can flip a sign); pass `factors` to add it.
 */
export const DEFAULT_REGRESSION_FACTORS: readonly ContinuationFactorName[] = [
  'final_grade_s',
  'diverse_stakeholders',
  'stakeholder_groups',
  'local_funding_share',
  'coordinator',
  'duration_years',
];
