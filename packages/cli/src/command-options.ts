/** Option texts and parsers that several commands share. */

export const DB_HELP =
  'database: a file path (embedded SQLite) or postgres://… (default: $MUSUBI_DB, then ./data/musubi.sqlite)';

/** Commander's reducer for an option given several times. */
export function collectValues(value: string, previous: string[]): string[] {
  return [...previous, value];
}
