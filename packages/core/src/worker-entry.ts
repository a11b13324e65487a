/**
 * Where a worker thread starts. From the TypeScript sources (a checkout, tests, the bench) a
 * boot file beside the worker (`NAME-boot.mjs`) registers tsx and imports the worker; in the
 * bundled CLI the worker is compiled beside the bundle (`NAME.js`) and starts directly.
 *
 * `from` is the caller's `import.meta.url`: the worker lies beside the caller, in the sources
 * and in the bundle alike.
 */
export function workerEntry(name: string, from: string): { file: URL; entry: string } {
  const fromSources = from.endsWith('.ts');
  const entry = new URL(`./${name}.${fromSources ? 'ts' : 'js'}`, from);
  return {
    file: fromSources ? new URL(`./${name}-boot.mjs`, from) : entry,
    entry: entry.href,
  };
}
