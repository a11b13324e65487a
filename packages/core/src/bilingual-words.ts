/**
 * Words said in both of the app's languages, as a closed code names them: a template per language
 * with `{name}` placeholders filled from the code's values. The connectors' skipped records and the
 * import's rejected rows keep their reasons this way, so the CLI, the API and the browser all say
 * the same thing, each in its reader's language.
 */

export type WordsLanguage = 'ja' | 'en';

export interface BilingualWords {
  en: string;
  ja: string;
}

/** The template with every `{name}` that `values` holds filled in (others left as they are). */
export function fillWords(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** The placeholders a template asks for, e.g. ['row', 'label']. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
}
