/**
 * Loads the demo ecosystem into an empty database: everything in one transaction, entity by entity
 * in LOAD_ORDER so references resolve, in batches.
 */
import { DomainError } from '#core/domain-error.ts';
import { ENTITY_NAMES, LOAD_ORDER, type EntityName } from '#core/entities/registry.ts';
import { canBulkLoad, type Repositories } from '#core/ports.ts';
import { generateDemoEcosystem, type DemoOptions } from './generate-demo-ecosystem.ts';

export const DEMO_BATCH_SIZE = 2_000;

export interface LoadDemoOptions extends DemoOptions {
  /** Called before the first and after each batch with the records written so far for that entity. */
  onProgress?: (entity: EntityName, done: number, total: number) => void;
}

export interface LoadDemoResult {
  counts: Record<EntityName, number>;
}

export async function loadDemoEcosystem(
  repos: Repositories,
  options: LoadDemoOptions = {},
): Promise<LoadDemoResult> {
  const existing = await repos.entity('actors').count();
  if (existing > 0) {
    throw new DomainError(
      'conflict',
      `the database already holds ${existing} actors; load the demo into an empty database`,
      { actors: existing },
    );
  }
  const ecosystem = generateDemoEcosystem({
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.scale !== undefined ? { scale: options.scale } : {}),
  });
  const counts = Object.fromEntries(ENTITY_NAMES.map((name) => [name, 0])) as Record<
    EntityName,
    number
  >;
  await repos.transaction(async (tx) => {
    for (const name of LOAD_ORDER) {
      const records = ecosystem[name];
      const repo = tx.entity(name);
      // The tables are empty: a bulk load builds their indexes (search indexes too) once at the
      // end. No entity refers to itself, and each load finishes before the entities that refer to it.
      const bulk = canBulkLoad(repo) ? await repo.openBulkLoad() : undefined;
      let done = 0;
      options.onProgress?.(name, 0, records.length);
      for (let start = 0; start < records.length; start += DEMO_BATCH_SIZE) {
        const batch = records.slice(start, start + DEMO_BATCH_SIZE);
        if (bulk) await bulk.write(batch);
        else await repo.upsertMany(batch);
        done += batch.length;
        options.onProgress?.(name, done, records.length);
      }
      await bulk?.finish();
      counts[name] = done;
    }
  });
  return { counts };
}
