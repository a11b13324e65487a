import type { ActorKind } from '#core/vocabulary.ts';
import { nameSimilarity, normalizeActorName } from './actor-names.ts';
import type { ActorKeys } from './connector.ts';

/** The strong identifiers, strongest first: one of them equal means the same actor. */
export const STRONG_IDENTIFIERS = [
  'corporateNumber',
  'ror',
  'orcid',
  'researchmapId',
  'kakenId',
  'openalexId',
] as const;
export type StrongIdentifier = (typeof STRONG_IDENTIFIERS)[number];

/** What resolution knows of a stored actor. */
export interface KnownActor {
  id: string;
  kind: ActorKind;
  name: string;
  prefectureCode?: string | undefined;
  /** ISO 3166-1 alpha-2; absent or JP means Japan. */
  countryCode?: string | undefined;
  formerNames?: readonly string[] | undefined;
  corporateNumber?: string | undefined;
  ror?: string | undefined;
  orcid?: string | undefined;
  researchmapId?: string | undefined;
  kakenId?: string | undefined;
  openalexId?: string | undefined;
}

/**
 * Why resolution took a record for an actor, as a stable code with its values (a place is a
 * prefecture code or `abroad:CC`), for messages in any language; `evidenceText` gives the English.
 */
export type ResolutionEvidence =
  | { code: 'same_name_place'; values: { place: string } }
  | { code: 'same_name_place_people'; values: { place: string } }
  | { code: 'same_name_place_several'; values: { place: string } }
  | { code: 'same_name_place_unknown'; values: Record<string, never> }
  | { code: 'similar_name_same_place'; values: { place: string; name: string } }
  | { code: 'identifiers_conflict'; values: { actorIds: string[] } };
export type ResolutionEvidenceCode = ResolutionEvidence['code'];

/** The evidence in the resolver's own English words (the CLI's and the stored reasons). */
export function evidenceText(evidence: ResolutionEvidence): string {
  switch (evidence.code) {
    case 'same_name_place':
      return `same name and place (${evidence.values.place})`;
    case 'same_name_place_people':
      return 'same name and prefecture, but people share names';
    case 'same_name_place_several':
      return 'same name and prefecture, but several actors have it';
    case 'same_name_place_unknown':
      return 'same name, prefecture unknown on one side';
    case 'similar_name_same_place':
      return `similar name in the same prefecture (${evidence.values.name})`;
    case 'identifiers_conflict':
      return `identifiers of one record belong to ${evidence.values.actorIds.join(' and ')}`;
  }
}

export type Resolution =
  /** Found by a strong identifier. */
  | { outcome: 'identified'; actorId: string; by: StrongIdentifier }
  /** Same normalised name and place: merged without asking. */
  | { outcome: 'sure'; actorId: string; reason: string; evidence: ResolutionEvidence }
  /** May be this actor: waits for a person (review queue). */
  | {
      outcome: 'likely';
      actorId: string;
      score: number;
      reason: string;
      evidence: ResolutionEvidence;
    }
  /** Strong identifiers of the record point to two different actors. */
  | { outcome: 'conflict'; actorIds: string[]; reason: string }
  | { outcome: 'new' };

/** A resolution with its evidence and the evidence's English words. */
function because<T extends object>(
  resolution: T,
  evidence: ResolutionEvidence,
): T & { evidence: ResolutionEvidence; reason: string } {
  return { ...resolution, evidence, reason: evidenceText(evidence) };
}

/**
 * Where an actor or a record is, for name matching: its prefecture, or `abroad:CC` for a foreign
 * one (so a foreign partner never matches a Japanese actor of the same name on the place).
 */
function placeOf(where: {
  prefectureCode?: string | undefined;
  countryCode?: string | undefined;
}): string | undefined {
  if (where.prefectureCode !== undefined) return where.prefectureCode;
  if (where.countryCode !== undefined && where.countryCode !== 'JP')
    return `abroad:${where.countryCode}`;
  return undefined;
}

/** Thresholds of name matching (docs/decisions/009). */
export const LIKELY_SIMILARITY = 0.8;

/**
 * An index of known actors for resolution: strong identifiers, then normalised names (current and
 * former) with the prefecture. Actors added during a run are found by the records that follow.
 */
export class ActorIndex {
  private readonly byIdentifier = new Map<string, string>();
  private readonly byName = new Map<string, Set<string>>();
  private readonly byPrefecture = new Map<string, Set<string>>();
  private readonly actors = new Map<string, KnownActor>();
  /** Normalised current and former names of each actor, computed once. */
  private readonly names = new Map<string, string[]>();

  get size(): number {
    return this.actors.size;
  }

  get(id: string): KnownActor | undefined {
    return this.actors.get(id);
  }

  /** Adds or replaces an actor (replacing drops its old keys). */
  put(actor: KnownActor): void {
    const previous = this.actors.get(actor.id);
    if (previous) this.remove(previous);
    this.actors.set(actor.id, actor);
    for (const identifier of STRONG_IDENTIFIERS) {
      const value = actor[identifier];
      if (value) this.byIdentifier.set(`${identifier}:${value}`, actor.id);
    }
    const names = [actor.name, ...(actor.formerNames ?? [])].map(normalizeActorName);
    this.names.set(actor.id, names);
    for (const name of names) {
      const key = `${actor.kind}:${name}`;
      const ids = this.byName.get(key) ?? new Set<string>();
      ids.add(actor.id);
      this.byName.set(key, ids);
    }
    const place = `${actor.kind}:${placeOf(actor) ?? ''}`;
    const inPlace = this.byPrefecture.get(place) ?? new Set<string>();
    inPlace.add(actor.id);
    this.byPrefecture.set(place, inPlace);
  }

  private remove(actor: KnownActor): void {
    for (const identifier of STRONG_IDENTIFIERS) {
      const value = actor[identifier];
      if (value && this.byIdentifier.get(`${identifier}:${value}`) === actor.id) {
        this.byIdentifier.delete(`${identifier}:${value}`);
      }
    }
    for (const name of this.names.get(actor.id) ?? []) {
      this.byName.get(`${actor.kind}:${name}`)?.delete(actor.id);
    }
    this.byPrefecture.get(`${actor.kind}:${placeOf(actor) ?? ''}`)?.delete(actor.id);
  }

  /** The actor holding this identifier value, if any. */
  holder(identifier: StrongIdentifier, value: string): string | undefined {
    return this.byIdentifier.get(`${identifier}:${value}`);
  }

  resolve(keys: ActorKeys): Resolution {
    const found = new Map<string, StrongIdentifier>();
    for (const identifier of STRONG_IDENTIFIERS) {
      const value = keys[identifier];
      const id = value ? this.holder(identifier, value) : undefined;
      if (id && !found.has(id)) found.set(id, identifier);
    }
    if (found.size > 1) {
      const ids = [...found.keys()];
      return {
        outcome: 'conflict',
        actorIds: ids,
        reason: evidenceText({ code: 'identifiers_conflict', values: { actorIds: ids } }),
      };
    }
    const [identified] = [...found.entries()];
    if (identified) return { outcome: 'identified', actorId: identified[0], by: identified[1] };
    if (!keys.name) return { outcome: 'new' };
    return this.resolveByName(keys);
  }

  /** A known actor holding a different value of an identifier the record has is someone else. */
  private contradicts(actor: KnownActor, keys: ActorKeys): boolean {
    return STRONG_IDENTIFIERS.some((identifier) => {
      const mine = keys[identifier];
      const theirs = actor[identifier];
      return mine !== undefined && theirs !== undefined && mine !== theirs;
    });
  }

  private resolveByName(keys: ActorKeys): Resolution {
    const kind = keys.kind ?? 'organization';
    const name = normalizeActorName(keys.name ?? '');
    if (name.length === 0) return { outcome: 'new' };
    const exact = [...(this.byName.get(`${kind}:${name}`) ?? [])]
      .map((id) => this.actors.get(id))
      .filter((a): a is KnownActor => a !== undefined && !this.contradicts(a, keys));
    const place = placeOf(keys);
    const samePlace = exact.filter((a) => place !== undefined && placeOf(a) === place);
    // People share names: a person is never merged on the name alone.
    if (kind === 'organization' && samePlace.length === 1 && samePlace[0] && place) {
      return because(
        { outcome: 'sure' as const, actorId: samePlace[0].id },
        { code: 'same_name_place', values: { place } },
      );
    }
    const placeUnknown = exact.filter((a) => place === undefined || placeOf(a) === undefined);
    const candidate = samePlace[0] ?? placeUnknown[0];
    if (candidate) {
      const likely = {
        outcome: 'likely' as const,
        actorId: candidate.id,
        score: samePlace[0] ? 0.95 : 0.9,
      };
      if (samePlace[0] && place)
        return because(likely, {
          code: kind === 'person' ? 'same_name_place_people' : 'same_name_place_several',
          values: { place },
        });
      return because(likely, { code: 'same_name_place_unknown', values: {} });
    }
    // Records with a strong identifier of their own are only matched on the exact name.
    if (STRONG_IDENTIFIERS.some((identifier) => keys[identifier] !== undefined)) {
      return { outcome: 'new' };
    }
    if (place === undefined) return { outcome: 'new' };
    let best: { actor: KnownActor; score: number } | undefined;
    for (const id of this.byPrefecture.get(`${kind}:${place}`) ?? []) {
      const actor = this.actors.get(id);
      if (!actor || this.contradicts(actor, keys)) continue;
      for (const known of this.names.get(id) ?? []) {
        const score = nameSimilarity(name, known);
        if (score >= LIKELY_SIMILARITY && (!best || score > best.score)) best = { actor, score };
      }
    }
    if (best) {
      return because(
        {
          outcome: 'likely' as const,
          actorId: best.actor.id,
          score: Math.round(best.score * 100) / 100,
        },
        { code: 'similar_name_same_place', values: { place, name: best.actor.name } },
      );
    }
    return { outcome: 'new' };
  }
}
