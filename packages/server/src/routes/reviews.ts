/**
 * The review queue of entity resolution (issue 10) over HTTP: the same use cases as
 * `musubi review list|merge|keep-apart`, for administrators and coordinators.
 */
import type { Hono } from 'hono';
import { contract } from '#contract/contract.ts';
import { decideReviewAs, listReviewQueue } from '#services/connectors/review-queue.ts';
import type { ApiServices, AppEnv } from '../app-env.ts';
import { registerRoute } from '../register-route.ts';

const on = { mountedAt: '/api' };

export function registerReviewRoutes(api: Hono<AppEnv>, services: ApiServices): void {
  const { repos, clock } = services;

  registerRoute(
    api,
    contract.listReviews,
    async ({ query }, c) => {
      c.header('vary', 'Cookie, Authorization');
      c.header('cache-control', 'no-store');
      return { items: await listReviewQueue(repos, c.get('principal'), query.status) };
    },
    on,
  );

  registerRoute(
    api,
    contract.decideReview,
    async ({ params, body }, c) =>
      decideReviewAs(
        repos,
        c.get('principal'),
        params.id,
        body.decision,
        clock.now().toISOString(),
      ),
    on,
  );
}
