/**
 * The forms of the records a region keeps beyond actors, seeds, needs and projects: its strategy
 * (vision, KPI targets by year, PDCA log), training programmes with their cohorts, programme
 * adoptions, funding flows, support measures, the programmes themselves, the case library's
 * cases and the indicators measured per area. Each is its entity's schema (core/entities), its
 * fields, and where its pages live.
 */
import type { z } from 'zod';
import { ZAdoption } from '#core/entities/adoption.ts';
import { ZCaseStory } from '#core/entities/case-story.ts';
import { indicatorKey, ZIndicator } from '#core/entities/indicator.ts';
import { ZProgramme } from '#core/entities/programme.ts';
import { ZFundingFlow } from '#core/entities/funding-flow.ts';
import { VALUE_KINDS } from '#core/entities/project-management.ts';
import { STRATEGY_AREA_TYPES, ZRegionStrategy } from '#core/entities/region-strategy.ts';
import { ZSupportMeasure } from '#core/entities/support-measure.ts';
import { TRAINING_KINDS, ZTrainingProgramme } from '#core/entities/training-programme.ts';
import {
  AREA_TYPES,
  CASE_OUTCOMES,
  CONTINUATION_STATUSES,
  FUNDING_SOURCE_TYPES,
  GRADES,
} from '#core/vocabulary.ts';
import type ja from '../../i18n/ja.json';
import type { FieldSpec } from './form-values.ts';
import { PDCA_LOG_FIELD } from './pdca-log-field.ts';

type MessageKey = keyof typeof ja;

export type RegionEntity =
  | 'region-strategies'
  | 'training-programmes'
  | 'adoptions'
  | 'funding'
  | 'support-measures'
  | 'programmes'
  | 'cases'
  | 'indicators';

export interface EntityForm {
  entity: RegionEntity;
  schema: z.ZodType;
  fields: readonly FieldSpec[];
  /** The field shown as the page's heading. */
  titleField: string;
  /** Prefix of new ids (`strategy-…`). */
  idPrefix: string;
  newTitle: MessageKey;
  /** Where the records are listed or analysed, for the "back" link. */
  backHref: string;
  backLabel: MessageKey;
  defaults: Record<string, string | boolean>;
  /** The field naming the owning organisation, offered only to those who may set it (owned-records.ts). */
  ownerField?: string;
  /** Where the identity is made of fields (an indicator: area, year, metric): the record's key.
   * Those fields are set when the record is made and not offered in its edit form. */
  derivedKey?: { keyOf(record: Record<string, unknown>): string; fields: readonly string[] };
}

/** The fields an edit form offers: all but those that make a derived key. */
export function editFieldsOf(form: EntityForm): readonly FieldSpec[] {
  const identity = form.derivedKey?.fields ?? [];
  return form.fields.filter((spec) => !identity.includes(spec.name));
}

const AREA: readonly FieldSpec[] = [
  {
    name: 'areaType',
    kind: 'select',
    label: 'forms2.area.type',
    options: STRATEGY_AREA_TYPES,
    optionLabels: 'forms2.area.types',
  },
  { name: 'areaCode', kind: 'text', label: 'forms2.area.code', hint: 'forms2.area.codeHint' },
];

const STRATEGY_FIELDS: readonly FieldSpec[] = [
  { name: 'name', kind: 'text', label: 'forms2.name' },
  ...AREA,
  { name: 'vision', kind: 'textarea', label: 'forms2.strategy.vision' },
  {
    name: 'coreBodyId',
    kind: 'actor',
    label: 'forms2.strategy.coreBody',
    hint: 'forms2.picker.hint',
  },
  { name: 'startFy', kind: 'int', label: 'field.startFy' },
  { name: 'endFy', kind: 'int', label: 'field.endFy' },
  {
    name: 'kpiTargets',
    kind: 'entries',
    label: 'forms2.strategy.kpiTargets',
    entry: [
      {
        name: 'metric',
        kind: 'text',
        label: 'forms2.strategy.metric',
        hint: 'forms2.strategy.metricHint',
      },
      { name: 'label', kind: 'text', label: 'forms2.strategy.label' },
      {
        name: 'value',
        kind: 'select',
        label: 'forms.project.valueKind',
        options: VALUE_KINDS,
        optionLabels: 'forms.valueKind',
      },
      { name: 'year', kind: 'int', label: 'forms2.strategy.year' },
      { name: 'target', kind: 'number', label: 'forms.project.target' },
      { name: 'unit', kind: 'text', label: 'forms.project.unit' },
      { name: 'baseline', kind: 'number', label: 'forms.project.baseline' },
      { name: 'baselineYear', kind: 'int', label: 'forms2.strategy.baselineYear' },
      {
        name: 'direction',
        kind: 'select',
        label: 'forms2.strategy.direction',
        options: ['increase', 'decrease'],
        optionLabels: 'forms2.strategy.directions',
      },
    ],
  },
  PDCA_LOG_FIELD,
];

const TRAINING_FIELDS: readonly FieldSpec[] = [
  { name: 'name', kind: 'text', label: 'forms2.name' },
  {
    name: 'kind',
    kind: 'select',
    label: 'field.kind',
    options: TRAINING_KINDS,
    optionLabels: 'people.kind',
  },
  {
    name: 'providerId',
    kind: 'actor',
    label: 'forms2.training.provider',
    hint: 'forms2.picker.hint',
  },
  ...AREA,
  {
    name: 'cohorts',
    kind: 'entries',
    label: 'forms2.training.cohorts',
    entry: [
      { name: 'fiscalYear', kind: 'int', label: 'forms2.training.fiscalYear' },
      { name: 'enrolled', kind: 'int', label: 'forms2.training.enrolled' },
      { name: 'completed', kind: 'int', label: 'forms2.training.completed' },
      { name: 'stayedLocal', kind: 'int', label: 'forms2.training.stayedLocal' },
      { name: 'leftRegion', kind: 'int', label: 'forms2.training.leftRegion' },
      { name: 'unknown', kind: 'int', label: 'forms2.training.unknown' },
    ],
  },
];

const ADOPTION_FIELDS: readonly FieldSpec[] = [
  {
    name: 'programmeId',
    kind: 'programme',
    label: 'field.programme',
    hint: 'recordsDelete.picker.hint',
  },
  { name: 'regionName', kind: 'text', label: 'field.regionName' },
  {
    name: 'prefectureCodes',
    kind: 'list',
    label: 'forms2.prefectures',
    hint: 'forms2.prefecturesHint',
  },
  { name: 'theme', kind: 'textarea', label: 'field.theme' },
  {
    name: 'coreInstitutionId',
    kind: 'actor',
    label: 'field.coreInstitution',
    hint: 'forms2.picker.hint',
  },
  { name: 'startFy', kind: 'int', label: 'field.startFy' },
  { name: 'endFy', kind: 'int', label: 'field.endFy' },
  { name: 'budget', kind: 'number', label: 'field.budget' },
  {
    name: 'interimGrade',
    kind: 'select',
    label: 'forms2.adoption.interimGrade',
    options: GRADES,
    optional: true,
  },
  {
    name: 'finalGrade',
    kind: 'select',
    label: 'field.finalGrade',
    options: GRADES,
    optional: true,
  },
  { name: 'pdName', kind: 'text', label: 'forms2.adoption.pdName' },
  {
    name: 'continuation',
    kind: 'select',
    label: 'field.continuation',
    options: CONTINUATION_STATUSES,
    optionLabels: 'continuation',
  },
];

const FUNDING_FIELDS: readonly FieldSpec[] = [
  {
    name: 'sourceType',
    kind: 'select',
    label: 'forms2.funding.sourceType',
    options: FUNDING_SOURCE_TYPES,
    optionLabels: 'money.source',
  },
  { name: 'funderId', kind: 'actor', label: 'forms2.funding.funder', hint: 'forms2.picker.hint' },
  {
    name: 'recipientId',
    kind: 'actor',
    label: 'forms2.funding.recipient',
    hint: 'forms2.picker.hint',
  },
  {
    name: 'projectId',
    kind: 'project',
    label: 'forms2.funding.project',
    hint: 'recordsDelete.picker.hint',
  },
  { name: 'fiscalYear', kind: 'int', label: 'forms2.training.fiscalYear' },
  {
    name: 'amount',
    kind: 'number',
    label: 'forms2.funding.amount',
    hint: 'forms2.funding.amountHint',
  },
  { name: 'note', kind: 'textarea', label: 'forms2.relation.note' },
];

const SUPPORT_FIELDS: readonly FieldSpec[] = [
  { name: 'name', kind: 'text', label: 'forms2.name' },
  { name: 'provider', kind: 'text', label: 'field.provider' },
  {
    name: 'providerId',
    kind: 'actor',
    label: 'forms2.support.providerActor',
    hint: 'forms2.picker.hint',
  },
  {
    name: 'stages',
    kind: 'list',
    label: 'forms2.support.stages',
    hint: 'forms2.support.stagesHint',
  },
  {
    name: 'targetSectors',
    kind: 'list',
    label: 'forms2.support.sectors',
    hint: 'forms2.support.sectorsHint',
  },
  { name: 'fields', kind: 'list', label: 'field.field', hint: 'forms.listHint' },
  {
    name: 'prefectureCodes',
    kind: 'list',
    label: 'forms2.prefectures',
    hint: 'forms2.prefecturesHint',
  },
  { name: 'maxAmount', kind: 'number', label: 'field.maxAmount' },
  { name: 'startDate', kind: 'date', label: 'field.startDate' },
  { name: 'endDate', kind: 'date', label: 'field.endDate' },
  { name: 'eligibility', kind: 'textarea', label: 'forms2.support.eligibility' },
  { name: 'url', kind: 'url', label: 'field.url' },
];

/** The kinds of programme the screens name (`programmeType.*`); the schema takes any short code. */
const PROGRAMME_TYPES = [
  'rsp',
  'cluster',
  'strategy',
  'ecosystem',
  'coi',
  'matching',
  'startup',
  'university',
] as const;

const PROGRAMME_FIELDS: readonly FieldSpec[] = [
  { name: 'name', kind: 'text', label: 'forms2.name' },
  { name: 'nameEn', kind: 'text', label: 'formsMore.programme.nameEn' },
  { name: 'ministry', kind: 'text', label: 'field.ministry' },
  { name: 'startFy', kind: 'int', label: 'field.startFy' },
  { name: 'endFy', kind: 'int', label: 'field.endFy' },
  {
    name: 'type',
    kind: 'select',
    label: 'field.type',
    options: PROGRAMME_TYPES,
    optionLabels: 'programmeType',
    optional: true,
  },
  { name: 'description', kind: 'textarea', label: 'formsMore.programme.description' },
  {
    name: 'ownerId',
    kind: 'actor',
    label: 'ownedProgrammes.owner',
    hint: 'ownedProgrammes.ownerHint',
  },
];

const CASE_FIELDS: readonly FieldSpec[] = [
  { name: 'title', kind: 'text', label: 'field.title' },
  {
    name: 'outcome',
    kind: 'select',
    label: 'field.outcome',
    options: CASE_OUTCOMES,
    optionLabels: 'outcome',
  },
  { name: 'year', kind: 'int', label: 'field.year' },
  { name: 'summary', kind: 'textarea', label: 'field.summary' },
  { name: 'factors', kind: 'list', label: 'field.factors', hint: 'forms.listHint' },
  { name: 'lessons', kind: 'textarea', label: 'formsMore.case.lessons' },
  {
    name: 'actorIds',
    kind: 'actor_list',
    label: 'recordsDelete.case.actors',
    hint: 'recordsDelete.picker.listHint',
  },
  {
    name: 'projectIds',
    kind: 'project_list',
    label: 'recordsDelete.case.projects',
    hint: 'recordsDelete.picker.listHint',
  },
  {
    name: 'programmeIds',
    kind: 'programme_list',
    label: 'recordsDelete.case.programmes',
    hint: 'recordsDelete.picker.listHint',
  },
  {
    name: 'prefectureCodes',
    kind: 'list',
    label: 'forms2.prefectures',
    hint: 'forms2.prefecturesHint',
  },
];

const INDICATOR_FIELDS: readonly FieldSpec[] = [
  {
    name: 'areaType',
    kind: 'select',
    label: 'forms2.area.type',
    options: AREA_TYPES,
    optionLabels: 'formsMore.areaTypes',
  },
  {
    name: 'areaCode',
    kind: 'text',
    label: 'forms2.area.code',
    hint: 'formsMore.indicator.codeHint',
  },
  { name: 'year', kind: 'int', label: 'field.year' },
  {
    name: 'metric',
    kind: 'text',
    label: 'forms2.strategy.metric',
    hint: 'forms2.strategy.metricHint',
  },
  { name: 'value', kind: 'number', label: 'formsMore.indicator.value' },
  { name: 'unit', kind: 'text', label: 'forms.project.unit' },
];

export const ENTITY_FORMS: Readonly<Record<RegionEntity, EntityForm>> = {
  'region-strategies': {
    entity: 'region-strategies',
    schema: ZRegionStrategy,
    fields: STRATEGY_FIELDS,
    titleField: 'name',
    idPrefix: 'strategy',
    newTitle: 'forms2.strategy.newTitle',
    backHref: '/region-strategy',
    backLabel: 'forms2.strategy.back',
    defaults: { areaType: 'prefecture' },
  },
  'training-programmes': {
    entity: 'training-programmes',
    schema: ZTrainingProgramme,
    fields: TRAINING_FIELDS,
    titleField: 'name',
    idPrefix: 'training',
    newTitle: 'forms2.training.newTitle',
    backHref: '/people',
    backLabel: 'forms2.training.back',
    defaults: { areaType: 'prefecture', kind: 'reskilling' },
  },
  adoptions: {
    entity: 'adoptions',
    schema: ZAdoption,
    fields: ADOPTION_FIELDS,
    titleField: 'regionName',
    idPrefix: 'adoption',
    newTitle: 'forms2.adoption.newTitle',
    backHref: '/programmes',
    backLabel: 'forms2.adoption.back',
    defaults: { continuation: 'unknown' },
  },
  funding: {
    entity: 'funding',
    schema: ZFundingFlow,
    fields: FUNDING_FIELDS,
    titleField: 'id',
    idPrefix: 'flow',
    newTitle: 'forms2.funding.newTitle',
    backHref: '/money',
    backLabel: 'forms2.funding.back',
    defaults: { sourceType: 'national_programme' },
  },
  'support-measures': {
    entity: 'support-measures',
    schema: ZSupportMeasure,
    fields: SUPPORT_FIELDS,
    titleField: 'name',
    idPrefix: 'measure',
    newTitle: 'forms2.support.newTitle',
    backHref: '/support',
    backLabel: 'forms2.support.back',
    defaults: {},
  },
  programmes: {
    entity: 'programmes',
    schema: ZProgramme,
    fields: PROGRAMME_FIELDS,
    titleField: 'name',
    idPrefix: 'programme',
    newTitle: 'formsMore.programme.newTitle',
    backHref: '/programmes',
    backLabel: 'forms2.adoption.back',
    defaults: {},
    ownerField: 'ownerId',
  },
  cases: {
    entity: 'cases',
    schema: ZCaseStory,
    fields: CASE_FIELDS,
    titleField: 'title',
    idPrefix: 'case',
    newTitle: 'formsMore.case.newTitle',
    backHref: '/cases',
    backLabel: 'formsMore.case.back',
    defaults: { outcome: 'success' },
  },
  indicators: {
    entity: 'indicators',
    schema: ZIndicator,
    fields: INDICATOR_FIELDS,
    titleField: 'metric',
    idPrefix: 'indicator',
    newTitle: 'formsMore.indicator.newTitle',
    backHref: '/indicators',
    backLabel: 'formsMore.indicator.back',
    defaults: { areaType: 'prefecture' },
    derivedKey: {
      keyOf: (record) => indicatorKey(ZIndicator.parse(record)),
      fields: ['areaType', 'areaCode', 'year', 'metric'],
    },
  },
};

export function isRegionEntity(name: string): name is RegionEntity {
  return Object.prototype.hasOwnProperty.call(ENTITY_FORMS, name);
}
