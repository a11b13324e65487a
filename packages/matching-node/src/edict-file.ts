/**
 * Reads EDICT from the Debian package `edict` (EUC-JP) for the gloss links of
 * `#matching/gloss-links.ts`. A missing file is a clear error naming the package to install.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseEdict, type GlossDictionary } from '#matching/gloss-links.ts';

export const EDICT_PATH = '/usr/share/edict/edict';

export function readEdict(path: string = EDICT_PATH): GlossDictionary {
  if (!existsSync(path)) {
    throw new Error(
      `EDICT not found at ${path}: install the Debian package edict (apt-get install edict) / EDICT がありません: apt-get install edict`,
    );
  }
  return parseEdict(new TextDecoder('euc-jp').decode(readFileSync(path)));
}
