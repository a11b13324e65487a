/**
 * The OpenAPI pieces of the contract's routes: their paths and the component schemas of their
 * answers. The server's document merges them with the hand-written pieces of the routes not yet
 * in the contract.
 */
import { jsonSchemaOf, queryParametersOf, type JsonSchema } from './openapi-schema.ts';
import type { ResponseContract, RouteContract } from './route.ts';

const PROBLEM = { $ref: '#/components/schemas/Problem' };

function responseOf(answer: ResponseContract): Record<string, unknown> {
  if (answer.schema === undefined) {
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
    content: { [answer.contentType ?? 'application/json']: { schema } },
  };
}

function parametersOf(route: RouteContract): unknown[] {
  const path = [...route.path.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map(([, name]) => {
    const property = route.params
      ? (jsonSchemaOf(route.params, 'input')['properties'] as
          Record<string, JsonSchema> | undefined)
      : undefined;
    return {
      name,
      in: 'path',
      required: true,
      schema: property?.[name ?? ''] ?? { type: 'string' },
    };
  });
  const query =
    route.query !== undefined && 'shape' in route.query
      ? queryParametersOf(
          route.query as Parameters<typeof queryParametersOf>[0],
          route.queryDescriptions ?? {},
        ).map((parameter) =>
          (route.requiredQuery ?? []).includes((parameter as { name: string }).name)
            ? { ...(parameter as object), required: true }
            : parameter,
        )
      : [];
  return [...path, ...query];
}

/** The operation of one route. */
export function operationOf(route: RouteContract): Record<string, unknown> {
  const parameters = parametersOf(route);
  return {
    tags: [...route.tags],
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description !== undefined ? { description: route.description } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body !== undefined
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema:
                  route.bodyComponent !== undefined
                    ? { $ref: `#/components/schemas/${route.bodyComponent}` }
                    : jsonSchemaOf(route.body, 'input'),
              },
            },
          },
        }
      : {}),
    responses: Object.fromEntries(
      Object.entries(route.responses).map(([status, answer]) => [status, responseOf(answer)]),
    ),
  };
}

/** The document's `paths` for the routes (several methods of one path share its item). */
export function contractPaths(
  routes: readonly RouteContract[],
): Record<string, Record<string, unknown>> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) (paths[route.path] ??= {})[route.method] = operationOf(route);
  return paths;
}

/** The named component schemas of the routes' answers. */
export function contractSchemas(routes: readonly RouteContract[]): Record<string, JsonSchema> {
  const schemas: Record<string, JsonSchema> = {};
  for (const route of routes) {
    if (route.bodyComponent !== undefined && route.body !== undefined)
      schemas[route.bodyComponent] = jsonSchemaOf(route.body, 'input');
    for (const answer of Object.values(route.responses))
      if (answer.component !== undefined && answer.schema !== undefined)
        schemas[answer.component] = jsonSchemaOf(answer.schema, 'output');
  }
  return schemas;
}
