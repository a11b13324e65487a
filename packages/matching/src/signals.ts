/**
 * Structured signals next to the text score, each a value in [-1, 1] multiplied by a
 * configurable weight. The final score is the sum of the contributions, so an explanation can
 * show every signal's share.
 */
import { regionRelation, type RegionRelation } from '#core/prefecture-adjacency.ts';
import { DomainError } from '#core/domain-error.ts';
import { distanceKm } from '#core/geo.ts';

import { SIGNAL_NAMES, type SignalName } from '#core/matching-query.ts';

export { SIGNAL_NAMES, type SignalName };
export type SignalWeights = Record<SignalName, number>;

/** Text dominates; the others reorder near ties and demote what does not fit. */
export const DEFAULT_SIGNAL_WEIGHTS: SignalWeights = {
  text: 1,
  field: 0.15,
  sdgs: 0.05,
  stage: 0.1,
  region: 0.05,
  network: 0.1,
  availability: 0.15,
  feedback: 0.3,
};

export interface GeoPoint {
  readonly lat: number;
  readonly lon: number;
}

/** What the need (or the querying side) brings. */
export interface MatchSubject {
  readonly field?: string;
  readonly sdgs: readonly number[];
  /** Desired technology readiness level (TRL 1–9). */
  readonly desiredTrl?: number;
  readonly prefectureCode?: string;
  readonly location?: GeoPoint;
}

/** What a candidate brings. */
export interface CandidateFacts {
  readonly field?: string;
  readonly sdgs: readonly number[];
  readonly trl?: number;
  readonly available: boolean;
  readonly prefectureCode?: string;
  readonly location?: GeoPoint;
}

export interface SignalInput {
  /** Text score on an absolute scale or over the best candidate's (0..1). */
  readonly textShare: number;
  /** Hops of the shortest trusted path between the two sides (undefined: none found). */
  readonly networkHops?: number;
  /** Feedback value in [-1, 1] from `FeedbackModel`. */
  readonly feedback: number;
}

export interface SignalResult {
  readonly score: number;
  readonly values: Record<SignalName, number>;
  readonly contributions: Record<SignalName, number>;
  readonly region: RegionRelation;
  readonly distanceKm?: number;
}

function sdgOverlap(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const left = new Set(a);
  const both = b.filter((g) => left.has(g)).length;
  return both / new Set([...a, ...b]).size;
}

/** 1 when the candidate is at or beyond the desired level; falls by a third per level short. */
export function stageFit(desired: number | undefined, trl: number | undefined): number {
  if (desired === undefined || trl === undefined) return 0;
  const gap = desired - trl;
  if (gap <= 0) return 1;
  return Math.max(-1, 1 - (2 * gap) / 3);
}

const REGION_VALUE: Record<RegionRelation, number> = {
  in_region: 1,
  neighbouring: 0.5,
  elsewhere: 0,
  unknown: 0,
};

/** Builds a full signal record from a function of the signal name. */
export function mapSignals(value: (name: SignalName) => number): Record<SignalName, number> {
  return {
    text: value('text'),
    field: value('field'),
    sdgs: value('sdgs'),
    stage: value('stage'),
    region: value('region'),
    network: value('network'),
    availability: value('availability'),
    feedback: value('feedback'),
  };
}

export function scoreSignals(
  subject: MatchSubject,
  candidate: CandidateFacts,
  input: SignalInput,
  weights: SignalWeights = DEFAULT_SIGNAL_WEIGHTS,
): SignalResult {
  const region = regionRelation(subject.prefectureCode, candidate.prefectureCode);
  const values: Record<SignalName, number> = {
    text: Math.max(0, Math.min(1, input.textShare)),
    field:
      subject.field !== undefined && candidate.field !== undefined
        ? subject.field === candidate.field
          ? 1
          : 0
        : 0,
    sdgs: sdgOverlap(subject.sdgs, candidate.sdgs),
    stage: stageFit(subject.desiredTrl, candidate.trl),
    region: REGION_VALUE[region],
    network: input.networkHops !== undefined && input.networkHops > 0 ? 1 / input.networkHops : 0,
    availability: candidate.available ? 0 : -1,
    feedback: Math.max(-1, Math.min(1, input.feedback)),
  };
  const contributions = mapSignals((name) => weights[name] * values[name]);
  const score = SIGNAL_NAMES.reduce((sum, name) => sum + contributions[name], 0);
  const km =
    subject.location !== undefined && candidate.location !== undefined
      ? Math.round(distanceKm(subject.location, candidate.location))
      : undefined;
  return km === undefined
    ? { score, values, contributions, region }
    : { score, values, contributions, region, distanceKm: km };
}

/** Merges user weights over the defaults, refusing negative or non-finite ones. */
export function resolveWeights(overrides: Partial<Record<string, number>> = {}): SignalWeights {
  const out: SignalWeights = { ...DEFAULT_SIGNAL_WEIGHTS };
  for (const name of SIGNAL_NAMES) {
    const value = overrides[name];
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value < 0) {
      throw new DomainError('validation_failed', `weight ${name} must be a finite number ≥ 0`, {
        weight: name,
      });
    }
    out[name] = value;
  }
  return out;
}
