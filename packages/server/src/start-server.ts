import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock, type Repositories } from '#core/ports.ts';
import { DEFAULT_GLOSS_LINKS } from '#services/matching/matching-index.ts';
import { remindUnconfirmedProfiles } from '#services/notifications/profile-confirmation.ts';
import { createApp } from './app.ts';
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
}): Promise<RunningServer> {
  const clock = options.clock ?? systemClock;
  const notifications = createNotificationServices(
    options.repos,
    clock,
    serverConfig(options.config),
  );
  notifications.mail.start(MAIL_RETRY_INTERVAL_MS);
  notifications.mail.kick(); // mail left from an earlier run
  const remind = () =>
    remindUnconfirmedProfiles(options.repos, clock, notifications.notifier).catch(
      (error: unknown) => console.error('musubi: profile reminders failed', error),
    );
  void remind();
  const reminders = setInterval(() => void remind(), PROFILE_REMINDER_INTERVAL_MS);
  reminders.unref();
  // The matching index is built (or restored) in the background so the first search is quick.
  const workflow = createWorkflowServices(options.repos, clock, {
    notifications: notifications.notifier,
    glossLinks: DEFAULT_GLOSS_LINKS,
  });
  workflow.warm().catch((error: unknown) => {
    console.error('musubi: the matching index could not start', error);
  });
  const app = createApp({
    repos: options.repos,
    workflow,
    notifications,
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
        resolve({
          url: `http://${shownHost}:${info.port}/`,
          mail: notifications.transport.description,
          close: async () => {
            await new Promise<void>((done) => server.close(() => done()));
            clearInterval(reminders);
            await notifications.close();
            await workflow.close();
          },
        });
      },
    );
    server.on('error', reject);
  });
}
