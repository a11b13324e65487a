/**
 * Registers a handler against a route of the contract: the path, method and input come from the
 * contract, the input is parsed with its zod schemas (problems as everywhere: 422 naming the field,
 * 400 for a body that is not JSON), and the handler's answer is typed as the route's success JSON.
 * Routes written the old way (`app.get(…)`) keep working beside these.
 */
import type { Context, Env, Hono } from 'hono';
import type { z } from 'zod';
import type {
  AnswerOf,
  BodyOf,
  ParamsOf,
  QueryOf,
  ReadonlyDeep,
  RouteContract,
} from '#contract/route.ts';
import { parseQuery, readJsonBody } from './http-input.ts';
import { parseBody } from './routes/workflow-input.ts';

export interface RouteInput<R extends RouteContract> {
  readonly params: ParamsOf<R>;
  readonly query: QueryOf<R>;
  readonly body: BodyOf<R>;
}

/** Parses the query string; the default names every problem (`field`, `errors`). */
export type QueryParser = (
  schema: z.ZodType,
  query: Record<string, string>,
  route: RouteContract,
) => unknown;

export interface RegisterOptions {
  /** Where `app` is mounted (`/api` for the API's sub-app): stripped from the contract's path. */
  readonly mountedAt?: string;
  readonly parseQuery?: QueryParser;
}

/** OpenAPI path (`/api/web/actors/{id}`) → Hono path below the mount point (`/web/actors/:id`). */
export function honoPathOf(path: string, mountedAt = ''): string {
  if (!path.startsWith(mountedAt))
    throw new Error(`${path} is not below the mount point ${mountedAt}`);
  const below = path.slice(mountedAt.length).replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
  return below === '' ? '/' : below;
}

/** The status of the route's success answer (the first below 300 it documents). */
function successStatus(route: RouteContract): 200 | 201 | 202 {
  const status = Object.keys(route.responses)
    .map(Number)
    .find((code) => code >= 200 && code < 300);
  return status === 201 || status === 202 ? status : 200;
}

const defaultQueryParser: QueryParser = (schema, query) => parseQuery(schema, query);

function readInput<R extends RouteContract>(
  route: R,
  c: Context,
  readQuery: QueryParser,
  body: unknown,
): RouteInput<R> {
  return {
    params: route.params ? parseQuery(route.params, c.req.param()) : {},
    query: route.query ? readQuery(route.query, c.req.query(), route) : {},
    body,
  } as RouteInput<R>;
}

export function registerRoute<R extends RouteContract, E extends Env>(
  app: Hono<E>,
  route: R,
  handler: (
    input: RouteInput<R>,
    c: Context<E>,
  ) => ReadonlyDeep<AnswerOf<R>> | Promise<ReadonlyDeep<AnswerOf<R>>>,
  options: RegisterOptions = {},
): void {
  const status = successStatus(route);
  const readQuery = options.parseQuery ?? defaultQueryParser;
  app.on(route.method.toUpperCase(), honoPathOf(route.path, options.mountedAt), async (c) => {
    const body = route.body ? parseBody(route.body, await readJsonBody(c)) : undefined;
    return c.json(await handler(readInput(route, c, readQuery, body), c), status);
  });
}

/**
 * Registers a handler that makes its own answer (headers, a bodiless 204, JSON text already
 * serialised) and reads the body itself (validated by the services, in their words): the path,
 * method, path parameters and query still come from the contract.
 */
export function registerRawRoute<R extends RouteContract, E extends Env>(
  app: Hono<E>,
  route: R,
  handler: (input: Omit<RouteInput<R>, 'body'>, c: Context<E>) => Response | Promise<Response>,
  options: RegisterOptions = {},
): void {
  const readQuery = options.parseQuery ?? defaultQueryParser;
  app.on(route.method.toUpperCase(), honoPathOf(route.path, options.mountedAt), async (c) =>
    handler(readInput(route, c, readQuery, undefined), c),
  );
}
