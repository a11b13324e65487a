/**
 * The coordinator workflow (相談対応): consultations as a list and a board, moves with If-Match,
 * notes, history, coordinators, candidates, judgements and triage; and staged disclosure (段階的開示)
 * of confidential needs: digests, interests, the owner's decision.
 */
import { z } from 'zod';
import { ZNeed } from '#core/entities/need.ts';
import { jsonSchemaOf } from '../openapi-schema.ts';
import { defineRoute, emptyAnswer, problemAnswer, type HeaderContract } from '../route.ts';
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
  ZRequesterStatus,
  ZStageMoveBody,
  ZTriage,
} from '../workflow-schemas.ts';

const COMMON = {
  401: problemAnswer('Not signed in'),
  403: problemAnswer('Not allowed for this role, or CSRF token missing/wrong'),
  404: problemAnswer('No such record, or one you may not see (the same answer)'),
  422: problemAnswer('Not valid; `field` names the input'),
};
const ETAG = {
  ETag: { description: 'Consultation version, for If-Match', schema: { type: 'string' } },
};
const IF_MATCH: HeaderContract = {
  name: 'If-Match',
  required: true,
  description: 'The ETag you read; 412 when the consultation changed since, 428 when missing',
  example: '"3"',
};
const QUERY_DESCRIPTIONS = {
  q: 'Text search (substring)',
  limit: 'Page size',
  cursor: 'nextCursor of the previous page (keep the same sort)',
  sort: 'Order by a field, - for descending (missing values last, ties by id)',
  stage: 'Only this stage',
  mine: 'Only consultations assigned to me',
  overdue: 'Only overdue ones',
  needId: 'Only the consultations on this need',
};
const sortValues = (fields: readonly string[]) => fields.flatMap((f) => [f, `-${f}`]);
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const pageOf = <T extends z.ZodType>(item: T, component: string) => ({
  description: 'A page',
  schema: z.object({ items: z.array(item), nextCursor: z.string().nullable() }),
  documentAs: {
    type: 'object',
    required: ['items', 'nextCursor'],
    properties: {
      items: { type: 'array', items: ref(component) },
      nextCursor: { type: ['string', 'null'] },
    },
  },
});

const tags = ['consultations'];
const id = z.object({ id: z.string() });
const ids = { id: 'Consultation id' };
const item = (description: string) => ({
  description,
  schema: ZConsultationItem,
  component: 'ConsultationItem',
});
const coordinator = z.object({ id: z.string(), accountId: z.string() });
const coordinatorIds = { ...ids, accountId: 'Coordinator account id' };

export const listConsultations = defineRoute({
  method: 'get',
  path: '/api/consultations',
  operationId: 'list-consultations',
  summary: 'Consultations you may see, with overdue flags (default sort -openedAt)',
  tags,
  query: ZConsultationListQuery,
  queryDescriptions: QUERY_DESCRIPTIONS,
  queryEnums: { sort: sortValues(CONSULTATION_SORT_FIELDS) },
  responses: { 200: pageOf(ZConsultationItem, 'ConsultationItem'), ...COMMON },
});

export const openConsultation = defineRoute({
  method: 'post',
  path: '/api/consultations',
  operationId: 'open-consultation',
  summary: 'Open a consultation from a need (the requester or a coordinator)',
  tags,
  body: ZOpenConsultation,
  bodyComponent: 'ConsultationOpen',
  responses: { 201: { ...item('Opened'), headers: ETAG }, ...COMMON },
});

export const consultationBoard = defineRoute({
  method: 'get',
  path: '/api/consultations/board',
  operationId: 'consultation-board',
  summary:
    'The board: consultations by stage with counts and overdue counts (default sort stageEnteredAt)',
  tags,
  // The board shows every stage at once: no cursor (one given is ignored).
  query: ZConsultationListQuery.omit({ cursor: true }),
  queryDescriptions: QUERY_DESCRIPTIONS,
  queryEnums: { sort: sortValues(CONSULTATION_SORT_FIELDS) },
  responses: {
    200: { description: 'Stages', schema: ZBoard, component: 'ConsultationBoard' },
    ...COMMON,
  },
});

export const getConsultation = defineRoute({
  method: 'get',
  path: '/api/consultations/{id}',
  operationId: 'get-consultation',
  summary: 'A consultation with its history (the requester sees only stage changes)',
  tags,
  params: id,
  paramDescriptions: ids,
  responses: {
    200: {
      description: 'The consultation',
      schema: ZConsultationDetail,
      component: 'ConsultationDetail',
      headers: ETAG,
    },
    ...COMMON,
  },
});

export const consultationHistory = defineRoute({
  method: 'get',
  path: '/api/consultations/{id}/history',
  operationId: 'consultation-history',
  summary: 'Who did what, when',
  tags,
  params: id,
  paramDescriptions: ids,
  responses: {
    200: {
      description: 'Events in order',
      schema: z.object({ items: z.array(ZConsultationEvent) }),
      documentAs: {
        type: 'object',
        properties: { items: { type: 'array', items: ref('ConsultationEvent') } },
      },
    },
    ...COMMON,
  },
});

export const consultationStatus = defineRoute({
  method: 'get',
  path: '/api/consultations/{id}/status',
  operationId: 'consultation-status',
  summary: 'What the requester sees: stage, outcome, overdue, due date',
  tags,
  params: id,
  paramDescriptions: ids,
  responses: {
    200: { description: 'Status', schema: ZRequesterStatus, component: 'ConsultationStatus' },
    ...COMMON,
  },
});

export const moveConsultation = defineRoute({
  method: 'post',
  path: '/api/consultations/{id}/moves',
  operationId: 'move-consultation',
  summary:
    'Move to another stage (forward, one back, or closed); assigned coordinators, or the requester withdrawing',
  tags,
  params: id,
  paramDescriptions: ids,
  headers: [IF_MATCH],
  body: ZStageMoveBody,
  bodyComponent: 'StageMove',
  bodyDocumentAs: {
    ...jsonSchemaOf(ZStageMoveBody, 'input'),
    description: 'agreement needs agreementType; closed needs outcome (and a reason unless won)',
  },
  responses: {
    200: { ...item('Moved'), headers: ETAG },
    409: problemAnswer('Changed at the same moment; read it again'),
    412: problemAnswer('Changed since you read it, or the stage machine does not allow this move'),
    428: problemAnswer('If-Match missing'),
    ...COMMON,
  },
});

export const addConsultationNote = defineRoute({
  method: 'post',
  path: '/api/consultations/{id}/notes',
  operationId: 'add-consultation-note',
  summary: 'Add a note (assigned coordinators)',
  tags,
  params: id,
  paramDescriptions: ids,
  body: ZNoteBody,
  bodyComponent: 'Note',
  responses: {
    201: {
      description: 'The note event',
      schema: ZConsultationEvent,
      component: 'ConsultationEvent',
    },
    ...COMMON,
  },
});

export const assignConsultation = defineRoute({
  method: 'put',
  path: '/api/consultations/{id}/coordinators/{accountId}',
  operationId: 'assign-consultation',
  summary:
    'Assign a coordinator (take an unassigned case, or add a colleague to yours): only coordinators or administrators who may see the need',
  tags,
  params: coordinator,
  paramDescriptions: coordinatorIds,
  responses: { 200: item('Assigned'), ...COMMON },
});

export const unassignConsultation = defineRoute({
  method: 'delete',
  path: '/api/consultations/{id}/coordinators/{accountId}',
  operationId: 'unassign-consultation',
  summary: 'Remove a coordinator (the last one only by an administrator)',
  tags,
  params: coordinator,
  paramDescriptions: coordinatorIds,
  responses: { 204: emptyAnswer('Removed'), ...COMMON },
});

export const proposeCandidates = defineRoute({
  method: 'post',
  path: '/api/consultations/{id}/candidates',
  operationId: 'propose-candidates',
  summary: 'Propose candidate seeds (moves triage → candidates_proposed)',
  tags,
  params: id,
  paramDescriptions: ids,
  body: ZCandidatesBody,
  bodyComponent: 'Candidates',
  responses: { 201: item('Proposed'), ...COMMON },
});

export const judgeCandidate = defineRoute({
  method: 'post',
  path: '/api/consultations/{id}/judgements',
  operationId: 'judge-candidate',
  summary: 'Choose or reject a candidate; the rejection reason feeds the ranking',
  tags,
  params: id,
  paramDescriptions: ids,
  body: ZJudgementBody,
  bodyComponent: 'Judgement',
  responses: { 204: emptyAnswer('Recorded'), ...COMMON },
});

export const consultationTriage = defineRoute({
  method: 'get',
  path: '/api/consultations/{id}/triage',
  operationId: 'consultation-triage',
  summary:
    'One-screen triage: key terms, suggested field and coordinators, best researchers and seeds',
  tags,
  params: id,
  paramDescriptions: ids,
  responses: {
    200: { description: 'Triage view', schema: ZTriage, component: 'Triage' },
    ...COMMON,
  },
});

const disclosure = ['disclosure'];
const needIds = { id: 'Need id' };
const requestIds = { id: 'Disclosure request id' };
const digest = { schema: ZPublicDigest, component: 'Digest' };
const request = { schema: ZDisclosureRequest, component: 'DisclosureRequest' };

export const publishDigest = defineRoute({
  method: 'post',
  path: '/api/needs/{id}/digest',
  operationId: 'publish-digest',
  summary: 'Publish the anonymous digest of a need (owner or assigned coordinator)',
  tags: disclosure,
  params: id,
  paramDescriptions: needIds,
  responses: { 201: { ...digest, description: 'The digest (no need id, no owner)' }, ...COMMON },
});

export const withdrawDigest = defineRoute({
  method: 'delete',
  path: '/api/needs/{id}/digest',
  operationId: 'withdraw-digest',
  summary: 'Withdraw the digest',
  tags: disclosure,
  params: id,
  paramDescriptions: needIds,
  responses: { 204: emptyAnswer('Withdrawn'), ...COMMON },
});

export const disclosureHistory = defineRoute({
  method: 'get',
  path: '/api/needs/{id}/disclosures',
  operationId: 'disclosure-history',
  summary: 'Interests and the disclosure log (owner and assigned coordinators)',
  tags: disclosure,
  params: id,
  paramDescriptions: needIds,
  responses: {
    200: { description: 'History', schema: ZDisclosureHistory, component: 'DisclosureHistory' },
    ...COMMON,
  },
});

export const disclosedNeed = defineRoute({
  method: 'get',
  path: '/api/needs/{id}/disclosed',
  operationId: 'disclosed-need',
  summary: 'The full need, for those it was disclosed to (each view is logged)',
  tags: disclosure,
  params: id,
  paramDescriptions: needIds,
  responses: {
    200: { description: 'The need', schema: ZNeed, documentAs: ref('Need') },
    ...COMMON,
  },
});

export const listDigests = defineRoute({
  method: 'get',
  path: '/api/digests',
  operationId: 'list-digests',
  summary: 'Published anonymous digests (default sort -publishedAt)',
  tags: disclosure,
  security: [],
  query: ZDigestListQuery,
  queryDescriptions: QUERY_DESCRIPTIONS,
  queryEnums: { sort: sortValues(DIGEST_SORT_FIELDS) },
  responses: { 200: pageOf(ZPublicDigest, 'Digest'), 422: COMMON[422] },
});

export const expressInterest = defineRoute({
  method: 'post',
  path: '/api/digests/{digestId}/interests',
  operationId: 'express-interest',
  summary: 'Express your organisation’s interest in a digest',
  tags: disclosure,
  params: z.object({ digestId: z.string() }),
  paramDescriptions: { digestId: 'Digest id' },
  body: ZInterestBody,
  bodyComponent: 'Interest',
  responses: {
    201: { description: 'The request', schema: z.object({ requestId: z.string() }) },
    ...COMMON,
  },
});

export const decideDisclosure = defineRoute({
  method: 'post',
  path: '/api/disclosure-requests/{id}/decision',
  operationId: 'decide-disclosure',
  summary: 'Accept (disclose, e.g. under an NDA) or decline; the owner organisation only',
  tags: disclosure,
  params: id,
  paramDescriptions: requestIds,
  body: ZDecisionBody,
  bodyComponent: 'DisclosureDecision',
  responses: {
    200: { ...request, description: 'Decided' },
    412: problemAnswer('Already decided'),
    ...COMMON,
  },
});

export const withdrawDisclosure = defineRoute({
  method: 'delete',
  path: '/api/disclosure-requests/{id}',
  operationId: 'withdraw-disclosure',
  summary:
    'Withdraw an interest (the interested organisation) or a disclosure (the owner organisation): the organisation no longer reads the need',
  tags: disclosure,
  params: id,
  paramDescriptions: requestIds,
  responses: {
    200: { ...request, description: 'Withdrawn' },
    412: problemAnswer('Already withdrawn or declined'),
    ...COMMON,
  },
});
