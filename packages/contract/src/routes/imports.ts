/**
 * Importing a file from the browser (issue 11, point 5): upload a CSV, XLSX, JSON or NDJSON file
 * of one entity, read the same validation report as `musubi import` (every rejected row with its
 * fields and reasons; nothing written), then confirm (imported all-or-nothing) or cancel. A
 * checked upload waits 30 minutes for its uploader only; coordinators and administrators import.
 */
import { z } from 'zod';
import { ENTITY_NAMES } from '#core/entities/entity-spec.ts';
import { REFUSAL_CODES, REJECT_CODES } from '#core/import-reasons.ts';
import { defineRoute, emptyAnswer, problemAnswer } from '../route.ts';
import { ZReviewEvidence } from './reviews.ts';

const tags = ['imports'];
/** The sources of `musubi connect` (the connectors' SOURCE_NAMES; a test keeps the two equal). */
export const CONNECTOR_SOURCES = [
  'houjin-bangou',
  'gbizinfo',
  'researchmap',
  'kaken',
  'openalex',
  'ror',
  'estat',
  'jgrants',
] as const;
const SOURCE_NAMES = CONNECTOR_SOURCES;
/** The published shapes the connectors tell apart (`SHAPE_NAMES` of the detection; a test keeps the two equal). */
export const CONNECTOR_SHAPES = [
  'houjin-full-csv',
  'houjin-diff-csv',
  'houjin-csv',
  'houjin-webapi-csv',
  'houjin-xml',
  'gbizinfo-json',
  'gbizinfo-basic-csv',
  'gbizinfo-subsidy-csv',
  'gbizinfo-procurement-csv',
  'gbizinfo-patent-csv',
  'researchmap-jsonld',
  'researchmap-jsonl',
  'kaken-projects-xml',
  'kaken-researchers-json',
  'kaken-csv',
  'openalex-json',
  'openalex-jsonl',
  'ror-json',
  'ror-csv',
  'estat-stats-json',
  'estat-meta-json',
  'jgrants-json',
] as const;
export type ConnectorShape = (typeof CONNECTOR_SHAPES)[number];

/** What a file's content is, told from its start: source, published shape, encoding. */
export const ZRecognition = z.object({
  source: z.enum(SOURCE_NAMES),
  shape: z.enum(CONNECTOR_SHAPES),
  encoding: z.enum(['utf-8', 'shift_jis']).nullable().describe('null: ASCII only'),
});
const FORMATS = ['csv', 'xlsx', 'json', 'ndjson'] as const;
const COMMON = {
  401: problemAnswer('Not signed in'),
  403: problemAnswer('Only coordinators and administrators import, or CSRF token missing/wrong'),
};
const WAITING = {
  404: problemAnswer('No upload of this account by that id (another account’s, expired, done)'),
};

export const ZUploadCheck = z.object({
  uploadId: z.string().nullable(),
  entity: z.enum(ENTITY_NAMES),
  fileName: z.string(),
  format: z.enum(FORMATS),
  bytes: z.number().int(),
  rowsRead: z.number().int(),
  wouldWrite: z.number().int(),
  rejectedCount: z.number().int(),
  rejected: z.array(
    z.object({
      row: z.number().int(),
      problems: z.array(
        z.object({
          field: z.string(),
          reason: z.string().describe('As `musubi import` prints it (English)'),
          code: z.enum(REJECT_CODES).describe('Why, as a code (e.g. required, not_prefecture)'),
          values: z.record(z.string(), z.string()),
        }),
      ),
    }),
  ),
  unknownColumns: z.array(z.string()),
  refusal: z.string().nullable(),
  refusalReason: z
    .object({ code: z.enum(REFUSAL_CODES), values: z.record(z.string(), z.string()) })
    .nullable()
    .describe('The refusal as a code (e.g. columns_missing) with its values'),
  expiresAt: z.string().nullable(),
});
export type UploadCheck = z.infer<typeof ZUploadCheck>;

/** What a connector's run did (the `--json` object of `musubi connect`). */
export const ZConnectReport = z.object({
  source: z.enum(SOURCE_NAMES),
  read: z.number().int(),
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  closed: z.number().int(),
  rejected: z.number().int(),
  review: z.number().int(),
});

/** A connector's file after its dry run: the report of `musubi connect SOURCE FILE --dry-run`. */
export const ZConnectorUploadCheck = z.object({
  uploadId: z.string().nullable(),
  source: z.enum(SOURCE_NAMES),
  fileName: z.string(),
  bytes: z.number().int(),
  report: ZConnectReport,
  rejected: z.array(
    z.object({ at: z.string(), field: z.string(), reason: z.string(), reasonJa: z.string() }),
  ),
  skippedCount: z.number().int(),
  skipped: z.array(
    z.object({
      at: z.string(),
      reason: z.string(),
      reasonJa: z.string(),
      code: z.string().describe('Why, as a code (e.g. ror_withdrawn, history_row, procurement)'),
      values: z.record(z.string(), z.string()),
    }),
  ),
  reviews: z.array(
    z.object({
      at: z.string(),
      candidateId: z.string(),
      reason: z.string(),
      evidence: ZReviewEvidence,
    }),
  ),
  refusal: z.string().nullable(),
  expiresAt: z.string().nullable(),
  detected: ZRecognition.nullable().describe(
    'What the content is, told from its start (null: no source recognises it)',
  ),
});
export type ConnectorUploadCheck = z.infer<typeof ZConnectorUploadCheck>;

export const ZConfirmedImport = z.object({
  entity: z.enum(ENTITY_NAMES),
  fileName: z.string(),
  rowsRead: z.number().int(),
  written: z.number().int(),
  /** A connector's file: its source and what the run did. */
  source: z.enum(SOURCE_NAMES).optional(),
  report: ZConnectReport.optional(),
});

export const ZUploadQuery = z.object({
  entity: z.enum(ENTITY_NAMES),
  fileName: z.string().min(1).max(500),
  format: z.enum(FORMATS).optional(),
});

export const ZConnectorUploadQuery = z.object({
  source: z.enum(SOURCE_NAMES).optional(),
  fileName: z.string().min(1).max(500),
});

const id = z.object({ id: z.string().min(1).max(100) });
const check = { description: 'The check', schema: ZUploadCheck, component: 'UploadCheck' };

export const uploadImport = defineRoute({
  method: 'post',
  path: '/api/uploads',
  operationId: 'upload-import',
  summary: 'Upload a file of one entity and check it in a dry run (nothing written)',
  description:
    'The body is the file itself (at most 20 MiB). A file without rejected rows waits for confirmation (`uploadId`, `expiresAt`); otherwise the report lists every rejected row and nothing is kept.',
  tags,
  query: ZUploadQuery,
  queryDescriptions: {
    entity: 'The entity of the rows',
    fileName: 'The file’s name (its extension tells the format unless `format` is given)',
    format: 'csv | xlsx | json | ndjson',
  },
  requiredQuery: ['entity', 'fileName'],
  bodyDocumentAs: { type: 'string', format: 'binary' },
  bodyContentTypes: [
    'text/csv',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/json',
    'application/x-ndjson',
    'application/octet-stream',
  ],
  responses: {
    200: check,
    ...COMMON,
    413: problemAnswer('The file is larger than 20 MiB'),
    422: problemAnswer('Not valid; `field` names the input'),
    429: problemAnswer('Five uploads already wait, or another is being checked'),
  },
});

export const uploadConnectorFile = defineRoute({
  method: 'post',
  path: '/api/connector-uploads',
  operationId: 'upload-connector-file',
  summary: 'Upload a file of an open source and check it in a dry run (nothing written)',
  description:
    'The body is the file as the source publishes it (at most 20 MiB), read by the connector of `musubi connect`. Without `source`, the file’s content tells it (`detected`); a file no source recognises is refused (415, `unrecognised`: empty | zip | binary | unknown, the accepted shapes named in `detail`). A file without rejected records waits for confirmation (`uploadId`, confirmed or cancelled under /api/uploads/{id}); otherwise the report lists every rejected record and nothing is kept.',
  tags,
  query: ZConnectorUploadQuery,
  queryDescriptions: {
    source: `${SOURCE_NAMES.join(' | ')}; absent: told from the content`,
    fileName: 'The file’s name (some sources tell their variants apart by it)',
  },
  requiredQuery: ['fileName'],
  bodyDocumentAs: { type: 'string', format: 'binary' },
  bodyContentTypes: [
    'text/csv',
    'application/json',
    'application/xml',
    'text/xml',
    'application/octet-stream',
  ],
  responses: {
    200: {
      description: 'The dry run',
      schema: ZConnectorUploadCheck,
      component: 'ConnectorUploadCheck',
    },
    ...COMMON,
    413: problemAnswer('The file is larger than 20 MiB'),
    415: problemAnswer('No source given and none recognises the content'),
    422: problemAnswer('Not valid; `field` names the input'),
    429: problemAnswer('Five uploads already wait, or another is being checked'),
  },
});

export const getConnectorUpload = defineRoute({
  method: 'get',
  path: '/api/connector-uploads/{id}',
  operationId: 'get-connector-upload',
  summary: 'The dry run of one of my connector files waiting for confirmation',
  tags,
  params: id,
  paramDescriptions: { id: 'Upload id' },
  responses: {
    200: {
      description: 'The dry run',
      schema: ZConnectorUploadCheck,
      component: 'ConnectorUploadCheck',
    },
    ...COMMON,
    ...WAITING,
  },
});

export const getUpload = defineRoute({
  method: 'get',
  path: '/api/uploads/{id}',
  operationId: 'get-upload',
  summary: 'The check of one of my uploads waiting for confirmation',
  tags,
  params: id,
  paramDescriptions: { id: 'Upload id' },
  responses: { 200: check, ...COMMON, ...WAITING },
});

export const confirmUpload = defineRoute({
  method: 'post',
  path: '/api/uploads/{id}/confirm',
  operationId: 'confirm-upload',
  summary: 'Import my waiting upload, all-or-nothing',
  tags,
  params: id,
  paramDescriptions: { id: 'Upload id' },
  responses: {
    200: { description: 'Imported', schema: ZConfirmedImport, component: 'ConfirmedImport' },
    ...COMMON,
    ...WAITING,
    422: problemAnswer(
      'The rows no longer pass (the data changed since the check): nothing imported; the upload is held with the rows that failed, to be checked again',
    ),
  },
});

export const recheckUpload = defineRoute({
  method: 'post',
  path: '/api/uploads/{id}/check',
  operationId: 'recheck-upload',
  summary: 'Check my held upload again (after a refused confirmation, once the data is put right)',
  tags,
  params: id,
  paramDescriptions: { id: 'Upload id' },
  responses: {
    200: check,
    ...COMMON,
    ...WAITING,
    429: problemAnswer('Another file of this account is being checked'),
  },
});

export const cancelUpload = defineRoute({
  method: 'delete',
  path: '/api/uploads/{id}',
  operationId: 'cancel-upload',
  summary: 'Throw away my waiting upload',
  tags,
  params: id,
  paramDescriptions: { id: 'Upload id' },
  responses: { 204: emptyAnswer('Thrown away'), ...COMMON, ...WAITING },
});
