import { createCorporateNumberSet } from './corporate-number-set.ts';
import type {
  ConnectorInput,
  ConnectorOutput,
  RejectedRecord,
  SourceConnector,
} from '#connectors/connector.ts';
import type { ActorDraft } from '#connectors/merge-actor.ts';
import { ActorIndex, type Resolution } from '#connectors/resolve-actor.ts';
import type { SkipReason } from '#connectors/skip-reasons.ts';
import { DomainError } from '#core/domain-error.ts';
import { ENTITY_SPECS } from '#core/entities/registry.ts';
import { parseRecord } from '#core/flat-record.ts';
import {
  canBulkLoad,
  type ActorReview,
  type BulkLoad,
  type EntityRepo,
  type Repositories,
  type StoredRecord,
} from '#core/ports.ts';
import {
  canonical,
  emptyDetails,
  mergeActorOutput,
  newActorId,
  reviewIdOf,
  reviewEntry,
  SKIPPED_LIMIT,
  type ConnectDetails,
  type ConnectOptions,
} from './connect-report.ts';
import { knownOf } from './known-actor.ts';
import { linkPendingOwners } from './link-pending-owners.ts';
import { createQuickActorCheck } from './quick-actor-check.ts';

const DEFAULT_BATCH = 10_000;

type ActorOutput = Extract<ConnectorOutput, { type: 'actor' }>;

interface Pending {
  file: string;
  output: ActorOutput;
}

/** Thrown inside the transaction of a dry run so that everything it wrote is rolled back. */
class DryRunFinished extends Error {}

/** A 法人番号 as a number (13 digits fit a double exactly): half the memory of its text in a set. */
function numberKey(corporateNumber: string | undefined): number | undefined {
  return corporateNumber === undefined ? undefined : Number(corporateNumber);
}

function rejectedError(details: ConnectDetails): DomainError {
  const { source } = details.report;
  const count = details.rejected.length;
  details.report.rejected = count;
  return new DomainError(
    'import_rejected',
    `${source}: ${count} record(s) rejected; nothing was written ／ ${count}件の不備があるため、何も取り込んでいません`,
    { details },
  );
}

function plainLoad(repo: EntityRepo): BulkLoad {
  return {
    write: async (records) => {
      await repo.upsertMany(records);
    },
    finish: async () => 0,
  };
}

/**
 * `connectSource` for a source that gives only actors, each with its 法人番号 (the 全件 file holds
 * about 5.3 million): read as a stream and applied in batches, so memory stays flat.
 * - Each batch's numbers are looked up in one statement (their holders, and the ids new actors
 *   would get); only actors without a 法人番号 are held in memory, for name matching (any other
 *   actor holds a different number, which rules it out).
 * - All-or-nothing: the whole run is one transaction; a rejected row stops the writing but the
 *   reading goes on so that every rejected row is reported, then everything is rolled back. A
 *   failure mid-file (truncated line, database error) rolls back too. A dry run rolls back at the end.
 * - A corporation met again after its batch was written (several rows in one 差分) is applied after
 *   the others, in file order, onto what the first pass wrote.
 * The counts are those `connectSource` gives for the same file.
 */
export async function connectActorStream(
  repos: Repositories,
  connector: SourceConnector,
  inputs: readonly ConnectorInput[],
  options: ConnectOptions,
): Promise<ConnectDetails> {
  const source = connector.source;
  const details = emptyDetails(source);
  const { report } = details;
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const skip = (file: string, at: string, why: SkipReason): void => {
    details.skippedCount += 1;
    const { code, values, reason, reasonJa } = why;
    if (details.skipped.length < SKIPPED_LIMIT)
      details.skipped.push({ file, at, code, values, reason, reasonJa });
  };
  const reject = (file: string, rejected: RejectedRecord): void => {
    details.rejected.push({ ...rejected, file });
  };
  const decided = new Map(
    (await repos.reviews.list()).filter((r) => r.status !== 'open').map((r) => [r.id, r]),
  );
  const reviews: ActorReview[] = [];
  const reviewIds = new Set<string>();
  // Plain drafts skip the full schema check (the same answer, a fraction of the cost).
  const quickCheck = createQuickActorCheck();

  try {
    await repos.transaction(async (tx) => {
      const actors = tx.entity('actors');
      const emptyAtStart = (await actors.list({ limit: 1 })).items.length === 0;
      const byName = new ActorIndex();
      if (!emptyAtStart) {
        for await (const batch of actors.iterateWithout('corporateNumber', 5000)) {
          for (const record of batch) byName.put(knownOf(record));
        }
      }
      const load = canBulkLoad(actors) ? await actors.openBulkLoad() : plainLoad(actors);
      /** 法人番号 applied by a written batch, and those of them that changed nothing. */
      const applied = createCorporateNumberSet();
      const appliedUnchanged = createCorporateNumberSet();
      const repeats: Pending[] = [];

      async function applyBatch(
        batch: readonly Pending[],
        pass: 'first' | 'repeat',
        write: (records: StoredRecord[]) => Promise<void>,
      ): Promise<void> {
        if (batch.length === 0) return;
        // What is stored under the batch's numbers and under the ids its new actors would get.
        const lookup = pass === 'repeat' || !emptyAtStart;
        const numbers = batch.flatMap((p) => p.output.keys.corporateNumber ?? []);
        const holders = lookup
          ? await actors.holdersOf('corporateNumber', numbers)
          : new Map<string, string[]>();
        const stored = new Map<string, StoredRecord>();
        if (lookup) {
          const ids = [
            ...[...holders.values()].flatMap((ids) => ids.slice(0, 1)),
            ...batch.map((p) => newActorId(source, p.output.keys)),
          ];
          for (const [id, found] of await actors.getMany(ids)) stored.set(id, found.record);
        }
        const inBatch = new Map<string, string>();
        const before = new Map<string, StoredRecord | undefined>();
        const drafts = new Map<string, ActorDraft>();
        const closedNow = new Set<string>();
        for (const { file, output } of batch) {
          const on = output.updatedOn ?? options.retrievedOn;
          const number = output.keys.corporateNumber;
          let targetId =
            number === undefined ? undefined : (inBatch.get(number) ?? holders.get(number)?.[0]);
          if (targetId === undefined) {
            // Nothing to match by name (an empty database, or every actor has a number): skip the work.
            const resolution: Resolution =
              byName.size === 0 ? { outcome: 'new' } : byName.resolve(output.keys);
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
              const reviewId = reviewIdOf(source, resolution.actorId, output.keys);
              const decision = decided.get(reviewId);
              if (decision?.status === 'merged') targetId = resolution.actorId;
              else if (decision?.status !== 'kept_apart') {
                if (reviewIds.has(reviewId)) continue;
                reviewIds.add(reviewId);
                report.review += 1;
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
          }
          const id = targetId ?? newActorId(source, output.keys);
          if (!before.has(id)) {
            // An actor found by name is not among the batch's numbers: read it on its own.
            const found =
              stored.get(id) ??
              (targetId !== undefined && !stored.has(id)
                ? (await actors.get(id))?.record
                : undefined);
            before.set(id, found);
          }
          const existing = drafts.get(id) ?? (before.get(id) as ActorDraft | undefined);
          const outcome = mergeActorOutput({ existing, id, output, source, on });
          if ('skipped' in outcome) {
            skip(file, output.at, outcome.skipped);
            continue;
          }
          const { merged } = outcome;
          if (outcome.closedNow) closedNow.add(id);
          drafts.set(id, merged);
          if (number !== undefined) inBatch.set(number, id);
          if (byName.get(id)) byName.put(knownOf(merged as StoredRecord));
        }
        report.closed += closedNow.size;

        const changed: StoredRecord[] = [];
        for (const [id, draft] of drafts) {
          const quick = quickCheck(draft);
          const parsed = quick
            ? { ok: true as const, record: quick }
            : parseRecord(ENTITY_SPECS.actors, draft);
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
          const record = parsed.record;
          const prior = before.get(id);
          const same = prior !== undefined && canonical(prior) === canonical(record);
          const key = numberKey(
            typeof record['corporateNumber'] === 'string' ? record['corporateNumber'] : undefined,
          );
          if (pass === 'first') {
            if (key !== undefined) applied.add(key);
            if (!prior) report.added += 1;
            else if (same) {
              report.unchanged += 1;
              if (key !== undefined) appliedUnchanged.add(key);
            } else report.updated += 1;
          } else if (!same && key !== undefined && appliedUnchanged.delete(key)) {
            // Unchanged by its first row, changed by a later one: one actor updated.
            report.unchanged -= 1;
            report.updated += 1;
          }
          if (!same) changed.push(record);
        }
        if (details.rejected.length === 0 && changed.length > 0) await write(changed);
      }

      let batch: Pending[] = [];
      for (const input of inputs) {
        for await (const output of connector.parse(input)) {
          report.read += 1;
          if (output.type === 'rejected') reject(input.name, output);
          else if (output.type === 'skipped') skip(input.name, output.at, output);
          else if (output.type === 'actor') {
            const key = numberKey(output.keys.corporateNumber);
            if (key !== undefined && applied.has(key)) repeats.push({ file: input.name, output });
            else batch.push({ file: input.name, output });
            if (batch.length >= batchSize) {
              await applyBatch(batch, 'first', (records) => load.write(records));
              batch = [];
            }
          }
        }
      }
      await applyBatch(batch, 'first', (records) => load.write(records));
      if (details.rejected.length > 0) throw rejectedError(details);
      await load.finish();
      for (let start = 0; start < repeats.length; start += batchSize) {
        await applyBatch(repeats.slice(start, start + batchSize), 'repeat', async (records) => {
          await actors.upsertMany(records);
        });
      }
      if (details.rejected.length > 0) throw rejectedError(details);
      for (const review of reviews) await tx.reviews.add(review);
      // Seeds and needs waiting for an owner that has just arrived are linked to it.
      await linkPendingOwners(tx);
      if (options.dryRun) throw new DryRunFinished();
    });
  } catch (error) {
    if (error instanceof DryRunFinished) return details;
    throw error;
  }
  details.committed = true;
  return details;
}
