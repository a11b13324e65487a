import { DomainError } from '#core/domain-error.ts';
import { ENTITY_SPECS } from '#core/entities/registry.ts';
import { parseRecord } from '#core/flat-record.ts';
import type { Repositories } from '#core/ports.ts';
import {
  SOURCE_NAMES,
  type ActorFields,
  type ActorKeys,
  type SourceName,
} from '#connectors/connector.ts';
import { mergeActorRecord, type ActorDraft } from '#connectors/merge-actor.ts';
import { isObject } from '#connectors/values.ts';
import { newActorId } from './connect-source.ts';

interface QueuedRecord {
  keys: ActorKeys;
  fields: ActorFields;
  on: string;
}

function queuedRecord(value: unknown): QueuedRecord {
  if (
    !isObject(value) ||
    !isObject(value['keys']) ||
    !isObject(value['fields']) ||
    typeof value['on'] !== 'string'
  ) {
    throw new DomainError('validation_failed', 'the review holds no connector record');
  }
  return {
    keys: value['keys'] as ActorKeys,
    fields: value['fields'] as unknown as ActorFields,
    on: value['on'],
  };
}

function sourceOf(value: string): SourceName {
  const source = SOURCE_NAMES.find((s) => s === value);
  if (!source) throw new DomainError('validation_failed', `unknown source ${value}`);
  return source;
}

/**
 * A person's decision on a queued record: `merge` applies it to the candidate actor (fields a person
 * set are kept), `keep-apart` adds it as an actor of its own (its id from its identifiers). Either
 * way the decision is kept, so the next run of the connector follows it.
 */
export async function decideReview(
  repos: Repositories,
  reviewId: string,
  decision: 'merge' | 'keep-apart',
  now: string,
): Promise<{ actorId: string }> {
  return repos.transaction(async (tx) => {
    const review = await tx.reviews.get(reviewId);
    if (!review) throw new DomainError('not_found', `no review ${reviewId}`);
    if (review.status !== 'open') {
      throw new DomainError('conflict', `review ${reviewId} is already decided (${review.status})`);
    }
    const record = queuedRecord(review.record);
    const source = sourceOf(review.source);
    const actors = tx.entity('actors');
    let actorId: string;
    let draft: ActorDraft;
    if (decision === 'merge') {
      const candidate = await actors.get(review.candidateId);
      if (!candidate)
        throw new DomainError('not_found', `the candidate actor ${review.candidateId} is gone`);
      actorId = review.candidateId;
      draft = mergeActorRecord(
        candidate.record as ActorDraft,
        record.keys,
        record.fields,
        source,
        record.on,
      );
    } else {
      actorId = newActorId(source, record.keys);
      if (await actors.get(actorId)) {
        throw new DomainError('conflict', `an actor ${actorId} exists already: merge instead`);
      }
      draft = {
        ...mergeActorRecord(undefined, record.keys, record.fields, source, record.on),
        source,
      };
    }
    draft.id = actorId;
    const parsed = parseRecord(ENTITY_SPECS.actors, draft);
    if (!parsed.ok) {
      throw new DomainError(
        'validation_failed',
        `the record cannot become an actor: ${parsed.problems.map((p) => `${p.field}: ${p.reason}`).join('; ')}`,
      );
    }
    await actors.upsertMany([parsed.record]);
    await tx.reviews.decide(reviewId, decision === 'merge' ? 'merged' : 'kept_apart', now);
    return { actorId };
  });
}
