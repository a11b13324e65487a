/**
 * Sign-in, sign-out, who am I and the caller's API tokens (`/api/auth/*`); account administration
 * (`/api/accounts`), need assignments and the audit log (`/api/audit`). Bodies are validated by
 * the services with core's schemas (named here for the client and the document).
 */
import { z } from 'zod';
import {
  ACCOUNT_ROLES,
  ZAccountCreate,
  ZAccountUpdate,
  ZApiTokenCreate,
  ZSignIn,
} from '#core/accounts.ts';
import { AUDIT_ACTIONS } from '#core/ports.ts';
import { SECTORS } from '#core/vocabulary.ts';
import { defineRoute, emptyAnswer, problemAnswer } from '../route.ts';
import { STANDARD_PROBLEMS } from './common-answers.ts';

import { CSRF_HEADER, SESSION_COOKIE } from '../session-names.ts';

export const ZAccountView = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(ACCOUNT_ROLES),
  organisationId: z.string().nullable(),
  disabled: z.boolean(),
  createdAt: z.string(),
});

/**
 * A member's organisation: its name, sector, prefecture and municipality (a prefecture's members
 * keep its records, a municipality's its indicators).
 */
export const ZAccountOrganisation = z.object({
  id: z.string(),
  name: z.string(),
  sector: z.enum(SECTORS),
  prefectureCode: z.string().nullable(),
  municipalityCode: z.string().nullable().optional(),
});

export const ZTokenView = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const ZAuditEntry = z.object({
  id: z.string(),
  at: z.string(),
  accountId: z.string().nullable(),
  action: z.enum(AUDIT_ACTIONS),
  entity: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

export const ZNeedAssignment = z.object({
  needId: z.string(),
  accountId: z.string(),
  assignedBy: z.string(),
  assignedAt: z.string(),
});

/** `GET /api/auth/tokens`: the list contract (limit, cursor, sort). */
export const ZTokenListParams = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(500).optional(),
  sort: z.string().max(61).optional(),
});

export const TOKEN_SORT_FIELDS = ['name', 'createdAt', 'expiresAt', 'lastUsedAt'] as const;

/** `GET /api/accounts`: the list contract (q, limit, cursor, sort). */
export const ZAccountListParams = z.object({
  q: z.string().trim().max(200, 'at most 200 characters').optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(500).optional(),
  sort: z.string().max(61).optional(),
});

export const ACCOUNT_SORT_FIELDS = ['email', 'displayName', 'role', 'createdAt'] as const;

/** A time bound of the audit filter: an ISO date or date-time, kept as UTC ISO text. */
const ZAuditTime = z
  .string()
  .max(40)
  .refine((value) => /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value)), {
    message: 'an ISO date or date-time, e.g. 2025-06-01 or 2025-06-01T09:00:00+09:00',
  })
  .transform((value) => new Date(value).toISOString());

export const ZAuditParams = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
  entity: z.string().max(60).optional(),
  entityId: z.string().max(500).optional(),
  accountId: z.string().max(100).optional(),
  /** `actor` is the account that acted (the same as `accountId`). */
  actor: z.string().max(100).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  /** Entries at or after this time. */
  from: ZAuditTime.optional(),
  /** Entries before this time. */
  to: ZAuditTime.optional(),
  /** Newest first is the only order of the audit log. */
  sort: z.enum(['-at']).optional(),
});

const sortValues = (fields: readonly string[]) => fields.flatMap((f) => [f, `-${f}`]);
const account = { description: 'Account', schema: ZAccountView, component: 'Account' };
const idParams = z.object({ id: z.string() });
const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const signIn = defineRoute({
  method: 'post',
  path: '/api/auth/sign-in',
  operationId: 'sign-in',
  summary: `Sign in; sets the ${SESSION_COOKIE} (HttpOnly) and musubi_csrf cookies`,
  description: `Send the returned csrfToken (also in the musubi_csrf cookie) in ${CSRF_HEADER} on every change made with the session cookie. Rate limited per address and per e-mail.`,
  tags: ['auth'],
  security: [],
  body: ZSignIn,
  bodyComponent: 'SignIn',
  responses: {
    200: {
      description: 'Signed in',
      schema: z.object({
        account: ZAccountView,
        csrfToken: z.string(),
        csrfHeader: z.string(),
        expiresAt: z.string(),
      }),
    },
    401: problemAnswer('Wrong e-mail or password'),
    422: problemAnswer('Not valid'),
    429: STANDARD_PROBLEMS[429],
  },
});

export const signOut = defineRoute({
  method: 'post',
  path: '/api/auth/sign-out',
  operationId: 'sign-out',
  summary: 'End the session and clear the cookies',
  tags: ['auth'],
  responses: { 204: emptyAnswer('Signed out'), 403: STANDARD_PROBLEMS[403] },
});

export const me = defineRoute({
  method: 'get',
  path: '/api/auth/me',
  operationId: 'me',
  summary: 'Who the caller is (anonymous, or the account and its role)',
  tags: ['auth'],
  responses: {
    200: {
      description: 'The caller',
      schema: z.object({
        role: z.enum([...ACCOUNT_ROLES, 'anonymous']),
        account: ZAccountView.nullable(),
        /** The account's organisation as the write rules see it (what it may record for an area). */
        organisation: ZAccountOrganisation.nullable().optional(),
        via: z.enum(['session', 'token']).nullable(),
        sessionExpiresAt: z.string().nullable(),
        cookies: z.object({ session: z.string(), csrf: z.string() }),
        csrfHeader: z.string(),
      }),
    },
  },
});

export const listTokens = defineRoute({
  method: 'get',
  path: '/api/auth/tokens',
  operationId: 'list-tokens',
  summary: "The caller's API tokens (never their secrets)",
  tags: ['auth'],
  query: ZTokenListParams,
  queryDescriptions: {
    limit: 'Page size',
    cursor: 'nextCursor of the previous page (keep the same sort)',
    sort: 'Order by a field, - for descending (default -createdAt)',
  },
  queryEnums: { sort: sortValues(TOKEN_SORT_FIELDS) },
  responses: {
    200: { description: 'Tokens', schema: page(ZTokenView) },
    401: STANDARD_PROBLEMS[401],
  },
});

export const createToken = defineRoute({
  method: 'post',
  path: '/api/auth/tokens',
  operationId: 'create-token',
  summary: 'Issue an API token for machines (Authorization: Bearer musubi_…); shown once',
  tags: ['auth'],
  body: ZApiTokenCreate,
  bodyComponent: 'ApiTokenCreate',
  responses: {
    201: {
      description: 'The token; keep it, it is stored only hashed',
      schema: ZTokenView.extend({ token: z.string() }),
    },
    ...STANDARD_PROBLEMS,
  },
});

export const revokeToken = defineRoute({
  method: 'delete',
  path: '/api/auth/tokens/{id}',
  operationId: 'revoke-token',
  summary: 'Revoke one of your API tokens',
  tags: ['auth'],
  params: idParams,
  responses: {
    204: emptyAnswer('Revoked'),
    404: problemAnswer('No such live token'),
    ...STANDARD_PROBLEMS,
  },
});

export const listAccounts = defineRoute({
  method: 'get',
  path: '/api/accounts',
  operationId: 'list-accounts',
  summary: 'All accounts (administrators)',
  tags: ['accounts'],
  query: ZAccountListParams,
  queryDescriptions: {
    q: 'Text search over e-mail and name',
    limit: 'Page size',
    cursor: 'nextCursor of the previous page (keep the same sort)',
    sort: 'Order by a field, - for descending (default email)',
  },
  queryEnums: { sort: sortValues(ACCOUNT_SORT_FIELDS) },
  responses: { 200: { description: 'Accounts', schema: page(ZAccountView) }, ...STANDARD_PROBLEMS },
});

export const createAccount = defineRoute({
  method: 'post',
  path: '/api/accounts',
  operationId: 'create-account',
  summary: 'Create an account (administrators); members need an organisationId (an actor id)',
  tags: ['accounts'],
  body: ZAccountCreate,
  bodyComponent: 'AccountCreate',
  responses: {
    201: { ...account, description: 'Created' },
    409: problemAnswer('E-mail taken'),
    422: problemAnswer('Not valid'),
    ...STANDARD_PROBLEMS,
  },
});

export const getAccount = defineRoute({
  method: 'get',
  path: '/api/accounts/{id}',
  operationId: 'get-account',
  summary: 'One account (administrators)',
  tags: ['accounts'],
  params: idParams,
  responses: { 200: account, 404: problemAnswer('No such account'), ...STANDARD_PROBLEMS },
});

export const updateAccount = defineRoute({
  method: 'patch',
  path: '/api/accounts/{id}',
  operationId: 'update-account',
  summary:
    'Change role, organisation, password or disable (administrators); disabling signs out everywhere',
  tags: ['accounts'],
  params: idParams,
  body: ZAccountUpdate,
  bodyComponent: 'AccountUpdate',
  responses: { 200: account, 404: problemAnswer('No such account'), ...STANDARD_PROBLEMS },
});

const assignmentParams = z.object({ id: z.string(), accountId: z.string() });
const assignment = {
  description: 'Assigned',
  schema: ZNeedAssignment,
  component: 'NeedAssignment',
};

export const listNeedAssignments = defineRoute({
  method: 'get',
  path: '/api/needs/{id}/assignments',
  operationId: 'list-need-assignments',
  summary: 'Coordinators assigned to a need (administrators, owner organisation)',
  tags: ['needs'],
  params: idParams,
  responses: {
    200: { description: 'Assignments', schema: z.object({ items: z.array(ZNeedAssignment) }) },
    ...STANDARD_PROBLEMS,
  },
});

export const assignNeed = defineRoute({
  method: 'put',
  path: '/api/needs/{id}/assignments/{accountId}',
  operationId: 'assign-need',
  summary: 'Assign a coordinator to a need (they may then see it when confidential)',
  tags: ['needs'],
  params: assignmentParams,
  responses: { 200: assignment, ...STANDARD_PROBLEMS },
});

/** `GET /api/needs/{id}/coordinator-candidates`: whom the need may be given to (no e-mail addresses). */
export const ZNeedCoordinatorCandidates = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      displayName: z.string(),
      role: z.enum(['coordinator', 'admin']),
      /** Already assigned to the need. */
      assigned: z.boolean(),
    }),
  ),
});

export const needCoordinatorCandidates = defineRoute({
  method: 'get',
  path: '/api/needs/{id}/coordinator-candidates',
  operationId: 'need-coordinator-candidates',
  summary: 'The coordinators a need may be given to (`assigned`: given already)',
  description:
    'Enabled coordinators and administrators, by name. For the accounts that may assign coordinators to the need: its owner organisation and administrators.',
  tags: ['needs'],
  params: idParams,
  responses: {
    200: {
      description: 'Accounts',
      schema: ZNeedCoordinatorCandidates,
      component: 'NeedCoordinatorCandidates',
    },
    ...STANDARD_PROBLEMS,
  },
});

export const unassignNeed = defineRoute({
  method: 'delete',
  path: '/api/needs/{id}/assignments/{accountId}',
  operationId: 'unassign-need',
  summary: 'Remove an assignment',
  tags: ['needs'],
  params: assignmentParams,
  responses: { 204: emptyAnswer('Removed'), ...STANDARD_PROBLEMS },
});

export const auditLog = defineRoute({
  method: 'get',
  path: '/api/audit',
  operationId: 'audit-log',
  summary:
    'The audit log, newest first (administrators): who, when, entity, id, before, after; unknown filters are refused (400)',
  tags: ['accounts'],
  query: ZAuditParams,
  queryDescriptions: {
    limit: 'Page size 1..500',
    cursor: 'nextCursor of the previous page',
    entity: 'Only this entity (actors, needs, accounts…)',
    entityId: 'Only this record',
    accountId: 'Only entries by this account',
    actor: 'Only entries by this account (the same as accountId); cli:<user> for the command line',
    action:
      'Only this action (read, open, move, note, assign, publish, interest, decide, feedback, export, import…)',
    from: 'Entries at or after this ISO date or date-time',
    to: 'Entries before this ISO date or date-time',
  },
  responses: {
    200: {
      description: 'A page',
      schema: page(ZAuditEntry),
    },
    ...STANDARD_PROBLEMS,
  },
});
