import type { Actor, FieldSource } from '#core/entities/actor.ts';
import type { ActorFields, ActorKeys, Closure, SourceName } from './connector.ts';
import { STRONG_IDENTIFIERS } from './resolve-actor.ts';

/**
 * Order of trust between sources, per field (higher wins): the register of a field's own authority
 * first (法人番号 for corporate names and addresses, ROR for research organisations), then sources
 * that copy or infer it. A field a person set (no entry in fieldSources) is never overwritten.
 */
export const SOURCE_TRUST: Record<SourceName, number> = {
  'houjin-bangou': 90,
  gbizinfo: 80,
  ror: 70,
  kaken: 60,
  researchmap: 50,
  openalex: 40,
  estat: 30,
  jgrants: 30,
};

/** Fields a connector may set on an actor; lists are merged, others replaced by trust. */
const SCALAR_FIELDS = [
  'sector',
  'name',
  'nameEn',
  'nameKana',
  'prefectureCode',
  'municipalityCode',
  'countryCode',
  'lat',
  'lon',
  'url',
  'field',
  'employees',
  'capital',
  'foundedYear',
  'papers',
  'citations',
  'patents',
] as const;
const LIST_FIELDS = ['flags', 'keywords', 'formerNames'] as const;

export type ActorDraft = Partial<Actor> & { fieldSources?: Record<string, FieldSource> };

function trustOf(source: string): number {
  return (SOURCE_TRUST as Record<string, number>)[source] ?? 0;
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The actor after a source's record is applied: empty fields filled, fields the source set before
 * (or a less trusted source set) replaced, fields a person set kept. Identifiers are added, never
 * replaced. `formerNames` keeps the old name when the register renames the actor.
 */
export function mergeActorRecord(
  existing: ActorDraft | undefined,
  keys: ActorKeys,
  fields: ActorFields,
  source: SourceName,
  on: string,
  closure?: Closure,
): ActorDraft {
  const merged: ActorDraft = existing ? { ...existing } : { kind: fields.kind };
  const sources: Record<string, FieldSource> = { ...(existing?.fieldSources ?? {}) };
  const isNew = existing === undefined;
  const record = merged as Record<string, unknown>;
  const incoming = fields as unknown as Record<string, unknown>;
  const oldName = existing?.name;
  for (const field of SCALAR_FIELDS) {
    const value = incoming[field];
    if (value === undefined) continue;
    const current = record[field];
    if (equal(current, value)) continue;
    const setBy = sources[field];
    const replaceable =
      current === undefined ||
      isNew ||
      (setBy !== undefined && trustOf(source) >= trustOf(setBy.source));
    if (!replaceable) continue;
    record[field] = value;
    sources[field] = { source, on };
  }
  for (const field of LIST_FIELDS) {
    const value = incoming[field];
    if (!Array.isArray(value) || value.length === 0) continue;
    const current = Array.isArray(record[field]) ? (record[field] as unknown[]) : [];
    const union = [...new Set([...current, ...value])];
    if (union.length !== current.length) {
      record[field] = union;
      if (!sources[field]) sources[field] = { source, on };
    }
  }
  if (oldName && merged.name !== oldName) {
    merged.formerNames = [...new Set([...(merged.formerNames ?? []), oldName])];
  }
  if (merged.formerNames && merged.name) {
    merged.formerNames = merged.formerNames.filter((n) => n !== merged.name);
  }
  for (const identifier of STRONG_IDENTIFIERS) {
    const value = keys[identifier];
    if (value !== undefined && record[identifier] === undefined) {
      record[identifier] = value;
      sources[identifier] = { source, on };
    }
  }
  if (closure && merged.closedOn === undefined) {
    merged.closedOn = closure.date;
    if (closure.successorCorporateNumber)
      merged.successorCorporateNumber = closure.successorCorporateNumber;
    sources['closedOn'] = { source, on };
  }
  if (Object.keys(sources).length > 0) merged.fieldSources = sources;
  return merged;
}
