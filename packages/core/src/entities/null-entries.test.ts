/**
 * A list entry that is no object at all (`null` in a JSON import) is a bad field named by the
 * schema, never a crash inside a cross-field rule (found by the import fuzz test).
 */
import { describe, expect, it } from 'vitest';
import { ZTrainingCohort, ZTrainingProgramme } from './training-programme.ts';

describe('cross-field rules on entries that are not objects', () => {
  it('reports a null cohort as a wrong type instead of throwing', () => {
    const parsed = ZTrainingProgramme.safeParse({ id: 'tp-1', name: '講座', cohorts: [null] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain('cohorts.0');
    for (const value of [null, 3, 'text'])
      expect(ZTrainingCohort.safeParse(value).success, String(value)).toBe(false);
  });

  it('still runs the rule on an object whose fields are wrong, naming every problem', () => {
    const parsed = ZTrainingCohort.safeParse({ fiscalYear: 'x', enrolled: 1, completed: 5 });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'completed',
      'fiscalYear',
    ]);
  });
});
