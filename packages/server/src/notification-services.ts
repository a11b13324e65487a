/**
 * The notifier and the mail dispatcher of one server: mail goes to SMTP when `smtpUrl` is set,
 * to the server log otherwise. The use cases reach the notifier through the `NotificationSink`
 * port; `close` stops the retry timer.
 */
import type { MailTransport } from '#core/notifications.ts';
import type { Clock, Repositories } from '#core/ports.ts';
import {
  createLogTransport,
  createMailDispatcher,
  type MailDispatcher,
} from '#services/notifications/mail-dispatcher.ts';
import { createNotifier, type Notifier } from '#services/notifications/notifier.ts';
import type { ServerConfig } from './server-config.ts';
import { createSmtpTransport } from './smtp-transport.ts';

export interface NotificationServices {
  readonly notifier: Notifier;
  readonly mail: MailDispatcher;
  readonly transport: MailTransport;
  close(): Promise<void>;
}

export function createNotificationServices(
  repos: Repositories,
  clock: Clock,
  config: Pick<ServerConfig, 'smtpUrl' | 'mailFrom' | 'publicUrl'>,
  options: { transport?: MailTransport; log?: (line: string) => void } = {},
): NotificationServices {
  const log = options.log ?? ((line: string) => console.error(line));
  const transport =
    options.transport ??
    (config.smtpUrl !== undefined
      ? createSmtpTransport(config.smtpUrl, config.mailFrom)
      : createLogTransport(log));
  const mail = createMailDispatcher({ repos, clock, transport, log });
  const notifier = createNotifier({
    repos,
    clock,
    ...(config.publicUrl !== undefined ? { publicUrl: config.publicUrl } : {}),
    onMailQueued: () => mail.kick(),
    onError: (error) =>
      log(
        `musubi: a notification could not be made: ${error instanceof Error ? error.message : String(error)}`,
      ),
  });
  return { notifier, mail, transport, close: () => mail.stop() };
}
