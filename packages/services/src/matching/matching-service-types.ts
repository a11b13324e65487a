/**
 * What the matching service takes and gives: options, results with their explanations, feedback
 * input, and the service's interface. Kept apart from the orchestration in matching-service.ts.
 */
import { z } from 'zod';
import { REJECTION_REASONS } from '#core/consultation.ts';
import type { Need, ZNeed } from '#core/entities/need.ts';
import type { Seed, ZSeed } from '#core/entities/seed.ts';
import { FEEDBACK_DECISIONS, type MatchFeedback } from '#core/match-feedback.ts';
import type { Clock } from '#core/ports.ts';
import type { Viewer } from '#core/viewer.ts';
import { REGION_SCOPES } from '#matching/match-fusion.ts';
import type { Confidence } from '#matching/match-confidence.ts';
import type { PathStepView, TermView } from '#matching/match-views.ts';
import type { MatchSubject, SignalName } from '#matching/signals.ts';
import type { GlossLinkSource } from './gloss-link-source.ts';
import type { RefreshReport } from './matching-index.ts';
import type { MatchingStore } from './matching-store.ts';
import type { TextPipeline, TokenizerChoice } from './text-pipeline.ts';

export const ZMatchOptions = z.object({
  limit: z.number().int().min(1).max(200).default(20),
  region: z.enum(REGION_SCOPES).default('any'),
  /** Query expansion (dictionary, co-occurrence, pseudo-relevance feedback); default on. */
  expand: z.boolean().default(true),
  weights: z.record(z.string(), z.number()).optional(),
});
export type MatchOptions = z.input<typeof ZMatchOptions>;

export { MAX_QUERY_CHARS } from '#core/matching-query.ts';

export interface MatchExplanation {
  readonly terms: readonly TermView[];
  readonly signals: Record<SignalName, number>;
  readonly path: readonly PathStepView[];
  readonly region: string;
  readonly distanceKm?: number;
  /** Title with matched spans in 【】. */
  readonly highlightedTitle: string;
  readonly feedback: readonly string[];
  /** None of the need's own words is in the seed: it came through expansion terms alone. */
  readonly expansionOnly: boolean;
}

export interface SeedMatch {
  readonly seedId: string;
  readonly kind: string;
  readonly title: string;
  readonly ownerId: string;
  readonly ownerName: string;
  readonly prefectureCode?: string;
  /** On an absolute scale: the first result is not 1 unless the seed explains the need. */
  readonly score: number;
  /** How sure the text match is (match-confidence.ts). */
  readonly confidence: Confidence;
  readonly explanation: MatchExplanation;
}

export interface ResearcherMatch {
  readonly actorId: string;
  readonly name: string;
  readonly score: number;
  readonly seedIds: readonly string[];
}

/** Set when no seed explains enough of the need: no results, and what to try instead. */
export interface NoGoodMatch {
  readonly message: string;
  readonly suggestions: readonly string[];
}

export interface NeedMatchResult {
  readonly results: readonly SeedMatch[];
  readonly noGoodMatch?: NoGoodMatch;
  readonly researchers: readonly ResearcherMatch[];
  readonly facilities: readonly SeedMatch[];
  readonly query: {
    readonly terms: number;
    readonly expandedTerms: number;
    readonly truncated: boolean;
  };
}

export interface CompanyMatch {
  readonly actorId: string;
  readonly name: string;
  readonly score: number;
  readonly needIds: readonly string[];
  readonly explanation: {
    readonly terms: readonly TermView[];
    readonly signals: Record<SignalName, number>;
    readonly path: readonly PathStepView[];
    readonly region: string;
    readonly distanceKm?: number;
  };
}

export interface SeedReverseResult {
  readonly results: readonly CompanyMatch[];
}

export const ZFeedbackInput = z
  .object({
    needId: z.string().min(1),
    seedId: z.string().min(1),
    decision: z.enum(FEEDBACK_DECISIONS),
    reason: z.enum(REJECTION_REASONS).optional(),
    note: z.string().max(2000).optional(),
    consultationId: z.string().optional(),
  })
  .refine((f) => f.decision !== 'rejected' || f.reason !== undefined, {
    message:
      'a rejection needs a reason: too_early_stage | benefit_unclear | route_to_market_unclear | wrong_field',
    path: ['reason'],
  });
export type FeedbackInput = z.input<typeof ZFeedbackInput>;

export interface MatchingServiceOptions {
  readonly repos: MatchingStore;
  readonly clock?: Clock;
  readonly tokenizer?: TokenizerChoice;
  /** Reuse a pipeline (tests, servers running several services). */
  readonly text?: TextPipeline;
  readonly weights?: Partial<Record<SignalName, number>>;
  readonly refreshIntervalMs?: number;
  /** Store index snapshots in the database (default true). */
  readonly persist?: boolean;
  /**
   * EDICT for the gloss links (word links, English needs), built into a compact table with the
   * index and stored with its snapshot; none when absent. The server and the CLI pass
   * `DEFAULT_GLOSS_LINKS`; tests leave it out (parsing EDICT costs seconds per process).
   */
  readonly glossLinks?: GlossLinkSource;
}

export interface MatchingService {
  readonly tokenizerName: string;
  matchNeed(viewer: Viewer, needId: string, options?: MatchOptions): Promise<NeedMatchResult>;
  matchText(
    viewer: Viewer,
    text: string,
    options?: MatchOptions & { subject?: Partial<MatchSubject>; originActorId?: string },
  ): Promise<NeedMatchResult>;
  matchSeed(viewer: Viewer, seedId: string, options?: MatchOptions): Promise<SeedReverseResult>;
  upsertSeed(viewer: Viewer, seed: z.input<typeof ZSeed>): Promise<Seed>;
  deleteSeed(viewer: Viewer, seedId: string): Promise<boolean>;
  upsertNeed(viewer: Viewer, need: z.input<typeof ZNeed>): Promise<Need>;
  deleteNeed(viewer: Viewer, needId: string): Promise<boolean>;
  recordFeedback(viewer: Viewer, input: FeedbackInput): Promise<MatchFeedback>;
  /** Top index terms of a text (for the triage view and feedback similarity). */
  keyTerms(
    text: string,
    limit?: number,
    emphasis?: string,
  ): Promise<{ term: string; weight: number }[]>;
  /** Reads the database again; `rebuild` drops the snapshot and analyses everything. */
  refresh(options?: { rebuild?: boolean }): Promise<RefreshReport>;
  /** The next call looks at the database again (another copy of the index took an edit). */
  expire(): void;
  stats(): {
    timings: Record<string, number>;
    seeds: number;
    sharedNeeds: number;
    /** Actors held from a full read (0 until a use case needed them all: a seed's companies, a reindex). */
    actors: number;
    /** Ties of the trust graph (0 until a match needed it). */
    relations: number;
    tokenizer: string;
  };
  close(): Promise<void>;
}
