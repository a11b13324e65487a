/**
 * The OpenAPI 3.1 document, generated from the contract's routes (their zod schemas are the ones
 * the server validates with) and the pieces of the routes not yet in the contract. Routes of the
 * app described by neither are still listed, from the app's own route table (a test requires
 * that none is), so the document never misses a path.
 */
import { ENTITY_NAMES, ENTITY_SPECS } from '#core/entities/registry.ts';
import { contractRoutes } from '#contract/contract.ts';
import { jsonSchemaOf } from '#contract/openapi-schema.ts';
import { contractPaths, contractSchemas } from '#contract/openapi.ts';
import { ZProblem } from '#contract/routes/common-answers.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../request-auth.ts';

const jsonResponse = (description: string, schema: unknown) => ({
  description,
  content: { 'application/json': { schema } },
});

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** Hono path (`/api/web/actors/:id`) → OpenAPI path (`/api/web/actors/{id}`). */
function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

export interface RouteInfo {
  method: string;
  path: string;
}

/** Builds the document; `routes` (the app's route table) adds any API route the contract lacks. */
export function buildOpenApiDocument(
  options: { routes?: readonly RouteInfo[]; version?: string } = {},
) {
  const paths: Record<string, Record<string, unknown>> = contractPaths(contractRoutes);
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
