/**
 * Entity specifications for the region as a whole (issue 14): its strategy (vision, KPI targets by
 * year, PDCA log) and its human-resource development programmes with their cohorts.
 */
import { asSchema, idKey, provenanceColumns, type EntitySpec } from './entity-spec.ts';
import { ZRegionStrategy } from './region-strategy.ts';
import { ZTrainingProgramme } from './training-programme.ts';

const areaColumns: EntitySpec['columns'] = [
  {
    column: 'area_type',
    field: 'areaType',
    codec: 'text',
    doc: 'prefecture | community | consortium (required)',
    indexed: true,
  },
  {
    column: 'area_code',
    field: 'areaCode',
    codec: 'text',
    doc: 'Prefecture code 01..47, community id (c3) or the consortium’s code (required)',
    indexed: true,
  },
];

export const regionStrategies: EntitySpec = {
  name: 'region-strategies',
  table: 'region_strategies',
  labelJa: '地域戦略',
  schema: asSchema(ZRegionStrategy),
  keyOf: idKey,
  derivedKey: false,
  searchFields: ['name', 'vision'],
  columns: [
    { column: 'id', field: 'id', codec: 'text', doc: 'External identifier (required)' },
    { column: 'name', field: 'name', codec: 'text', doc: 'Name (required)' },
    ...areaColumns,
    { column: 'vision', field: 'vision', codec: 'text', doc: 'Vision shared by the region' },
    {
      column: 'core_body_id',
      field: 'coreBodyId',
      codec: 'text',
      doc: 'Actor id of the core body (中核機関) running the PDCA',
      references: 'actors',
    },
    { column: 'start_fy', field: 'startFy', codec: 'int', doc: 'First fiscal year' },
    { column: 'end_fy', field: 'endFy', codec: 'int', doc: 'Last fiscal year' },
    {
      column: 'kpi_targets',
      field: 'kpiTargets',
      codec: 'json',
      detailOnly: true,
      doc: 'KPI targets: [{metric, label?, value: social|industrial|economic, year, target, baseline?, baselineYear?, unit, direction?: increase|decrease}]',
    },
    {
      column: 'pdca',
      field: 'pdca',
      codec: 'json',
      detailOnly: true,
      doc: 'PDCA log: [{phase: plan|do|check|act, date, note}]',
    },
    ...provenanceColumns,
  ],
};

export const trainingProgrammes: EntitySpec = {
  name: 'training-programmes',
  table: 'training_programmes',
  labelJa: '人材育成プログラム',
  schema: asSchema(ZTrainingProgramme),
  keyOf: idKey,
  derivedKey: false,
  searchFields: ['name'],
  columns: [
    { column: 'id', field: 'id', codec: 'text', doc: 'External identifier (required)' },
    { column: 'name', field: 'name', codec: 'text', doc: 'Name (required)' },
    {
      column: 'kind',
      field: 'kind',
      codec: 'text',
      doc: 'reskilling | coordinator | entrepreneurship | doctoral | school | other',
    },
    {
      column: 'provider_id',
      field: 'providerId',
      codec: 'text',
      doc: 'Actor id of the provider',
      references: 'actors',
    },
    ...areaColumns,
    {
      column: 'cohorts',
      field: 'cohorts',
      codec: 'json',
      doc: 'Cohorts: [{fiscalYear, enrolled, completed, stayedLocal, leftRegion, unknown}]',
    },
    ...provenanceColumns,
  ],
};
