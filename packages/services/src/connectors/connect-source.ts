import { knownOf } from './known-actor.ts';
import { DomainError } from '#core/domain-error.ts';
import { ENTITY_SPECS, type EntityName } from '#core/entities/registry.ts';
import { parseRecord } from '#core/flat-record.ts';
import type { ActorReview, Repositories, StoredRecord } from '#core/ports.ts';
import type { FundingSourceType } from '#core/vocabulary.ts';
import type {
  ActorKeys,
  ConnectorInput,
  ConnectorOutput,
  RejectedRecord,
  SourceConnector,
} from '#connectors/connector.ts';
import type { ActorDraft } from '#connectors/merge-actor.ts';
import { ActorIndex, STRONG_IDENTIFIERS } from '#connectors/resolve-actor.ts';
import { skipReason, type SkipReason } from '#connectors/skip-reasons.ts';
import { linkPendingOwners } from './link-pending-owners.ts';
import { connectActorStream } from './connect-actor-stream.ts';
import {
  canonical,
  emptyDetails,
  mergeActorOutput,
  hashed,
  newActorId,
  reviewIdOf as reviewIdFor,
  reviewEntry,
  SKIPPED_LIMIT,
  type ConnectDetails,
  type ConnectOptions,
} from './connect-report.ts';

export {
  newActorId,
  type ConnectDetails,
  type ConnectOptions,
  type ConnectReport,
} from './connect-report.ts';

type Entity = Exclude<EntityName, 'actors'>;

/** An external id from a source key: kept readable when it fits ZExternalId, hashed when not. */
function externalId(prefix: string, key: string): string {
  const cleaned = key.normalize('NFKC').replace(/[\s,;\p{Cc}]+/gu, '_');
  const id = `${prefix}-${cleaned}`;
  return id.length <= 120 ? id : `${prefix}-${hashed(key)}`;
}

function fundingSourceType(funder: string | undefined): FundingSourceType {
  if (!funder) return 'other';
  const name = funder.normalize('NFKC');
  if (
    /省|庁|内閣|日本学術振興会|科学技術振興機構|新エネルギー・産業技術総合開発機構|NEDO|JST|JSPS|AMED/.test(
      name,
    )
  ) {
    return 'national_programme';
  }
  if (/^(北海道|東京都|京都府|大阪府|.{2,3}県)/.test(name)) return 'prefecture';
  if (/[市町村]$/.test(name)) return 'municipality';
  if (/財団|基金|ファンド/.test(name)) return 'foundation';
  if (/銀行|信用金庫/.test(name)) return 'bank';
  return 'other';
}

interface Labeled<T> {
  file: string;
  output: T;
}

/**
 * Runs a connector over files and applies what it read: actors found by strong identifier or sure
 * name match are updated (fields a person set are kept), unknown ones added, likely matches queued
 * for review; relations, seeds, funding, indicators and support measures are upserted by identity.
 * All-or-nothing: when any record is rejected, every rejection is reported and nothing is written.
 */
export async function connectSource(
  repos: Repositories,
  connector: SourceConnector,
  inputs: readonly ConnectorInput[],
  options: ConnectOptions,
): Promise<ConnectDetails> {
  // Sources that give only actors (法人番号: millions of rows) are applied in batches as read.
  if (connector.actorsOnly) return connectActorStream(repos, connector, inputs, options);
  const source = connector.source;
  const outputs: Labeled<ConnectorOutput>[] = [];
  for (const input of inputs) {
    for await (const output of connector.parse(input)) outputs.push({ file: input.name, output });
  }
  const details = emptyDetails(source);
  details.report.read = outputs.length;
  const skip = (file: string, at: string, why: SkipReason): void => {
    details.skippedCount += 1;
    const { code, values, reason, reasonJa } = why;
    if (details.skipped.length < SKIPPED_LIMIT)
      details.skipped.push({ file, at, code, values, reason, reasonJa });
  };
  const reject = (file: string, rejected: RejectedRecord): void => {
    details.rejected.push({ ...rejected, file });
  };
  for (const { file, output } of outputs) {
    if (output.type === 'rejected') reject(file, output);
    else if (output.type === 'skipped') skip(file, output.at, output);
  }

  // Everything known: the stored actors, then those this run adds.
  const index = new ActorIndex();
  for await (const batch of repos.entity('actors').iterate(5000)) {
    for (const record of batch) index.put(knownOf(record));
  }
  const decided = new Map(
    (await repos.reviews.list()).filter((r) => r.status !== 'open').map((r) => [r.id, r]),
  );

  const actorRepo = repos.entity('actors');
  const stored = new Map<string, StoredRecord | undefined>();
  async function storedActor(id: string): Promise<StoredRecord | undefined> {
    if (!stored.has(id)) stored.set(id, (await actorRepo.get(id))?.record);
    return stored.get(id);
  }
  const drafts = new Map<string, ActorDraft>();
  const closedNow = new Set<string>();
  const reviews: ActorReview[] = [];

  /** The actor a record's keys name, if resolution is sure of it. */
  function resolvedId(keys: ActorKeys): string | undefined {
    const resolution = index.resolve(keys);
    if (resolution.outcome === 'identified' || resolution.outcome === 'sure')
      return resolution.actorId;
    if (
      resolution.outcome === 'likely' &&
      decided.get(reviewIdOf(resolution.actorId, keys))?.status === 'merged'
    ) {
      return resolution.actorId;
    }
    return undefined;
  }
  function reviewIdOf(candidateId: string, keys: ActorKeys): string {
    return reviewIdFor(source, candidateId, keys);
  }

  // A person is placed where the organisation they belong to is: organisations are resolved first.
  const affiliations = new Map<string, ActorKeys[]>();
  for (const { output } of outputs) {
    if (output.type !== 'relation' || output.relation !== 'affiliation') continue;
    const key = canonical(output.from);
    affiliations.set(key, [...(affiliations.get(key) ?? []), output.to]);
  }
  const placeOf = (keys: ActorKeys): string | undefined => {
    for (const organisation of affiliations.get(canonical(keys)) ?? []) {
      const id = resolvedId(organisation);
      const place = id ? index.get(id)?.prefectureCode : undefined;
      if (place) return place;
    }
    return undefined;
  };
  const actorOutputs = outputs.filter(
    (o): o is Labeled<Extract<ConnectorOutput, { type: 'actor' }>> => o.output.type === 'actor',
  );
  const organisationsFirst = [
    ...actorOutputs.filter((o) => o.output.fields.kind === 'organization'),
    ...actorOutputs.filter((o) => o.output.fields.kind === 'person'),
  ];
  for (const { file, output: original } of organisationsFirst) {
    const place =
      original.fields.kind === 'person' && !original.fields.prefectureCode
        ? placeOf(original.keys)
        : undefined;
    const output = place
      ? { ...original, fields: { ...original.fields, prefectureCode: place } }
      : original;
    const on = output.updatedOn ?? options.retrievedOn;
    const resolution = index.resolve(output.keys);
    let targetId: string | undefined;
    if (resolution.outcome === 'conflict') {
      reject(file, {
        type: 'rejected',
        at: output.at,
        field: '(identifiers)',
        reason: `${resolution.reason}: merge them or correct the source first`,
        reasonJa: `識別子が別々の主体（${resolution.actorIds.join('、')}）を指しています`,
      });
      continue;
    }
    if (resolution.outcome === 'identified' || resolution.outcome === 'sure')
      targetId = resolution.actorId;
    if (resolution.outcome === 'likely') {
      const reviewId = reviewIdOf(resolution.actorId, output.keys);
      const decision = decided.get(reviewId);
      if (decision?.status === 'merged') targetId = resolution.actorId;
      else if (decision?.status !== 'kept_apart') {
        if (reviews.some((r) => r.id === reviewId)) continue;
        details.report.review += 1;
        const entry = reviewEntry({
          reviewId,
          source,
          file,
          at: output.at,
          keys: output.keys,
          fields: output.fields,
          on,
          resolution,
          now: options.now,
        });
        details.reviews.push(entry.reported);
        reviews.push(entry.queued);
        continue;
      }
    }
    const id = targetId ?? newActorId(source, output.keys);
    const existing = drafts.get(id) ?? ((await storedActor(id)) as ActorDraft | undefined);
    const outcome = mergeActorOutput({ existing, id, output, source, on });
    if ('skipped' in outcome) {
      skip(file, output.at, outcome.skipped);
      continue;
    }
    const { merged } = outcome;
    if (outcome.closedNow) closedNow.add(id);
    drafts.set(id, merged);
    index.put(knownOf(merged as StoredRecord));
  }

  // Validate every actor as it will be stored.
  const actorRecords: StoredRecord[] = [];
  for (const [id, draft] of drafts) {
    const parsed = parseRecord(ENTITY_SPECS.actors, draft);
    if (!parsed.ok) {
      reject('', {
        type: 'rejected',
        at: `actor ${id}`,
        field: parsed.problems[0]?.field ?? '(record)',
        reason: parsed.problems.map((p) => `${p.field}: ${p.reason}`).join('; '),
        reasonJa: `主体 ${id} の値が正しくありません`,
      });
      continue;
    }
    actorRecords.push(parsed.record);
  }

  // Other records, their actors resolved.
  const others: {
    entity: Entity;
    record: StoredRecord;
    at: string;
    file: string;
    changed?: boolean;
  }[] = [];
  const otherKeys = new Set<string>();
  const add = (entity: Entity, record: Record<string, unknown>, at: string, file: string): void => {
    const parsed = parseRecord(ENTITY_SPECS[entity], record);
    if (!parsed.ok) {
      reject(file, {
        type: 'rejected',
        at,
        field: parsed.problems[0]?.field ?? '(record)',
        reason: parsed.problems.map((p) => `${p.field}: ${p.reason}`).join('; '),
        reasonJa: `${ENTITY_SPECS[entity].labelJa}の値が正しくありません`,
      });
      return;
    }
    const key = `${entity}:${ENTITY_SPECS[entity].keyOf(parsed.record)}`;
    if (otherKeys.has(key)) return;
    otherKeys.add(key);
    others.push({ entity, record: parsed.record, at, file });
  };
  const confirmedAt = options.retrievedOn;
  for (const { file, output } of outputs) {
    applyOther(file, output);
  }
  function applyOther(file: string, output: ConnectorOutput): void {
    switch (output.type) {
      case 'relation': {
        const from = resolvedId(output.from);
        const to = resolvedId(output.to);
        if (!from || !to) {
          const missing = from ? output.to.name : output.from.name;
          skip(
            file,
            output.at,
            missing === undefined
              ? skipReason('relation_end_unnamed', { relation: output.relation })
              : skipReason('relation_end_unknown', { relation: output.relation, name: missing }),
          );
          return;
        }
        if (from === to) return;
        add(
          'relations',
          {
            sourceId: from,
            targetId: to,
            type: output.relation,
            weight: output.weight,
            startDate: output.startDate,
            endDate: output.endDate,
            note: output.note,
            source,
            confirmedAt,
          },
          output.at,
          file,
        );
        return;
      }
      case 'seed': {
        const owner = resolvedId(output.owner);
        if (!owner) {
          skip(
            file,
            output.at,
            skipReason('seed_owner_unknown', {
              title: output.title,
              name: output.owner.name ?? '',
            }),
          );
          return;
        }
        const ownerRecord = drafts.get(owner);
        add(
          'seeds',
          {
            id: externalId(source, output.key),
            kind: output.kind,
            title: output.title,
            abstract: output.abstract,
            keywords: output.keywords ?? [],
            ownerId: owner,
            prefectureCode: ownerRecord?.prefectureCode ?? index.get(owner)?.prefectureCode,
            patentNumber: output.patentNumber,
            url: output.url,
            source,
            confirmedAt,
          },
          output.at,
          file,
        );
        return;
      }
      case 'funding': {
        const recipient = resolvedId(output.recipient);
        if (!recipient) {
          skip(
            file,
            output.at,
            skipReason('funding_recipient_unknown', { name: output.recipient.name ?? '' }),
          );
          return;
        }
        const note = [output.programmeName, output.funderName, output.note]
          .filter(Boolean)
          .join(' / ')
          .slice(0, 1000);
        add(
          'funding',
          {
            id: externalId(source, output.key),
            sourceType: fundingSourceType(output.funderName),
            recipientId: recipient,
            fiscalYear: output.fiscalYear,
            amount: output.amount,
            currency: 'JPY',
            note,
            source,
            confirmedAt,
          },
          output.at,
          file,
        );
        return;
      }
      case 'indicator':
        add(
          'indicators',
          {
            areaType: output.areaType,
            areaCode: output.areaCode,
            year: output.year,
            metric: output.metric,
            value: output.value,
            unit: output.unit,
            source,
            confirmedAt,
          },
          output.at,
          file,
        );
        return;
      case 'support-measure':
        add(
          'support-measures',
          {
            id: output.key,
            name: output.name,
            provider: output.provider,
            prefectureCodes: output.prefectureCodes,
            maxAmount: output.maxAmount,
            startDate: output.startDate,
            endDate: output.endDate,
            eligibility: output.eligibility,
            url: output.url,
            source,
            confirmedAt,
          },
          output.at,
          file,
        );
        return;
      default:
        return;
    }
  }

  details.report.rejected = details.rejected.length;
  if (details.rejected.length > 0) {
    throw new DomainError(
      'import_rejected',
      `${source}: ${details.rejected.length} record(s) rejected; nothing was written ／ ${details.rejected.length}件の不備があるため、何も取り込んでいません`,
      { details },
    );
  }

  // Count against what is stored.
  for (const record of actorRecords) {
    const id = String(record['id']);
    const before = stored.get(id);
    if (!before) details.report.added += 1;
    else if (canonical(before) === canonical(record)) details.report.unchanged += 1;
    else details.report.updated += 1;
  }
  details.report.closed = closedNow.size;
  for (const other of others) {
    const spec = ENTITY_SPECS[other.entity];
    const before = (await repos.entity(other.entity).get(spec.keyOf(other.record)))?.record;
    other.changed = !before || canonical(before) !== canonical(other.record);
    if (!before) details.report.added += 1;
    else if (other.changed) details.report.updated += 1;
    else details.report.unchanged += 1;
  }
  if (options.dryRun) return details;

  await repos.transaction(async (tx) => {
    const changed = (entity: EntityName, records: StoredRecord[]): Promise<number> =>
      records.length > 0 ? tx.entity(entity).upsertMany(records) : Promise.resolve(0);
    await changed(
      'actors',
      actorRecords.filter((r) => canonical(stored.get(String(r['id']))) !== canonical(r)),
    );
    for (const entity of [
      'relations',
      'seeds',
      'funding',
      'indicators',
      'support-measures',
    ] as const) {
      await changed(
        entity,
        others.filter((o) => o.entity === entity && o.changed).map((o) => o.record),
      );
    }
    for (const review of reviews) await tx.reviews.add(review);
    // Seeds and needs waiting for an owner that has just arrived are linked to it.
    await linkPendingOwners(tx);
  });
  details.committed = true;
  return details;
}

/** Identifier fields of actors, for messages and the CLI. */
export const ACTOR_IDENTIFIERS = STRONG_IDENTIFIERS;
