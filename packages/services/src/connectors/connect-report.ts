import { createHash } from 'node:crypto';
import type {
  ActorFields,
  ActorKeys,
  ConnectorOutput,
  RejectedRecord,
  SourceName,
} from '#connectors/connector.ts';
import { mergeActorRecord, type ActorDraft } from '#connectors/merge-actor.ts';
import type { ResolutionEvidence } from '#connectors/resolve-actor.ts';
import { skipReason, type SkipReason } from '#connectors/skip-reasons.ts';
import type { ActorReview } from '#core/ports.ts';

/** What one run of a connector did (the `--json` object of `musubi connect`). */
export interface ConnectReport {
  source: SourceName;
  read: number;
  added: number;
  updated: number;
  unchanged: number;
  closed: number;
  rejected: number;
  review: number;
}

export interface ConnectDetails {
  report: ConnectReport;
  /** Every rejected record (the run wrote nothing when there is one). */
  rejected: (RejectedRecord & { file: string })[];
  /**
   * Records left out on purpose, with why in English and Japanese and as a code with values
   * (first ones; counted in full in `skippedCount`).
   */
  skipped: ({ file: string; at: string } & SkipReason)[];
  skippedCount: number;
  /** Records waiting in the review queue. */
  reviews: {
    file: string;
    at: string;
    candidateId: string;
    reason: string;
    /** The reason as a code with its values, for words in any language. */
    evidence: ResolutionEvidence;
  }[];
  committed: boolean;
}

export interface ConnectOptions {
  /** Plan and report, write nothing. */
  dryRun?: boolean;
  /** Date the files were retrieved (YYYY-MM-DD): the provenance date of records without one. */
  retrievedOn: string;
  /** Time stamp for new review entries. */
  now: string;
  /** Records applied per batch by connectors that stream (法人番号); 10,000 unless set. */
  batchSize?: number;
}

/** Skipped records listed in the details (all are counted). */
export const SKIPPED_LIMIT = 1000;

export function emptyDetails(source: SourceName): ConnectDetails {
  return {
    report: {
      source,
      read: 0,
      added: 0,
      updated: 0,
      unchanged: 0,
      closed: 0,
      rejected: 0,
      review: 0,
    },
    rejected: [],
    skipped: [],
    skippedCount: 0,
    reviews: [],
    committed: false,
  };
}

export function hashed(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 16);
}

/** The id a new actor gets: from its strongest identifier, else from its source, name and place. */
export function newActorId(source: SourceName, keys: ActorKeys): string {
  if (keys.corporateNumber) return `corp-${keys.corporateNumber}`;
  if (keys.ror) return `ror-${keys.ror}`;
  if (keys.orcid) return `orcid-${keys.orcid}`;
  if (keys.researchmapId) return `rm-${keys.researchmapId}`;
  if (keys.kakenId) return `kaken-${keys.kakenId}`;
  if (keys.openalexId) return `openalex-${keys.openalexId}`;
  return `${source}-${hashed(`${keys.kind ?? 'organization'}:${keys.name ?? ''}:${keys.prefectureCode ?? ''}`)}`;
}

/** A stable text of a record for "did anything change" (key order and absent fields ignored). */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>)
          .filter(([, inner]) => inner !== undefined && inner !== null)
          .sort(([a], [b]) => a.localeCompare(b)),
      );
    }
    return v;
  });
}

/** The review entry of "this record may be that actor": one per source, candidate and keys. */
export function reviewIdOf(source: SourceName, candidateId: string, keys: ActorKeys): string {
  return `review-${hashed(`${source}:${candidateId}:${canonical(keys)}`)}`;
}

/**
 * A record that may be an existing actor, as the run reports it and as the review queue keeps it
 * (with what a person needs to decide: the record, the candidate, the score and why).
 */
export function reviewEntry(input: {
  reviewId: string;
  source: SourceName;
  file: string;
  at: string;
  keys: ActorKeys;
  fields: ActorFields;
  on: string;
  resolution: { actorId: string; reason: string; score: number; evidence: ResolutionEvidence };
  now: string;
}): { reported: ConnectDetails['reviews'][number]; queued: ActorReview } {
  const { resolution } = input;
  return {
    reported: {
      file: input.file,
      at: input.at,
      candidateId: resolution.actorId,
      reason: resolution.reason,
      evidence: resolution.evidence,
    },
    queued: {
      id: input.reviewId,
      source: input.source,
      candidateId: resolution.actorId,
      record: {
        keys: input.keys,
        fields: input.fields,
        on: input.on,
        file: input.file,
        at: input.at,
        evidence: resolution.evidence,
      },
      score: resolution.score,
      reasons: resolution.reason,
      status: 'open',
      createdAt: input.now,
    },
  };
}

/**
 * One actor record of a source merged into what is known of its actor (`existing`: this run's draft
 * or the stored record), as actor `id`. A new actor in Japan whose prefecture the source does not
 * give is not added (the prefecture is not guessed): `skipped` says why. `closedNow` when the record
 * closes an actor that was open.
 */
export function mergeActorOutput(input: {
  existing: ActorDraft | undefined;
  id: string;
  output: Extract<ConnectorOutput, { type: 'actor' }>;
  source: SourceName;
  on: string;
}): { merged: ActorDraft; closedNow: boolean } | { skipped: SkipReason } {
  const { existing, output, source } = input;
  const abroad = output.fields.countryCode !== undefined && output.fields.countryCode !== 'JP';
  if (!existing && !output.fields.prefectureCode && !abroad) {
    return { skipped: skipReason('new_actor_without_prefecture', { name: output.fields.name }) };
  }
  const merged = mergeActorRecord(
    existing,
    output.keys,
    output.fields,
    source,
    input.on,
    output.closure,
  );
  merged.id = input.id;
  if (!existing) merged.source = source;
  const closedNow = Boolean(output.closure && existing && existing.closedOn === undefined);
  return { merged, closedNow };
}
