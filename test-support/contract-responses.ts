/**
 * Checks an answer of the API against the contract, as the OpenAPI document describes it: the
 * route of the request's method and path, the status among the route's answers (a success must
 * be documented), the media type, and the JSON against the zod schema of that status (problems
 * against the Problem schema). The API tests' `call` checks every answer with it, so a handler
 * that drifts from the document fails the test that exercised it.
 */
import { z, ZodArray, ZodObject } from 'zod';
import { contractRoutes } from '#contract/contract.ts';
import { ZProblem } from '#contract/routes/common-answers.ts';
import type { ResponseContract, RouteContract } from '#contract/route.ts';

interface Matcher {
  readonly route: RouteContract;
  readonly pattern: RegExp;
  /** Literal segments rank first: `/api/needs/assignments` before `/api/needs/{id}`. */
  readonly parameters: number;
}

function matcherOf(route: RouteContract): Matcher {
  const source = route.path
    .split(/\{[A-Za-z0-9_]+\}/)
    .map((piece) => piece.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return {
    route,
    pattern: new RegExp(`^${source}$`),
    parameters: (route.path.match(/\{/g) ?? []).length,
  };
}

/** Finds the contract's route of a request (null: the route is not in the contract). */
export function routeOf(
  routes: readonly RouteContract[],
  method: string,
  path: string,
): RouteContract | null {
  const pathname = new URL(path, 'http://musubi.test').pathname;
  const candidates = routes
    .filter((route) => route.method === method.toLowerCase())
    .map(matcherOf)
    .filter((matcher) => matcher.pattern.test(pathname))
    .sort((a, b) => a.parameters - b.parameters);
  return candidates[0]?.route ?? null;
}

const issuesOf = (error: z.ZodError) =>
  error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');

/**
 * The ways an answer breaks the contract (empty when it keeps it). `body` is the answer's text.
 * Statuses the route does not list are accepted for problems (every route may answer 401, 403,
 * 429 or 503 through the shared middleware), never for successes.
 */
export function contractViolations(
  route: RouteContract,
  status: number,
  contentType: string | null,
  body: string,
): string[] {
  const where = `${route.method.toUpperCase()} ${route.path} ${status}`;
  const answer: ResponseContract | undefined = route.responses[status];
  const success = status >= 200 && status < 300;
  if (!answer) {
    if (success) return [`${where}: the contract documents no such answer`];
    return contentType?.startsWith('application/problem+json')
      ? checkJson(where, ZProblem, body)
      : [];
  }
  if (answer.empty)
    return body === ''
      ? []
      : [`${where}: the contract says no body, got ${body.length} characters`];
  if (!answer.schema) {
    const expected = answer.contentType ?? 'application/problem+json';
    if (!contentType?.startsWith(expected))
      return [`${where}: the contract says ${expected}, got ${contentType ?? 'no content type'}`];
    return expected === 'application/problem+json' ? checkJson(where, ZProblem, body) : [];
  }
  const expected = answer.contentType ?? 'application/json';
  if (!contentType?.startsWith(expected))
    return [`${where}: the contract says ${expected}, got ${contentType ?? 'no content type'}`];
  return expected.endsWith('json') ? checkJson(where, answer.schema, body) : [];
}

function checkJson(where: string, schema: z.ZodType, body: string): string[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return [`${where}: the answer is not JSON`];
  }
  const parsed = schema.safeParse(json);
  return parsed.success
    ? []
    : [`${where}: the answer does not match the contract: ${issuesOf(parsed.error)}`];
}

/**
 * An entity list asked for some `fields` answers items with only those fields (as its answer's
 * description says): the same route with each item's schema made partial.
 */
function projectedList(route: RouteContract, path: string): RouteContract | null {
  const fields = new URL(path, 'http://musubi.test').searchParams.get('fields');
  const answer = route.responses[200];
  const page = answer?.schema;
  if (!fields || fields === '*' || !route.operationId.startsWith('list-') || !answer) return null;
  if (!(page instanceof ZodObject)) return null;
  const items = page.shape['items'];
  if (!(items instanceof ZodArray) || !(items.element instanceof ZodObject)) return null;
  const item = z.object(items.element.shape).partial();
  return {
    ...route,
    responses: {
      ...route.responses,
      200: { ...answer, schema: page.extend({ items: z.array(item) }) },
    },
  };
}

/**
 * Throws when the answer to `method path` breaks the contract; answers of routes outside the
 * contract (the web's pages, static files) are not checked. The response is read from a clone.
 */
export async function expectContractAnswer(
  method: string,
  path: string,
  response: Response,
  routes: readonly RouteContract[] = contractRoutes,
): Promise<void> {
  const route = routeOf(routes, method, path);
  if (!route) return;
  const violations = contractViolations(
    projectedList(route, path) ?? route,
    response.status,
    response.headers.get('content-type'),
    await response.clone().text(),
  );
  if (violations.length > 0) throw new Error(violations.join('\n'));
}

/** What answers a request in process: Hono's `app.request`. */
export interface InProcessApp {
  request(path: string, init?: RequestInit, env?: object): Response | Promise<Response>;
}

/**
 * `app.request` whose answer must keep the contract, as the API fixture's `call` checks it: for
 * tests that build their own app or send what `call` does not (raw bodies, other hosts).
 */
export async function requestKeepingContract(
  app: InProcessApp,
  path: string,
  init: RequestInit = {},
  /** What the Node adapter would pass (the socket's address, for the rate limits). */
  env?: object,
): Promise<Response> {
  const response = await (env === undefined
    ? app.request(path, init)
    : app.request(path, init, env));
  await expectContractAnswer(init.method ?? 'GET', path, response);
  return response;
}
