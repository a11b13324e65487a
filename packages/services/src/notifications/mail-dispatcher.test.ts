import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MailTransport } from '#core/notifications.ts';
import type { Database } from '#db/open-database.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { createLogTransport, createMailDispatcher } from './mail-dispatcher.ts';

function clockAt(start: string) {
  let now = Date.parse(start);
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms) };
}

describe.each(TEST_DATABASES)('mail outbox on $name', (kind) => {
  let database: Database;
  const clock = clockAt('2025-06-01T00:00:00Z');
  beforeEach(async () => {
    database = await kind.open(clock);
  });
  afterEach(async () => database.close());

  const queue = (id: string) =>
    database.repos.notifications.enqueueMail({
      id,
      to: `${id}@test.example`,
      subject: `[Musubi] ${id}`,
      text: 'body',
      createdAt: clock.now().toISOString(),
      attempts: 0,
      nextAttemptAt: clock.now().toISOString(),
    });

  it('retries a failed send later, logs each failure, and sends it when the server is back', async () => {
    let down = true;
    const sent: string[] = [];
    const transport: MailTransport = {
      description: 'test',
      async send(mail) {
        if (down) throw new Error('connection refused');
        sent.push(mail.to);
      },
    };
    const log: string[] = [];
    const dispatcher = createMailDispatcher({
      repos: database.repos,
      transport,
      clock,
      log: (line) => log.push(line),
    });
    await queue('m1');
    expect(await dispatcher.deliverDue()).toEqual({ sent: 0, failed: 1 });
    expect(log[0]).toMatch(/m1 to m1@test\.example failed \(attempt 1\), retrying in 30 s/);
    // Not due again before its wait is over.
    down = false;
    expect(await dispatcher.deliverDue()).toEqual({ sent: 0, failed: 0 });
    clock.advance(31_000);
    expect(await dispatcher.deliverDue()).toEqual({ sent: 1, failed: 0 });
    expect(sent).toEqual(['m1@test.example']);
    const [mail] = await database.repos.notifications.listMail();
    expect(mail).toMatchObject({ attempts: 2, lastError: 'connection refused' });
    expect(mail?.sentAt).toBeDefined();
  });

  it('gives a mail up after its attempts, keeps it in the outbox and says so in the log', async () => {
    const log: string[] = [];
    const dispatcher = createMailDispatcher({
      repos: database.repos,
      transport: {
        description: 'test',
        send: () => Promise.reject(new Error('mailbox unavailable')),
      },
      clock,
      log: (line) => log.push(line),
      maxAttempts: 3,
    });
    await queue('m2');
    for (let i = 0; i < 3; i++) {
      await dispatcher.deliverDue();
      clock.advance(3_600_000);
    }
    expect(await dispatcher.deliverDue()).toEqual({ sent: 0, failed: 0 });
    const [mail] = await database.repos.notifications.listMail();
    expect(mail).toMatchObject({ attempts: 3, lastError: 'mailbox unavailable' });
    expect(mail?.failedAt).toBeDefined();
    expect(mail?.sentAt).toBeUndefined();
    expect(log.at(-1)).toMatch(/m2 to m2@test\.example failed 3 times and was given up/);
  });

  it('writes mail to the log without its body when no SMTP server is configured', async () => {
    const log: string[] = [];
    const dispatcher = createMailDispatcher({
      repos: database.repos,
      transport: createLogTransport((line) => log.push(line)),
      clock,
      log: (line) => log.push(line),
    });
    await queue('m3');
    dispatcher.kick();
    await dispatcher.stop();
    expect(log).toEqual(['musubi: mail to m3@test.example: [Musubi] m3']);
    expect((await database.repos.notifications.listMail())[0]?.sentAt).toBeDefined();
  });
});
