/**
 * How sure a text match is, on a scale that does not depend on the other candidates.
 *
 * - Everything is judged on the need's core: its `coreWords` weightiest own words (query and
 *   synonym terms, not character bigrams; weight · idf, earlier words first on ties), those of
 *   the first line (a need's title) before those of its description and keywords. A title
 *   alone and the same title with a long description have much the same core, so the levels
 *   mean the same for both; judged on every word, a long description made the scale grow
 *   with its length and let any seed sharing a few of its common words look like a match.
 * - The text scale is the score a seed would earn if it held each core word once in its title
 *   at the average length: Σ weight · idf · P/(k1 + P) with P the title's field weight. A
 *   hit's absolute text value is its score over that scale (capped at 1), so the first result
 *   is not 1 by construction and a weak first result stays weak.
 * - Coverage is the share of the core, weighted by idf, that the seed contains. Words no seed
 *   holds count against every seed: a need about ドローン and 橋梁 is not explained by a seed
 *   sharing only 自動.
 * - A hit carried only by expansion terms (dictionary, co-occurrence, feedback) contains none
 *   of the need's own terms, bigrams included; it is never 'high'.
 *
 * Pure: the index is read, not changed.
 */
import type { RegionScope } from '#core/matching-query.ts';
import { isBigramTerm } from './analyze.ts';
import type { Bm25fIndex } from './bm25f.ts';
import type { QueryTerm } from './expansion.ts';

export const CONFIDENCE_LEVELS = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

export interface ConfidenceThresholds {
  /** Text value at or above which a hit with three shared words (or most of the need) is 'high'. */
  readonly highText: number;
  /** A seed sharing a single word with the need is 'low' unless that word is this much of it. */
  readonly singleWordCoverage: number;
  /** Below this coverage a hit is 'low'. */
  readonly lowCoverage: number;
  /** How many of the need's weightiest own words make its core (what confidence judges). */
  readonly coreWords: number;
}

/**
 * Set on the evaluation set (bench/matching/gap-eval.ts prints how they sort the top 10): needs
 * written as firms write share a tenth to a third of their words with a good seed, and a good
 * first result reaches 0.2–0.4 of the text scale.
 */
export const DEFAULT_CONFIDENCE_THRESHOLDS: ConfidenceThresholds = {
  highText: 0.4,
  singleWordCoverage: 0.5,
  lowCoverage: 0.07,
  coreWords: 8,
};

function isOwnTerm(term: QueryTerm): boolean {
  return term.source === 'query' || term.source === 'synonym';
}

/** Written words by the katakana reading the query carries for them (杉 under スギ). */
function writtenByReading(query: readonly QueryTerm[]): Map<string, string> {
  return new Map(
    query.flatMap((t) => (t.source === 'query' && t.reading ? [[t.reading, t.term] as const] : [])),
  );
}

/**
 * The written word a term is the reading of (スギ added for 杉, `expandWithReadings`): one word
 * of the need, not two.
 */
function variantOf(term: QueryTerm, written: ReadonlyMap<string, string>): string | undefined {
  const word = written.get(term.term);
  return term.source === 'synonym' && word !== undefined && term.via.includes(word)
    ? word
    : undefined;
}

/** The need's own words (no bigrams, no second form of a word), one entry per term. */
function ownWords(query: readonly QueryTerm[]): QueryTerm[] {
  const seen = new Set<string>();
  const written = writtenByReading(query);
  return query.filter((t) => {
    if (!isOwnTerm(t) || isBigramTerm(t.term) || seen.has(t.term)) return false;
    if (variantOf(t, written) !== undefined) return false;
    seen.add(t.term);
    return true;
  });
}

export interface WordMass {
  readonly term: string;
  /** Query weight · idf; a word no seed holds weighs as the mean of the others. */
  readonly mass: number;
}

/**
 * The need's own words with their weight. A word no seed holds (a firm's or a town's name, a
 * technique the corpus lacks) cannot be matched by any seed: it counts at the mean idf of the
 * words that occur, not at the largest idf there is, so it lowers every seed alike without
 * drowning the rest.
 */
function wordMasses(index: Bm25fIndex, query: readonly QueryTerm[]): WordMass[] {
  const words = ownWords(query);
  const present = words.filter((t) => index.documentFrequency(t.term) > 0);
  // None of the need's words is in the index (an English need over Japanese seeds): the words
  // it was linked to stand for them. Weighing them at idf 1 made any linked seed a full match.
  const standIns =
    present.length > 0
      ? present
      : query.filter(
          (t) =>
            t.source !== 'feedback' && !isBigramTerm(t.term) && index.documentFrequency(t.term) > 0,
        );
  const meanIdf =
    standIns.length > 0
      ? standIns.reduce((sum, t) => sum + index.idf(t.term), 0) / standIns.length
      : 1;
  return words.map((t) => ({
    term: t.term,
    mass: t.weight * (index.documentFrequency(t.term) > 0 ? index.idf(t.term) : meanIdf),
  }));
}

/**
 * The need's core: its `size` weightiest own words of its first line (a need's title), then of
 * the rest, heaviest first (ties: the earlier word in the text, where a need says what it wants).
 */
export function coreWords(
  index: Bm25fIndex,
  query: readonly QueryTerm[],
  size: number = DEFAULT_CONFIDENCE_THRESHOLDS.coreWords,
): WordMass[] {
  // The first line (a need's title) first: a description's rare words (the firm's trade) would
  // otherwise take the core from what the need asks for.
  const later = new Set(query.filter((t) => (t.line ?? 0) > 0).map((t) => t.term));
  return wordMasses(index, query)
    .map((word, position) => ({ word, position, line: later.has(word.term) ? 1 : 0 }))
    .sort((a, b) => a.line - b.line || b.word.mass - a.word.mass || a.position - b.position)
    .slice(0, Math.max(1, size))
    .map((entry) => entry.word);
}

/** The score of an ideal seed for the need's core words (0 when the need has none). */
export function textScale(
  index: Bm25fIndex,
  query: readonly QueryTerm[],
  size: number = DEFAULT_CONFIDENCE_THRESHOLDS.coreWords,
): number {
  const title = index.fields[0]?.weight ?? 1;
  const saturation = title / (index.k1 + title);
  return coreWords(index, query, size).reduce((sum, w) => sum + w.mass * saturation, 0);
}

/** A hit's text value on the absolute scale, in [0, 1]. */
export function absoluteText(score: number, scale: number): number {
  return scale > 0 ? Math.min(1, Math.max(0, score / scale)) : 0;
}

export interface HitEvidence {
  /** Score over the text scale, in [0, 1]. */
  readonly text: number;
  /**
   * Idf-weighted share of the need's core the seed explains, in [0, 1]: a word it holds
   * counts fully, one it reaches through an added term that it holds by that term's weight.
   */
  readonly coverage: number;
  /** How many core words the seed holds or reaches by a link of weight ≥ 0.5. */
  readonly matchedWords: number;
  /**
   * Idf of the need's words the seed explains (credited as for coverage; every word, not only
   * the core) over the idf of a word found in one seed, capped at 1: 霜 or イノシシ alone is
   * specific, 自動 alone is not.
   */
  readonly specificity: number;
  /** None of the need's own terms (bigrams included) is in the seed. */
  readonly expansionOnly: boolean;
  readonly confidence: Confidence;
}

/** The evidence of one hit (`score` is its text score for `query`). */
export function assessHit(
  index: Bm25fIndex,
  query: readonly QueryTerm[],
  hit: { readonly id: string; readonly score: number },
  scale: number,
  thresholds: ConfidenceThresholds = DEFAULT_CONFIDENCE_THRESHOLDS,
): HitEvidence {
  const holds = (term: string): boolean => (index.scoreTerm(hit.id, term)?.score ?? 0) > 0;
  // A word the seed lacks is still partly explained by an added term linked to it that the
  // seed holds (銅 → 重金属 through the dictionary), in proportion to that link's weight.
  // A word no seed holds (an English word over Japanese seeds, 竹やぶ) has only its links to
  // stand for it: the surest of them explains it fully, the others in proportion.
  const bestLink = new Map<string, number>();
  for (const t of query) {
    if (t.source === 'feedback' || isOwnTerm(t)) continue;
    for (const word of t.via)
      if (index.documentFrequency(word) === 0)
        bestLink.set(word, Math.max(bestLink.get(word) ?? 0, t.weight));
  }
  const linkedCredit = new Map<string, number>();
  const written = writtenByReading(query);
  for (const t of query) {
    if (t.source === 'feedback' || !holds(t.term)) continue;
    // The seed holds the word in another form (スギ for 杉): the word itself.
    const variant = variantOf(t, written);
    if (variant !== undefined) linkedCredit.set(variant, 1);
    if (isOwnTerm(t)) continue;
    for (const word of t.via) {
      const best = bestLink.get(word);
      const credit = Math.min(1, best !== undefined && best > 0 ? t.weight / best : t.weight);
      linkedCredit.set(word, Math.max(linkedCredit.get(word) ?? 0, credit));
    }
  }
  const creditOf = (term: string): number => (holds(term) ? 1 : (linkedCredit.get(term) ?? 0));
  let total = 0;
  let found = 0;
  let matchedWords = 0;
  for (const { term, mass } of coreWords(index, query, thresholds.coreWords)) {
    total += mass;
    const credit = creditOf(term);
    found += mass * credit;
    if (credit >= 0.5) matchedWords += 1;
  }
  // Specificity (what "no good match" reads) counts every word the seed explains, not only the
  // core: a long need's answer is withheld only when all it shares is generic.
  let matchedIdf = 0;
  for (const { term } of wordMasses(index, query)) matchedIdf += creditOf(term) * index.idf(term);
  const n = index.documentCount;
  const rareIdf = Math.log(1 + (n - 1 + 0.5) / 1.5);
  const specificity = rareIdf > 0 ? Math.min(1, matchedIdf / rareIdf) : 0;
  const expansionOnly = !query.some((t) => isOwnTerm(t) && holds(t.term));
  const coverage = total > 0 ? found / total : 0;
  const text = absoluteText(hit.score, scale);
  return {
    text,
    coverage,
    matchedWords,
    specificity,
    expansionOnly,
    confidence: confidenceOf({ text, coverage, matchedWords, expansionOnly }, thresholds),
  };
}

/**
 * - carried by expansion alone: medium when those links weigh as much as the need's words
 *   would (text ≥ highText), low otherwise; never high;
 * - one shared word that is not most of the need (自動 of ドローン・橋梁・ひび割れ・自動・点検),
 *   or little of the need: low (the text value is not used for low: a seed whose words sit
 *   in a long abstract scores lower without being a worse match);
 * - several shared words and a strong text value, or most of the need: high.
 */
export function confidenceOf(
  evidence: Omit<HitEvidence, 'confidence' | 'specificity'>,
  thresholds: ConfidenceThresholds = DEFAULT_CONFIDENCE_THRESHOLDS,
): Confidence {
  const { text, coverage, matchedWords, expansionOnly } = evidence;
  if (expansionOnly)
    return text >= thresholds.highText &&
      (matchedWords >= 2 || coverage >= thresholds.singleWordCoverage)
      ? 'medium'
      : 'low';
  if (matchedWords <= 1 && coverage < thresholds.singleWordCoverage) return 'low';
  if (coverage < thresholds.lowCoverage) return 'low';
  if (
    text >= thresholds.highText &&
    (matchedWords >= 3 || coverage >= thresholds.singleWordCoverage)
  )
    return 'high';
  return 'medium';
}

/**
 * "No good match": the best candidate is low and what it shares with the need is generic
 * (specificity below `minSpecificity`, default 0.5): a seed sharing only 自動 with a need about
 * drones and bridges. A low candidate sharing one specific word (霜, 大福) is still shown,
 * marked low: on the evaluation set most good first results of long needs written by firms
 * share one word.
 */
export function isNoGoodMatch(best: HitEvidence | undefined, minSpecificity = 0.5): boolean {
  return best === undefined || (best.confidence === 'low' && best.specificity < minSpecificity);
}

export interface NoGoodMatchNotice {
  readonly message: string;
  readonly suggestions: readonly string[];
}

/**
 * What to say when no candidate is above low confidence: no list of noise, but what to widen
 * (the region filter, the field) and how to write the need so that it can be matched.
 */
export function noGoodMatchNotice(
  region: RegionScope,
  field: string | undefined,
): NoGoodMatchNotice {
  const suggestions: string[] = [];
  if (region !== 'any') {
    suggestions.push(
      '地域を全国に広げる (region: any) / widen the region to all of Japan (region: any)',
    );
  }
  if (field !== undefined) {
    suggestions.push(`分野「${field}」の指定を外す / search beyond the field "${field}"`);
  }
  suggestions.push(
    '材料・製品・工程の名前を書き足す / add the names of the materials, products or processes involved',
  );
  suggestions.push('コーディネーターに相談する / ask a coordinator to look for partners');
  return {
    message:
      '十分に近いシーズが見つかりません / No good match: no seed explains enough of this need',
    suggestions,
  };
}
