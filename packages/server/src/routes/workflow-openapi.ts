/**
 * OpenAPI paths of the consultation and disclosure routes, generated from the zod schemas in
 * `workflow.schema.ts` (the ones the routes validate with); matching is documented from the contract.
 */
import { z } from 'zod';
import { ZStageMove } from '#core/consultation.ts';
import { jsonSchemaOf, queryParametersOf, type JsonSchema } from '#contract/openapi-schema.ts';
import {
  CONSULTATION_SORT_FIELDS,
  DIGEST_SORT_FIELDS,
  ZBoard,
  ZCandidatesBody,
  ZConsultationDetail,
  ZConsultationEvent,
  ZConsultationItem,
  ZConsultationListQuery,
  ZDecisionBody,
  ZDigestListQuery,
  ZDisclosureHistory,
  ZDisclosureRequest,
  ZInterestBody,
  ZJudgementBody,
  ZNoteBody,
  ZOpenConsultation,
  ZPublicDigest,
  ZTriage,
} from './workflow.schema.ts';

const schemaOf = jsonSchemaOf;

/** Component schemas these paths refer to. */
export function workflowSchemas(): Record<string, JsonSchema> {
  return {
    ConsultationOpen: schemaOf(ZOpenConsultation, 'input'),
    ConsultationItem: schemaOf(ZConsultationItem, 'output'),
    ConsultationDetail: schemaOf(ZConsultationDetail, 'output'),
    ConsultationEvent: schemaOf(ZConsultationEvent, 'output'),
    ConsultationBoard: schemaOf(ZBoard, 'output'),
    StageMove: {
      ...schemaOf(ZStageMove, 'input'),
      description: 'agreement needs agreementType; closed needs outcome (and a reason unless won)',
    },
    Note: schemaOf(ZNoteBody, 'input'),
    Candidates: schemaOf(ZCandidatesBody, 'input'),
    Judgement: schemaOf(ZJudgementBody, 'input'),
    Triage: schemaOf(ZTriage, 'output'),
    Digest: schemaOf(ZPublicDigest, 'output'),
    Interest: schemaOf(ZInterestBody, 'input'),
    DisclosureDecision: schemaOf(ZDecisionBody, 'input'),
    DisclosureRequest: schemaOf(ZDisclosureRequest, 'output'),
    DisclosureHistory: schemaOf(ZDisclosureHistory, 'output'),
  };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});
const json = (description: string, schema: unknown, headers?: Record<string, unknown>) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema } },
});
const body = (name: string) => ({
  required: true,
  content: { 'application/json': { schema: ref(name) } },
});
const path = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});
const ETAG = {
  ETag: { description: 'Consultation version, for If-Match', schema: { type: 'string' } },
};
const COMMON = {
  '401': problem('Not signed in'),
  '403': problem('Not allowed for this role, or CSRF token missing/wrong'),
  '404': problem('No such record, or one you may not see (the same answer)'),
  '422': problem('Not valid; `field` names the input'),
};

function queryParams(schema: z.ZodObject, sortFields: readonly string[] = []): unknown[] {
  const descriptions: Record<string, string> = {
    q: 'Text search (substring)',
    limit: 'Page size',
    cursor: 'nextCursor of the previous page (keep the same sort)',
    sort: 'Order by a field, - for descending (missing values last, ties by id)',
    stage: 'Only this stage',
    mine: 'Only consultations assigned to me',
    overdue: 'Only overdue ones',
    region: 'any (default) | near (same or neighbouring prefecture) | in (same prefecture)',
    expand: 'Query expansion (dictionary, co-occurrence, feedback); default true',
  };
  return queryParametersOf(schema, descriptions, (name, property) =>
    name === 'sort' && sortFields.length > 0
      ? { type: 'string', enum: sortFields.flatMap((f) => [f, `-${f}`]) }
      : property,
  );
}

const page = (item: string) => ({
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: {
    items: { type: 'array', items: ref(item) },
    nextCursor: { type: ['string', 'null'] },
  },
});

export function workflowPaths(): Record<string, Record<string, unknown>> {
  const id = path('id', 'Consultation id');
  const needId = path('id', 'Need id');
  return {
    '/api/consultations': {
      get: {
        tags: ['consultations'],
        operationId: 'list-consultations',
        summary: 'Consultations you may see, with overdue flags (default sort -openedAt)',
        parameters: queryParams(ZConsultationListQuery, CONSULTATION_SORT_FIELDS),
        responses: { '200': json('A page', page('ConsultationItem')), ...COMMON },
      },
      post: {
        tags: ['consultations'],
        operationId: 'open-consultation',
        summary: 'Open a consultation from a need (the requester or a coordinator)',
        requestBody: body('ConsultationOpen'),
        responses: { '201': json('Opened', ref('ConsultationItem'), ETAG), ...COMMON },
      },
    },
    '/api/consultations/board': {
      get: {
        tags: ['consultations'],
        operationId: 'consultation-board',
        summary:
          'The board: consultations by stage with counts and overdue counts (default sort stageEnteredAt)',
        parameters: queryParams(ZConsultationListQuery, CONSULTATION_SORT_FIELDS).filter(
          (p) => (p as { name: string }).name !== 'cursor',
        ),
        responses: { '200': json('Stages', ref('ConsultationBoard')), ...COMMON },
      },
    },
    '/api/consultations/{id}': {
      parameters: [id],
      get: {
        tags: ['consultations'],
        operationId: 'get-consultation',
        summary: 'A consultation with its history (the requester sees only stage changes)',
        responses: { '200': json('The consultation', ref('ConsultationDetail'), ETAG), ...COMMON },
      },
    },
    '/api/consultations/{id}/history': {
      parameters: [id],
      get: {
        tags: ['consultations'],
        operationId: 'consultation-history',
        summary: 'Who did what, when',
        responses: {
          '200': json('Events in order', {
            type: 'object',
            properties: { items: { type: 'array', items: ref('ConsultationEvent') } },
          }),
          ...COMMON,
        },
      },
    },
    '/api/consultations/{id}/status': {
      parameters: [id],
      get: {
        tags: ['consultations'],
        operationId: 'consultation-status',
        summary: 'What the requester sees: stage, outcome, overdue, due date',
        responses: { '200': json('Status', { type: 'object' }), ...COMMON },
      },
    },
    '/api/consultations/{id}/moves': {
      parameters: [id],
      post: {
        tags: ['consultations'],
        operationId: 'move-consultation',
        summary:
          'Move to another stage (forward, one back, or closed); assigned coordinators, or the requester withdrawing',
        parameters: [
          {
            name: 'If-Match',
            in: 'header',
            required: true,
            description:
              'The ETag you read; 412 when the consultation changed since, 428 when missing',
            schema: { type: 'string', examples: ['"3"'] },
          },
        ],
        requestBody: body('StageMove'),
        responses: {
          '200': json('Moved', ref('ConsultationItem'), ETAG),
          '409': problem('Changed at the same moment; read it again'),
          '412': problem(
            'Changed since you read it, or the stage machine does not allow this move',
          ),
          '428': problem('If-Match missing'),
          ...COMMON,
        },
      },
    },
    '/api/consultations/{id}/notes': {
      parameters: [id],
      post: {
        tags: ['consultations'],
        operationId: 'add-consultation-note',
        summary: 'Add a note (assigned coordinators)',
        requestBody: body('Note'),
        responses: { '201': json('The note event', ref('ConsultationEvent')), ...COMMON },
      },
    },
    '/api/consultations/{id}/coordinators/{accountId}': {
      parameters: [id, path('accountId', 'Coordinator account id')],
      put: {
        tags: ['consultations'],
        operationId: 'assign-consultation',
        summary:
          'Assign a coordinator (take an unassigned case, or add a colleague to yours): only coordinators or administrators who may see the need',
        responses: { '200': json('Assigned', ref('ConsultationItem')), ...COMMON },
      },
      delete: {
        tags: ['consultations'],
        operationId: 'unassign-consultation',
        summary: 'Remove a coordinator (the last one only by an administrator)',
        responses: { '204': { description: 'Removed' }, ...COMMON },
      },
    },
    '/api/consultations/{id}/candidates': {
      parameters: [id],
      post: {
        tags: ['consultations'],
        operationId: 'propose-candidates',
        summary: 'Propose candidate seeds (moves triage → candidates_proposed)',
        requestBody: body('Candidates'),
        responses: { '201': json('Proposed', ref('ConsultationItem')), ...COMMON },
      },
    },
    '/api/consultations/{id}/judgements': {
      parameters: [id],
      post: {
        tags: ['consultations'],
        operationId: 'judge-candidate',
        summary: 'Choose or reject a candidate; the rejection reason feeds the ranking',
        requestBody: body('Judgement'),
        responses: { '204': { description: 'Recorded' }, ...COMMON },
      },
    },
    '/api/consultations/{id}/triage': {
      parameters: [id],
      get: {
        tags: ['consultations'],
        operationId: 'consultation-triage',
        summary:
          'One-screen triage: key terms, suggested field and coordinators, best researchers and seeds',
        responses: { '200': json('Triage view', ref('Triage')), ...COMMON },
      },
    },
    '/api/needs/{id}/digest': {
      parameters: [needId],
      post: {
        tags: ['disclosure'],
        operationId: 'publish-digest',
        summary: 'Publish the anonymous digest of a need (owner or assigned coordinator)',
        responses: { '201': json('The digest (no need id, no owner)', ref('Digest')), ...COMMON },
      },
      delete: {
        tags: ['disclosure'],
        operationId: 'withdraw-digest',
        summary: 'Withdraw the digest',
        responses: { '204': { description: 'Withdrawn' }, ...COMMON },
      },
    },
    '/api/needs/{id}/disclosures': {
      parameters: [needId],
      get: {
        tags: ['disclosure'],
        operationId: 'disclosure-history',
        summary: 'Interests and the disclosure log (owner and assigned coordinators)',
        responses: { '200': json('History', ref('DisclosureHistory')), ...COMMON },
      },
    },
    '/api/needs/{id}/disclosed': {
      parameters: [needId],
      get: {
        tags: ['disclosure'],
        operationId: 'disclosed-need',
        summary: 'The full need, for those it was disclosed to (each view is logged)',
        responses: { '200': json('The need', ref('Need')), ...COMMON },
      },
    },
    '/api/digests': {
      get: {
        tags: ['disclosure'],
        operationId: 'list-digests',
        summary: 'Published anonymous digests (default sort -publishedAt)',
        security: [],
        parameters: queryParams(ZDigestListQuery, DIGEST_SORT_FIELDS),
        responses: { '200': json('A page', page('Digest')), '422': COMMON['422'] },
      },
    },
    '/api/digests/{digestId}/interests': {
      parameters: [path('digestId', 'Digest id')],
      post: {
        tags: ['disclosure'],
        operationId: 'express-interest',
        summary: 'Express your organisation’s interest in a digest',
        requestBody: body('Interest'),
        responses: {
          '201': json('The request', {
            type: 'object',
            properties: { requestId: { type: 'string' } },
          }),
          ...COMMON,
        },
      },
    },
    '/api/disclosure-requests/{id}/decision': {
      parameters: [path('id', 'Disclosure request id')],
      post: {
        tags: ['disclosure'],
        operationId: 'decide-disclosure',
        summary: 'Accept (disclose, e.g. under an NDA) or decline; the owner organisation only',
        requestBody: body('DisclosureDecision'),
        responses: {
          '200': json('Decided', ref('DisclosureRequest')),
          '412': problem('Already decided'),
          ...COMMON,
        },
      },
    },
    '/api/disclosure-requests/{id}': {
      parameters: [path('id', 'Disclosure request id')],
      delete: {
        tags: ['disclosure'],
        operationId: 'withdraw-disclosure',
        summary:
          'Withdraw an interest (the interested organisation) or a disclosure (the owner organisation): the organisation no longer reads the need',
        responses: {
          '200': json('Withdrawn', ref('DisclosureRequest')),
          '412': problem('Already withdrawn or declined'),
          ...COMMON,
        },
      },
    },
  };
}
