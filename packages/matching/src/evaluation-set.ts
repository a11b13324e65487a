/**
 * The matching evaluation set (packages/matching/eval/eval-set.json): needs (ニーズ) written
 * the way SMEs, farmers, hospitals and municipalities write, seeds (シーズ) written the way
 * researchers write, and graded judgments 0–3. The file is grouped by topic: each seed's
 * `grades[i]` judges it for the topic's `needs[i]`; judgments are flattened here.
 *
 * The vocabulary-gap subset is computed, not hand-picked: a need is in it when no seed it
 * judges 3 shares more than `gapThreshold` of the need's content words (the analyser's word,
 * compound and dictionary terms, character bigrams left out).
 *
 * Needs added for issue 13 carry `gap`: written in everyday small-firm words without looking at
 * the seeds' wording (徘徊, 竹やぶ, 傷む, 魚の鮮度); `gap: true` marks those written across a
 * vocabulary gap. They form the hand-marked gap subset (`markedGap`), reported beside the
 * computed one.
 */
import { z } from 'zod';
import { DomainError } from '#core/domain-error.ts';
import { isBigramTerm, type Analyzer } from './analyze.ts';

export const ZEvalVoice = z.enum(['sme', 'farmer', 'hospital', 'municipality']);
export type EvalVoice = z.infer<typeof ZEvalVoice>;

const ZEvalGrade = z.number().int().min(0).max(3);

export const ZEvalTopic = z.object({
  id: z.string().min(1),
  needs: z.array(
    z.object({
      id: z.string().min(1),
      voice: ZEvalVoice,
      text: z.string().min(1),
      /** Everyday-words need (issue 13); true when written across a vocabulary gap. */
      gap: z.boolean().optional(),
    }),
  ),
  seeds: z.array(
    z.object({
      id: z.string().min(1),
      title: z.string().min(1),
      abstract: z.string().min(1),
      keywords: z.array(z.string().min(1)),
      grades: z.array(ZEvalGrade),
    }),
  ),
});

export const ZEvalSetFile = z.object({
  version: z.literal(1),
  description: z.string(),
  topics: z.array(ZEvalTopic),
});
export type EvalSetFile = z.infer<typeof ZEvalSetFile>;

export interface EvalSeed {
  readonly id: string;
  readonly title: string;
  readonly abstract: string;
  readonly keywords: readonly string[];
}

export interface EvalNeed {
  readonly id: string;
  readonly topic: string;
  readonly voice: EvalVoice;
  readonly text: string;
  /** Written across a vocabulary gap, marked by hand (the everyday-words needs of issue 13). */
  readonly markedGap: boolean;
  /** Seed id → grade 1–3 (grade 0 and unjudged seeds are left out). */
  readonly judgments: ReadonlyMap<string, number>;
}

export interface EvalSet {
  readonly needs: readonly EvalNeed[];
  readonly seeds: readonly EvalSeed[];
}

/** Parses and flattens the file; ids must be unique and every grade list must fit its topic. */
export function parseEvalSet(input: unknown): EvalSet {
  const file = ZEvalSetFile.parse(input);
  const needs: EvalNeed[] = [];
  const seeds: EvalSeed[] = [];
  const ids = new Set<string>();
  const claim = (id: string): void => {
    if (ids.has(id)) throw new DomainError('validation_failed', `duplicate id ${id}`, { id });
    ids.add(id);
  };
  for (const topic of file.topics) {
    const judgments = topic.needs.map(() => new Map<string, number>());
    for (const seed of topic.seeds) {
      claim(seed.id);
      if (seed.grades.length !== topic.needs.length) {
        throw new DomainError(
          'validation_failed',
          `seed ${seed.id} has ${seed.grades.length} grades for ${topic.needs.length} needs`,
          { id: seed.id, topic: topic.id },
        );
      }
      seed.grades.forEach((grade, i) => {
        if (grade > 0) judgments[i]?.set(seed.id, grade);
      });
      seeds.push({
        id: seed.id,
        title: seed.title,
        abstract: seed.abstract,
        keywords: seed.keywords,
      });
    }
    topic.needs.forEach((need, i) => {
      claim(need.id);
      needs.push({
        id: need.id,
        topic: topic.id,
        voice: need.voice,
        text: need.text,
        markedGap: need.gap === true,
        judgments: judgments[i] ?? new Map<string, number>(),
      });
    });
  }
  return { needs, seeds };
}

/** The text of a seed as one string (title, abstract, keywords). */
export function seedText(seed: EvalSeed): string {
  return `${seed.title}。${seed.abstract}${seed.keywords.join('、')}`;
}

/** Content words of a text: analyser terms without character bigrams. */
export function contentTerms(analyzer: Analyzer, text: string): Set<string> {
  return new Set(analyzer.terms(text).filter((term) => !isBigramTerm(term)));
}

export interface NeedOverlap {
  readonly needId: string;
  /** Highest share of the need's content words found in one of its grade-3 seeds. */
  readonly overlap: number;
  readonly gap: boolean;
}

/**
 * Default gap threshold: at most about a tenth of the need's words appear in its best seed
 * (on the shipped set, 30 of 60 needs; most of the others share only a fifth or less).
 */
export const DEFAULT_GAP_THRESHOLD = 0.12;

/** Word overlap of each need with its grade-3 seeds, and whether it is a vocabulary gap. */
export function vocabularyGaps(
  set: EvalSet,
  analyzer: Analyzer,
  gapThreshold = DEFAULT_GAP_THRESHOLD,
): NeedOverlap[] {
  const seedById = new Map(set.seeds.map((seed) => [seed.id, seed]));
  const seedTerms = new Map<string, Set<string>>();
  const termsOf = (id: string): Set<string> => {
    let terms = seedTerms.get(id);
    if (terms === undefined) {
      const seed = seedById.get(id);
      terms = seed === undefined ? new Set() : contentTerms(analyzer, seedText(seed));
      seedTerms.set(id, terms);
    }
    return terms;
  };
  return set.needs.map((need) => {
    const words = contentTerms(analyzer, need.text);
    let overlap = 0;
    for (const [id, grade] of need.judgments) {
      if (grade < 3 || words.size === 0) continue;
      const terms = termsOf(id);
      let shared = 0;
      for (const word of words) if (terms.has(word)) shared += 1;
      overlap = Math.max(overlap, shared / words.size);
    }
    return { needId: need.id, overlap, gap: overlap <= gapThreshold };
  });
}
