import { describe, expect, it } from 'vitest';
import { ZCaseStory } from '#core/entities/case-story.ts';
import { ZIndicator } from '#core/entities/indicator.ts';
import { ZNeed } from '#core/entities/need.ts';
import { ZProgramme } from '#core/entities/programme.ts';
import { ZProject } from '#core/entities/project.ts';
import { ZSeed } from '#core/entities/seed.ts';
import { fieldErrorsOfServer, validateWith } from './field-errors.ts';

const need = { id: 'need-1', ownerId: 'org-1', title: 'めっき排水の重金属回収' };

describe('field errors from the entity schemas', () => {
  it('passes a valid need', () => {
    expect(validateWith(ZNeed, need)).toBeNull();
  });

  it('names the field and a message a clerk understands', () => {
    expect(validateWith(ZNeed, { ...need, title: '   ' })).toEqual({
      title: { key: 'forms.error.required' },
    });
    expect(validateWith(ZNeed, { ...need, confidentiality: 'secret' })).toEqual({
      confidentiality: { key: 'forms.error.choose' },
    });
    expect(validateWith(ZNeed, { ...need, desiredTrl: 12 })).toEqual({
      desiredTrl: { key: 'forms.error.trl' },
    });
    expect(validateWith(ZNeed, { ...need, desiredTrl: 'three' })).toEqual({
      desiredTrl: { key: 'forms.error.number' },
    });
    expect(validateWith(ZNeed, { ...need, postedOn: '2026-02-30' })).toEqual({
      postedOn: { key: 'forms.error.date' },
    });
    expect(validateWith(ZNeed, { ...need, prefectureCode: '48' })).toEqual({
      prefectureCode: { key: 'forms.error.prefecture' },
    });
    expect(validateWith(ZNeed, { ...need, title: 'x'.repeat(501) })).toEqual({
      title: { key: 'forms.error.tooLong', values: { max: 500 } },
    });
    expect(validateWith(ZSeed, { ...need, url: 'not a url' })).toEqual({
      url: { key: 'forms.error.url' },
    });
  });

  it('gives every field its own message, and a list entry to its list', () => {
    const errors = validateWith(ZProject, {
      id: 'p1',
      title: '',
      startDate: '2026-04-01',
      endDate: '2026-03-01',
      kpis: [{ name: '売上', value: 'economic', target: 10 }],
    });
    expect(errors).toEqual({
      title: { key: 'forms.error.required' },
      endDate: { key: 'forms.error.endBeforeStart' },
      kpis: { key: 'forms.error.required' },
      'kpis.0.unit': { key: 'forms.error.required' },
    });
  });

  it('names the fields of programmes, cases and indicators in words of their own', () => {
    expect(validateWith(ZProgramme, { id: 'p1', name: '', startFy: 2025, endFy: 2020 })).toEqual({
      name: { key: 'forms.error.required' },
      endFy: { key: 'forms.error.endBeforeStart' },
    });
    expect(validateWith(ZCaseStory, { id: 'c1', title: ' ', outcome: 'great' })).toEqual({
      title: { key: 'forms.error.required' },
      outcome: { key: 'forms.error.choose' },
    });
    const indicator = { areaType: 'prefecture', areaCode: '22', year: 2024, value: 3 };
    expect(validateWith(ZIndicator, { ...indicator, metric: 'Papers', unit: '' })).toEqual({
      metric: { key: 'formsMore.error.metric' },
      unit: { key: 'forms.error.required' },
    });
    expect(
      validateWith(ZIndicator, { ...indicator, areaCode: '48', metric: 'papers', unit: '件' }),
    ).toEqual({ areaCode: { key: 'forms.error.prefecture' } });
  });

  it('places the server findings beside their fields', () => {
    expect(
      fieldErrorsOfServer([
        { field: 'ownerId', reason: 'unknown actors id' },
        { field: 'corporateNumber', reason: 'belongs to actor a-2 already' },
        { field: 'title', reason: 'too long' },
      ]),
    ).toEqual({
      ownerId: { key: 'forms.error.unknownReference' },
      corporateNumber: { key: 'forms.error.taken' },
      title: { key: 'forms.error.invalid', values: { reason: 'too long' } },
    });
  });
});
