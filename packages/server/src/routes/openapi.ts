/**
 * The OpenAPI 3.1 document, generated from the same zod schemas that validate requests (entity
 * schemas from the registry, account and list schemas from core and the routes). Routes of the
 * app that are not described here in detail (e.g. `/api/web/*`) are still listed, from the
 * app's own route table, so the document never misses a path.
 */
import { z } from 'zod';
import { ZAccountCreate, ZAccountUpdate, ZApiTokenCreate, ZSignIn } from '#core/accounts.ts';
import { ENTITY_NAMES, ENTITY_SPECS } from '#core/entities/registry.ts';
import { AUDIT_ACTIONS } from '#core/ports.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../request-auth.ts';
import { ACCOUNT_SORT_FIELDS, ZAccountListParams, ZAuditParams } from './accounts.ts';
import { TOKEN_SORT_FIELDS, ZTokenListParams } from './auth.ts';
import { jsonSchemaOf, queryParametersOf } from '#contract/openapi-schema.ts';
import { analysisPaths } from './analyses-openapi.ts';
import { notificationPaths, notificationSchemas } from './notifications-openapi.ts';
import { reportPaths } from './reports-openapi.ts';
import { contractRoutes } from '#contract/contract.ts';
import { contractPaths, contractSchemas } from '#contract/openapi.ts';
import { workflowPaths, workflowSchemas } from './workflow-openapi.ts';

type Operation = Record<string, unknown> | unknown[];

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});

const STANDARD_ERRORS = {
  '401': problemResponse('Not signed in, or the session/token expired or is unknown'),
  '403': problemResponse('Not allowed for this role or organisation, or CSRF token missing/wrong'),
  '429': problemResponse('Rate limited (see Retry-After)'),
};

const jsonBody = (schema: unknown, required = true) => ({
  required,
  content: { 'application/json': { schema } },
});

const jsonResponse = (description: string, schema: unknown, headers?: Record<string, unknown>) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema } },
});

const queryParameters = (schema: z.ZodObject, descriptions: Record<string, string>) =>
  queryParametersOf(schema, descriptions);

/** The `sort` query parameter with its allowed values (`field` and `-field`). */
export function withSortEnum(parameter: unknown, fields: readonly string[]): unknown {
  if (typeof parameter !== 'object' || parameter === null || !('name' in parameter))
    return parameter;
  if (parameter.name !== 'sort') return parameter;
  return {
    ...parameter,
    schema: { type: 'string', enum: fields.flatMap((f) => [f, `-${f}`]) },
  };
}

const ZProblem = z.object({
  type: z.string().describe('URI naming the problem kind'),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().describe('What went wrong, for a person'),
  code: z.string().describe('Stable machine code, e.g. validation_failed'),
  field: z.string().optional().describe('The first offending field or header'),
  errors: z.array(z.object({ field: z.string(), reason: z.string() })).optional(),
});

const ZAccountView = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(['admin', 'coordinator', 'member', 'viewer']),
  organisationId: z.string().nullable(),
  disabled: z.boolean(),
  createdAt: z.string(),
});

const ZTokenView = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

const ZAuditEntry = z.object({
  id: z.string(),
  at: z.string(),
  accountId: z.string().nullable(),
  action: z.enum(AUDIT_ACTIONS),
  entity: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

const ZNeedAssignment = z.object({
  needId: z.string(),
  accountId: z.string(),
  assignedBy: z.string(),
  assignedAt: z.string(),
});

function fixedPaths(): Record<string, Record<string, Operation>> {
  const items = (schema: unknown) => ({
    type: 'object',
    properties: { items: { type: 'array', items: schema } },
  });
  return {
    '/api/health': {
      get: {
        tags: ['system'],
        operationId: 'health',
        summary: 'Liveness: 200 when the database answers, 503 otherwise',
        security: [],
        responses: {
          '200': jsonResponse('Up', { type: 'object', properties: { status: { const: 'ok' } } }),
          '503': jsonResponse('Database unreachable', {
            type: 'object',
            properties: { status: { const: 'unavailable' } },
          }),
        },
      },
    },
    '/api/openapi.json': {
      get: {
        tags: ['system'],
        operationId: 'openapi',
        summary: 'This document',
        security: [],
        responses: { '200': jsonResponse('OpenAPI 3.1', { type: 'object' }) },
      },
    },
    '/api/docs': {
      get: {
        tags: ['system'],
        operationId: 'docs',
        summary: 'Interactive documentation (HTML)',
        security: [],
        responses: { '200': { description: 'HTML page', content: { 'text/html': {} } } },
      },
    },
    '/api/auth/sign-in': {
      post: {
        tags: ['auth'],
        operationId: 'sign-in',
        summary: `Sign in; sets the ${SESSION_COOKIE} (HttpOnly) and musubi_csrf cookies`,
        description: `Send the returned csrfToken (also in the musubi_csrf cookie) in ${CSRF_HEADER} on every change made with the session cookie. Rate limited per address and per e-mail.`,
        security: [],
        requestBody: jsonBody(ref('SignIn')),
        responses: {
          '200': jsonResponse('Signed in', {
            type: 'object',
            properties: {
              account: ref('Account'),
              csrfToken: { type: 'string' },
              csrfHeader: { type: 'string' },
              expiresAt: { type: 'string', format: 'date-time' },
            },
          }),
          '401': problemResponse('Wrong e-mail or password'),
          '422': problemResponse('Not valid'),
          '429': STANDARD_ERRORS['429'],
        },
      },
    },
    '/api/auth/sign-out': {
      post: {
        tags: ['auth'],
        operationId: 'sign-out',
        summary: 'End the session and clear the cookies',
        responses: { '204': { description: 'Signed out' }, '403': STANDARD_ERRORS['403'] },
      },
    },
    '/api/auth/me': {
      get: {
        tags: ['auth'],
        operationId: 'me',
        summary: 'Who the caller is (anonymous, or the account and its role)',
        responses: {
          '200': jsonResponse('The caller', {
            type: 'object',
            properties: {
              role: { type: 'string' },
              account: { anyOf: [ref('Account'), { type: 'null' }] },
              via: { type: ['string', 'null'], enum: ['session', 'token', null] },
              sessionExpiresAt: { type: ['string', 'null'] },
            },
          }),
        },
      },
    },
    '/api/auth/tokens': {
      get: {
        tags: ['auth'],
        operationId: 'list-tokens',
        summary: "The caller's API tokens (never their secrets)",
        parameters: queryParameters(ZTokenListParams, {
          limit: 'Page size',
          cursor: 'nextCursor of the previous page (keep the same sort)',
          sort: 'Order by a field, - for descending (default -createdAt)',
        }).map((p) => withSortEnum(p, TOKEN_SORT_FIELDS)),
        responses: {
          '200': jsonResponse('Tokens', items(ref('ApiToken'))),
          '401': STANDARD_ERRORS['401'],
        },
      },
      post: {
        tags: ['auth'],
        operationId: 'create-token',
        summary: 'Issue an API token for machines (Authorization: Bearer musubi_…); shown once',
        requestBody: jsonBody(ref('ApiTokenCreate')),
        responses: {
          '201': jsonResponse('The token; keep it, it is stored only hashed', {
            allOf: [ref('ApiToken'), { type: 'object', properties: { token: { type: 'string' } } }],
          }),
          ...STANDARD_ERRORS,
        },
      },
    },
    '/api/auth/tokens/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      delete: {
        tags: ['auth'],
        operationId: 'revoke-token',
        summary: 'Revoke one of your API tokens',
        responses: {
          '204': { description: 'Revoked' },
          '404': problemResponse('No such live token'),
          ...STANDARD_ERRORS,
        },
      },
    },
    '/api/accounts': {
      get: {
        tags: ['accounts'],
        operationId: 'list-accounts',
        summary: 'All accounts (administrators)',
        parameters: queryParameters(ZAccountListParams, {
          q: 'Text search over e-mail and name',
          limit: 'Page size',
          cursor: 'nextCursor of the previous page (keep the same sort)',
          sort: 'Order by a field, - for descending (default email)',
        }).map((p) => withSortEnum(p, ACCOUNT_SORT_FIELDS)),
        responses: { '200': jsonResponse('Accounts', items(ref('Account'))), ...STANDARD_ERRORS },
      },
      post: {
        tags: ['accounts'],
        operationId: 'create-account',
        summary: 'Create an account (administrators); members need an organisationId (an actor id)',
        requestBody: jsonBody(ref('AccountCreate')),
        responses: {
          '201': jsonResponse('Created', ref('Account')),
          '409': problemResponse('E-mail taken'),
          '422': problemResponse('Not valid'),
          ...STANDARD_ERRORS,
        },
      },
    },
    '/api/accounts/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      get: {
        tags: ['accounts'],
        operationId: 'get-account',
        summary: 'One account (administrators)',
        responses: {
          '200': jsonResponse('Account', ref('Account')),
          '404': problemResponse('No such account'),
          ...STANDARD_ERRORS,
        },
      },
      patch: {
        tags: ['accounts'],
        operationId: 'update-account',
        summary:
          'Change role, organisation, password or disable (administrators); disabling signs out everywhere',
        requestBody: jsonBody(ref('AccountUpdate')),
        responses: {
          '200': jsonResponse('Account', ref('Account')),
          '404': problemResponse('No such account'),
          ...STANDARD_ERRORS,
        },
      },
    },
    '/api/needs/{id}/assignments': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      get: {
        tags: ['needs'],
        operationId: 'list-need-assignments',
        summary: 'Coordinators assigned to a need (administrators, owner organisation)',
        responses: {
          '200': jsonResponse('Assignments', items(ref('NeedAssignment'))),
          ...STANDARD_ERRORS,
        },
      },
    },
    '/api/needs/{id}/assignments/{accountId}': {
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'accountId', in: 'path', required: true, schema: { type: 'string' } },
      ],
      put: {
        tags: ['needs'],
        operationId: 'assign-need',
        summary: 'Assign a coordinator to a need (they may then see it when confidential)',
        responses: { '200': jsonResponse('Assigned', ref('NeedAssignment')), ...STANDARD_ERRORS },
      },
      delete: {
        tags: ['needs'],
        operationId: 'unassign-need',
        summary: 'Remove an assignment',
        responses: { '204': { description: 'Removed' }, ...STANDARD_ERRORS },
      },
    },
    '/api/audit': {
      get: {
        tags: ['accounts'],
        operationId: 'audit-log',
        summary:
          'The audit log, newest first (administrators): who, when, entity, id, before, after; unknown filters are refused (400)',
        parameters: queryParameters(ZAuditParams, {
          limit: 'Page size 1..500',
          cursor: 'nextCursor of the previous page',
          entity: 'Only this entity (actors, needs, accounts…)',
          entityId: 'Only this record',
          accountId: 'Only entries by this account',
          actor:
            'Only entries by this account (the same as accountId); cli:<user> for the command line',
          action:
            'Only this action (read, open, move, note, assign, publish, interest, decide, feedback, export, import…)',
          from: 'Entries at or after this ISO date or date-time',
          to: 'Entries before this ISO date or date-time',
        }),
        responses: {
          '200': jsonResponse('A page', {
            type: 'object',
            properties: {
              items: { type: 'array', items: ref('AuditEntry') },
              nextCursor: { type: ['string', 'null'] },
            },
          }),
          ...STANDARD_ERRORS,
        },
      },
    },
  };
}

/** Hono path (`/api/web/actors/:id`) → OpenAPI path (`/api/web/actors/{id}`). */
function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

export interface RouteInfo {
  method: string;
  path: string;
}

/** Builds the document; `routes` (the app's route table) adds any API route not described above. */
export function buildOpenApiDocument(
  options: { routes?: readonly RouteInfo[]; version?: string } = {},
) {
  const paths: Record<string, Record<string, unknown>> = {
    ...fixedPaths(),
    ...workflowPaths(),
    ...analysisPaths(),
    ...notificationPaths(),
    ...reportPaths(),
    // The routes of the contract; the pieces above describe the routes not yet migrated.
    ...contractPaths(contractRoutes),
  };
  for (const route of options.routes ?? []) {
    const method = route.method.toLowerCase();
    if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
    if (!route.path.startsWith('/api/') || route.path.includes('*')) continue;
    const path = toOpenApiPath(route.path);
    const item = (paths[path] ??= {});
    if (item[method] !== undefined) continue;
    const parameters = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    item[method] = {
      // Not described yet: a test requires that no route ends up here.
      tags: ['other'],
      operationId: `${method}-${route.path.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}`,
      summary: route.path,
      ...(parameters.length ? { parameters } : {}),
      responses: {
        '200': jsonResponse('JSON', { type: 'object' }),
        '422': problemResponse('A parameter is not valid'),
      },
    };
  }
  const schemas: Record<string, unknown> = {
    Problem: jsonSchemaOf(ZProblem, 'output'),
    Account: jsonSchemaOf(ZAccountView, 'output'),
    AccountCreate: jsonSchemaOf(ZAccountCreate, 'input'),
    AccountUpdate: jsonSchemaOf(ZAccountUpdate, 'input'),
    SignIn: jsonSchemaOf(ZSignIn, 'input'),
    ApiToken: jsonSchemaOf(ZTokenView, 'output'),
    ApiTokenCreate: jsonSchemaOf(ZApiTokenCreate, 'input'),
    AuditEntry: jsonSchemaOf(ZAuditEntry, 'output'),
    NeedAssignment: jsonSchemaOf(ZNeedAssignment, 'output'),
    ...workflowSchemas(),
    ...notificationSchemas(),
    ...contractSchemas(contractRoutes),
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Musubi API',
      version: options.version ?? '0.1.0',
      summary:
        'Regional science & technology innovation ecosystems: actors, relations, seeds, needs, projects, programmes',
      description: [
        'REST and JSON. Lists page with `limit` and `cursor` (follow `nextCursor`), search with `q`, and filter on indexed fields.',
        'Updates and deletes need `If-Match` with the ETag you read (optimistic concurrency): 412 when the record changed since, 428 without it.',
        'Errors are RFC 9457 problem+json naming the field.',
        `Browsers sign in at /api/auth/sign-in (cookie ${SESSION_COOKIE}) and send ${CSRF_HEADER} on changes; machines use Authorization: Bearer with an API token from /api/auth/tokens.`,
        'Roles: admin, coordinator, member (of an organisation: edits only its actor, seeds and needs), viewer; anonymous callers read public data only.',
      ].join('\n\n'),
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'system' },
      { name: 'auth' },
      { name: 'accounts' },
      ...ENTITY_NAMES.map((name) => ({ name, description: ENTITY_SPECS[name].labelJa })),
      { name: 'matching', description: 'Seeds–needs matching, every result explained' },
      { name: 'consultations', description: '相談: the coordinator workflow' },
      { name: 'disclosure', description: '段階的開示: staged disclosure of confidential needs' },
      { name: 'web', description: 'Data shaped for the web app' },
      { name: 'notifications', description: '通知: my inbox and e-mail choices' },
    ],
    security: [{}, { sessionCookie: [] }, { bearerToken: [] }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description: `Browser session from /api/auth/sign-in; changes also need the ${CSRF_HEADER} header`,
        },
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'API token from /api/auth/tokens (musubi_…)',
        },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
