/**
 * The facts the structured signals read for each indexed seed, need and actor (kind, owner,
 * field, SDGs, TRL, place, availability), taken from the stored records when the index is
 * refreshed. A seed or need without a registered owner has the owner '' (no network path).
 */
import type { Actor } from '#core/entities/actor.ts';
import type { Need } from '#core/entities/need.ts';
import type { Seed } from '#core/entities/seed.ts';
import { findPrefecture, prefectureGroupOf } from '#core/geo.ts';
import type { ActorFlag, Confidentiality, SeedKind, Sector } from '#core/vocabulary.ts';
import type { GeoPoint } from '#matching/signals.ts';

export interface SeedFacts {
  readonly id: string;
  readonly kind: SeedKind;
  readonly ownerId: string;
  readonly field?: string;
  readonly sdgs: readonly number[];
  readonly trl?: number;
  readonly available: boolean;
  readonly prefectureCode?: string;
}

export interface NeedFacts {
  readonly id: string;
  readonly ownerId: string;
  readonly confidentiality: Confidentiality;
  readonly field?: string;
  readonly sdgs: readonly number[];
  readonly prefectureCode?: string;
  readonly open: boolean;
}

export interface ActorFacts {
  readonly id: string;
  readonly name: string;
  readonly kind: 'organization' | 'person';
  readonly sector: Sector;
  readonly flags: readonly ActorFlag[];
  readonly field?: string;
  readonly prefectureCode: string;
  readonly location?: GeoPoint;
}

export function seedFacts(seed: Seed): SeedFacts {
  return {
    id: seed.id,
    kind: seed.kind,
    // '' while the owner is not registered yet (no actor, no network path)
    ownerId: seed.ownerId ?? '',
    sdgs: seed.sdgs,
    available: seed.available,
    ...(seed.field !== undefined ? { field: seed.field } : {}),
    ...(seed.trl !== undefined ? { trl: seed.trl } : {}),
    ...(seed.prefectureCode !== undefined ? { prefectureCode: seed.prefectureCode } : {}),
  };
}

export function needFacts(need: Need): NeedFacts {
  return {
    id: need.id,
    ownerId: need.ownerId ?? '',
    confidentiality: need.confidentiality,
    sdgs: need.sdgs,
    open: need.open,
    ...(need.field !== undefined ? { field: need.field } : {}),
    ...(need.prefectureCode !== undefined ? { prefectureCode: need.prefectureCode } : {}),
  };
}

/** An actor's facts; its place is its own point, else its prefecture's. */
export function actorFacts(a: Actor): ActorFacts {
  const prefecture = a.prefectureCode ? findPrefecture(a.prefectureCode) : undefined;
  const location =
    a.lat !== undefined && a.lon !== undefined
      ? { lat: a.lat, lon: a.lon }
      : prefecture !== undefined
        ? { lat: prefecture.lat, lon: prefecture.lon }
        : undefined;
  return {
    id: a.id,
    name: a.name,
    kind: a.kind,
    sector: a.sector,
    flags: a.flags,
    prefectureCode: prefectureGroupOf(a),
    ...(a.field !== undefined ? { field: a.field } : {}),
    ...(location !== undefined ? { location } : {}),
  };
}
