/**
 * Reads SudachiDict's synonym groups from the npm package `sudachi-synonyms-dictionary`
 * (installed with the project; no download) for `#matching/synonym-groups.ts`. Parsed with zod:
 * the package's JSON is an edge.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { synonymLinks, type SynonymGroup, type SynonymLinks } from '#matching/synonym-groups.ts';

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
const held = new Map<string, { links: SynonymLinks; timer: ReturnType<typeof setTimeout> }>();

/** Paths already reported missing (one log line per process and path). */
const reported = new Set<string>();

export function loadSynonymLinksForBuild(
  path: string,
  options: { holdMs?: number; log?: (line: string) => void } = {},
): SynonymLinks | undefined {
  const holdMs = options.holdMs ?? 60_000;
  const release = (): ReturnType<typeof setTimeout> => {
    const timer = setTimeout(() => held.delete(path), holdMs);
    timer.unref();
    return timer;
  };
  const entry = held.get(path);
  if (entry !== undefined) {
    clearTimeout(entry.timer);
    entry.timer = release();
    return entry.links;
  }
  if (!existsSync(path)) {
    if (!reported.has(path)) {
      reported.add(path);
      (options.log ?? ((line: string) => console.error(line)))(
        `musubi: matching without SudachiDict synonyms: ${path} not found (npm install) / 同義語辞書がありません`,
      );
    }
    return undefined;
  }
  const links = synonymLinks(readSudachiSynonyms(path));
  held.set(path, { links, timer: release() });
  return links;
}
