/**
 * The OpenAPI pieces of the contract's routes: their paths and the component schemas of their
 * answers. The server's document merges them with the hand-written pieces of the routes not yet
 * in the contract.
 */
import { jsonSchemaOf, queryParametersOf, type JsonSchema } from './openapi-schema.ts';
import type { z } from 'zod';
import type { ResponseContract, RouteContract } from './route.ts';

const PROBLEM = { $ref: '#/components/schemas/Problem' };

function responseOf(answer: ResponseContract): Record<string, unknown> {
  if (answer.schema === undefined) {
    if (answer.empty === true) return { description: answer.description };
    return {
      description: answer.description,
      content: { [answer.contentType ?? 'application/problem+json']: { schema: PROBLEM } },
    };
  }
  const schema =
    answer.component !== undefined
      ? { $ref: `#/components/schemas/${answer.component}` }
      : (answer.documentAs ?? jsonSchemaOf(answer.schema, 'output'));
  return {
    description: answer.description,
    ...(answer.headers !== undefined ? { headers: answer.headers } : {}),
    content: { [answer.contentType ?? 'application/json']: { schema } },
  };
}

/** The path parameters of a route (the path item's `parameters`, shared by its methods). */
function pathParametersOf(route: RouteContract): unknown[] {
  const properties = route.params
    ? (jsonSchemaOf(route.params, 'input')['properties'] as Record<string, JsonSchema> | undefined)
    : undefined;
  return [...route.path.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map(([, name = '']) => {
    const { description, ...schema } = properties?.[name] ?? { type: 'string' };
    const text = route.paramDescriptions?.[name] ?? description;
    return {
      name,
      in: 'path',
      required: true,
      ...(typeof text === 'string' ? { description: text } : {}),
      schema,
    };
  });
}

function queryParameterOf(route: RouteContract, parameter: Record<string, unknown>): unknown {
  const name = String(parameter['name']);
  const values = route.queryEnums?.[name];
  return {
    ...parameter,
    ...((route.requiredQuery ?? []).includes(name) ? { required: true } : {}),
    ...(values !== undefined ? { schema: { type: 'string', enum: [...values] } } : {}),
  };
}

function parametersOf(route: RouteContract): unknown[] {
  const query =
    route.query !== undefined && 'shape' in route.query
      ? queryParametersOf(
          route.query as Parameters<typeof queryParametersOf>[0],
          route.queryDescriptions ?? {},
        ).map((parameter) => queryParameterOf(route, parameter as Record<string, unknown>))
      : [];
  const headers = (route.headers ?? []).map((header) => ({
    name: header.name,
    in: 'header',
    required: header.required,
    description: header.description,
    schema: {
      type: 'string',
      ...(header.example !== undefined ? { examples: [header.example] } : {}),
    },
  }));
  return [...headers, ...query];
}

function requestBodyOf(route: RouteContract, body: z.ZodType): Record<string, unknown> {
  const schema =
    route.bodyComponent !== undefined
      ? { $ref: `#/components/schemas/${route.bodyComponent}` }
      : (route.bodyDocumentAs ?? jsonSchemaOf(body, 'input'));
  return {
    required: true,
    content: Object.fromEntries(
      (route.bodyContentTypes ?? ['application/json']).map((type) => [type, { schema }]),
    ),
  };
}

/** The operation of one route. */
export function operationOf(route: RouteContract): Record<string, unknown> {
  const parameters = parametersOf(route);
  return {
    tags: [...route.tags],
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description !== undefined ? { description: route.description } : {}),
    ...(route.security !== undefined ? { security: route.security } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body !== undefined ? { requestBody: requestBodyOf(route, route.body) } : {}),
    responses: Object.fromEntries(
      Object.entries(route.responses).map(([status, answer]) => [status, responseOf(answer)]),
    ),
  };
}

/**
 * The document's `paths` for the routes: several methods of one path share its item, and the
 * path parameters are the item's.
 */
export function contractPaths(
  routes: readonly RouteContract[],
): Record<string, Record<string, unknown>> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const item = (paths[route.path] ??= {});
    const shared = pathParametersOf(route);
    if (shared.length > 0 && item['parameters'] === undefined) item['parameters'] = shared;
    item[route.method] = operationOf(route);
  }
  return paths;
}

/** The named component schemas of the routes' answers. */
export function contractSchemas(routes: readonly RouteContract[]): Record<string, JsonSchema> {
  const schemas: Record<string, JsonSchema> = {};
  for (const route of routes) {
    if (route.bodyComponent !== undefined && route.body !== undefined)
      schemas[route.bodyComponent] = route.bodyDocumentAs ?? jsonSchemaOf(route.body, 'input');
    for (const answer of Object.values(route.responses))
      if (answer.component !== undefined && answer.schema !== undefined)
        schemas[answer.component] = answer.documentAs ?? jsonSchemaOf(answer.schema, 'output');
  }
  return schemas;
}
