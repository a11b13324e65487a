/**
 * Sends the outbox: mail is queued in the database with the notification (so a request never
 * waits for SMTP and nothing is lost when the process stops), then sent in the background. A
 * failed send is logged and retried with growing waits (30 s, 1 min, 2 min… up to an hour); after
 * `maxAttempts` the mail is marked failed, logged, and stays in the outbox for an operator.
 */
import type { MailTransport, OutgoingMail } from '#core/notifications.ts';
import { systemClock, type Clock, type Repositories } from '#core/ports.ts';

export interface MailDispatcherOptions {
  repos: Repositories;
  transport: MailTransport;
  clock?: Clock;
  /** Lines for the server log (addresses and outcomes; never the mail's text). */
  log?: (line: string) => void;
  maxAttempts?: number;
  /** First wait after a failure (doubled after each further failure, at most an hour). */
  retryBaseMs?: number;
}

export interface MailDispatcher {
  /** Sends every mail that is due; returns how many were sent and how many failed this round. */
  deliverDue(): Promise<{ sent: number; failed: number }>;
  /** Starts a round in the background now (or right after the running one). */
  kick(): void;
  /** Looks for due mail (retries) every `intervalMs` until `stop`. */
  start(intervalMs: number): void;
  /** Stops the timer and waits for a running round. */
  stop(): Promise<void>;
}

const MAX_RETRY_WAIT_MS = 3_600_000;

export function createMailDispatcher(options: MailDispatcherOptions): MailDispatcher {
  const { repos, transport } = options;
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((line: string) => console.error(line));
  const maxAttempts = options.maxAttempts ?? 8;
  const retryBaseMs = options.retryBaseMs ?? 30_000;
  let running: Promise<unknown> | undefined;
  let again = false;
  let timer: ReturnType<typeof setInterval> | undefined;

  const attempt = async (mail: OutgoingMail): Promise<boolean> => {
    const attempts = mail.attempts + 1;
    try {
      await transport.send({ to: mail.to, subject: mail.subject, text: mail.text });
      await repos.notifications.saveMail({
        ...mail,
        attempts,
        sentAt: clock.now().toISOString(),
      });
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const now = clock.now();
      const giveUp = attempts >= maxAttempts;
      const wait = Math.min(retryBaseMs * 2 ** (attempts - 1), MAX_RETRY_WAIT_MS);
      await repos.notifications.saveMail({
        ...mail,
        attempts,
        lastError: message.slice(0, 500),
        nextAttemptAt: new Date(now.getTime() + wait).toISOString(),
        ...(giveUp ? { failedAt: now.toISOString() } : {}),
      });
      log(
        giveUp
          ? `musubi: mail ${mail.id} to ${mail.to} failed ${attempts} times and was given up (kept in mail_outbox): ${message}`
          : `musubi: mail ${mail.id} to ${mail.to} failed (attempt ${attempts}), retrying in ${Math.round(wait / 1000)} s: ${message}`,
      );
      return false;
    }
  };

  const deliverDue: MailDispatcher['deliverDue'] = async () => {
    let sent = 0;
    let failed = 0;
    for (;;) {
      const due = await repos.notifications.dueMail(clock.now().toISOString(), 50);
      if (due.length === 0) break;
      for (const mail of due) {
        if (await attempt(mail)) sent += 1;
        else failed += 1;
      }
      if (failed > 0) break; // the failed ones are due later; do not spin on them
    }
    return { sent, failed };
  };

  const round = (): void => {
    running = deliverDue()
      .catch((error: unknown) => log(`musubi: the mail outbox could not be read: ${String(error)}`))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          round();
        }
      });
  };

  return {
    deliverDue,
    kick() {
      if (running !== undefined) again = true;
      else round();
    },
    start(intervalMs) {
      timer ??= setInterval(() => {
        if (running === undefined) round();
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      again = false;
      while (running !== undefined) await running;
    },
  };
}

/** Without an SMTP server: each mail becomes one log line (recipient and subject, no body). */
export function createLogTransport(log: (line: string) => void): MailTransport {
  return {
    description: 'the server log (MUSUBI_SMTP_URL not set)',
    async send(mail) {
      log(`musubi: mail to ${mail.to}: ${mail.subject}`);
    },
  };
}
