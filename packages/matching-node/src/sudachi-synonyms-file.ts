/**
 * Reads SudachiDict's synonym groups from the npm package `sudachi-synonyms-dictionary`
 * (installed with the project; no download) for `#matching/synonym-groups.ts`. Parsed with zod:
 * the package's JSON is an edge.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { synonymLinks, type SynonymGroup, type SynonymLinks } from '#matching/synonym-groups.ts';
import { holdBuildFile } from './held-build-file.ts';

const ZSynonymGroups = z.array(
  z.object({
    id: z.string(),
    items: z.array(
      z.object({
        expandControl: z.number().int(),
        vocabularyNumber: z.number().int().optional().nullable(),
        midashi: z.string(),
      }),
    ),
  }),
);

/** Path of the package's JSON file (beside its entry point; the package exports no subpath). */
export function sudachiSynonymsPath(): string {
  try {
    const entry = createRequire(import.meta.url).resolve('sudachi-synonyms-dictionary');
    return join(dirname(entry), 'sudachi-synonyms-dictionary.json');
  } catch {
    // Not installed: the path where it would be, so the build reports it missing in one log line.
    return join(
      process.cwd(),
      'node_modules',
      'sudachi-synonyms-dictionary',
      'sudachi-synonyms-dictionary.json',
    );
  }
}

export function readSudachiSynonyms(path: string = sudachiSynonymsPath()): SynonymGroup[] {
  const groups = ZSynonymGroups.parse(JSON.parse(readFileSync(path, 'utf8')));
  return groups.map((group) => ({
    id: group.id,
    items: group.items.map((item) => ({
      expandControl: item.expandControl,
      vocabularyNumber: item.vocabularyNumber ?? undefined,
      midashi: item.midashi,
    })),
  }));
}

/**
 * The synonym links of the file, kept for `holdMs` after their last use (as EDICT is:
 * index builds close together read it once; ≈ 5 s to read and link).
 */
export function loadSynonymLinksForBuild(
  path: string,
  options: { holdMs?: number; log?: (line: string) => void } = {},
): SynonymLinks | undefined {
  return holdBuildFile(
    path,
    (file: string) => synonymLinks(readSudachiSynonyms(file)),
    `musubi: matching without SudachiDict synonyms: ${path} not found (npm install) / 同義語辞書がありません`,
    options,
  );
}
