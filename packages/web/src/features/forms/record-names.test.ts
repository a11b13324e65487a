import { describe, expect, it } from 'vitest';
import { idsIn, nameIn, namedReferences, namedSourceOf, recordName } from './record-names.ts';

describe('the names a record page shows for the records it refers to', () => {
  it('knows which fields name actors, projects and programmes', () => {
    expect(namedSourceOf('actor_list')).toBe('actors');
    expect(namedSourceOf('actor')).toBe('actors');
    expect(namedSourceOf('project_list')).toBe('projects');
    expect(namedSourceOf('programme')).toBe('programmes');
    expect(namedSourceOf('text')).toBeUndefined();
    expect(idsIn(['a', '', 3, 'b'])).toEqual(['a', 'b']);
    expect(idsIn('a')).toEqual(['a']);
    expect(idsIn(undefined)).toEqual([]);
  });

  it('names a record in the reader’s language, the English name on English pages', () => {
    const actor = { id: 'uni-u', name: 'ユー大学', nameEn: 'U University' };
    expect(recordName('actors', actor, 'ja')).toBe('ユー大学');
    expect(recordName('actors', actor, 'en')).toBe('U University');
    // No English name: the name as it is.
    expect(recordName('actors', { ...actor, nameEn: ' ' }, 'en')).toBe('ユー大学');
    expect(recordName('programmes', { name: '知的クラスター創成事業' }, 'en')).toBe(
      '知的クラスター創成事業',
    );
    expect(recordName('projects', { title: '銅の回収', name: 'x' }, 'en')).toBe('銅の回収');
  });

  it('links each read record by name, and shows the id of one not read', () => {
    const read = new Map<string, Record<string, unknown> | null>([
      ['uni-u', { id: 'uni-u', name: 'ユー大学', nameEn: 'U University' }],
      ['co-secret', null],
    ]);
    expect(namedReferences('actors', ['uni-u', 'co-secret', 'loading'], read, 'en')).toEqual([
      { id: 'uni-u', text: 'U University', href: '/actors/uni-u' },
      { id: 'co-secret', text: 'co-secret', href: null },
      { id: 'loading', text: 'loading', href: null },
    ]);
    expect(namedReferences('projects', ['p/1'], new Map([['p/1', { title: '' }]]), 'ja')).toEqual([
      { id: 'p/1', text: 'p/1', href: '/projects/p%2F1' },
    ]);
  });

  it('shows an answer’s English name on English pages, the name elsewhere or without one', () => {
    const fukuoka = { name: '福岡県', nameEn: 'Fukuoka' };
    expect(nameIn(fukuoka, 'en')).toBe('Fukuoka');
    expect(nameIn(fukuoka, 'ja')).toBe('福岡県');
    expect(nameIn({ name: '無名協議会' }, 'en')).toBe('無名協議会');
    expect(nameIn({ name: '無名協議会', nameEn: '' }, 'en')).toBe('無名協議会');
  });
});
