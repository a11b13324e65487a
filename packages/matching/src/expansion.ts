/**
 * Closing the vocabulary gap between a need (ニーズ) and a seed (シーズ) without downloaded
 * models. Three sources, each recorded on the query terms it adds:
 * - dictionary: related terms (≈) of the domain dictionary (synonyms (=) are already mapped by
 *   the analyser and show up with source 'synonym');
 * - cooccurrence: positive pointwise mutual information (PPMI) between terms over documents of
 *   the live index, computed from the index's forward lists at query time so that it always
 *   matches the indexed corpus, edits included;
 * - feedback: pseudo-relevance feedback in the style of RM3: a first retrieval, a relevance
 *   model over the top documents, its best terms added with a lower weight.
 */
import type { Analyzer } from './analyze.ts';
import { englishWordPairs, isBigramTerm } from './analyze.ts';
import type { Bm25fIndex, SearchHit, WeightedTerm } from './bm25f.ts';
import type { CompiledDictionary } from './dictionary.ts';
import type { GlossLinker } from './gloss-links.ts';
import { reweightLinks, type LinkWeights } from './link-judgements.ts';

export type TermSource = 'query' | 'synonym' | 'dictionary' | 'gloss' | 'cooccurrence' | 'feedback';

export interface QueryTerm extends WeightedTerm {
  readonly source: TermSource;
  /**
   * Where it came from: for 'synonym' the form written in the query; for 'dictionary' and
   * 'cooccurrence' the query terms that led to it; for 'feedback' the feedback documents' ids.
   */
  readonly via: readonly string[];
  /** A noun written with kanji: its katakana reading (`AnalyzedTerm.reading`). */
  readonly reading?: string;
  /**
   * The line of the text it first appears on, when not the first: a need's title is its first
   * line, its description and keywords follow (what confidence puts first, `coreWords`).
   */
  readonly line?: number;
}

export interface BuildQueryOptions {
  /** Weight of character-bigram terms relative to words (default 0.3). */
  readonly bigramWeight?: number;
}

/** Analyses the query text into weighted terms (one per distinct term). */
export function buildQuery(
  analyzer: Analyzer,
  text: string,
  options: BuildQueryOptions = {},
): QueryTerm[] {
  const bigramWeight = options.bigramWeight ?? 0.3;
  const byTerm = new Map<string, QueryTerm>();
  const lineStarts = [...text.matchAll(/\n/g)].map((m) => m.index + 1);
  const lineOf = (at: number): number => {
    let line = 0;
    while (line < lineStarts.length && (lineStarts[line] ?? Infinity) <= at) line += 1;
    return line;
  };
  for (const analyzed of analyzer.analyze(text)) {
    if (byTerm.has(analyzed.term)) continue;
    const weight = analyzed.kind === 'bigram' ? bigramWeight : 1;
    const line = lineStarts.length === 0 ? 0 : lineOf(analyzed.start);
    const extra = {
      ...(analyzed.reading === undefined ? {} : { reading: analyzed.reading }),
      ...(line > 0 ? { line } : {}),
    };
    byTerm.set(
      analyzed.term,
      analyzed.synonymOf === undefined
        ? { term: analyzed.term, weight, source: 'query', via: [], ...extra }
        : { term: analyzed.term, weight, source: 'synonym', via: [analyzed.synonymOf], ...extra },
    );
  }
  return [...byTerm.values()];
}

function isOriginal(term: QueryTerm): boolean {
  return (term.source === 'query' || term.source === 'synonym') && !isBigramTerm(term.term);
}

/** Adds the candidates (term → weight, via) that are not yet in the query. */
function addCandidates(
  query: readonly QueryTerm[],
  candidates: ReadonlyMap<string, { weight: number; via: Set<string> }>,
  source: TermSource,
): QueryTerm[] {
  const present = new Set(query.map((term) => term.term));
  const added: QueryTerm[] = [];
  for (const [term, { weight, via }] of candidates) {
    if (present.has(term) || !(weight > 0)) continue;
    added.push({ term, weight, source, via: [...via].sort() });
  }
  return [...query, ...added];
}

export interface DictionaryExpansionOptions {
  /** Multiplies the dictionary's related weight (default 1). */
  readonly weight?: number;
}

/** Adds related terms (≈) of the query's own terms from the domain dictionary. */
export function expandWithDictionary(
  query: readonly QueryTerm[],
  dictionary: CompiledDictionary,
  options: DictionaryExpansionOptions = {},
): QueryTerm[] {
  const scale = options.weight ?? 1;
  const candidates = new Map<string, { weight: number; via: Set<string> }>();
  for (const term of query) {
    if (!isOriginal(term)) continue;
    for (const related of dictionary.related.get(term.term) ?? []) {
      const weight = term.weight * related.weight * scale;
      const existing = candidates.get(related.term);
      if (existing === undefined) {
        candidates.set(related.term, { weight, via: new Set([term.term]) });
      } else {
        existing.weight = Math.max(existing.weight, weight);
        existing.via.add(term.term);
      }
    }
  }
  return addCandidates(query, candidates, 'dictionary');
}

export interface GlossExpansionOptions {
  /** Multiplies each link's weight (default 0.8; tried 0.3, 0.5, 0.8 on the evaluation set). */
  readonly weight?: number;
  /** Adjacent English words of the text ("wild boar", `englishWordPairs`), translated as one. */
  readonly englishPairs?: readonly string[];
}

/**
 * Adds words linked to the query's own words through shared English glosses (EDICT), weighted
 * by how sure each link is, and the Japanese words an English query word translates; only
 * words the index holds are added.
 */
export function expandWithGlosses(
  index: Bm25fIndex,
  query: readonly QueryTerm[],
  glosses: GlossLinker,
  options: GlossExpansionOptions = {},
): QueryTerm[] {
  const scale = options.weight ?? 0.8;
  const candidates = new Map<string, { weight: number; via: Set<string> }>();
  const keep = (term: string): boolean => index.documentFrequency(term) > 0;
  const add = (term: string, weight: number, via: readonly string[]): void => {
    const existing = candidates.get(term);
    if (existing === undefined) candidates.set(term, { weight, via: new Set(via) });
    else {
      existing.weight = Math.max(existing.weight, weight);
      for (const word of via) existing.via.add(word);
    }
  };
  for (const term of query) {
    if (!isOriginal(term)) continue;
    // An English word (an English need, or English words in a Japanese one) reaches the
    // Japanese words it translates; a Japanese word its gloss neighbours and the English
    // words it glosses as (seeds with English titles or keywords).
    const links = /^[a-z][a-z-]*$/.test(term.term)
      ? glosses.translationsOf(term.term, keep)
      : [...glosses.linksOf(term.term, keep), ...glosses.englishOf(term.term, keep)];
    for (const link of links) add(link.term, term.weight * link.weight * scale, [term.term]);
  }
  // A pair's words are both the need's, so the pair weighs as one of them.
  for (const pair of options.englishPairs ?? [])
    for (const link of glosses.translationsOf(pair, keep))
      add(link.term, link.weight * scale, pair.split(' '));
  return addCandidates(query, candidates, 'gloss');
}

/** A reading's weight relative to the written word. */
export const READING_WEIGHT = 0.8;

/**
 * The same word in katakana: a need's 杉 or 牛 reaches seeds that write スギ or ウシ, as
 * researchers name plants, animals and materials. Only readings the index holds as words, so
 * a reading no seed writes (工場 → コウジョウ) adds nothing; weighed below the written form
 * because a reading can be another word's (柿 and 牡蠣 are both カキ).
 */
export function expandWithReadings(
  index: Bm25fIndex,
  query: readonly QueryTerm[],
  weight = READING_WEIGHT,
): QueryTerm[] {
  const candidates = new Map<string, { weight: number; via: Set<string> }>();
  for (const term of query) {
    if (term.reading === undefined || !isOriginal(term)) continue;
    if (index.documentFrequency(term.reading) === 0) continue;
    const existing = candidates.get(term.reading);
    if (existing === undefined) {
      candidates.set(term.reading, { weight: term.weight * weight, via: new Set([term.term]) });
    } else existing.via.add(term.term);
  }
  return addCandidates(query, candidates, 'synonym');
}

export interface CooccurrenceOptions {
  /** Documents containing a query term looked at (evenly spread; default 500). */
  readonly maxDocuments?: number;
  /** Minimum number of shared documents (default 2). */
  readonly minCount?: number;
  /** Minimum PMI in nats (default 0.5). */
  readonly minPmi?: number;
  /** Terms added to the query (default 6). */
  readonly maxTerms?: number;
  /** Weight of the best added term (default 0.2); the others in proportion. */
  readonly weight?: number;
  /**
   * A candidate must co-occur with at least this many distinct query terms (default 2, or 1
   * when the query has a single word). Neighbours of one word alone are mostly that word's
   * other senses and contexts; a term linked to several of the need's words is on topic.
   */
  readonly minSupport?: number;
}

export interface Neighbour {
  readonly term: string;
  /** Positive PMI: ln(P(u | t) / P(u)) over documents. */
  readonly ppmi: number;
  /** Documents (of those sampled) containing both terms. */
  readonly count: number;
  /** ppmi · ln(1 + count): PMI damped for rare pairs. */
  readonly score: number;
}

/**
 * Neighbours per index and revision: the same words come back in many needs, and a term's
 * neighbours only change with the index (any edit starts a new cache). Bounded.
 */
const neighbourCache = new WeakMap<
  Bm25fIndex,
  { revision: number; byKey: Map<string, readonly Neighbour[]> }
>();
const NEIGHBOUR_CACHE_SIZE = 20_000;

/** Neighbours of `term`, unsorted. */
function neighboursOf(
  index: Bm25fIndex,
  term: string,
  options: CooccurrenceOptions,
): readonly Neighbour[] {
  const maxDocuments = options.maxDocuments ?? 500;
  const minCount = options.minCount ?? 2;
  const minPmi = options.minPmi ?? 0.5;
  let cache = neighbourCache.get(index);
  if (cache === undefined || cache.revision !== index.revision) {
    cache = { revision: index.revision, byKey: new Map() };
    neighbourCache.set(index, cache);
  }
  const key = `${term}\u0000${maxDocuments}\u0000${minCount}\u0000${minPmi}`;
  const cached = cache.byKey.get(key);
  if (cached !== undefined) return cached;
  const computed = computeNeighbours(index, term, maxDocuments, minCount, minPmi);
  if (cache.byKey.size >= NEIGHBOUR_CACHE_SIZE) cache.byKey.clear();
  cache.byKey.set(key, computed);
  return computed;
}

function computeNeighbours(
  index: Bm25fIndex,
  term: string,
  maxDocuments: number,
  minCount: number,
  minPmi: number,
): Neighbour[] {
  const n = index.documentCount;
  const { sampled, counts } = index.cooccurrence(term, maxDocuments, minCount);
  if (sampled === 0 || n === 0) return [];
  const out: Neighbour[] = [];
  for (const [other, count] of counts) {
    if (count < minCount || isBigramTerm(other)) continue;
    const df = index.documentFrequency(other);
    if (df === 0) continue;
    const pmi = Math.log(count / sampled / (df / n));
    if (pmi < minPmi) continue;
    out.push({ term: other, ppmi: pmi, count, score: pmi * Math.log(1 + count) });
  }
  return out;
}

/** Terms that co-occur with `term` in documents more than chance, best first. */
export function cooccurrenceNeighbours(
  index: Bm25fIndex,
  term: string,
  options: CooccurrenceOptions = {},
): Neighbour[] {
  return [...neighboursOf(index, term, options)].sort(
    (a, b) => b.score - a.score || (a.term < b.term ? -1 : 1),
  );
}

/**
 * Adds terms that co-occur with several query terms: each candidate's score is the sum over
 * query terms of weight · ppmi · ln(1 + count), so a term linked to 排水, 銅 and 回収 at once
 * (重金属, 吸着) wins over one linked to a single query term.
 */
export function expandWithCooccurrence(
  index: Bm25fIndex,
  query: readonly QueryTerm[],
  options: CooccurrenceOptions = {},
): QueryTerm[] {
  const maxTerms = options.maxTerms ?? 6;
  const topWeight = options.weight ?? 0.2;
  const present = new Set(query.map((term) => term.term));
  const totals = new Map<string, { score: number; via: Set<string> }>();
  for (const term of query) {
    if (!isOriginal(term)) continue;
    for (const neighbour of neighboursOf(index, term.term, options)) {
      if (present.has(neighbour.term)) continue;
      const add = term.weight * neighbour.score;
      const existing = totals.get(neighbour.term);
      if (existing === undefined) {
        totals.set(neighbour.term, { score: add, via: new Set([term.term]) });
      } else {
        existing.score += add;
        existing.via.add(term.term);
      }
    }
  }
  const originals = query.filter(isOriginal).length;
  const minSupport = Math.min(options.minSupport ?? 2, Math.max(1, originals));
  const ranked = [...totals.entries()]
    .filter(([, { via }]) => via.size >= minSupport)
    .sort((a, b) => b[1].score - a[1].score || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxTerms);
  const best = ranked[0]?.[1].score ?? 0;
  const candidates = new Map<string, { weight: number; via: Set<string> }>();
  for (const [term, { score, via }] of ranked) {
    candidates.set(term, { weight: best > 0 ? (topWeight * score) / best : 0, via });
  }
  return addCandidates(query, candidates, 'cooccurrence');
}

export interface FeedbackOptions {
  /** Top documents of the first retrieval used as feedback (default 10). */
  readonly documents?: number;
  /** Terms added to the query (default 10). */
  readonly maxTerms?: number;
  /** Weight of the best added term (RM3's λ; default 0.5); the others in proportion. */
  readonly weight?: number;
  /** Added terms must occur in at least this many documents of the index (default 2). */
  readonly minDocumentFrequency?: number;
}

/**
 * RM3-like pseudo-relevance feedback: P(t|R) = Σ_d P(d|q)·P(t|d) over the first hits, with
 * P(d|q) ∝ BM25F score and P(t|d) = field-weighted tf / field-weighted length; terms ranked
 * by P(t|R)·idf(t) so that words common to the whole corpus do not take over.
 */
export function expandWithFeedback(
  index: Bm25fIndex,
  query: readonly QueryTerm[],
  firstHits: readonly SearchHit[],
  options: FeedbackOptions = {},
): QueryTerm[] {
  const documents = firstHits.slice(0, options.documents ?? 10);
  const maxTerms = options.maxTerms ?? 10;
  const topWeight = options.weight ?? 0.5;
  const minDf = options.minDocumentFrequency ?? 2;
  const present = new Set(query.map((term) => term.term));
  const total = documents.reduce((sum, hit) => sum + hit.score, 0);
  if (total <= 0) return [...query];
  const model = new Map<string, { mass: number; via: Map<string, number> }>();
  for (const hit of documents) {
    const vector = index.documentVector(hit.id);
    if (vector === undefined || vector.length <= 0) continue;
    const pd = hit.score / total;
    for (const [term, weighted] of vector.terms) {
      if (present.has(term) || isBigramTerm(term)) continue;
      const mass = (pd * weighted) / vector.length;
      const entry = model.get(term) ?? { mass: 0, via: new Map<string, number>() };
      entry.mass += mass;
      entry.via.set(hit.id, mass);
      model.set(term, entry);
    }
  }
  const ranked = [...model.entries()]
    .filter(([term]) => index.documentFrequency(term) >= minDf)
    .map(([term, entry]) => ({ term, value: entry.mass * index.idf(term), via: entry.via }))
    .sort((a, b) => b.value - a.value || (a.term < b.term ? -1 : 1))
    .slice(0, maxTerms);
  const best = ranked[0]?.value ?? 0;
  const candidates = new Map<string, { weight: number; via: Set<string> }>();
  for (const { term, value, via } of ranked) {
    const topDocs = [...via.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 3)
      .map(([id]) => id);
    candidates.set(term, {
      weight: best > 0 ? (topWeight * value) / best : 0,
      via: new Set(topDocs),
    });
  }
  return addCandidates(query, candidates, 'feedback');
}

export interface ExpandedSearchOptions {
  readonly k: number;
  readonly dictionary?: CompiledDictionary;
  readonly dictionaryExpansion?: DictionaryExpansionOptions;
  /** EDICT gloss links (off when absent). */
  readonly glosses?: GlossLinker;
  readonly glossExpansion?: GlossExpansionOptions;
  /** false turns co-occurrence expansion off. */
  readonly cooccurrence?: CooccurrenceOptions | false;
  /** false turns pseudo-relevance feedback off. */
  readonly feedback?: FeedbackOptions | false;
  readonly bigramWeight?: number;
  /** A katakana reading's weight (`expandWithReadings`); false turns readings off. */
  readonly readings?: number | false;
  readonly exclude?: ReadonlySet<string>;
  /** Link factors learned from coordinators' judgements (`link-judgements.ts`). */
  readonly linkWeights?: { readonly weights: LinkWeights; readonly needField?: string };
}

export interface ExpandedSearchResult {
  /** The final query, each term with its source (for explanations). */
  readonly query: readonly QueryTerm[];
  readonly hits: readonly SearchHit[];
}

/**
 * Query text → analysed terms → dictionary related terms → co-occurrence terms → first
 * retrieval → feedback terms → final retrieval.
 */
export function searchWithExpansion(
  index: Bm25fIndex,
  analyzer: Analyzer,
  text: string,
  options: ExpandedSearchOptions,
): ExpandedSearchResult {
  const searchOptions = options.exclude === undefined ? {} : { exclude: options.exclude };
  let query = buildQuery(analyzer, text, { bigramWeight: options.bigramWeight ?? 0.3 });
  if (options.readings !== false) query = expandWithReadings(index, query, options.readings);
  if (options.dictionary !== undefined) {
    query = expandWithDictionary(query, options.dictionary, options.dictionaryExpansion);
  }
  if (options.glosses !== undefined) {
    const englishPairs = englishWordPairs(text);
    query = expandWithGlosses(index, query, options.glosses, {
      ...options.glossExpansion,
      ...(englishPairs.length > 0 ? { englishPairs } : {}),
    });
  }
  if (options.cooccurrence !== false) {
    query = expandWithCooccurrence(index, query, options.cooccurrence ?? {});
  }
  if (options.linkWeights !== undefined) {
    query = reweightLinks(query, options.linkWeights.weights, options.linkWeights.needField);
  }
  let seeds: readonly string[] = [];
  if (options.feedback !== false) {
    const feedback = options.feedback ?? {};
    // The first retrieval's hits also seed the final one: scored first, they set a high
    // pruning threshold from the start (the results do not depend on it).
    const first = index.search(query, feedback.documents ?? 10, searchOptions);
    query = expandWithFeedback(index, query, first, feedback);
    seeds = first.map((hit) => hit.id);
  }
  return { query, hits: index.search(query, options.k, { ...searchOptions, seeds }) };
}
