/**
 * Matching over HTTP: seeds, researchers and 公設試 facilities for a stored need or for a need
 * written now, companies for a seed (reverse), and judgements on candidates (they feed the
 * ranking). Every result carries its explanation. Confidential needs are matched only for their
 * owner organisation and assigned coordinators; for anyone else they do not exist (404), and
 * they never enter reverse matches. Searches are rate limited per account or address.
 */
import type { Context, Hono } from 'hono';
import { viewerOf } from '#core/accounts.ts';
import { DomainError } from '#core/domain-error.ts';
import type { ApiServices, AppEnv } from '../app-env.ts';
import { contract } from '#contract/contract.ts';
import { clientAddress } from '../request-auth.ts';
import { registerRoute } from '../register-route.ts';
import type { WorkflowServices } from '../workflow-services.ts';

/** Takes a search token for the caller (account, else address); 429 with Retry-After when out. */
export function takeSearchToken(c: Context<AppEnv>, services: ApiServices): void {
  const principal = c.get('principal');
  const key =
    principal.kind === 'account'
      ? `account:${principal.account.id}`
      : `address:${clientAddress(c, services.config)}`;
  const taken = services.limiters.search.take(key);
  if (!taken.ok)
    throw new DomainError(
      'rate_limited',
      `too many searches; try again in ${taken.retryAfterSeconds} s`,
      { retryAfterSeconds: taken.retryAfterSeconds },
    );
}

export function registerMatchingRoutes(
  api: Hono<AppEnv>,
  services: ApiServices,
  workflow: WorkflowServices,
): void {
  const viewer = (c: Context<AppEnv>) => viewerOf(c.get('principal'));

  const on = { mountedAt: '/api' };

  registerRoute(
    api,
    contract.matchText,
    async ({ body }, c) => {
      takeSearchToken(c, services);
      const matching = await workflow.matching();
      const result = await matching.matchText(viewer(c), body.text, {
        limit: body.limit,
        region: body.region,
        expand: body.expand,
        subject: {
          sdgs: body.sdgs ?? [],
          ...(body.field !== undefined ? { field: body.field } : {}),
          ...(body.desiredTrl !== undefined ? { desiredTrl: body.desiredTrl } : {}),
          ...(body.prefectureCode !== undefined ? { prefectureCode: body.prefectureCode } : {}),
        },
      });
      c.header('vary', 'Cookie, Authorization');
      return result;
    },
    on,
  );

  registerRoute(
    api,
    contract.matchNeed,
    async ({ params, query }, c) => {
      takeSearchToken(c, services);
      const matching = await workflow.matching();
      const result = await matching.matchNeed(viewer(c), params.id, query);
      c.header('vary', 'Cookie, Authorization');
      return result;
    },
    on,
  );

  registerRoute(
    api,
    contract.matchSeed,
    async ({ params, query }, c) => {
      takeSearchToken(c, services);
      const matching = await workflow.matching();
      const result = await matching.matchSeed(viewer(c), params.id, query);
      c.header('vary', 'Cookie, Authorization');
      return result;
    },
    on,
  );

  registerRoute(
    api,
    contract.matchFeedback,
    async ({ params, body }, c) => {
      const matching = await workflow.matching();
      const feedback = await matching.recordFeedback(viewer(c), { needId: params.id, ...body });
      return {
        id: feedback.id,
        needId: feedback.needId,
        seedId: feedback.seedId,
        decision: feedback.decision,
        reason: feedback.reason ?? null,
        at: feedback.at,
      };
    },
    on,
  );
}
