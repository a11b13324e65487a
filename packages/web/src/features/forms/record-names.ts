/**
 * How a record's page names the actors, projects and programmes it refers to: by name in the
 * reader's language (the English name on an English page when the record has one), each linked
 * to its page; the id itself when the record cannot be read (gone, or kept from the reader).
 */
import type { FieldKind } from './form-values.ts';

/** The page's language (as i18n.tsx has it; said here so this file needs no JSX). */
type Language = 'ja' | 'en';

/** The entities a record names by id (the pickers' sources, record-picker.tsx). */
export type NamedSource = 'actors' | 'projects' | 'programmes';

const SOURCES: Partial<Record<FieldKind, NamedSource>> = {
  actor: 'actors',
  actor_list: 'actors',
  project: 'projects',
  project_list: 'projects',
  programme: 'programmes',
  programme_list: 'programmes',
};

/** The entity a field of this kind names by id, if it names one. */
export function namedSourceOf(kind: FieldKind): NamedSource | undefined {
  return SOURCES[kind];
}

/** The ids a field holds: one id, or a list of them (blank ones left out). */
export function idsIn(value: unknown): string[] {
  const values: unknown[] = Array.isArray(value) ? value : [value];
  return values.filter((id): id is string => typeof id === 'string' && id.trim() !== '');
}

function text(record: Record<string, unknown>, field: string): string | undefined {
  const value = record[field];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * A name an answer gives with its English name beside it (`nameEn`, when there is one): the
 * English one on an English page, else the name.
 */
export function nameIn(
  named: { name: string; nameEn?: string | undefined },
  language: Language,
): string {
  return language === 'en' && named.nameEn?.trim() ? named.nameEn : named.name;
}

/** A record's name in the reader's language: its English name on an English page, if it has one. */
export function recordName(
  source: NamedSource,
  record: Record<string, unknown>,
  language: Language,
): string | undefined {
  if (source === 'projects') return text(record, 'title');
  return (language === 'en' ? text(record, 'nameEn') : undefined) ?? text(record, 'name');
}

/** The page of a record a field names. */
export function recordHref(source: NamedSource, id: string): string {
  return `/${source}/${encodeURIComponent(id)}`;
}

/** What a reference shows: a name with its link, or the id alone while it cannot be read. */
export interface NamedReference {
  id: string;
  text: string;
  href: string | null;
}

/**
 * The references of a field as shown: each read record by its name with its link, each one not
 * read (still loading, gone, or kept from the reader: `null`) by its id without a link.
 */
export function namedReferences(
  source: NamedSource,
  ids: readonly string[],
  read: ReadonlyMap<string, Record<string, unknown> | null>,
  language: Language,
): NamedReference[] {
  return ids.map((id) => {
    const record = read.get(id);
    if (!record) return { id, text: id, href: null };
    return { id, text: recordName(source, record, language) ?? id, href: recordHref(source, id) };
  });
}
