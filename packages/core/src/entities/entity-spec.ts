/**
 * The shape of an entity's specification: its name, table, schema, identity and columns (one
 * column list serves flat files, the database and the API). The specifications themselves are in
 * network-entity-specs.ts and activity-entity-specs.ts, gathered in registry.ts.
 */
import type { z } from 'zod';

/** Entity names as they appear on the CLI and in exports (a contract other tools rely on). */
export const ENTITY_NAMES = [
  'actors',
  'relations',
  'seeds',
  'needs',
  'projects',
  'programmes',
  'adoptions',
  'funding',
  'support-measures',
  'cases',
  'indicators',
  'region-strategies',
  'training-programmes',
] as const;
export type EntityName = (typeof ENTITY_NAMES)[number];

/**
 * How a field is written in a flat file cell and stored in a database column.
 * Lists are `;`-separated in cells and JSON arrays in the database.
 */
export type ColumnCodec =
  | 'text'
  | 'int'
  | 'real'
  | 'bool'
  | 'prefecture' // 2-digit code; "1" and 1 are read as "01"
  | 'lgcode' // 6-digit code; a 5-digit number that lost its leading zero is read back
  | 'list' // text list
  | 'int_list'
  | 'prefecture_list'
  | 'members' // actorId:role;actorId:role
  | 'json'; // nested objects, JSON in the cell

export interface ColumnSpec {
  /** snake_case name used in CSV/XLSX headers and as the database column. */
  column: string;
  /** camelCase field of the domain record. */
  field: string;
  codec: ColumnCodec;
  doc: string;
  /** Other entity this field points to (its external id). */
  references?: EntityName;
  /** Index the database column (lookups, filters). */
  indexed?: boolean;
  /** A list column that API lists filter on: `?sdgs=14` gives the records whose list holds 14. */
  listFilter?: boolean;
  /**
   * Items of a list column that have a partial index of their own (the few actors flagged
   * `consortium` among millions): a list filter on one of them names it literally, so the
   * database reads that index instead of every row's list (migration 19).
   */
  indexedItems?: readonly string[];
  /**
   * Left out of API lists unless asked for with `?fields=` (long logs: a page of projects with
   * them is ~200 KB); a single record and exports always carry it.
   */
  detailOnly?: boolean;
}

/**
 * Actor fields that identify one actor: no two actors may hold the same value (法人番号, ROR, ORCID,
 * researchmap id, KAKEN researcher number, OpenAlex id).
 */
export const ACTOR_STRONG_IDENTIFIERS = [
  'corporateNumber',
  'ror',
  'orcid',
  'researchmapId',
  'kakenId',
  'openalexId',
] as const;

/** The fields an API list gives by default: all but the detail-only ones. */
export function listedFields(spec: EntitySpec): string[] {
  return spec.columns.filter((c) => !c.detailOnly).map((c) => c.field);
}

export interface EntitySpec {
  name: EntityName;
  table: string;
  /** Japanese label for reports. */
  labelJa: string;
  schema: z.ZodType<Record<string, unknown>, unknown>;
  /** The identity a record is upserted on. */
  keyOf(record: Record<string, unknown>): string;
  /** Whether the key is a column of its own (`id`) or derived from other fields. */
  derivedKey: boolean;
  columns: ColumnSpec[];
  /** Text fields searched by `?q=`. */
  searchFields: string[];
  /**
   * Required columns a file may leave out when it has one of these instead (per row the schema still
   * says which is needed), e.g. actors abroad: `country_code` instead of `prefecture_code`.
   */
  columnAlternatives?: Readonly<Record<string, readonly string[]>>;
}

/** Where a record came from and when it was last confirmed (entities fed by open sources). */
export const provenanceColumns: ColumnSpec[] = [
  {
    column: 'confirmed_at',
    field: 'confirmedAt',
    codec: 'text',
    doc: 'Date the record was last confirmed (YYYY-MM-DD)',
  },
  { column: 'source', field: 'source', codec: 'text', doc: 'Where the record came from' },
];

export function idKey(record: Record<string, unknown>): string {
  return String(record['id']);
}

export function asSchema<T extends Record<string, unknown>>(
  schema: z.ZodType<T, unknown>,
): EntitySpec['schema'] {
  return schema;
}
