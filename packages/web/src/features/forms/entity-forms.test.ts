import { describe, expect, it } from 'vitest';
import { ENTITY_FORMS, isRegionEntity } from './entity-forms.ts';
import { validateWith } from './field-errors.ts';
import { formValuesOf, recordOf, type FormValues } from './form-values.ts';

describe('the region records’ forms', () => {
  it('refuse a KPI target without a unit beside the unit of that target', () => {
    const form = ENTITY_FORMS['region-strategies'];
    const values = {
      ...formValuesOf(form.fields, {}, form.defaults),
      name: '静岡県 地域イノベーション戦略',
      areaCode: '22',
      kpiTargets: [
        {
          metric: 'joint_research',
          label: '',
          value: 'industrial',
          year: '2028',
          target: '120',
          unit: '',
          baseline: '',
          baselineYear: '',
          direction: 'increase',
        },
      ],
    };
    const errors = validateWith(form.schema, { id: 's1', ...recordOf(form.fields, values) });
    expect(Object.keys(errors ?? {})).toEqual(['kpiTargets', 'kpiTargets.0.unit']);
  });

  it('refuse a cohort with more completions than enrolments, and accept a sound one', () => {
    const form = ENTITY_FORMS['training-programmes'];
    const cohort = {
      fiscalYear: '2025',
      enrolled: '30',
      completed: '31',
      stayedLocal: '',
      leftRegion: '',
      unknown: '',
    };
    const values = {
      ...formValuesOf(form.fields, {}, form.defaults),
      name: 'ものづくり DX 講座',
      areaCode: '40',
      cohorts: [cohort],
    };
    const record = (v: typeof values) => ({ id: 't1', ...recordOf(form.fields, v) });
    expect(Object.keys(validateWith(form.schema, record(values)) ?? {})).toEqual([
      'cohorts',
      'cohorts.0.completed',
    ]);
    const sound = { ...values, cohorts: [{ ...cohort, completed: '25', stayedLocal: '20' }] };
    expect(validateWith(form.schema, record(sound))).toBeNull();
  });

  it('know their own entities only', () => {
    expect(isRegionEntity('funding')).toBe(true);
    expect(isRegionEntity('needs')).toBe(false);
    expect(isRegionEntity('toString')).toBe(false);
  });

  it('choose a case’s actors, projects and programmes and an adoption’s programme by name', () => {
    const kinds = (entity: 'cases' | 'adoptions' | 'funding') =>
      Object.fromEntries(ENTITY_FORMS[entity].fields.map((spec) => [spec.name, spec.kind]));
    expect(kinds('cases')).toMatchObject({
      actorIds: 'actor_list',
      projectIds: 'project_list',
      programmeIds: 'programme_list',
    });
    expect(kinds('adoptions')).toMatchObject({
      programmeId: 'programme',
      coreInstitutionId: 'actor',
    });
    expect(kinds('funding')).toMatchObject({ projectId: 'project', recipientId: 'actor' });
    // The chosen ids travel as the list's text and become the record's list.
    const form = ENTITY_FORMS.cases;
    const values: FormValues = {
      ...formValuesOf(form.fields, { actorIds: ['co-a', 'uni-u'] }, form.defaults),
      title: '事例',
      programmeIds: 'prog-1',
    };
    expect(values['actorIds']).toBe('co-a, uni-u');
    expect(recordOf(form.fields, values)).toMatchObject({
      actorIds: ['co-a', 'uni-u'],
      programmeIds: ['prog-1'],
    });
  });
});
