import { afterEach, describe, expect, it } from 'vitest';
import { isDomainError } from '#core/domain-error.ts';
import { ENTITY_NAMES, LOAD_ORDER, type EntityName } from '#core/entities/registry.ts';
import type { Database } from '#db/open-database.ts';
import { buildActor } from '#test/factories.ts';
import { sqliteTestDatabase } from '#test/test-databases.ts';
import { generateDemoEcosystem } from './generate-demo-ecosystem.ts';
import { loadDemoEcosystem } from './load-demo-ecosystem.ts';

describe('loadDemoEcosystem', () => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it('writes every entity into a fresh database, in load order, reporting progress', async () => {
    db = await sqliteTestDatabase.open();
    const progress: EntityName[] = [];
    const { counts } = await loadDemoEcosystem(db.repos, {
      seed: 3,
      scale: 0.05,
      onProgress: (entity) => {
        if (progress[progress.length - 1] !== entity) progress.push(entity);
      },
    });
    expect(progress).toEqual([...LOAD_ORDER]);
    const expected = generateDemoEcosystem({ seed: 3, scale: 0.05 });
    const stored = await db.repos.counts();
    for (const name of ENTITY_NAMES) {
      expect(counts[name], name).toBe(expected[name].length);
      expect(stored[name], name).toBe(expected[name].length);
      expect(counts[name], name).toBeGreaterThan(0);
    }
    expect(stored.prefectures).toBe(47);
    const first = expected.actors[0];
    const read = await db.repos.entity('actors').get(String(first?.['id']));
    expect(read?.record).toEqual(first);
  });

  it('refuses a database that already holds actors and writes nothing', async () => {
    db = await sqliteTestDatabase.open();
    await db.repos.entity('actors').upsertMany([buildActor()]);
    const error = await loadDemoEcosystem(db.repos, { scale: 0.05 }).catch((e: unknown) => e);
    expect(isDomainError(error) && error.code).toBe('conflict');
    const stored = await db.repos.counts();
    expect(stored.actors).toBe(1);
    expect(stored.relations).toBe(0);
  });
});
