import { normalizeActorName } from '#connectors/actor-names.ts';
import { ActorIndex } from '#connectors/resolve-actor.ts';
import type { EntityRepo, Repositories, StoredRecord } from '#core/ports.ts';
import { knownOf } from './known-actor.ts';

/** Seeds and needs still waiting for their owner, and those linked by this run. */
export interface PendingOwnerReport {
  linked: number;
  pending: number;
}

const OWNED = ['seeds', 'needs'] as const;

const PAGE = 5000;

function text(record: StoredRecord, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
}

function isPending(record: StoredRecord): boolean {
  return (
    record['ownerId'] === undefined &&
    (text(record, 'ownerName') !== undefined || text(record, 'ownerCorporateNumber') !== undefined)
  );
}

/**
 * The only actors that can own the waiting records, in an index: the holders of their 法人番号,
 * and the actors of each prefecture they name whose normalised name (or a former one) is a name
 * they give. Resolution over these gives what it gives over every actor: a 法人番号 finds its
 * holder, and a sure match by name needs the same name in the same place.
 */
async function candidateOwners(
  actors: EntityRepo,
  waiting: readonly StoredRecord[],
): Promise<ActorIndex> {
  const index = new ActorIndex();
  const numbers = waiting.flatMap((r) => text(r, 'ownerCorporateNumber') ?? []);
  const holders = await actors.holdersOf('corporateNumber', numbers);
  for (const found of (await actors.getMany([...holders.values()].flat())).values())
    index.put(knownOf(found.record));
  const names = new Set<string>();
  const prefectures = new Set<string>();
  for (const record of waiting) {
    const name = text(record, 'ownerName');
    const prefectureCode = text(record, 'prefectureCode');
    if (name === undefined || prefectureCode === undefined) continue;
    names.add(normalizeActorName(name));
    prefectures.add(prefectureCode);
  }
  for (const prefectureCode of prefectures) {
    let cursor: string | undefined;
    do {
      const page = await actors.list({
        limit: PAGE,
        where: { prefectureCode },
        ...(cursor === undefined ? {} : { cursor }),
      });
      for (const record of page.items) {
        const known = knownOf(record);
        const named = [known.name, ...(known.formerNames ?? [])].map(normalizeActorName);
        if (named.some((name) => names.has(name))) index.put(known);
      }
      cursor = page.nextCursor;
    } while (cursor !== undefined);
  }
  return index;
}

/**
 * Links seeds and needs whose owner was not registered when they came (owner_name, owner
 * corporate number) to the actor that now is: by 法人番号, or by the entity-resolution rules for
 * names (normalised name and the record's prefecture, one such organisation: sure). A name that
 * only may be the owner (no prefecture, several namesakes, a person) stays pending: nothing is
 * linked on a guess. Reads only the records without an owner (indexed) and the actors that can be
 * theirs, never every actor. Runs in the caller's transaction.
 */
export async function linkPendingOwners(repos: Repositories): Promise<PendingOwnerReport> {
  const waiting: { entity: (typeof OWNED)[number]; record: StoredRecord }[] = [];
  for (const entity of OWNED) {
    for await (const batch of repos.entity(entity).iterateWithout('ownerId', PAGE)) {
      for (const record of batch) if (isPending(record)) waiting.push({ entity, record });
    }
  }
  if (waiting.length === 0) return { linked: 0, pending: 0 };
  const index = await candidateOwners(
    repos.entity('actors'),
    waiting.map((w) => w.record),
  );
  const linked: Record<(typeof OWNED)[number], StoredRecord[]> = { seeds: [], needs: [] };
  for (const { entity, record } of waiting) {
    const corporateNumber = text(record, 'ownerCorporateNumber');
    const name = text(record, 'ownerName');
    const prefectureCode = text(record, 'prefectureCode');
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
