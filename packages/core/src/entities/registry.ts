import type { z } from 'zod';
import { ZActor } from './actor.ts';
import { ZAdoption } from './adoption.ts';
import { ZCaseStory } from './case-story.ts';
import { ZFundingFlow } from './funding-flow.ts';
import { indicatorKey, ZIndicator } from './indicator.ts';
import { ZNeed } from './need.ts';
import { ZProgramme } from './programme.ts';
import { ZProject } from './project.ts';
import { relationKey, ZRelation } from './relation.ts';
import { ZSeed } from './seed.ts';
import { ZSupportMeasure } from './support-measure.ts';

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
}

const provenanceColumns: ColumnSpec[] = [
  {
    column: 'confirmed_at',
    field: 'confirmedAt',
    codec: 'text',
    doc: 'Date the record was last confirmed (YYYY-MM-DD)',
  },
  { column: 'source', field: 'source', codec: 'text', doc: 'Where the record came from' },
];

function idKey(record: Record<string, unknown>): string {
  return String(record['id']);
}

function asSchema<T extends Record<string, unknown>>(
  schema: z.ZodType<T, unknown>,
): EntitySpec['schema'] {
  return schema;
}

const actors: EntitySpec = {
  name: 'actors',
  table: 'actors',
  labelJa: '主体',
  schema: asSchema(ZActor),
  keyOf: idKey,
  derivedKey: false,
  searchFields: ['name', 'nameEn', 'nameKana'],
  columns: [
    { column: 'id', field: 'id', codec: 'text', doc: 'External identifier (required, unique)' },
    { column: 'kind', field: 'kind', codec: 'text', doc: 'organization | person (required)' },
    {
      column: 'sector',
      field: 'sector',
      codec: 'text',
      doc: 'university | public_research | national_lab | company | financial | national_government | prefecture | municipality | support_org | npo | school | other (required)',
      indexed: true,
    },
    { column: 'name', field: 'name', codec: 'text', doc: 'Name in Japanese (required)' },
    { column: 'name_en', field: 'nameEn', codec: 'text', doc: 'Name in English' },
    { column: 'name_kana', field: 'nameKana', codec: 'text', doc: 'Reading in kana' },
    {
      column: 'prefecture_code',
      field: 'prefectureCode',
      codec: 'prefecture',
      doc: 'JIS prefecture code 01..47 (required)',
      indexed: true,
    },
    {
      column: 'municipality_code',
      field: 'municipalityCode',
      codec: 'lgcode',
      doc: '6-digit 全国地方公共団体コード with check digit, inside the prefecture',
    },
    { column: 'lat', field: 'lat', codec: 'real', doc: 'Latitude (WGS84)' },
    { column: 'lon', field: 'lon', codec: 'real', doc: 'Longitude (WGS84)' },
    {
      column: 'corporate_number',
      field: 'corporateNumber',
      codec: 'text',
      doc: '13-digit 法人番号 with check digit',
      indexed: true,
    },
    {
      column: 'ror',
      field: 'ror',
      codec: 'text',
      doc: 'ROR id (9 characters, or the https://ror.org/ URL)',
      indexed: true,
    },
    { column: 'orcid', field: 'orcid', codec: 'text', doc: 'ORCID iD (0000-0000-0000-000X)' },
    {
      column: 'researchmap_id',
      field: 'researchmapId',
      codec: 'text',
      doc: 'researchmap permalink id',
    },
    {
      column: 'kaken_id',
      field: 'kakenId',
      codec: 'text',
      doc: 'KAKEN researcher number (8 digits)',
    },
    { column: 'url', field: 'url', codec: 'text', doc: 'Web site' },
    {
      column: 'flags',
      field: 'flags',
      codec: 'list',
      doc: 'sme;large;startup;university_venture;regional_core;anchor;star_scientist;researcher;coordinator;pd_pm;entrepreneur;student;bank;vc;tlo;incubator',
    },
    { column: 'field', field: 'field', codec: 'text', doc: 'Research or industry field' },
    { column: 'keywords', field: 'keywords', codec: 'list', doc: 'Keywords, ;-separated' },
    { column: 'employees', field: 'employees', codec: 'int', doc: 'Number of employees' },
    { column: 'revenue', field: 'revenue', codec: 'real', doc: 'Annual revenue (JPY)' },
    { column: 'founded_year', field: 'foundedYear', codec: 'int', doc: 'Year founded' },
    { column: 'papers', field: 'papers', codec: 'int', doc: 'Number of papers' },
    { column: 'citations', field: 'citations', codec: 'int', doc: 'Number of citations' },
    { column: 'patents', field: 'patents', codec: 'int', doc: 'Number of patents' },
    {
      column: 'in_region_procurement_share',
      field: 'inRegionProcurementShare',
      codec: 'real',
      doc: 'Share 0..1 of purchases inside the region (域内仕入)',
    },
    {
      column: 'out_of_region_sales_share',
      field: 'outOfRegionSalesShare',
      codec: 'real',
      doc: 'Share 0..1 of sales outside the region (域外販売)',
    },
    {
      column: 'growth_rate',
      field: 'growthRate',
      codec: 'real',
      doc: 'Yearly growth rate (0.1 = +10%)',
    },
    {
      column: 'openalex_id',
      field: 'openalexId',
      codec: 'text',
      doc: 'OpenAlex id (I… institution, A… author)',
      indexed: true,
    },
    {
      column: 'capital',
      field: 'capital',
      codec: 'real',
      doc: 'Capital stock (資本金, JPY)',
    },
    {
      column: 'country_code',
      field: 'countryCode',
      codec: 'text',
      doc: 'ISO 3166-1 country code (empty = JP)',
    },
    {
      column: 'closed_on',
      field: 'closedOn',
      codec: 'text',
      doc: 'Date the register was closed (閉鎖), YYYY-MM-DD',
    },
    {
      column: 'successor_corporate_number',
      field: 'successorCorporateNumber',
      codec: 'text',
      doc: '承継先法人番号 of the corporation that took this one over',
    },
    {
      column: 'former_names',
      field: 'formerNames',
      codec: 'json',
      doc: 'Former or other names, a JSON array (matched when resolving records)',
    },
    {
      column: 'field_sources',
      field: 'fieldSources',
      codec: 'json',
      doc: 'Per field: the source that set it and when (JSON); fields not listed were set by a person',
      detailOnly: true,
    },
    ...provenanceColumns,
  ],
};

const relations: EntitySpec = {
  name: 'relations',
  table: 'relations',
  labelJa: '関係',
  schema: asSchema(ZRelation),
  keyOf: (record) => relationKey(ZRelationKeyView(record)),
  derivedKey: true,
  searchFields: ['note'],
  columns: [
    {
      column: 'source_id',
      field: 'sourceId',
      codec: 'text',
      doc: 'Actor id at the start of the tie (required)',
      references: 'actors',
      indexed: true,
    },
    {
      column: 'target_id',
      field: 'targetId',
      codec: 'text',
      doc: 'Actor id at the end of the tie (required)',
      references: 'actors',
      indexed: true,
    },
    {
      column: 'type',
      field: 'type',
      codec: 'text',
      doc: 'co_authorship | joint_research | contract_research | license | investment | loan | grant | supply | sales | employment | affiliation | membership | mou | spinout | mentoring | participation (required)',
    },
    { column: 'weight', field: 'weight', codec: 'real', doc: 'Strength ≥ 0 (default 1)' },
    {
      column: 'start_date',
      field: 'startDate',
      codec: 'text',
      doc: 'Start (YYYY-MM-DD); part of the identity',
    },
    {
      column: 'end_date',
      field: 'endDate',
      codec: 'text',
      doc: 'End (YYYY-MM-DD), not before the start',
    },
    { column: 'note', field: 'note', codec: 'text', doc: 'Free note' },
    ...provenanceColumns,
  ],
};

function ZRelationKeyView(record: Record<string, unknown>) {
  return {
    sourceId: String(record['sourceId']),
    targetId: String(record['targetId']),
    type: String(record['type']) as never,
    startDate: typeof record['startDate'] === 'string' ? record['startDate'] : undefined,
  };
}

const seeds: EntitySpec = {
  name: 'seeds',
  table: 'seeds',
  labelJa: 'シーズ',
  schema: asSchema(ZSeed),
  keyOf: idKey,
  derivedKey: false,
  searchFields: ['title', 'abstract'],
  columns: [
    { column: 'id', field: 'id', codec: 'text', doc: 'External identifier (required)' },
    {
      column: 'kind',
      field: 'kind',
      codec: 'text',
      doc: 'research_result | patent | technology | facility (default research_result)',
    },
    { column: 'title', field: 'title', codec: 'text', doc: 'Title (required)' },
    { column: 'abstract', field: 'abstract', codec: 'text', doc: 'Abstract' },
    { column: 'keywords', field: 'keywords', codec: 'list', doc: 'Keywords, ;-separated' },
    { column: 'field', field: 'field', codec: 'text', doc: 'Research field' },
    {
      column: 'owner_id',
      field: 'ownerId',
      codec: 'text',
      doc: 'Owning actor id (required)',
      references: 'actors',
      indexed: true,
    },
    {
      column: 'prefecture_code',
      field: 'prefectureCode',
      codec: 'prefecture',
      doc: 'Prefecture code 01..47',
      indexed: true,
    },
    { column: 'trl', field: 'trl', codec: 'int', doc: 'Technology readiness level 1..9' },
    { column: 'sdgs', field: 'sdgs', codec: 'int_list', doc: 'SDG numbers 1..17, ;-separated' },
    {
      column: 'patent_number',
      field: 'patentNumber',
      codec: 'text',
      doc: 'Patent or application number',
    },
    {
      column: 'available',
      field: 'available',
      codec: 'bool',
      doc: 'Open to new partners (true/false, default true)',
    },
    { column: 'url', field: 'url', codec: 'text', doc: 'Web page' },
    ...provenanceColumns,
  ],
};

const needs: EntitySpec = {
  name: 'needs',
  table: 'needs',
  labelJa: 'ニーズ',
  schema: asSchema(ZNeed),
  keyOf: idKey,
  derivedKey: false,
  searchFields: ['title', 'description'],
  columns: [
    { column: 'id', field: 'id', codec: 'text', doc: 'External identifier (required)' },
    { column: 'kind', field: 'kind', codec: 'text', doc: 'company | community (default company)' },
    { column: 'title', field: 'title', codec: 'text', doc: 'Title (required)' },
    { column: 'description', field: 'description', codec: 'text', doc: 'Description' },
    {
      column: 'owner_id',
      field: 'ownerId',
      codec: 'text',
      doc: 'Owning actor id (required)',
      references: 'actors',
      indexed: true,
    },
    {
      column: 'prefecture_code',
      field: 'prefectureCode',
      codec: 'prefecture',
      doc: 'Prefecture code 01..47',
      indexed: true,
    },
    {
      column: 'confidentiality',
      field: 'confidentiality',
      codec: 'text',
      doc: 'public | members | confidential (default public)',
      indexed: true,
    },
    { column: 'keywords', field: 'keywords', codec: 'list', doc: 'Keywords, ;-separated' },
    { column: 'field', field: 'field', codec: 'text', doc: 'Field' },
    { column: 'sdgs', field: 'sdgs', codec: 'int_list', doc: 'SDG numbers 1..17' },
    { column: 'desired_trl', field: 'desiredTrl', codec: 'int', doc: 'Readiness wanted 1..9' },
    { column: 'posted_on', field: 'postedOn', codec: 'text', doc: 'Date posted (YYYY-MM-DD)' },
    { column: 'open', field: 'open', codec: 'bool', doc: 'Still open (default true)' },
    ...provenanceColumns,
  ],
};

const projects: EntitySpec = {
  name: 'projects',
  table: 'projects',
  labelJa: 'プロジェクト',
  schema: asSchema(ZProject),
  keyOf: idKey,
  derivedKey: false,
  searchFields: ['title', 'description'],
  columns: [
    { column: 'id', field: 'id', codec: 'text', doc: 'External identifier (required)' },
    { column: 'title', field: 'title', codec: 'text', doc: 'Title (required)' },
    { column: 'description', field: 'description', codec: 'text', doc: 'Description' },
    {
      column: 'path',
      field: 'path',
      codec: 'text',
      doc: 'zero_to_one | one_to_hundred | hundred_to_infinity',
    },
    { column: 'approach', field: 'approach', codec: 'text', doc: 'seeds_push | needs_pull' },
    {
      column: 'stage',
      field: 'stage',
      codec: 'text',
      doc: 'planning | research | development | demonstration | commercialisation | completed | stopped',
    },
    { column: 'start_date', field: 'startDate', codec: 'text', doc: 'Start (YYYY-MM-DD)' },
    { column: 'end_date', field: 'endDate', codec: 'text', doc: 'End (YYYY-MM-DD)' },
    {
      column: 'prefecture_code',
      field: 'prefectureCode',
      codec: 'prefecture',
      doc: 'Prefecture code',
      indexed: true,
    },
    {
      column: 'adoption_id',
      field: 'adoptionId',
      codec: 'text',
      doc: 'Programme adoption id',
      references: 'adoptions',
    },
    {
      column: 'members',
      field: 'members',
      codec: 'members',
      doc: 'actor_id:role;… (role lead | researcher | company | government | finance | coordinator | support | member)',
      references: 'actors',
    },
    { column: 'sdgs', field: 'sdgs', codec: 'int_list', doc: 'SDG numbers 1..17' },
    { column: 'budget', field: 'budget', codec: 'real', doc: 'Budget (JPY)' },
    { column: 'spent', field: 'spent', codec: 'real', doc: 'Budget spent so far (JPY)' },
    {
      column: 'pdca',
      field: 'pdca',
      codec: 'json',
      detailOnly: true,
      doc: 'PDCA log: [{phase: plan|do|check|act, date, note}]',
    },
    {
      column: 'milestones',
      field: 'milestones',
      codec: 'json',
      detailOnly: true,
      doc: 'Milestones: [{id, title, plannedDate, actualDate?}]',
    },
    {
      column: 'risks',
      field: 'risks',
      codec: 'json',
      detailOnly: true,
      doc: 'Risk register, one entry per assessment: [{riskId, title, date, likelihood 1..5, impact 1..5, owner?, mitigation?}]',
    },
    {
      column: 'kpis',
      field: 'kpis',
      codec: 'json',
      detailOnly: true,
      doc: 'KPIs: [{name, value: social|industrial|economic, unit (required), baseline?, target, actual?, sdgs}]',
    },
    ...provenanceColumns,
  ],
};

const programmes: EntitySpec = {
  name: 'programmes',
  table: 'programmes',
  labelJa: '事業',
  schema: asSchema(ZProgramme),
  keyOf: idKey,
  derivedKey: false,
  searchFields: ['name', 'nameEn'],
  columns: [
    { column: 'id', field: 'id', codec: 'text', doc: 'External identifier (required)' },
    { column: 'name', field: 'name', codec: 'text', doc: 'Name (required)' },
    { column: 'name_en', field: 'nameEn', codec: 'text', doc: 'English name' },
    { column: 'ministry', field: 'ministry', codec: 'text', doc: 'Ministry or agency' },
    { column: 'start_fy', field: 'startFy', codec: 'int', doc: 'First fiscal year' },
    { column: 'end_fy', field: 'endFy', codec: 'int', doc: 'Last fiscal year' },
    {
      column: 'type',
      field: 'type',
      codec: 'text',
      doc: 'cluster | strategy | ecosystem | rsp | other…',
    },
    { column: 'description', field: 'description', codec: 'text', doc: 'Description' },
    ...provenanceColumns,
  ],
};

const adoptions: EntitySpec = {
  name: 'adoptions',
  table: 'adoptions',
  labelJa: '採択地域',
  schema: asSchema(ZAdoption),
  keyOf: idKey,
  derivedKey: false,
  searchFields: ['regionName', 'theme', 'coreInstitution'],
  columns: [
    { column: 'id', field: 'id', codec: 'text', doc: 'External identifier (required)' },
    {
      column: 'program',
      field: 'programmeId',
      codec: 'text',
      doc: 'Programme id (required)',
      references: 'programmes',
      indexed: true,
    },
    { column: 'region_name', field: 'regionName', codec: 'text', doc: 'Area name (required)' },
    {
      column: 'prefecture_codes',
      field: 'prefectureCodes',
      codec: 'prefecture_list',
      doc: 'Prefecture codes, ;-separated (required)',
    },
    { column: 'theme', field: 'theme', codec: 'text', doc: 'Theme' },
    {
      column: 'core_institution',
      field: 'coreInstitution',
      codec: 'text',
      doc: 'Core institution (中核機関) name',
    },
    {
      column: 'core_institution_id',
      field: 'coreInstitutionId',
      codec: 'text',
      doc: 'Core institution actor id',
      references: 'actors',
    },
    { column: 'start_fy', field: 'startFy', codec: 'int', doc: 'First fiscal year (required)' },
    {
      column: 'end_fy',
      field: 'endFy',
      codec: 'int',
      doc: 'Last fiscal year (required, not before start)',
    },
    { column: 'budget', field: 'budget', codec: 'real', doc: 'Total budget (JPY)' },
    {
      column: 'interim_grade',
      field: 'interimGrade',
      codec: 'text',
      doc: 'Interim evaluation S | A | B | C',
    },
    {
      column: 'final_grade',
      field: 'finalGrade',
      codec: 'text',
      doc: 'Final evaluation S | A | B | C',
    },
    {
      column: 'universities',
      field: 'universities',
      codec: 'list',
      doc: 'Participating universities, ;-separated',
    },
    { column: 'pd_name', field: 'pdName', codec: 'text', doc: 'Programme director name' },
    { column: 'pd_career', field: 'pdCareer', codec: 'text', doc: 'Programme director career' },
    {
      column: 'research_themes',
      field: 'researchThemes',
      codec: 'json',
      doc: 'JSON array of {title, leadResearcher, affiliation, position}',
    },
    {
      column: 'participating_orgs',
      field: 'participatingOrgs',
      codec: 'int',
      doc: 'Number of participating organisations',
    },
    {
      column: 'participating_companies',
      field: 'participatingCompanies',
      codec: 'int',
      doc: 'Number of participating companies',
    },
    {
      column: 'successor_program',
      field: 'successorProgram',
      codec: 'text',
      doc: 'Successor programme, if any',
    },
    {
      column: 'continuation',
      field: 'continuation',
      codec: 'text',
      doc: 'continued_regional | successor | stopped | ongoing | unknown',
    },
    {
      column: 'last_active_fy',
      field: 'lastActiveFy',
      codec: 'int',
      doc: 'Last fiscal year with observed activity',
    },
    ...provenanceColumns,
  ],
};

const funding: EntitySpec = {
  name: 'funding',
  table: 'funding_flows',
  labelJa: '資金',
  schema: asSchema(ZFundingFlow),
  keyOf: idKey,
  derivedKey: false,
  searchFields: ['note'],
  columns: [
    { column: 'id', field: 'id', codec: 'text', doc: 'External identifier (required)' },
    {
      column: 'source_type',
      field: 'sourceType',
      codec: 'text',
      doc: 'national_programme | prefecture | municipality | company | bank | vc | crowdfunding | equity | gap_fund | consortium | foundation | other (required)',
    },
    {
      column: 'funder_id',
      field: 'funderId',
      codec: 'text',
      doc: 'Funder actor id',
      references: 'actors',
    },
    {
      column: 'recipient_id',
      field: 'recipientId',
      codec: 'text',
      doc: 'Recipient actor id',
      references: 'actors',
    },
    {
      column: 'project_id',
      field: 'projectId',
      codec: 'text',
      doc: 'Project id',
      references: 'projects',
    },
    {
      column: 'adoption_id',
      field: 'adoptionId',
      codec: 'text',
      doc: 'Adoption id',
      references: 'adoptions',
      indexed: true,
    },
    { column: 'fiscal_year', field: 'fiscalYear', codec: 'int', doc: 'Fiscal year (required)' },
    { column: 'amount', field: 'amount', codec: 'real', doc: 'Amount ≥ 0 (required)' },
    { column: 'currency', field: 'currency', codec: 'text', doc: 'JPY | USD | EUR (default JPY)' },
    { column: 'note', field: 'note', codec: 'text', doc: 'Note' },
    ...provenanceColumns,
  ],
};

const supportMeasures: EntitySpec = {
  name: 'support-measures',
  table: 'support_measures',
  labelJa: '支援施策',
  schema: asSchema(ZSupportMeasure),
  keyOf: idKey,
  derivedKey: false,
  searchFields: ['name', 'provider', 'eligibility'],
  columns: [
    { column: 'id', field: 'id', codec: 'text', doc: 'External identifier (required)' },
    { column: 'name', field: 'name', codec: 'text', doc: 'Name (required)' },
    { column: 'provider', field: 'provider', codec: 'text', doc: 'Provider name (required)' },
    {
      column: 'provider_id',
      field: 'providerId',
      codec: 'text',
      doc: 'Provider actor id',
      references: 'actors',
    },
    {
      column: 'stages',
      field: 'stages',
      codec: 'list',
      doc: 'zero_to_one;one_to_hundred;hundred_to_infinity',
    },
    {
      column: 'target_sectors',
      field: 'targetSectors',
      codec: 'list',
      doc: 'Eligible actor sectors, ;-separated',
    },
    {
      column: 'fields',
      field: 'fields',
      codec: 'list',
      doc: 'Technology fields, ;-separated (empty = any)',
    },
    {
      column: 'prefecture_codes',
      field: 'prefectureCodes',
      codec: 'prefecture_list',
      doc: 'Prefectures (empty = nationwide)',
    },
    { column: 'max_amount', field: 'maxAmount', codec: 'real', doc: 'Maximum amount (JPY)' },
    { column: 'start_date', field: 'startDate', codec: 'text', doc: 'Open from (YYYY-MM-DD)' },
    { column: 'end_date', field: 'endDate', codec: 'text', doc: 'Open until (YYYY-MM-DD)' },
    { column: 'eligibility', field: 'eligibility', codec: 'text', doc: 'Eligibility' },
    { column: 'url', field: 'url', codec: 'text', doc: 'Web page' },
    ...provenanceColumns,
  ],
};

const cases: EntitySpec = {
  name: 'cases',
  table: 'case_stories',
  labelJa: '事例',
  schema: asSchema(ZCaseStory),
  keyOf: idKey,
  derivedKey: false,
  searchFields: ['title', 'summary', 'lessons'],
  columns: [
    { column: 'id', field: 'id', codec: 'text', doc: 'External identifier (required)' },
    { column: 'title', field: 'title', codec: 'text', doc: 'Title (required)' },
    {
      column: 'outcome',
      field: 'outcome',
      codec: 'text',
      doc: 'success | failure | mixed (required)',
    },
    { column: 'summary', field: 'summary', codec: 'text', doc: 'Summary' },
    { column: 'factors', field: 'factors', codec: 'list', doc: 'Factors, ;-separated' },
    { column: 'lessons', field: 'lessons', codec: 'text', doc: 'Lessons' },
    {
      column: 'actor_ids',
      field: 'actorIds',
      codec: 'list',
      doc: 'Actor ids, ;-separated',
      references: 'actors',
    },
    {
      column: 'project_ids',
      field: 'projectIds',
      codec: 'list',
      doc: 'Project ids',
      references: 'projects',
    },
    {
      column: 'programme_ids',
      field: 'programmeIds',
      codec: 'list',
      doc: 'Programme ids',
      references: 'programmes',
    },
    {
      column: 'prefecture_codes',
      field: 'prefectureCodes',
      codec: 'prefecture_list',
      doc: 'Prefecture codes',
    },
    { column: 'year', field: 'year', codec: 'int', doc: 'Year' },
    ...provenanceColumns,
  ],
};

const indicators: EntitySpec = {
  name: 'indicators',
  table: 'indicators',
  labelJa: '指標',
  schema: asSchema(ZIndicator),
  keyOf: (record) =>
    indicatorKey({
      areaType: String(record['areaType']) as never,
      areaCode: String(record['areaCode']),
      year: Number(record['year']),
      metric: String(record['metric']),
    }),
  derivedKey: true,
  searchFields: ['metric'],
  columns: [
    {
      column: 'area_type',
      field: 'areaType',
      codec: 'text',
      doc: 'nation | prefecture | municipality | community (required)',
      indexed: true,
    },
    {
      column: 'area_code',
      field: 'areaCode',
      codec: 'text',
      doc: 'Area code (prefecture 01..47, municipality code, community id) (required)',
    },
    { column: 'year', field: 'year', codec: 'int', doc: 'Year (required)' },
    {
      column: 'metric',
      field: 'metric',
      codec: 'text',
      doc: 'Metric name, snake_case (required)',
      indexed: true,
    },
    { column: 'value', field: 'value', codec: 'real', doc: 'Value (required)' },
    { column: 'unit', field: 'unit', codec: 'text', doc: 'Unit, e.g. 件, 人, JPY (required)' },
    ...provenanceColumns,
  ],
};

export const ENTITY_SPECS: Record<EntityName, EntitySpec> = {
  actors,
  relations,
  seeds,
  needs,
  projects,
  programmes,
  adoptions,
  funding,
  'support-measures': supportMeasures,
  cases,
  indicators,
};

export function isEntityName(value: string): value is EntityName {
  return (ENTITY_NAMES as readonly string[]).includes(value);
}

/** Order in which entities must be loaded so references resolve. */
export const LOAD_ORDER: readonly EntityName[] = [
  'actors',
  'relations',
  'programmes',
  'adoptions',
  'projects',
  'seeds',
  'needs',
  'funding',
  'support-measures',
  'cases',
  'indicators',
];
