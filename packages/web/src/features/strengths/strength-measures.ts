/** What the strengths can count, in the order offered; typed by the contract's names. */
import type { StrengthMeasureName } from '#contract/routes/strengths-answers.ts';

export type StrengthMeasure = StrengthMeasureName;

export const STRENGTH_MEASURES: readonly StrengthMeasure[] = [
  'records',
  'seeds',
  'kaken',
  'companies',
  'researchers',
  'papers',
  'patents',
];

export const isStrengthMeasure = (value: string): value is StrengthMeasure =>
  (STRENGTH_MEASURES as readonly string[]).includes(value);
