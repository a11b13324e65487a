import type { Dialect } from './sql-client.ts';

/** The first schema, declared as tables: frozen, later changes go in new migrations. */

type ColumnType = 'text' | 'int' | 'real' | 'bool' | 'json';
type ColumnDef = readonly [name: string, type: ColumnType];

interface TableDef {
  columns: readonly ColumnDef[];
  /** Column → referenced table (its `id`), with the delete rule. */
  foreignKeys?: Record<string, { table: string; onDelete: 'CASCADE' | 'RESTRICT' }>;
  indexes?: readonly (readonly string[])[];
}

export function sqlType(dialect: Dialect, type: ColumnType): string {
  if (dialect === 'sqlite')
    return { text: 'TEXT', int: 'INTEGER', real: 'REAL', bool: 'INTEGER', json: 'TEXT' }[type];
  return { text: 'TEXT', int: 'INTEGER', real: 'DOUBLE PRECISION', bool: 'BOOLEAN', json: 'JSONB' }[
    type
  ];
}

export function createTable(dialect: Dialect, table: string, def: TableDef): string[] {
  const lines = [
    'id TEXT PRIMARY KEY',
    ...def.columns.map(([name, type]) => `"${name}" ${sqlType(dialect, type)}`),
    'version INTEGER NOT NULL DEFAULT 1',
    'updated_at TEXT NOT NULL',
    ...Object.entries(def.foreignKeys ?? {}).map(
      ([column, ref]) =>
        `FOREIGN KEY ("${column}") REFERENCES ${ref.table}(id) ON DELETE ${ref.onDelete}`,
    ),
  ];
  return [
    `CREATE TABLE ${table} (\n  ${lines.join(',\n  ')}\n)`,
    ...(def.indexes ?? []).map(
      (columns) =>
        `CREATE INDEX ${table}_${columns.join('_')}_idx ON ${table} (${columns.map((c) => `"${c}"`).join(', ')})`,
    ),
  ];
}

/** Version 1: the ABC registry. Frozen: later changes go in new migrations. */
export const INITIAL_TABLES: Record<string, TableDef> = {
  actors: {
    columns: [
      ['kind', 'text'],
      ['sector', 'text'],
      ['name', 'text'],
      ['name_en', 'text'],
      ['name_kana', 'text'],
      ['prefecture_code', 'text'],
      ['municipality_code', 'text'],
      ['lat', 'real'],
      ['lon', 'real'],
      ['corporate_number', 'text'],
      ['ror', 'text'],
      ['orcid', 'text'],
      ['researchmap_id', 'text'],
      ['kaken_id', 'text'],
      ['url', 'text'],
      ['flags', 'json'],
      ['field', 'text'],
      ['keywords', 'json'],
      ['employees', 'int'],
      ['revenue', 'real'],
      ['founded_year', 'int'],
      ['papers', 'int'],
      ['citations', 'int'],
      ['patents', 'int'],
      ['in_region_procurement_share', 'real'],
      ['out_of_region_sales_share', 'real'],
      ['growth_rate', 'real'],
      ['confirmed_at', 'text'],
      ['source', 'text'],
    ],
    indexes: [['sector'], ['prefecture_code'], ['corporate_number'], ['ror']],
  },
  relations: {
    columns: [
      ['source_id', 'text'],
      ['target_id', 'text'],
      ['type', 'text'],
      ['weight', 'real'],
      ['start_date', 'text'],
      ['end_date', 'text'],
      ['note', 'text'],
      ['confirmed_at', 'text'],
      ['source', 'text'],
    ],
    foreignKeys: {
      source_id: { table: 'actors', onDelete: 'CASCADE' },
      target_id: { table: 'actors', onDelete: 'CASCADE' },
    },
    indexes: [['source_id'], ['target_id']],
  },
  programmes: {
    columns: [
      ['name', 'text'],
      ['name_en', 'text'],
      ['ministry', 'text'],
      ['start_fy', 'int'],
      ['end_fy', 'int'],
      ['type', 'text'],
      ['description', 'text'],
      ['confirmed_at', 'text'],
      ['source', 'text'],
    ],
  },
  adoptions: {
    columns: [
      ['program', 'text'],
      ['region_name', 'text'],
      ['prefecture_codes', 'json'],
      ['theme', 'text'],
      ['core_institution', 'text'],
      ['core_institution_id', 'text'],
      ['start_fy', 'int'],
      ['end_fy', 'int'],
      ['budget', 'real'],
      ['interim_grade', 'text'],
      ['final_grade', 'text'],
      ['universities', 'json'],
      ['pd_name', 'text'],
      ['pd_career', 'text'],
      ['research_themes', 'json'],
      ['participating_orgs', 'int'],
      ['participating_companies', 'int'],
      ['successor_program', 'text'],
      ['continuation', 'text'],
      ['last_active_fy', 'int'],
      ['confirmed_at', 'text'],
      ['source', 'text'],
    ],
    foreignKeys: { program: { table: 'programmes', onDelete: 'RESTRICT' } },
    indexes: [['program']],
  },
  projects: {
    columns: [
      ['title', 'text'],
      ['description', 'text'],
      ['path', 'text'],
      ['approach', 'text'],
      ['stage', 'text'],
      ['start_date', 'text'],
      ['end_date', 'text'],
      ['prefecture_code', 'text'],
      ['adoption_id', 'text'],
      ['members', 'json'],
      ['sdgs', 'json'],
      ['budget', 'real'],
      ['confirmed_at', 'text'],
      ['source', 'text'],
    ],
    indexes: [['prefecture_code'], ['adoption_id']],
  },
  seeds: {
    columns: [
      ['kind', 'text'],
      ['title', 'text'],
      ['abstract', 'text'],
      ['keywords', 'json'],
      ['field', 'text'],
      ['owner_id', 'text'],
      ['prefecture_code', 'text'],
      ['trl', 'int'],
      ['sdgs', 'json'],
      ['patent_number', 'text'],
      ['available', 'bool'],
      ['url', 'text'],
      ['confirmed_at', 'text'],
      ['source', 'text'],
    ],
    foreignKeys: { owner_id: { table: 'actors', onDelete: 'RESTRICT' } },
    indexes: [['owner_id'], ['prefecture_code']],
  },
  needs: {
    columns: [
      ['kind', 'text'],
      ['title', 'text'],
      ['description', 'text'],
      ['owner_id', 'text'],
      ['prefecture_code', 'text'],
      ['confidentiality', 'text'],
      ['keywords', 'json'],
      ['field', 'text'],
      ['sdgs', 'json'],
      ['desired_trl', 'int'],
      ['posted_on', 'text'],
      ['open', 'bool'],
      ['confirmed_at', 'text'],
      ['source', 'text'],
    ],
    foreignKeys: { owner_id: { table: 'actors', onDelete: 'RESTRICT' } },
    indexes: [['owner_id'], ['prefecture_code'], ['confidentiality']],
  },
  funding_flows: {
    columns: [
      ['source_type', 'text'],
      ['funder_id', 'text'],
      ['recipient_id', 'text'],
      ['project_id', 'text'],
      ['adoption_id', 'text'],
      ['fiscal_year', 'int'],
      ['amount', 'real'],
      ['currency', 'text'],
      ['note', 'text'],
      ['confirmed_at', 'text'],
      ['source', 'text'],
    ],
    indexes: [['adoption_id'], ['project_id'], ['recipient_id']],
  },
  support_measures: {
    columns: [
      ['name', 'text'],
      ['provider', 'text'],
      ['provider_id', 'text'],
      ['stages', 'json'],
      ['target_sectors', 'json'],
      ['fields', 'json'],
      ['prefecture_codes', 'json'],
      ['max_amount', 'real'],
      ['start_date', 'text'],
      ['end_date', 'text'],
      ['eligibility', 'text'],
      ['url', 'text'],
      ['confirmed_at', 'text'],
      ['source', 'text'],
    ],
  },
  case_stories: {
    columns: [
      ['title', 'text'],
      ['outcome', 'text'],
      ['summary', 'text'],
      ['factors', 'json'],
      ['lessons', 'text'],
      ['actor_ids', 'json'],
      ['project_ids', 'json'],
      ['programme_ids', 'json'],
      ['prefecture_codes', 'json'],
      ['year', 'int'],
      ['confirmed_at', 'text'],
      ['source', 'text'],
    ],
  },
  indicators: {
    columns: [
      ['area_type', 'text'],
      ['area_code', 'text'],
      ['year', 'int'],
      ['metric', 'text'],
      ['value', 'real'],
      ['unit', 'text'],
      ['confirmed_at', 'text'],
      ['source', 'text'],
    ],
    indexes: [
      ['area_type', 'area_code'],
      ['metric', 'year'],
    ],
  },
};
