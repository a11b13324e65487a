import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock, type Repositories } from '#core/ports.ts';
import { DEFAULT_GLOSS_LINKS } from '#services/matching/gloss-link-source.ts';
import { remindUnconfirmedProfiles } from '#services/notifications/profile-confirmation.ts';
import {
  createAnalysisServices,
  createUploadWorkServices,
  createWebDataServices,
  reopenable,
} from './analysis-services.ts';
import { createAnalysisWarmUp } from './analysis-warm-up.ts';
import { createApp } from './app.ts';
import { FIRST_ASKED_ANALYSES } from './first-asked-analyses.ts';
import { createNotificationServices } from './notification-services.ts';
import { serverConfig, type ServerConfigInput } from './server-config.ts';
import { createWorkflowServices } from './workflow-services.ts';

/** How often the outbox is looked at for mail to retry. */
const MAIL_RETRY_INTERVAL_MS = 30_000;
/** How often profiles not confirmed for 12 months are looked for. */
const PROFILE_REMINDER_INTERVAL_MS = 24 * 3_600_000;

export interface RunningServer {
  url: string;
  /** Where notification mail goes (SMTP host or the server log). */
  mail?: string;
  close(): Promise<void>;
}

/** Serves the app on loopback or a given host; port 0 picks a free port. */
export async function startServer(options: {
  repos: Repositories;
  port: number;
  host?: string;
  clock?: Clock;
  config?: ServerConfigInput;
  webDistDir?: string;
  /**
   * The database's file path or URL, for the analysis worker's own connection; without it shared
   * analyses are computed in this thread.
   */
  database?: string;
}): Promise<RunningServer> {
  const clock = options.clock ?? systemClock;
  const notifications = createNotificationServices(
    options.repos,
    clock,
    serverConfig(options.config),
  );
  const remind = () =>
    remindUnconfirmedProfiles(options.repos, clock, notifications.notifier).catch(
      (error: unknown) => console.error('musubi: profile reminders failed', error),
    );
  const reminders = setInterval(() => void remind(), PROFILE_REMINDER_INTERVAL_MS);
  reminders.unref();
  const workflow = createWorkflowServices(options.repos, clock, {
    notifications: notifications.notifier,
    glossLinks: DEFAULT_GLOSS_LINKS,
  });
  const analyses = createAnalysisServices(options.repos, clock, {
    ...(options.database !== undefined ? { database: options.database } : {}),
    onWarmError: (error) => console.error('musubi: an analysis could not be computed', error),
  });
  const webData = createWebDataServices(options.repos, clock, {
    ...(options.database !== undefined ? { database: options.database } : {}),
    asked: analyses,
  });
  const uploads = createUploadWorkServices(options.repos, {
    ...(options.database !== undefined ? { database: options.database } : {}),
  });
  const analysisWarmUp = createAnalysisWarmUp(analyses, FIRST_ASKED_ANALYSES, clock);
  const app = createApp({
    repos: options.repos,
    analysisWarmUp,
    uploadWork: uploads.work,
    workflow,
    notifications,
    analyses,
    webData: webData.answers,
    // Not built before listening, so the first request is answered at once (see below).
    warmWebData: false,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.config ? { config: options.config } : {}),
    ...(options.webDistDir ? { webDistDir: options.webDistDir } : {}),
  });
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, port: options.port, hostname: host },
      (info: AddressInfo) => {
        const shownHost = host === '0.0.0.0' ? 'localhost' : host;
        // Slow start work runs once the server listens: mail left from an earlier run, profile
        // reminders, the matching index (built or restored, in its worker), the web views'
        // snapshot (in its worker; in process only for an in-memory database, then on first use,
        // as building it would hold this thread for seconds) and the analyses the web asks first
        // (in the warm-up worker).
        setImmediate(() => {
          notifications.mail.start(MAIL_RETRY_INTERVAL_MS);
          notifications.mail.kick();
          void remind();
          workflow.warm().catch((error: unknown) => {
            console.error('musubi: the matching index could not start', error);
          });
          if (reopenable(options.database))
            webData.answers.warm().catch((error: unknown) => {
              console.error('musubi: the web views could not be prepared', error);
            });
          void analysisWarmUp.start();
        });
        resolve({
          url: `http://${shownHost}:${info.port}/`,
          mail: notifications.transport.description,
          close: async () => {
            await new Promise<void>((done) => server.close(() => done()));
            clearInterval(reminders);
            await notifications.close();
            await workflow.close();
            await analyses.close();
            await webData.close();
            await uploads.close();
          },
        });
      },
    );
    server.on('error', reject);
  });
}
