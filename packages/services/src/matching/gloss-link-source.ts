/**
 * Where the matching index finds the knowledge for its gloss link table (EDICT glosses and
 * SudachiDict synonyms), and the table built from them for one index's vocabulary.
 */
import { buildGlossLinkTable, type GlossLinkTable } from '#matching/gloss-link-table.ts';
import { EDICT_PATH, loadEdictForBuild } from '#matching-node/edict-file.ts';
import {
  loadSynonymLinksForBuild,
  sudachiSynonymsPath,
} from '#matching-node/sudachi-synonyms-file.ts';

/** Where the index build finds EDICT for its gloss link table (`gloss-link-table.ts`). */
export interface GlossLinkSource {
  /** The EDICT file (the Debian package's /usr/share/edict/edict). */
  readonly edictPath: string;
  /**
   * SudachiDict's synonym file (npm `sudachi-synonyms-dictionary`), merged into the table's
   * links (decision 016); none when absent.
   */
  readonly synonymsPath?: string;
  /** Where a missing file is reported (default stderr). */
  readonly log?: (line: string) => void;
}

/** The Debian package's EDICT (reported in one log line when missing) and SudachiDict's synonyms. */
export const DEFAULT_GLOSS_LINKS: GlossLinkSource = {
  edictPath: EDICT_PATH,
  synonymsPath: sudachiSynonymsPath(),
};

/** Bump when the gloss link table's content or format changes. */
export const GLOSS_TABLE_VERSION = 5;

/** The link table of a vocabulary; undefined without EDICT (reported in one log line). */
export function buildGlossLinksFor(
  source: GlossLinkSource,
  vocabulary: Parameters<typeof buildGlossLinkTable>[1],
  /** The domain dictionary's synonyms → preferred forms, as the index holds them. */
  preferred?: ReadonlyMap<string, string>,
): GlossLinkTable | undefined {
  const log = source.log !== undefined ? { log: source.log } : {};
  const dictionary = loadEdictForBuild(source.edictPath, log);
  if (dictionary === undefined) return undefined;
  const synonyms =
    source.synonymsPath === undefined
      ? undefined
      : loadSynonymLinksForBuild(source.synonymsPath, log);
  return buildGlossLinkTable(dictionary, vocabulary, {
    ...(synonyms !== undefined ? { synonyms } : {}),
    ...(preferred !== undefined ? { preferred } : {}),
  });
}
