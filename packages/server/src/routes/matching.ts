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
import { parseQuery, readJsonBody } from '../http-input.ts';
import { clientAddress } from '../request-auth.ts';
import type { WorkflowServices } from '../workflow-services.ts';
import { parseBody } from './workflow-input.ts';
import { ZFeedbackBody, ZMatchQuery, ZMatchTextBody } from './workflow.schema.ts';

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

  api.post('/matching/needs', async (c) => {
    takeSearchToken(c, services);
    const body = parseBody(ZMatchTextBody, await readJsonBody(c));
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
    return c.json(result);
  });

  api.get('/needs/:id/matches', async (c) => {
    takeSearchToken(c, services);
    const query = parseQuery(ZMatchQuery, c.req.query());
    const matching = await workflow.matching();
    const result = await matching.matchNeed(viewer(c), c.req.param('id'), query);
    c.header('vary', 'Cookie, Authorization');
    return c.json(result);
  });

  api.get('/seeds/:id/matches', async (c) => {
    takeSearchToken(c, services);
    const query = parseQuery(ZMatchQuery, c.req.query());
    const matching = await workflow.matching();
    const result = await matching.matchSeed(viewer(c), c.req.param('id'), query);
    c.header('vary', 'Cookie, Authorization');
    return c.json(result);
  });

  api.post('/needs/:id/feedback', async (c) => {
    const body = parseBody(ZFeedbackBody, await readJsonBody(c));
    const matching = await workflow.matching();
    const feedback = await matching.recordFeedback(viewer(c), {
      needId: c.req.param('id'),
      ...body,
    });
    return c.json(
      {
        id: feedback.id,
        needId: feedback.needId,
        seedId: feedback.seedId,
        decision: feedback.decision,
        reason: feedback.reason ?? null,
        at: feedback.at,
      },
      201,
    );
  });
}
