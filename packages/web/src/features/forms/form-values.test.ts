import { describe, expect, it } from 'vitest';
import { formValuesOf, patchOf, recordOf, type FieldSpec } from './form-values.ts';

const specs: FieldSpec[] = [
  { name: 'title', kind: 'text', label: 'field.title' },
  { name: 'description', kind: 'textarea', label: 'field.title' },
  { name: 'keywords', kind: 'list', label: 'field.keywords' },
  { name: 'desiredTrl', kind: 'int', label: 'field.trl' },
  { name: 'open', kind: 'checkbox', label: 'field.open' },
];

describe('form values', () => {
  it('reads a stored record into inputs and back', () => {
    const stored = { id: 'n1', title: '排水', keywords: ['銅', '回収'], desiredTrl: 4, open: true };
    const values = formValuesOf(specs, stored);
    expect(values).toEqual({
      title: '排水',
      description: '',
      keywords: '銅, 回収',
      desiredTrl: '4',
      open: true,
    });
    expect(recordOf(specs, values)).toEqual({
      title: '排水',
      keywords: ['銅', '回収'],
      desiredTrl: 4,
      open: true,
    });
  });

  it('splits lists on Japanese and ASCII separators and reads full-width digits', () => {
    const record = recordOf(specs, {
      title: ' 排水 ',
      keywords: '銅、ニッケル；回収',
      desiredTrl: '５',
    });
    expect(record).toMatchObject({
      title: '排水',
      keywords: ['銅', 'ニッケル', '回収'],
      desiredTrl: 5,
    });
  });

  it('keeps a non-number as text so the schema can name the field', () => {
    expect(recordOf(specs, { desiredTrl: 'four' })['desiredTrl']).toBe('four');
  });

  it('patches: an emptied input removes the field, unchanged records keep the rest', () => {
    const stored = { id: 'n1', title: '排水', description: '古い説明', ownerId: 'o1', open: true };
    const { patch, merged } = patchOf(
      specs,
      { title: '新しい', description: '', open: false },
      stored,
    );
    expect(patch).toEqual({ title: '新しい', description: null, open: false });
    expect(merged).toEqual({ id: 'n1', title: '新しい', ownerId: 'o1', open: false });
  });

  it('reads and writes editable lists entry by entry', () => {
    const withKpis: FieldSpec[] = [
      {
        name: 'kpis',
        kind: 'entries',
        label: 'field.title',
        entry: [
          { name: 'name', kind: 'text', label: 'field.title' },
          { name: 'target', kind: 'number', label: 'field.title' },
        ],
      },
    ];
    const values = formValuesOf(withKpis, { kpis: [{ name: '売上', target: 10, unit: '億円' }] });
    expect(values).toEqual({ kpis: [{ name: '売上', target: '10' }] });
    expect(recordOf(withKpis, values)).toEqual({ kpis: [{ name: '売上', target: 10 }] });
    expect(patchOf(withKpis, { kpis: [] }, { kpis: [{ name: 'a' }] }).patch).toEqual({
      kpis: null,
    });
  });

  it('starts a select without an empty choice at its first option, as the browser shows it', () => {
    const select: FieldSpec[] = [
      { name: 'value', kind: 'select', label: 'field.title', options: ['social', 'economic'] },
      { name: 'path', kind: 'select', label: 'field.title', options: ['a'], optional: true },
    ];
    expect(formValuesOf(select, {})).toEqual({ value: 'social', path: '' });
  });
});
