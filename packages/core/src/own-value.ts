/**
 * A constant table read with a key from outside (a request, a file's header, a command-line
 * option): only the table's own entries, so that "constructor" or "__proto__" never reads
 * Object.prototype and passes for a known key.
 */
export function ownValue<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
