/**
 * The generic REST routes of every entity of core's registry, generated from the entity specs:
 * `GET/POST /api/{entity}` (list with `q`, `limit`, `cursor`, `sort`, `fields`, `stale` and
 * filters on indexed fields; create) and `GET/PUT/PATCH/DELETE /api/{entity}/{id}` (ETag, If-Match).
 * The server validates bodies with the entity's own schema (in the services), so the body here
 * types the client and describes the document.
 */
import { z } from 'zod';
import { ZActor } from '#core/entities/actor.ts';
import { ZAdoption } from '#core/entities/adoption.ts';
import { ZCaseStory } from '#core/entities/case-story.ts';
import { ZFundingFlow } from '#core/entities/funding-flow.ts';
import { ZIndicator } from '#core/entities/indicator.ts';
import { ZNeed } from '#core/entities/need.ts';
import { ZProgramme } from '#core/entities/programme.ts';
import { ZProject } from '#core/entities/project.ts';
import { ZRegionStrategy } from '#core/entities/region-strategy.ts';
import { ENTITY_NAMES, ENTITY_SPECS, type EntityName } from '#core/entities/registry.ts';
import { ZRelation } from '#core/entities/relation.ts';
import { ZSeed } from '#core/entities/seed.ts';
import { ZSupportMeasure } from '#core/entities/support-measure.ts';
import { ZTrainingProgramme } from '#core/entities/training-programme.ts';
import { jsonSchemaOf, type JsonSchema } from '../openapi-schema.ts';
import { defineRoute, emptyAnswer, problemAnswer, type HeaderContract } from '../route.ts';

/** Each entity's record schema, by name (the answers' types). */
export const ENTITY_RECORDS = {
  actors: ZActor,
  relations: ZRelation,
  seeds: ZSeed,
  needs: ZNeed,
  projects: ZProject,
  programmes: ZProgramme,
  adoptions: ZAdoption,
  funding: ZFundingFlow,
  'support-measures': ZSupportMeasure,
  cases: ZCaseStory,
  indicators: ZIndicator,
  'region-strategies': ZRegionStrategy,
  'training-programmes': ZTrainingProgramme,
} as const satisfies Record<EntityName, z.ZodType>;

const COMPONENT_NAMES: Record<EntityName, string> = {
  actors: 'Actor',
  relations: 'Relation',
  seeds: 'Seed',
  needs: 'Need',
  projects: 'Project',
  programmes: 'Programme',
  adoptions: 'Adoption',
  funding: 'FundingFlow',
  'support-measures': 'SupportMeasure',
  cases: 'CaseStory',
  indicators: 'Indicator',
  'region-strategies': 'RegionStrategy',
  'training-programmes': 'TrainingProgramme',
};

/** The name of the entity's schema among the document's components (`ActorInput` for bodies). */
export function componentNameOf(entity: EntityName): string {
  return COMPONENT_NAMES[entity];
}

/** The query of a list, common to every entity (the filters come per entity). */
export const ZListParams = z.object({
  q: z.string().trim().max(200, 'at most 200 characters').optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  cursor: z.string().max(500).optional(),
  sort: z.string().max(61).optional(),
  fields: z.string().max(2000).optional(),
  /** `true`: only records past their source's age (core/freshness.ts). */
  stale: z.enum(['true', 'false']).optional(),
});

/** The query of a list as a caller writes it: the common parameters and the entity's filters. */
export type ListQueryInput = z.input<typeof ZListParams> & {
  readonly [filter: string]: string | number | undefined;
};

/** Fields a list may be sorted on (`?sort=field`, `?sort=-field`): its single-valued columns. */
export function sortableFields(entity: EntityName): string[] {
  return ENTITY_SPECS[entity].columns
    .filter((c) => !['list', 'int_list', 'prefecture_list', 'members', 'json'].includes(c.codec))
    .map((c) => c.field);
}

/**
 * Fields a list may be filtered on, per entity: its indexed, single-valued columns, and the list
 * columns marked `listFilter` (the records whose list holds the value).
 */
export function filterableColumns(entity: EntityName) {
  return ENTITY_SPECS[entity].columns.filter(
    (c) =>
      (c.indexed && c.field !== 'confidentiality' && c.codec !== 'list') || c.listFilter === true,
  );
}

/** The entity's JSON Schema with each field's column documentation as its description. */
function entitySchema(entity: EntityName, io: 'input' | 'output'): JsonSchema {
  const spec = ENTITY_SPECS[entity];
  const schema = jsonSchemaOf(spec.schema, io);
  const properties = schema['properties'];
  if (typeof properties === 'object' && properties !== null) {
    for (const column of spec.columns) {
      const property: unknown = (properties as Record<string, unknown>)[column.field];
      if (typeof property === 'object' && property !== null)
        (properties as Record<string, unknown>)[column.field] = {
          ...property,
          description: `${column.doc} (column ${column.column})`,
        };
    }
  }
  return { ...schema, title: `${componentNameOf(entity)} (${spec.labelJa})` };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const STANDARD = {
  401: problemAnswer('Not signed in, or the session/token expired or is unknown'),
  403: problemAnswer('Not allowed for this role or organisation, or CSRF token missing/wrong'),
  429: problemAnswer('Rate limited (see Retry-After)'),
};

const CHANGED = {
  404: problemAnswer('No such record'),
  412: problemAnswer('Changed by someone else since you read it'),
  428: problemAnswer('If-Match missing'),
};

const ETAG = {
  ETag: { description: 'Record version, for If-Match', schema: { type: 'string' } },
};

export const IF_MATCH: HeaderContract = {
  name: 'If-Match',
  required: true,
  description:
    'The ETag of the version you read; 412 when the record changed since, 428 when missing',
  example: '"3"',
};

type RecordOf<E extends EntityName> = (typeof ENTITY_RECORDS)[E];

/** A JSON Merge Patch of a record: some of its fields, null to remove one. */
export type MergePatchOf<E extends EntityName> = {
  readonly [K in keyof z.input<RecordOf<E>>]?: z.input<RecordOf<E>>[K] | null;
};

/** The six routes of one entity. */
export function entityRoutes<E extends EntityName>(entity: E) {
  const spec = ENTITY_SPECS[entity];
  const name = componentNameOf(entity);
  const record: RecordOf<E> = ENTITY_RECORDS[entity];
  const collection = `/api/${entity}` as `/api/${E}`;
  const item = `/api/${entity}/{id}` as `/api/${E}/{id}`;
  const tags = [entity];
  const needNote =
    entity === 'needs'
      ? ' Confidentiality applies: public needs to everyone, members-only needs to signed-in accounts, confidential needs only to the owner organisation, assigned coordinators and administrators.'
      : '';
  const params = z.object({ id: z.string() });
  const paramDescriptions = {
    id: spec.derivedKey
      ? entity === 'relations'
        ? 'Identity sourceId>targetId:type@startDate (URL-encoded)'
        : 'Identity areaType:areaCode:year:metric (URL-encoded)'
      : 'The external id',
  };
  const filters = filterableColumns(entity);
  const detailOnly = spec.columns.filter((c) => c.detailOnly).map((c) => c.field);
  const saved = {
    description: 'Saved',
    schema: record,
    component: name,
    documentAs: entitySchema(entity, 'output'),
    headers: ETAG,
  };
  const input = {
    body: record,
    bodyComponent: `${name}Input`,
    bodyDocumentAs: entitySchema(entity, 'input'),
  };
  return {
    list: defineRoute({
      method: 'get',
      path: collection,
      operationId: `list-${entity}`,
      summary: `List ${entity} (${spec.labelJa})`,
      description: `Pages in identity order; follow nextCursor. q searches ${spec.searchFields.join(', ')}.${needNote}`,
      tags,
      // The filters are per entity: any indexed field by name (the server refuses others).
      query: ZListParams.extend(
        Object.fromEntries(filters.map((c) => [c.field, z.string().optional()])),
      ) as unknown as z.ZodType<z.output<typeof ZListParams>, ListQueryInput>,
      queryDescriptions: {
        q: `Text search (substring) over ${spec.searchFields.join(', ')}; rate limited`,
        limit: 'Page size 1..1000 (default 50)',
        cursor: 'nextCursor of the previous page (keep the same sort while paging)',
        sort: 'Order by a field, - for descending (missing values last, ties by identity)',
        fields: `Only these fields, comma-separated; * for all.${
          detailOnly.length > 0
            ? ` By default all but ${detailOnly.join(', ')} (read one record for them, or ask here)`
            : ' By default all'
        }`,
        ...Object.fromEntries(
          filters.map((c) => [
            c.field,
            c.listFilter
              ? `Filter: ${c.doc}; the records whose list holds this value (the column name ${c.column} works too)`
              : `Filter: ${c.doc} (exact match; the column name ${c.column} works too)`,
          ]),
        ),
      },
      queryEnums: { sort: sortableFields(entity).flatMap((f) => [f, `-${f}`]) },
      responses: {
        200: {
          description: 'A page (with `fields`, each item has only the fields asked for)',
          schema: z.object({ items: z.array(record), nextCursor: z.string().nullable() }),
          documentAs: {
            type: 'object',
            required: ['items', 'nextCursor'],
            properties: {
              items: { type: 'array', items: ref(name) },
              nextCursor: { type: ['string', 'null'] },
            },
          },
        },
        422: problemAnswer('A query parameter is not valid'),
        429: STANDARD[429],
      },
    }),
    create: defineRoute({
      method: 'post',
      path: collection,
      operationId: `create-${entity}`,
      summary: `Create a ${name}`,
      description: `Administrators and coordinators; organisation members for their own seeds and needs; a prefecture’s or a municipality’s members for their area’s records and their own programmes (decision 019).${needNote}`,
      tags,
      ...input,
      responses: {
        201: {
          ...saved,
          description: 'Created',
          headers: { ...ETAG, Location: { schema: { type: 'string' } } },
        },
        409: problemAnswer('A record with this identity exists'),
        413: problemAnswer('Body too large'),
        415: problemAnswer('Not JSON'),
        422: problemAnswer('Not valid; `field` and `errors` name the fields'),
        ...STANDARD,
      },
    }),
    get: defineRoute({
      method: 'get',
      path: item,
      operationId: `get-${entity}`,
      summary: `Read one ${name}`,
      ...(needNote ? { description: needNote.trim() } : {}),
      tags,
      params,
      paramDescriptions,
      responses: {
        200: { ...saved, description: 'The record' },
        404: problemAnswer('No such record (or one you may not see)'),
      },
    }),
    replace: defineRoute({
      method: 'put',
      path: item,
      operationId: `replace-${entity}`,
      summary: `Replace a ${name}`,
      tags,
      params,
      paramDescriptions,
      headers: [IF_MATCH],
      ...input,
      responses: { 200: saved, ...CHANGED, 422: problemAnswer('Not valid'), ...STANDARD },
    }),
    patch: defineRoute({
      method: 'patch',
      path: item,
      operationId: `patch-${entity}`,
      summary: `Change some fields of a ${name} (JSON Merge Patch: null removes a field)`,
      tags,
      params,
      paramDescriptions,
      headers: [IF_MATCH],
      body: z.custom<MergePatchOf<E>>((value) => typeof value === 'object' && value !== null),
      bodyDocumentAs: { type: 'object' },
      bodyContentTypes: ['application/merge-patch+json', 'application/json'],
      responses: { 200: saved, ...CHANGED, 422: problemAnswer('Not valid'), ...STANDARD },
    }),
    remove: defineRoute({
      method: 'delete',
      path: item,
      operationId: `delete-${entity}`,
      summary: `Delete a ${name}`,
      tags,
      params,
      paramDescriptions,
      headers: [IF_MATCH],
      responses: {
        204: emptyAnswer('Deleted'),
        ...CHANGED,
        409: problemAnswer('Still referenced by other records'),
        ...STANDARD,
      },
    }),
  };
}

/**
 * A relation moved to a new identity (source, target, type or start date) in one transaction: the
 * old one removed and the new one stored together, or neither.
 */
export const rekeyRelation = defineRoute({
  method: 'post',
  path: '/api/relations/{id}/rekey',
  operationId: 'rekey-relations',
  summary: 'Replace a Relation with one under a new identity, in one transaction',
  description:
    'The body is the whole relation as it should be, with a new sourceId, targetId, type or startDate. The old relation is deleted and the new one created together (audited as both), only when the old one is still at the If-Match version and no relation holds the new identity; otherwise nothing changes. Same permissions as deleting the old relation and creating the new one.',
  tags: ['relations'],
  params: z.object({ id: z.string() }),
  paramDescriptions: {
    id: 'Identity of the relation to replace, sourceId>targetId:type@startDate (URL-encoded)',
  },
  headers: [IF_MATCH],
  body: ZRelation,
  bodyComponent: 'RelationInput',
  bodyDocumentAs: entitySchema('relations', 'input'),
  responses: {
    201: {
      description: 'The relation under its new identity',
      schema: ZRelation,
      component: 'Relation',
      documentAs: entitySchema('relations', 'output'),
      headers: { ...ETAG, Location: { schema: { type: 'string' } } },
    },
    ...CHANGED,
    409: problemAnswer('A relation with the new identity exists'),
    413: problemAnswer('Body too large'),
    415: problemAnswer('Not JSON'),
    422: problemAnswer('Not valid, or the identity is unchanged (use PUT or PATCH)'),
    ...STANDARD,
  },
});

export type EntityRoutes<E extends EntityName> = ReturnType<typeof entityRoutes<E>>;

/** The routes of every entity, by entity name. */
export const ENTITY_ROUTES = Object.fromEntries(
  ENTITY_NAMES.map((entity) => [entity, entityRoutes(entity)]),
) as { readonly [E in EntityName]: EntityRoutes<E> };

/** Any one of the entity routes. */
export type EntityRoute = {
  [E in EntityName]: EntityRoutes<E>[keyof EntityRoutes<E>];
}[EntityName];
