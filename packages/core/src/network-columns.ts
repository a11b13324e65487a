/**
 * The actor network in the compact form the network analyses read: the few actor fields they use,
 * and the relations as parallel typed arrays indexed by actor position (no object per relation).
 * Read straight from storage by `Repositories.network`, or derived from records in memory.
 */
import type { Actor } from './entities/actor.ts';

/**
 * The actor fields the network analyses use: community description and names, the wheel, places;
 * the roles (papers, citations and career start of researchers; the METI core-company inputs);
 * the strengths (papers, patents); gap filling (coordinates, keywords: absent when none); the
 * honest-demo note (source).
 */
export type NetworkActor = Pick<
  Actor,
  | 'id'
  | 'kind'
  | 'name'
  | 'nameEn'
  | 'field'
  | 'sector'
  | 'flags'
  | 'prefectureCode'
  | 'municipalityCode'
  | 'countryCode'
  | 'foundedYear'
  | 'employees'
  | 'papers'
  | 'citations'
  | 'patents'
  | 'careerStartYear'
  | 'inRegionProcurementShare'
  | 'outOfRegionSalesShare'
  | 'growthRate'
  | 'source'
  | 'lat'
  | 'lon'
> &
  Partial<Pick<Actor, 'keywords'>>;

/** True for a record made by the demo generator (its source starts with `demo`). */
export function isGeneratedSource(source: string | null | undefined): boolean {
  return source?.startsWith('demo') === true;
}

/** A relation date absent (open start or ongoing tie). */
export const NO_DAY = -2_147_483_648;

/**
 * Relations as parallel arrays, entry r for relation r: endpoints as positions in the actor list,
 * the type as its position in RELATION_TYPES, dates as days since 1970-01-01 (NO_DAY when absent),
 * and 1 in `generated` when the relation was made by the demo generator (`isGeneratedSource`).
 */
export interface RelationColumns {
  readonly count: number;
  readonly source: Int32Array;
  readonly target: Int32Array;
  readonly type: Uint8Array;
  readonly weight: Float64Array;
  readonly startDay: Int32Array;
  readonly endDay: Int32Array;
  readonly generated: Uint8Array;
}

export interface CompactNetwork {
  readonly actors: readonly NetworkActor[];
  readonly relations: RelationColumns;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD date (UTC, as Date.parse reads it); NO_DAY when absent. */
export function dayNumberOf(date: string | null | undefined): number {
  if (date === null || date === undefined || date === '') return NO_DAY;
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}
