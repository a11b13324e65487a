import type { EntityName } from '#core/entities/registry.ts';
import type { Repositories } from '#core/ports.ts';
import type { z } from 'zod';

/** Reads every record of an entity, validating each as it leaves storage. */
export async function readAll<T>(
  repos: Repositories,
  entity: EntityName,
  schema: z.ZodType<T, unknown>,
): Promise<T[]> {
  const out: T[] = [];
  for await (const batch of repos.entity(entity).iterate(10_000))
    for (const record of batch) out.push(schema.parse(record));
  return out;
}

/** Japanese fiscal year (April–March) of a date, named by its starting calendar year. */
export function fiscalYearOf(date: Date): number {
  return date.getUTCMonth() >= 3 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
}

/**
 * Replaces every non-finite number (NaN, ±Infinity) with null, deeply, so JSON output never carries
 * a value JSON cannot represent and readers see "not computable" explicitly.
 */
export function finiteOrNull<T>(value: T): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'number') return Number.isFinite(v) ? v : null;
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return walk(value) as T;
}
