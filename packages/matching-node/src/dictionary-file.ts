/**
 * A region's own dictionary entries (its products, trades and the words its firms use), added to
 * the starter dictionary: a JSON array of entries, or a CSV with the columns term, synonyms,
 * related and category (lists separated by | or 、). Named by `MUSUBI_DICTIONARY`; every matching
 * index analysed with other entries is rebuilt (`TextPipeline.dictionaryFingerprint`).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { DomainDictionaryEntry } from '#matching/dictionary.ts';

/** The environment variable naming the file. */
export const DICTIONARY_ENV = 'MUSUBI_DICTIONARY';

export class DictionaryFileError extends Error {}

const fail = (path: string, where: string, en: string, ja: string): never => {
  throw new DictionaryFileError(`${path}: ${where}: ${en} / ${ja}`);
};

const listOf = (cell: unknown): string[] =>
  typeof cell === 'string'
    ? cell
        .split(/[|、]/)
        .map((word) => word.trim())
        .filter((word) => word !== '')
    : [];

function entryOf(path: string, where: string, raw: unknown): DomainDictionaryEntry {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return fail(path, where, 'an entry is an object', '各項目はオブジェクトで書きます');
  const record = raw as Record<string, unknown>;
  const term = typeof record['term'] === 'string' ? record['term'].trim() : '';
  if (term === '') return fail(path, where, 'term is required', 'term（見出し語）は必須です');
  const words = (field: 'synonyms' | 'related'): string[] => {
    const value = record[field];
    if (value === undefined || value === null || value === '') return [];
    if (typeof value === 'string') return listOf(value);
    if (Array.isArray(value) && value.every((word) => typeof word === 'string'))
      return value.map((word) => word.trim()).filter((word) => word !== '');
    return fail(
      path,
      `${where}, ${field}`,
      'a list of words is expected',
      `${field === 'synonyms' ? 'synonyms（同義語）' : 'related（関連語）'}は語の並びで書きます`,
    );
  };
  const synonyms = words('synonyms');
  const related = words('related');
  const category = typeof record['category'] === 'string' ? record['category'].trim() : '';
  return {
    term,
    ...(synonyms.length > 0 ? { synonyms } : {}),
    ...(related.length > 0 ? { related } : {}),
    ...(category !== '' ? { category } : {}),
  };
}

/** The entries of a dictionary file; an unreadable file or a bad entry is an error naming it. */
export function readDictionaryFile(path: string): DomainDictionaryEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    return fail(
      path,
      'file',
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      '辞書ファイルを読めません',
    );
  }
  if (/\.json$/i.test(path)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return fail(path, 'file', 'is not JSON', 'JSON ではありません');
    }
    if (!Array.isArray(parsed))
      return fail(path, 'file', 'a JSON array of entries is expected', '項目の配列で書きます');
    return parsed.map((raw, i) => entryOf(path, `entry ${i + 1}`, raw));
  }
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    return fail(path, 'file', `is not CSV (${(error as Error).message})`, 'CSV として読めません');
  }
  // Line 1 is the header.
  return rows.map((row, i) => entryOf(path, `line ${i + 2}`, row));
}

/** The entries `MUSUBI_DICTIONARY` names, none when it is not set. */
export function dictionaryFromEnvironment(
  env: NodeJS.ProcessEnv = process.env,
): DomainDictionaryEntry[] {
  const path = env[DICTIONARY_ENV];
  return path === undefined || path === '' ? [] : readDictionaryFile(path);
}
