import { ActorIndex } from '#connectors/resolve-actor.ts';
import type { Repositories, StoredRecord } from '#core/ports.ts';
import { knownOf } from './known-actor.ts';

/** Seeds and needs still waiting for their owner, and those linked by this run. */
export interface PendingOwnerReport {
  linked: number;
  pending: number;
}

const OWNED = ['seeds', 'needs'] as const;

function isPending(record: StoredRecord): boolean {
  return (
    record['ownerId'] === undefined &&
    (typeof record['ownerName'] === 'string' || typeof record['ownerCorporateNumber'] === 'string')
  );
}

/**
 * Links seeds and needs whose owner was not registered when they came (owner_name, owner
 * corporate number) to the actor that now is: by 法人番号, or by the entity-resolution rules for
 * names (normalised name and the record's prefecture, one such organisation: sure). A name that
 * only may be the owner (no prefecture, several namesakes, a person) stays pending: nothing is
 * linked on a guess. Runs in the caller's transaction.
 */
export async function linkPendingOwners(repos: Repositories): Promise<PendingOwnerReport> {
  const waiting: { entity: (typeof OWNED)[number]; record: StoredRecord }[] = [];
  for (const entity of OWNED) {
    for await (const batch of repos.entity(entity).iterate(10_000)) {
      for (const record of batch) if (isPending(record)) waiting.push({ entity, record });
    }
  }
  if (waiting.length === 0) return { linked: 0, pending: 0 };
  const index = new ActorIndex();
  for await (const batch of repos.entity('actors').iterate(10_000)) {
    for (const record of batch) index.put(knownOf(record));
  }
  const linked: Record<(typeof OWNED)[number], StoredRecord[]> = { seeds: [], needs: [] };
  for (const { entity, record } of waiting) {
    const text = (key: string): string | undefined =>
      typeof record[key] === 'string' ? (record[key] as string) : undefined;
    const corporateNumber = text('ownerCorporateNumber');
    const name = text('ownerName');
    const prefectureCode = text('prefectureCode');
    const resolution = index.resolve({
      ...(corporateNumber ? { corporateNumber } : {}),
      ...(name ? { name } : {}),
      ...(prefectureCode ? { prefectureCode } : {}),
      kind: 'organization',
    });
    if (resolution.outcome !== 'identified' && resolution.outcome !== 'sure') continue;
    const { ownerName: _name, ownerCorporateNumber: _number, ...rest } = record;
    linked[entity].push({ ...rest, ownerId: resolution.actorId });
  }
  for (const entity of OWNED)
    if (linked[entity].length > 0) await repos.entity(entity).upsertMany(linked[entity]);
  const count = linked.seeds.length + linked.needs.length;
  return { linked: count, pending: waiting.length - count };
}
