/**
 * The served app wires notifications: at start it reminds the members of an organisation whose
 * profile was not confirmed for 12 months, and the mail goes to the SMTP server of the
 * configuration (a real one on loopback).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '#db/open-database.ts';
import { createAccount } from '#services/accounts/create-account.ts';
import { buildActor } from '#test/factories.ts';
import { startSmtpInbox, type SmtpInbox } from '#test/smtp-inbox.ts';
import { sqliteTestDatabase } from '#test/test-databases.ts';
import { PASSWORD, TEST_COST } from './api-test-fixture.ts';
import { startServer, type RunningServer } from './start-server.ts';

describe('a started server', () => {
  let database: Database | undefined;
  let server: RunningServer | undefined;
  let smtp: SmtpInbox | undefined;
  afterEach(async () => {
    await server?.close();
    await smtp?.close();
    await database?.close();
  });

  it('reminds members of an unconfirmed profile and sends the mail over MUSUBI_SMTP_URL', async () => {
    smtp = await startSmtpInbox();
    database = await sqliteTestDatabase.open();
    const { repos } = database;
    await repos.entity('actors').upsertMany([
      buildActor({ id: 'co-old', name: '株式会社オールド', confirmedAt: '2023-01-10' }),
      buildActor({
        id: 'co-new',
        name: '株式会社ニュー',
        confirmedAt: new Date().toISOString().slice(0, 10),
      }),
    ]);
    const context = { principal: { kind: 'anonymous' } as const, clock: { now: () => new Date() } };
    for (const [email, organisationId] of [
      ['old@test.example', 'co-old'],
      ['new@test.example', 'co-new'],
    ] as const)
      await createAccount(
        repos,
        context,
        { email, displayName: email, role: 'member', organisationId, password: PASSWORD },
        { bootstrap: true, cost: TEST_COST },
      );
    server = await startServer({ repos, port: 0, config: { smtpUrl: smtp.url } });
    expect(server.mail).toBe(`SMTP ${smtp.url}`);
    const [mail] = await smtp.waitFor(1);
    expect(mail?.to).toEqual(['old@test.example']);
    expect(mail?.subject).toContain('株式会社オールド');
    expect(mail?.text).toContain('/actors/co-old');
    const old = await repos.accounts.findByEmail('old@test.example');
    const inbox = await repos.notifications.list(old?.account.id ?? '', { limit: 10 });
    expect(inbox.items.map((n) => n.kind)).toEqual(['profile_unconfirmed']);
    expect(smtp.received).toHaveLength(1);
  });
});
