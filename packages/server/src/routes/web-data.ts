/**
 * Data endpoints shaped for the web app's views (`/api/web/*`): the region at a glance, choropleth
 * values per prefecture, the ABC network with precomputed positions, the actor directory with
 * community and role filters, and actor profiles. All read from one in-memory snapshot (see
 * web-data-snapshot.ts), shaped by web-data-maps.ts, web-data-views.ts and web-data-actors.ts,
 * kept and answered in a worker thread when the server has one (web-data-answers.ts).
 * Anonymous view: only public needs are ever counted or shown.
 */
import { Hono, type Context } from 'hono';
import { compress } from 'hono/compress';
import { z } from 'zod';
import { DomainError, isDomainError } from '#core/domain-error.ts';
import { systemClock, type Clock, type Repositories } from '#core/ports.ts';
import { contract } from '#contract/contract.ts';
import type { AnswerOf, ReadonlyDeep, RouteContract } from '#contract/route.ts';
import { HTTP_STATUS } from '../errors.ts';
import { HttpProblem, problem } from '../problem.ts';
import { parameterNames, rejectUnknownParameters } from '../query-parameters.ts';
import {
  registerRawRoute,
  type QueryParser,
  type RegisterOptions,
  type RouteInput,
} from '../register-route.ts';
import { choosesGzip, createGzipKeeper } from './web-data-gzip.ts';
import {
  createWebDataAnswers,
  type WebDataAnswers,
  type WebViewAnswer,
  type WebViewInput,
  type WebViewName,
} from './web-data-answers.ts';

export { foldForSearch } from './web-data-actors.ts';

/** Validates a query; a parameter the route does not take is refused (400) rather than ignored. */
const parseStrictQuery: QueryParser = (schema, query, route) => {
  if (schema instanceof z.ZodObject)
    rejectUnknownParameters(query, parameterNames(schema), route.path);
  const parsed = schema.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? '');
    throw new DomainError('validation_failed', `${field}: ${issue?.message}`, { field });
  }
  return parsed.data;
};

/**
 * Registers a view's route: its answer's JSON text, made once and kept where the views are
 * answered, is the response body as it is (`application/json`, as `c.json` sends), or its gzip
 * kept while the text stays the same (web-data-gzip.ts). The route only compiles when the view's
 * answer is the route's success JSON.
 */
function registerViewRoute<R extends RouteContract, V extends WebViewName>(
  web: Hono,
  answers: WebDataAnswers,
  gzipKeeper: ReturnType<typeof createGzipKeeper>,
  route: R & (WebViewAnswer<V> extends ReadonlyDeep<AnswerOf<R>> ? unknown : never),
  view: V,
  inputOf: (input: Omit<RouteInput<R>, 'body'>) => WebViewInput<V>,
  options: RegisterOptions,
): void {
  registerRawRoute(
    web,
    route,
    async (input, c: Context) => {
      const text = await answers.answerJson(view, inputOf(input));
      const gzipped =
        c.req.method === 'GET' && choosesGzip(c.req.header('accept-encoding'))
          ? gzipKeeper.gzipped(c.req.url, text)
          : undefined;
      if (gzipped === undefined) return c.body(text, 200, { 'content-type': 'application/json' });
      return c.body(new Uint8Array(await gzipped), 200, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        vary: 'Accept-Encoding',
      });
    },
    options,
  );
}

/** Registers `/api/web/*` on the app. */
export function registerWebDataRoutes(
  app: Hono,
  deps: {
    repos: Repositories;
    clock?: Clock;
    /** Build the snapshot right away rather than on the first request (default true). */
    warm?: boolean;
    /** Where the views are answered (a worker thread); in this thread when not given. */
    answers?: WebDataAnswers;
  },
): void {
  const clock = deps.clock ?? systemClock;
  const answers = deps.answers ?? createWebDataAnswers(deps.repos, clock);
  if (deps.warm ?? true) answers.warm().catch(() => undefined);
  const web = new Hono();
  web.onError((error) => {
    if (isDomainError(error))
      return problem(HTTP_STATUS[error.code], error.code, error.message, error.details);
    if (error instanceof HttpProblem)
      return problem(error.status, error.code, error.message, error.extra);
    return problem(500, 'internal_error', 'unexpected error', {});
  });
  web.use('*', compress());
  web.use('*', async (c, next) => {
    await next();
    if (!c.res.headers.has('cache-control')) c.header('cache-control', 'no-cache');
  });

  const on = { mountedAt: '/api/web', parseQuery: parseStrictQuery };
  const gzipKeeper = createGzipKeeper();
  const view = <R extends RouteContract, V extends WebViewName>(
    route: R & (WebViewAnswer<V> extends ReadonlyDeep<AnswerOf<R>> ? unknown : never),
    name: V,
    inputOf: (input: Omit<RouteInput<R>, 'body'>) => WebViewInput<V>,
  ) => registerViewRoute(web, answers, gzipKeeper, route, name, inputOf, on);
  view(contract.webMeta, 'meta', () => ({}));
  view(contract.webCommunities, 'communities', () => ({}));
  view(contract.webSummary, 'summary', ({ query }) => {
    if (query.prefecture && query.community)
      throw new DomainError(
        'validation_failed',
        'prefecture: give a prefecture or a community, not both',
        { field: 'prefecture' },
      );
    return query;
  });
  view(contract.webChoropleth, 'choropleth', ({ query }) => query);
  view(contract.webMunicipalityChoropleth, 'municipalityChoropleth', ({ query }) => query);
  view(contract.webNetwork, 'network', ({ query }) => query);
  view(contract.webActors, 'actors', ({ query }) => query);
  view(contract.webActorProfile, 'profile', ({ params }) => ({ id: params.id }));

  app.route('/api/web', web);
}
