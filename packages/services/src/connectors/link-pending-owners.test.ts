import { afterEach, describe, expect, it } from 'vitest';
import type { EntityName } from '#core/entities/registry.ts';
import type { EntityRepo, Repositories, StoredRecord } from '#core/ports.ts';
import type { Database } from '#db/open-database.ts';
import { buildActor, buildNeed, buildSeed } from '#test/factories.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { linkPendingOwners } from './link-pending-owners.ts';

/** The repositories as they are, counting the records each entity's reads hand out. */
function countingReads(repos: Repositories): {
  repos: Repositories;
  read: Partial<Record<EntityName, number>>;
} {
  const read: Partial<Record<EntityName, number>> = {};
  const note = (entity: EntityName, n: number): void => {
    read[entity] = (read[entity] ?? 0) + n;
  };
  const wrap = (repo: EntityRepo): EntityRepo => {
    const entity = repo.entity;
    return new Proxy(repo, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        if (property === 'iterate' || property === 'iterateWithout') {
          return async function* (...args: unknown[]) {
            const batches = (value as (...a: unknown[]) => AsyncIterable<StoredRecord[]>).apply(
              target,
              args,
            );
            for await (const batch of batches) {
              note(entity, batch.length);
              yield batch;
            }
          };
        }
        return async (...args: unknown[]) => {
          const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(
            target,
            args,
          );
          if (property === 'list') note(entity, (result as { items: unknown[] }).items.length);
          if (property === 'getMany') note(entity, (result as Map<string, unknown>).size);
          if (property === 'get' && result !== undefined) note(entity, 1);
          return result;
        };
      },
    });
  };
  const counted = new Proxy(repos, {
    get(target, property, receiver) {
      if (property === 'entity') return (name: EntityName) => wrap(target.entity(name));
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  return { repos: counted, read };
}

describe.each(TEST_DATABASES)('linking pending owners on $name', (kind) => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it('links by 法人番号 and by name in the place, reading only the actors that can be the owner', async () => {
    db = await kind.open();
    const { repos } = db;
    const elsewhere = Array.from({ length: 300 }, (_, i) =>
      buildActor({
        id: `tokyo-${i}`,
        name: `東京商事${i}株式会社`,
        prefectureCode: '13',
        corporateNumber: String(3_000_000_000_000 + i),
      }),
    );
    await repos.entity('actors').upsertMany([
      ...elsewhere,
      // A namesake in another prefecture does not make the name unsure in Kagawa.
      buildActor({ id: 'namesake', name: '香川精工株式会社', prefectureCode: '13' }),
      buildActor({ id: 'kagawa-seiko', name: '香川精工株式会社', prefectureCode: '37' }),
      buildActor({ id: 'kagawa-other', name: '讃岐物産株式会社', prefectureCode: '37' }),
      buildActor({
        id: 'c1',
        name: '株式会社テスト',
        prefectureCode: '01',
        corporateNumber: '7000012050002',
      }),
    ]);
    await repos.entity('seeds').upsertMany([
      ...Array.from({ length: 200 }, (_, i) => buildSeed({ id: `owned-${i}`, ownerId: 'c1' })),
      {
        ...buildSeed({ id: 's-name', ownerId: 'x' }),
        ownerId: undefined,
        ownerName: '香川精工㈱',
        prefectureCode: '37',
      },
      {
        ...buildSeed({ id: 's-number', ownerId: 'x' }),
        ownerId: undefined,
        ownerName: '（株）どこか',
        ownerCorporateNumber: '7000012050002',
      },
      {
        ...buildSeed({ id: 's-unsure', ownerId: 'x' }),
        ownerId: undefined,
        ownerName: '香川精工株式会社',
      },
      { ...buildSeed({ id: 's-none', ownerId: 'x' }), ownerId: undefined },
    ]);
    await repos.entity('needs').upsertMany([
      {
        ...buildNeed({ id: 'n1', ownerId: 'x' }),
        ownerId: undefined,
        ownerName: '香川精工株式会社',
        prefectureCode: '37',
      },
    ]);

    const { repos: counted, read } = countingReads(repos);
    expect(await linkPendingOwners(counted)).toEqual({ linked: 3, pending: 1 });
    const owner = async (entity: 'seeds' | 'needs', id: string) =>
      (await repos.entity(entity).get(id))?.record;
    expect(await owner('seeds', 's-name')).toMatchObject({ ownerId: 'kagawa-seiko' });
    expect((await owner('seeds', 's-name'))?.['ownerName']).toBeUndefined();
    expect(await owner('seeds', 's-number')).toMatchObject({ ownerId: 'c1' });
    expect(await owner('needs', 'n1')).toMatchObject({ ownerId: 'kagawa-seiko' });
    expect((await owner('seeds', 's-unsure'))?.['ownerId']).toBeUndefined();
    // Neither every seed nor every actor is read: the seeds without an owner, the holder of the number and
    // the actors of the prefecture named.
    expect(read.seeds ?? 0).toBeLessThanOrEqual(4);
    expect(read.actors ?? 0).toBeLessThanOrEqual(3);
  });
});
