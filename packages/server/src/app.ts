/**
 * The HTTP app: the JSON API under `/api` (accounts, sessions and CSRF, entity CRUD with
 * confidentiality and optimistic concurrency, audit log, OpenAPI document and docs), the web
 * app's data routes (`/api/web/*`) and the built web app at `/`. Tested in process with
 * `app.request()`; `start-server.ts` serves it.
 */
import { createListPageCache } from '#services/accounts/list-page-cache.ts';
import { createUploadStore } from '#services/import-export/browser-uploads.ts';
import type { UploadWork } from '#services/import-export/upload-work.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ANONYMOUS_PRINCIPAL } from '#core/accounts.ts';
import { ENTITY_NAMES } from '#core/entities/registry.ts';
import { systemClock, type Clock, type Repositories } from '#core/ports.ts';
import { countVisibleRecords } from '#services/accounts/count-visible-records.ts';
import { contract } from '#contract/contract.ts';
import type { AnalysisStore } from '#services/analysis-store/analysis-store.ts';
import { createAnalysisServices } from './analysis-services.ts';
import type { AnalysisWarmUp } from './analysis-warm-up.ts';
import type { ApiServices, AppEnv } from './app-env.ts';
import { registerRawRoute } from './register-route.ts';
import { renderHomePage } from './home-page.ts';
import { problem, problemFromError } from './problem.ts';
import { createRateLimiter, createSignInBackoff } from './rate-limit.ts';
import { authenticateRequests } from './request-auth.ts';
import { registerAccountRoutes } from './routes/accounts.ts';
import { registerAnalysisRoutes } from './routes/analyses.ts';
import { registerAuthRoutes } from './routes/auth.ts';
import { registerConsultationRoutes } from './routes/consultations.ts';
import { renderDocsPage } from './routes/docs-page.ts';
import { registerEntityRoutes } from './routes/entities.ts';
import { CONNECTOR_UPLOAD_PATH, registerImportRoutes, UPLOAD_PATH } from './routes/imports.ts';
import { registerMatchingRoutes } from './routes/matching.ts';
import { registerNeedAssignmentRoutes } from './routes/need-assignments.ts';
import { registerNotificationRoutes } from './routes/notifications.ts';
import { registerReviewRoutes } from './routes/reviews.ts';
import { registerSeedFeedbackRoutes } from './routes/seed-feedback.ts';
import { registerProgrammeRoutes } from './routes/programmes.ts';
import { registerRegionAnalysisRoutes } from './routes/region-analyses.ts';
import { registerReportRoutes } from './routes/reports.ts';
import { buildOpenApiDocument, type OpenApiDocument } from './routes/openapi.ts';
import { registerWebDataRoutes } from './routes/web-data.ts';
import type { WebDataAnswers } from './routes/web-data-answers.ts';
import { refuseWrongMethods } from './method-not-allowed.ts';
import { createNotificationServices, type NotificationServices } from './notification-services.ts';
import { policyWithInlineScripts, securityHeaders } from './security-headers.ts';
import { serverConfig, type ServerConfigInput } from './server-config.ts';
import { DEFAULT_WEB_DIST, registerWebApp, WEB_BUILD_COMMAND } from './static-web.ts';
import {
  createWorkflowServices,
  type WorkflowOptions,
  type WorkflowServices,
} from './workflow-services.ts';

export interface AppDependencies {
  repos: Repositories;
  clock?: Clock;
  /** HTTP settings (cookies, session length, body size, rate limits); defaults when absent. */
  config?: ServerConfigInput;
  /** Where the built web app is (default packages/web/dist). */
  webDistDir?: string;
  /** Build the web views' snapshot at start rather than on first use (default true). */
  warmWebData?: boolean;
  /** Where the web views are answered (a worker thread); in this thread when not given. */
  webData?: WebDataAnswers;
  /** Told about unexpected errors (the server logs them; the client gets a bare 500). */
  onUnexpectedError?: (error: unknown) => void;
  /** Matching and consultation services (created on first use unless given). */
  workflow?: WorkflowServices | WorkflowOptions;
  /** Shared analyses, computed once per data change (computed in process unless given). */
  analyses?: AnalysisStore;
  /** The warm-up of `analyses` the server runs (its progress is served); none unless given. */
  analysisWarmUp?: AnalysisWarmUp;
  /** Where browser uploads are checked and a connector's file applied (in this thread unless given). */
  uploadWork?: UploadWork;
  /** Inboxes and notification mail (made from `config` unless given). */
  notifications?: NotificationServices;
}

const onApi = { mountedAt: '/api' };

function logUnexpected(error: unknown): void {
  // Only the error itself: never request bodies (they may hold confidential needs or passwords).
  console.error('musubi: unexpected error', error instanceof Error ? error.stack : error);
}

export function createApp(deps: AppDependencies): Hono {
  const clock = deps.clock ?? systemClock;
  const config = serverConfig(deps.config);
  const onUnexpected = deps.onUnexpectedError ?? logUnexpected;
  const services: ApiServices = {
    repos: deps.repos,
    clock,
    config,
    limiters: {
      signInPerAddress: createRateLimiter(config.rateLimits.signInPerAddress, clock),
      signInBackoff: createSignInBackoff(config.rateLimits.signInBackoff, clock),
      search: createRateLimiter(config.rateLimits.search, clock),
    },
    listPages: createListPageCache(),
    analyses: deps.analyses ?? createAnalysisServices(deps.repos, clock),
    analysisWarmUp: deps.analysisWarmUp ?? null,
  };
  const { repos } = services;

  const app = new Hono();
  app.onError((error) => problemFromError(error, onUnexpected));
  app.notFound((c) => problem(404, 'not_found', `no route ${c.req.method} ${c.req.path}`));
  app.use('*', securityHeaders());
  app.use('*', refuseWrongMethods(app));

  const api = new Hono<AppEnv>();
  api.onError((error) => problemFromError(error, onUnexpected));
  api.use('*', async (c, next) => {
    await next();
    if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store');
  });

  // Public, no credentials read: liveness, the API description.
  registerRawRoute(
    api,
    contract.health,
    async (_, c) => {
      const ok = await repos.ping();
      return c.json({ status: ok ? 'ok' : 'unavailable' }, ok ? 200 : 503);
    },
    onApi,
  );
  let document: OpenApiDocument | undefined;
  registerRawRoute(
    api,
    contract.openApiDocument,
    (_, c) => {
      document ??= buildOpenApiDocument({ routes: app.routes });
      c.header('cache-control', 'no-cache');
      return c.json(document);
    },
    onApi,
  );
  const docsPage = renderDocsPage();
  const docsPolicy = policyWithInlineScripts(docsPage);
  registerRawRoute(
    api,
    contract.docsPage,
    (_, c) => {
      c.header('cache-control', 'no-cache');
      c.header('content-security-policy', docsPolicy);
      return c.html(docsPage);
    },
    onApi,
  );

  const apiBodyLimit = bodyLimit({
    maxSize: config.maxBodyBytes,
    onError: () =>
      problem(413, 'payload_too_large', `the body is larger than ${config.maxBodyBytes} bytes`, {
        limit: config.maxBodyBytes,
      }),
  });
  // An uploaded file is read by its route, with its own limit, once the account may import.
  api.use('*', (c, next) =>
    c.req.path === UPLOAD_PATH || c.req.path === CONNECTOR_UPLOAD_PATH
      ? next()
      : apiBodyLimit(c, next),
  );
  api.use('*', authenticateRequests(services));

  registerAuthRoutes(api, services);
  registerAccountRoutes(api, services);
  const notifications = deps.notifications ?? createNotificationServices(repos, clock, config);
  const workflow =
    deps.workflow !== undefined && 'matching' in deps.workflow
      ? deps.workflow
      : createWorkflowServices(repos, clock, {
          notifications: notifications.notifier,
          ...(deps.workflow ?? {}),
        });
  registerNeedAssignmentRoutes(api, services, notifications.notifier);
  registerMatchingRoutes(api, services, workflow);
  registerConsultationRoutes(api, services, workflow);
  registerProgrammeRoutes(api, services);
  registerRegionAnalysisRoutes(api, services);
  registerAnalysisRoutes(api, services);
  registerReportRoutes(api, services);
  registerNotificationRoutes(api, services);
  registerSeedFeedbackRoutes(api, services, workflow);
  registerImportRoutes(
    api,
    services,
    createUploadStore(repos, { clock, ...(deps.uploadWork ? { work: deps.uploadWork } : {}) }),
  );
  registerReviewRoutes(api, services);
  registerEntityRoutes(api, services);

  // The web app's view data (anonymous view), then the API, then the pages.
  registerWebDataRoutes(app, {
    repos,
    clock,
    warm: deps.warmWebData ?? true,
    ...(deps.webData ? { answers: deps.webData } : {}),
  });
  app.route('/api', api);

  const distDir = deps.webDistDir ?? DEFAULT_WEB_DIST;
  const homePage = async (note?: string) => {
    const counts = await countVisibleRecords(repos, ANONYMOUS_PRINCIPAL);
    return renderHomePage(counts, ENTITY_NAMES, note ? { note } : {});
  };
  app.get('/about', async (c) => c.html(await homePage()));
  if (!existsSync(join(distDir, 'index.html'))) {
    // Without the web build, `/` shows the plain overview instead of an error page.
    app.get('/', async (c) =>
      c.html(await homePage(`The web app is not built; run: ${WEB_BUILD_COMMAND}`)),
    );
  }
  registerWebApp(app, { distDir });
  return app;
}
