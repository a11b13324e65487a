/**
 * Reads EDICT from the Debian package `edict` (EUC-JP) for the gloss links of
 * `#matching/gloss-links.ts`. A missing file is a clear error naming the package to install
 * (`readEdict`), or no dictionary and one log line (`loadEdictForBuild`, the service's index
 * build: matching works without gloss links).
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseEdict, type GlossDictionary } from '#matching/gloss-links.ts';
import { holdBuildFile } from './held-build-file.ts';

export const EDICT_PATH = '/usr/share/edict/edict';

const missingMessage = (path: string): string =>
  `EDICT not found at ${path}: install the Debian package edict (apt-get install edict) / EDICT がありません: apt-get install edict`;

export function readEdict(path: string = EDICT_PATH): GlossDictionary {
  if (!existsSync(path)) throw new Error(missingMessage(path));
  return parseEdict(new TextDecoder('euc-jp').decode(readFileSync(path)));
}

/**
 * The parsed dictionary, kept for `holdMs` after its last use: index builds close together (a
 * test file's services, the seed and need indexes of one refresh) parse it once, and a serving
 * process does not keep ≈ 200 MiB for a build that happens once. Each thread has its own.
 */
export function loadEdictForBuild(
  path: string,
  options: { log?: (line: string) => void; holdMs?: number } = {},
): GlossDictionary | undefined {
  return holdBuildFile(
    path,
    readEdict,
    `musubi: matching without gloss links (English needs and word links off). ${missingMessage(path)}`,
    options,
  );
}
