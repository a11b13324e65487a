/**
 * Score fusion: text hits plus structured signals → ranked candidates. Seeds for a need (with the
 * researchers owning the best of them) and companies for a seed. Pure: the facts arrive through
 * lookups, so the ranking is testable without an index or a database.
 */
import type { RegionRelation } from '#core/prefecture-adjacency.ts';
import { regionRelation } from '#core/prefecture-adjacency.ts';
import type { FeedbackVerdict } from './feedback-model.ts';
import { absoluteText } from './match-confidence.ts';
import { round } from './match-views.ts';
import {
  scoreSignals,
  type GeoPoint,
  type MatchSubject,
  type SignalResult,
  type SignalWeights,
} from './signals.ts';
import type { RegionScope } from '#core/matching-query.ts';

export { REGION_SCOPES, type RegionScope } from '#core/matching-query.ts';

/** Whether a candidate in `relation` to the subject's prefecture passes the region filter. */
export function withinRegion(scope: RegionScope, relation: RegionRelation): boolean {
  if (scope === 'in') return relation === 'in_region';
  if (scope === 'near') return relation === 'in_region' || relation === 'neighbouring';
  return true;
}

export interface TextHit {
  readonly id: string;
  readonly score: number;
}

/** What fusion needs to know of a seed. */
export interface SeedFusionFacts {
  readonly id: string;
  readonly kind: string;
  readonly ownerId: string;
  readonly field?: string;
  readonly sdgs: readonly number[];
  readonly trl?: number;
  readonly available: boolean;
  readonly prefectureCode?: string;
}

/** What fusion needs to know of an actor. */
export interface ActorFusionFacts {
  readonly id: string;
  readonly kind: 'organization' | 'person';
  readonly sector: string;
  readonly flags: readonly string[];
  readonly field?: string;
  readonly prefectureCode: string;
  readonly location?: GeoPoint;
}

/** What fusion needs to know of a need. */
export interface NeedFusionFacts {
  readonly ownerId: string;
  readonly confidentiality: string;
  readonly sdgs: readonly number[];
}

export interface ScoredSeed {
  readonly id: string;
  readonly score: number;
  readonly signals: SignalResult;
  /** Why past feedback moved it. */
  readonly feedback: readonly string[];
}

export interface SeedFusionInput {
  /** Text hits, best first. */
  readonly hits: readonly TextHit[];
  /**
   * The text scale (`textScale` of match-confidence.ts): text signals are scores over it, an
   * absolute value. Without it, scores over the best hit's (the first is then always 1).
   */
  readonly textScale?: number;
  readonly subject: MatchSubject;
  readonly region: RegionScope;
  readonly weights: SignalWeights;
  seedOf(id: string): SeedFusionFacts | undefined;
  actorOf(id: string): ActorFusionFacts | undefined;
  feedbackOf(seed: SeedFusionFacts): FeedbackVerdict;
  /** Trusted-path hops from the querying side to an actor (undefined: not reached). */
  hopsTo(actorId: string): number | undefined;
}

function textShareOf(score: number, best: number, scale: number | undefined): number {
  if (scale !== undefined) return absoluteText(score, scale);
  return best > 0 ? score / best : 0;
}

/**
 * Seeds ranked by their fused score (ties by text score, then id), those outside the region
 * filter left out.
 */
export function fuseSeedHits(input: SeedFusionInput): ScoredSeed[] {
  const best = input.hits[0]?.score ?? 0;
  const scored: ScoredSeed[] = [];
  const textScores = new Map<string, number>();
  for (const hit of input.hits) {
    const facts = input.seedOf(hit.id);
    if (facts === undefined) continue;
    const owner = input.actorOf(facts.ownerId);
    const prefectureCode = facts.prefectureCode ?? owner?.prefectureCode;
    const relation = regionRelation(input.subject.prefectureCode, prefectureCode);
    if (!withinRegion(input.region, relation)) continue;
    const verdict = input.feedbackOf(facts);
    const hops = input.hopsTo(facts.ownerId);
    const signals = scoreSignals(
      input.subject,
      {
        sdgs: facts.sdgs,
        available: facts.available,
        ...(facts.field !== undefined ? { field: facts.field } : {}),
        ...(facts.trl !== undefined ? { trl: facts.trl } : {}),
        ...(prefectureCode !== undefined ? { prefectureCode } : {}),
        ...(owner?.location !== undefined ? { location: owner.location } : {}),
      },
      {
        textShare: textShareOf(hit.score, best, input.textScale),
        feedback: verdict.value,
        ...(hops !== undefined ? { networkHops: hops } : {}),
      },
      input.weights,
    );
    scored.push({ id: hit.id, score: signals.score, signals, feedback: verdict.reasons });
    textScores.set(hit.id, hit.score);
  }
  // Text values are capped at 1 on the absolute scale: hits past the cap keep their text
  // order (ties of the fused score go to the stronger text score, then to the id).
  const text = (id: string): number => textScores.get(id) ?? 0;
  scored.sort((a, b) => b.score - a.score || text(b.id) - text(a.id) || (a.id < b.id ? -1 : 1));
  return scored;
}

export function isResearcher(actor: Pick<ActorFusionFacts, 'kind' | 'flags'>): boolean {
  return (
    actor.kind === 'person' ||
    actor.flags.includes('researcher') ||
    actor.flags.includes('star_scientist')
  );
}

export interface RankedResearcher {
  readonly actorId: string;
  readonly score: number;
  readonly seedIds: readonly string[];
}

/**
 * Researchers (people and labs) owning the best 100 seeds: the best seed counts fully, the others
 * a third each (scores rounded as shown).
 */
export function rankResearchers(
  scored: readonly ScoredSeed[],
  seedOf: (id: string) => SeedFusionFacts | undefined,
  actorOf: (id: string) => ActorFusionFacts | undefined,
  limit: number,
): RankedResearcher[] {
  const byOwner = new Map<string, { scores: number[]; seedIds: string[] }>();
  for (const s of scored.slice(0, 100)) {
    const facts = seedOf(s.id);
    const owner = facts === undefined ? undefined : actorOf(facts.ownerId);
    if (owner === undefined || !isResearcher(owner)) continue;
    const entry = byOwner.get(owner.id) ?? { scores: [], seedIds: [] };
    entry.scores.push(s.score);
    entry.seedIds.push(s.id);
    byOwner.set(owner.id, entry);
  }
  return [...byOwner.entries()]
    .map(([id, e]) => ({
      actorId: id,
      score: round((e.scores[0] ?? 0) + e.scores.slice(1).reduce((a, b) => a + b, 0) / 3),
      seedIds: e.seedIds.slice(0, 5),
    }))
    .sort((a, b) => b.score - a.score || (a.actorId < b.actorId ? -1 : 1))
    .slice(0, limit);
}

export interface ScoredCompany {
  readonly actorId: string;
  readonly actor: ActorFusionFacts;
  /** The company's matching needs, best first. */
  readonly needIds: readonly string[];
  /** Its best need ('' when it comes in through the network alone). */
  readonly bestNeed: string;
  readonly signals: SignalResult;
}

export interface CompanyFusionInput {
  /** Text hits among needs, best first. */
  readonly hits: readonly TextHit[];
  /** As for seeds: text shares on this absolute scale when given. */
  readonly textScale?: number;
  /** The seed's side: its field, goals, prefecture and place. */
  readonly subject: MatchSubject;
  readonly region: RegionScope;
  readonly weights: SignalWeights;
  /** Needs of `members` confidentiality count only for a signed-in viewer. */
  readonly membersVisible: boolean;
  needOf(id: string): NeedFusionFacts | undefined;
  actorOf(id: string): ActorFusionFacts | undefined;
  /** Every actor, for companies of the seed's field close in the network without a past need. */
  actors(): Iterable<ActorFusionFacts>;
  hopsTo(actorId: string): number | undefined;
}

/**
 * Companies likely to need a seed, ranked: the best need's text share plus a quarter of the others',
 * and companies of the seed's field within two trusted hops even without a need.
 */
export function fuseCompanyHits(input: CompanyFusionInput): ScoredCompany[] {
  const best = input.hits[0]?.score ?? 0;
  // Only needs this viewer may see count; confidential ones are not in the index at all.
  const byCompany = new Map<string, { shares: number[]; needIds: string[]; bestNeed: string }>();
  for (const hit of input.hits) {
    const need = input.needOf(hit.id);
    if (need === undefined || need.confidentiality === 'confidential') continue;
    if (need.confidentiality === 'members' && !input.membersVisible) continue;
    const entry = byCompany.get(need.ownerId) ?? { shares: [], needIds: [], bestNeed: hit.id };
    entry.shares.push(textShareOf(hit.score, best, input.textScale));
    entry.needIds.push(hit.id);
    byCompany.set(need.ownerId, entry);
  }
  const field = input.subject.field;
  if (field !== undefined) {
    for (const actor of input.actors()) {
      if (actor.sector !== 'company' || actor.field !== field || byCompany.has(actor.id)) continue;
      const hops = input.hopsTo(actor.id);
      if (hops !== undefined && hops <= 2)
        byCompany.set(actor.id, { shares: [], needIds: [], bestNeed: '' });
    }
  }
  const scored = [...byCompany.entries()].flatMap(([actorId, e]): ScoredCompany[] => {
    const actor = input.actorOf(actorId);
    if (actor === undefined) return [];
    const textShare = (e.shares[0] ?? 0) + e.shares.slice(1).reduce((a, b) => a + b, 0) / 4;
    const hops = input.hopsTo(actorId);
    const signals = scoreSignals(
      input.subject,
      {
        sdgs: e.needIds.flatMap((id) => input.needOf(id)?.sdgs ?? []),
        available: true,
        ...(actor.field !== undefined ? { field: actor.field } : {}),
        prefectureCode: actor.prefectureCode,
        ...(actor.location !== undefined ? { location: actor.location } : {}),
      },
      {
        textShare: Math.min(1, textShare),
        feedback: 0,
        ...(hops !== undefined ? { networkHops: hops } : {}),
      },
      input.weights,
    );
    if (!withinRegion(input.region, signals.region)) return [];
    return [{ actorId, actor, needIds: e.needIds, bestNeed: e.bestNeed, signals }];
  });
  scored.sort((a, b) => b.signals.score - a.signals.score || (a.actorId < b.actorId ? -1 : 1));
  return scored;
}
