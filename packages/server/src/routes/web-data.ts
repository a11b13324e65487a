/**
 * Data endpoints shaped for the web app's views (`/api/web/*`): the region at a glance, choropleth
 * values per prefecture, the ABC network with precomputed positions, the actor directory with
 * community and role filters, and actor profiles. All read from one in-memory snapshot (see
 * web-data-snapshot.ts), shaped by web-data-maps.ts, web-data-views.ts and web-data-actors.ts,
 * kept and answered in a worker thread when the server has one (web-data-answers.ts).
 * Anonymous view: only public needs are ever counted or shown.
 */
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { z } from 'zod';
import { DomainError, isDomainError } from '#core/domain-error.ts';
import { systemClock, type Clock, type Repositories } from '#core/ports.ts';
import { contract } from '#contract/contract.ts';
import { HTTP_STATUS } from '../errors.ts';
import { HttpProblem, problem } from '../problem.ts';
import { parameterNames, rejectUnknownParameters } from '../query-parameters.ts';
import { registerRoute, type QueryParser } from '../register-route.ts';
import { createWebDataAnswers, type WebDataAnswers } from './web-data-answers.ts';

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
  registerRoute(web, contract.webMeta, () => answers.answer('meta', {}), on);
  registerRoute(web, contract.webCommunities, () => answers.answer('communities', {}), on);
  registerRoute(
    web,
    contract.webSummary,
    async ({ query }) => {
      if (query.prefecture && query.community)
        throw new DomainError(
          'validation_failed',
          'prefecture: give a prefecture or a community, not both',
          {
            field: 'prefecture',
          },
        );
      return answers.answer('summary', query);
    },
    on,
  );
  registerRoute(
    web,
    contract.webChoropleth,
    ({ query }) => answers.answer('choropleth', query),
    on,
  );
  registerRoute(
    web,
    contract.webMunicipalityChoropleth,
    ({ query }) => answers.answer('municipalityChoropleth', query),
    on,
  );
  registerRoute(web, contract.webNetwork, ({ query }) => answers.answer('network', query), on);
  registerRoute(web, contract.webActors, ({ query }) => answers.answer('actors', query), on);
  registerRoute(
    web,
    contract.webActorProfile,
    ({ params }) => answers.answer('profile', { id: params.id }),
    on,
  );

  app.route('/api/web', web);
}
