import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DICTIONARY_ENV,
  DictionaryFileError,
  dictionaryFromEnvironment,
  readDictionaryFile,
} from './dictionary-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'musubi-dictionary-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('a region’s dictionary file', () => {
  it('reads a CSV with lists separated by | or 、, and the same entries as JSON', () => {
    const csv = file(
      'region.csv',
      '\uFEFFterm,synonyms,related,category\n' +
        '希少糖,レアシュガー|アルロース,機能性表示食品、甘味料,食品\n' +
        'オリーブ,,搾油|オリーブオイル,農業\n',
    );
    const expected = [
      {
        term: '希少糖',
        synonyms: ['レアシュガー', 'アルロース'],
        related: ['機能性表示食品', '甘味料'],
        category: '食品',
      },
      { term: 'オリーブ', related: ['搾油', 'オリーブオイル'], category: '農業' },
    ];
    expect(readDictionaryFile(csv)).toEqual(expected);
    const json = file('region.json', JSON.stringify(expected));
    expect(readDictionaryFile(json)).toEqual(expected);
  });

  it('names the line and the field of a bad entry, in English and Japanese', () => {
    const csv = file('bad.csv', 'term,related\n希少糖,甘味料\n,搾油\n');
    expect(() => readDictionaryFile(csv)).toThrow(DictionaryFileError);
    expect(() => readDictionaryFile(csv)).toThrow(
      /line 3: term is required \/ term（見出し語）は必須です/,
    );
    const json = file('bad.json', JSON.stringify([{ term: '希少糖', related: [1, 2] }]));
    expect(() => readDictionaryFile(json)).toThrow(/entry 1, related: a list of words is expected/);
    expect(() => readDictionaryFile(file('object.json', '{"term":"x"}'))).toThrow(
      /a JSON array of entries/,
    );
    expect(() => readDictionaryFile(join(dir, 'missing.csv'))).toThrow(/cannot be read \(ENOENT\)/);
  });

  it('is read from the file MUSUBI_DICTIONARY names, and nothing when it is not set', () => {
    const csv = file('env.csv', 'term,related\nオリーブ,搾油\n');
    expect(dictionaryFromEnvironment({ [DICTIONARY_ENV]: csv })).toEqual([
      { term: 'オリーブ', related: ['搾油'] },
    ]);
    expect(dictionaryFromEnvironment({})).toEqual([]);
  });
});
