/**
 * User dictionary of domain terms (専門用語辞書) with synonyms and related terms. It is plain
 * data: the starter set ships in `starter-dictionary.ts`; an administrator's additions are
 * loaded by the caller (database, file) and passed in, then compiled once.
 */
import { foldTerm, normalizeText, stemEnglish } from './normalize.ts';

/** One entry as an administrator writes it. */
export interface DomainDictionaryEntry {
  /** Preferred form (正規形), e.g. 半導体. Always indexed as one term, never split. */
  readonly term: string;
  /** Equivalent forms (同義語, "="): mapped to `term` when indexing and querying. */
  readonly synonyms?: readonly string[];
  /** Near terms ("≈", broader/narrower/related): added to queries with a lower weight. */
  readonly related?: readonly string[];
  /** Field of the term (材料, 食品, 農業, ...), for administration screens. */
  readonly category?: string;
}

export interface RelatedTerm {
  readonly term: string;
  readonly weight: number;
}

export interface CompiledDictionary {
  /** Folded surface (preferred form or synonym) → folded preferred form. */
  readonly canonical: ReadonlyMap<string, string>;
  /** Folded preferred form → related preferred forms (symmetric). */
  readonly related: ReadonlyMap<string, readonly RelatedTerm[]>;
  /** Longest folded surface in characters, bounds multi-token look-ups. */
  readonly maxSurfaceLength: number;
  /** Every prefix of every folded surface, to stop multi-token look-ups early. */
  readonly prefixes: ReadonlySet<string>;
  /** Synonyms claimed by two different entries; the first entry wins. */
  readonly conflicts: readonly { surface: string; kept: string; ignored: string }[];
}

export interface CompileDictionaryOptions {
  /** Weight of a related term relative to the query term it came from (default 0.5). */
  readonly relatedWeight?: number;
}

/** Folds a dictionary surface exactly as the analyser folds index terms. */
export function foldDictionaryTerm(surface: string): string {
  const normalized = normalizeText(surface).trim();
  // Single English words are stemmed like English words in text (sensors → sensor).
  if (/^[a-z][a-z0-9]*$/.test(normalized)) return stemEnglish(normalized);
  return foldTerm(normalized.replace(/\s+/g, ''));
}

/** Compiles entries (later entries extend earlier ones with the same preferred form). */
export function compileDictionary(
  entries: readonly DomainDictionaryEntry[],
  options: CompileDictionaryOptions = {},
): CompiledDictionary {
  const relatedWeight = options.relatedWeight ?? 0.5;
  const canonical = new Map<string, string>();
  const relatedSets = new Map<string, Set<string>>();
  const conflicts: { surface: string; kept: string; ignored: string }[] = [];
  let maxSurfaceLength = 0;

  const claim = (surface: string, preferred: string): void => {
    if (surface === '') return;
    const existing = canonical.get(surface);
    if (existing !== undefined && existing !== preferred) {
      conflicts.push({ surface, kept: existing, ignored: preferred });
      return;
    }
    canonical.set(surface, preferred);
    maxSurfaceLength = Math.max(maxSurfaceLength, surface.length);
  };
  const link = (a: string, b: string): void => {
    if (a === b || a === '' || b === '') return;
    let set = relatedSets.get(a);
    if (set === undefined) {
      set = new Set();
      relatedSets.set(a, set);
    }
    set.add(b);
  };

  // Preferred forms first, so a preferred form is never captured as another entry's synonym.
  for (const entry of entries) {
    const preferred = foldDictionaryTerm(entry.term);
    claim(preferred, preferred);
  }
  for (const entry of entries) {
    const preferred = foldDictionaryTerm(entry.term);
    for (const synonym of entry.synonyms ?? []) claim(foldDictionaryTerm(synonym), preferred);
  }
  for (const entry of entries) {
    const preferred = foldDictionaryTerm(entry.term);
    for (const near of entry.related ?? []) {
      const folded = foldDictionaryTerm(near);
      const target = canonical.get(folded) ?? folded;
      claim(target, target);
      link(preferred, target);
      link(target, preferred);
    }
  }

  const related = new Map<string, readonly RelatedTerm[]>();
  for (const [term, set] of relatedSets) {
    related.set(
      term,
      [...set].sort().map((near) => ({ term: near, weight: relatedWeight })),
    );
  }
  const prefixes = new Set<string>();
  for (const surface of canonical.keys()) {
    for (let end = 1; end <= surface.length; end += 1) prefixes.add(surface.slice(0, end));
  }
  return { canonical, related, maxSurfaceLength, prefixes, conflicts };
}

/** An empty dictionary (no user terms). */
export function emptyDictionary(): CompiledDictionary {
  return compileDictionary([]);
}
