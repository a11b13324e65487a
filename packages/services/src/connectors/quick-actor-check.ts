import {
  isPrefectureCode,
  isValidCorporateNumber,
  isValidLocalGovernmentCode,
} from '#core/identifiers.ts';
import { isRealIsoDate } from '#core/fields.ts';
import { ACTOR_FLAGS, ACTOR_KINDS, SECTORS } from '#core/vocabulary.ts';

/**
 * A quick check of the actor drafts a register connector produces in bulk (a 全件 file holds about
 * 5.3 million), before the full schema check: a draft made only of the plain fields such a
 * connector sets, each plainly valid, is returned as the actor schema (`ZActor`) would return it
 * (its empty lists added); anything else — another field, a value the schema changes or might
 * refuse, an actor abroad — returns undefined and goes through the schema as before. The schema
 * check costs about 18 µs a row (a tenth of a 全件 load); this one a small part of it, above all
 * because the few dates a file repeats on every field's provenance are checked once each.
 *
 * Every rule here is one of the schema's (`core/entities/actor.ts`, `core/fields.ts`), never a
 * looser one; `quick-actor-check.test.ts` holds it to that on valid and broken drafts alike.
 */
export interface QuickActorCheck {
  (draft: Readonly<Record<string, unknown>>): Record<string, unknown> | undefined;
}

const KINDS: ReadonlySet<unknown> = new Set(ACTOR_KINDS);
const SECTOR_SET: ReadonlySet<unknown> = new Set(SECTORS);
const FLAGS: ReadonlySet<unknown> = new Set(ACTOR_FLAGS);
// eslint-disable-next-line no-control-regex -- the schema's own rule for ids (ZExternalId)
const EXTERNAL_ID = /^[^\s,;\x00-\x1f]+$/u;

/** The fields the quick check knows, in the schema's order. */
const ORDER = [
  'id',
  'kind',
  'sector',
  'name',
  'nameEn',
  'nameKana',
  'prefectureCode',
  'municipalityCode',
  'corporateNumber',
  'flags',
  'keywords',
  'countryCode',
  'closedOn',
  'successorCorporateNumber',
  'formerNames',
  'fieldSources',
  'confirmedAt',
  'source',
] as const;

const text = (value: unknown, max: number): boolean =>
  typeof value === 'string' && value.length >= 1 && value.length <= max;

const textList = (value: unknown): boolean =>
  Array.isArray(value) && value.every((item) => text(item, 500));

/** A fresh check, with its own memo of the dates it has seen valid. */
export function createQuickActorCheck(): QuickActorCheck {
  const goodDates = new Set<string>();
  const date = (value: unknown): boolean => {
    if (typeof value !== 'string') return false;
    if (goodDates.has(value)) return true;
    if (!isRealIsoDate(value)) return false;
    if (goodDates.size < 10_000) goodDates.add(value);
    return true;
  };

  /** Each field the quick check knows, and whether its value is plainly valid. */
  const RULES: Readonly<Record<string, (value: unknown) => boolean>> = {
    id: (v) => text(v, 200) && EXTERNAL_ID.test(v as string),
    kind: (v) => KINDS.has(v),
    sector: (v) => SECTOR_SET.has(v),
    // The schema trims names: only a name that needs no trimming comes out unchanged.
    name: (v) => text(v, 300) && (v as string).trim() === v,
    nameEn: (v) => typeof v === 'string' && v.length <= 300,
    nameKana: (v) => typeof v === 'string' && v.length <= 300,
    prefectureCode: (v) => typeof v === 'string' && isPrefectureCode(v),
    municipalityCode: (v) => typeof v === 'string' && isValidLocalGovernmentCode(v),
    corporateNumber: (v) => typeof v === 'string' && isValidCorporateNumber(v),
    successorCorporateNumber: (v) => typeof v === 'string' && isValidCorporateNumber(v),
    countryCode: (v) => v === 'JP',
    closedOn: date,
    confirmedAt: date,
    source: (v) => typeof v === 'string' && v.length <= 500,
    formerNames: textList,
    keywords: textList,
    flags: (v) => Array.isArray(v) && v.every((flag) => FLAGS.has(flag)),
    fieldSources: (v) => {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
      for (const entry of Object.values(v as Record<string, unknown>)) {
        if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return false;
        const keys = Object.keys(entry);
        if (keys.length !== 2) return false;
        const { source, on } = entry as { source?: unknown; on?: unknown };
        if (!text(source, 100) || !date(on)) return false;
      }
      return true;
    },
  };

  return (draft) => {
    if (Object.getPrototypeOf(draft) !== Object.prototype) return undefined;
    for (const key in draft) {
      const rule = RULES[key];
      if (rule === undefined || !rule(draft[key])) return undefined;
    }
    const prefecture = draft['prefectureCode'];
    const municipality = draft['municipalityCode'];
    // The schema's rules across fields, for an actor in Japan: a prefecture, the municipality in it.
    if (typeof prefecture !== 'string') return undefined;
    if (typeof municipality === 'string' && !municipality.startsWith(prefecture)) return undefined;
    if (draft['id'] === undefined || draft['kind'] === undefined) return undefined;
    if (draft['sector'] === undefined || draft['name'] === undefined) return undefined;
    // Built in the schema's order, as the schema builds it: records of one shape read fast.
    const record: Record<string, unknown> = {};
    for (const key of ORDER) {
      const value = draft[key];
      if (value !== undefined) record[key] = value;
    }
    record['flags'] ??= [];
    record['keywords'] ??= [];
    return record;
  };
}
