/**
 * Pages of public entity lists, kept in memory and keyed on the list's table data version, so the
 * first pages everybody opens (actors, seeds by TRL, relations) are answered without reading and
 * encoding the same rows again. Only lists whose answer does not depend on who asks are kept:
 * needs are chosen per viewer (their visibility also follows assignments and disclosures, which
 * carry no data version) and their confidential reads are audited, so they are never cached.
 *
 * A page is stored under the version read before its rows: a write that commits in between makes
 * the page newer than its key, never older, and the next request (seeing the new version) reads
 * again.
 */
import type { EntityName } from '#core/entities/registry.ts';
import { ENTITY_SPECS } from '#core/entities/registry.ts';
import type { ListQuery, Page, Repositories } from '#core/ports.ts';

export interface ListPageCacheLimits {
  /** Pages kept at most (least recently used leave first). */
  maxPages: number;
  /** Characters of JSON kept at most, all pages together. */
  maxCharacters: number;
}

export const DEFAULT_LIST_PAGE_CACHE_LIMITS: ListPageCacheLimits = {
  maxPages: 512,
  maxCharacters: 32 * 1024 * 1024,
};

interface CachedPage {
  version: number;
  page: Page<string>;
  characters: number;
}

export interface ListPageCache {
  /** The page from the cache when its table has not changed since, else read by `read` and kept. */
  page(
    repos: Repositories,
    entity: EntityName,
    query: ListQuery,
    fields: readonly string[] | undefined,
    read: () => Promise<Page<string>>,
  ): Promise<Page<string>>;
  /** Pages kept now (for tests and the bench report). */
  readonly size: number;
}

export function isCacheableList(entity: EntityName): boolean {
  return entity !== 'needs';
}

export function createListPageCache(
  limits: ListPageCacheLimits = DEFAULT_LIST_PAGE_CACHE_LIMITS,
): ListPageCache {
  // A Map keeps insertion order: re-inserting on use makes its first key the least recently used.
  const pages = new Map<string, CachedPage>();
  let characters = 0;

  function forget(key: string): void {
    const found = pages.get(key);
    if (!found) return;
    pages.delete(key);
    characters -= found.characters;
  }

  function keep(key: string, entry: CachedPage): void {
    forget(key);
    if (entry.characters > limits.maxCharacters) return;
    pages.set(key, entry);
    characters += entry.characters;
    for (const oldest of pages.keys()) {
      if (pages.size <= limits.maxPages && characters <= limits.maxCharacters) break;
      forget(oldest);
    }
  }

  return {
    async page(repos, entity, query, fields, read) {
      if (!isCacheableList(entity)) return read();
      const versions = await repos.dataVersions();
      const version = versions[ENTITY_SPECS[entity].table];
      if (version === undefined) return read();
      const key = JSON.stringify([entity, query, fields ?? null]);
      const found = pages.get(key);
      if (found && found.version === version) {
        pages.delete(key);
        pages.set(key, found);
        return found.page;
      }
      const page = await read();
      const size = page.items.reduce((total, item) => total + item.length, 0);
      keep(key, { version, page, characters: size });
      return page;
    },
    get size() {
      return pages.size;
    },
  };
}
