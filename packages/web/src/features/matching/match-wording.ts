/**
 * Wording helpers for the matching answers: the API writes where a term occurs as
 * `field: surface` (`title: 銅`) and its notices as `日本語 / English`; the screen shows each in
 * the reader's language.
 */

/** Seed and need fields the explanations name, with a label in both catalogues. */
export const MATCH_FIELDS = [
  'title',
  'abstract',
  'keywords',
  'description',
  'field',
  'fields',
  'name',
  'summary',
] as const;
export type MatchField = (typeof MATCH_FIELDS)[number];

/** `title: 銅` → field and surface; a text without a known field comes back whole. */
export function splitMatch(text: string): { field?: MatchField; surface: string } {
  const colon = text.indexOf(': ');
  if (colon <= 0) return { surface: text };
  const field = MATCH_FIELDS.find((f) => f === text.slice(0, colon));
  return field === undefined ? { surface: text } : { field, surface: text.slice(colon + 2) };
}

/**
 * One language's half of a bilingual server text written `日本語 / English` (the Japanese first).
 * A text without the separator is returned as it is.
 */
export function sideOf(text: string, language: 'ja' | 'en'): string {
  const at = text.indexOf(' / ');
  if (at < 0) return text;
  return language === 'ja' ? text.slice(0, at).trim() : text.slice(at + 3).trim();
}

/** A suggestion of a "no good match" answer in one language, without its API hint (`(region: any)`). */
export function suggestionOf(text: string, language: 'ja' | 'en'): string {
  return sideOf(text, language)
    .replace(/\s*\(\w+: \w+\)$/, '')
    .trim();
}
