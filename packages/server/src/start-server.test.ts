/**
 * The served app wires notifications: at start it reminds the members of an organisation whose
 * profile was not confirmed for 12 months, and the mail goes to the SMTP server of the
 * configuration (a real one on loopback).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '#db/open-database.ts';
import { createAccount } from '#services/accounts/create-account.ts';
import { buildActor, buildRelation } from '#test/factories.ts';
import { startSmtpInbox, type SmtpInbox } from '#test/smtp-inbox.ts';
import { sqliteTestDatabase } from '#test/test-databases.ts';
import { ZAnalysisProgress } from '#contract/routes/analyses.ts';
import { PASSWORD, TEST_COST } from './api-test-fixture.ts';
import { FIRST_ASKED_ANALYSES } from './first-asked-analyses.ts';
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

  it('says how far the warm-up is, to anyone, with names and counts only, until every analysis is done', async () => {
    database = await sqliteTestDatabase.open();
    await database.repos
      .entity('actors')
      .upsertMany([
        buildActor({ id: 'co-a', name: '株式会社エー' }),
        buildActor({ id: 'uni-u', name: 'ユー大学', sector: 'university' }),
        buildActor({ id: 'co-b', name: '株式会社ビー' }),
      ]);
    // tied, so the network has a community (c1) for the warm-up's gap filling
    await database.repos
      .entity('relations')
      .upsertMany([
        buildRelation({ sourceId: 'co-a', targetId: 'uni-u' }),
        buildRelation({ sourceId: 'co-b', targetId: 'uni-u' }),
        buildRelation({ sourceId: 'co-a', targetId: 'co-b' }),
      ]);
    server = await startServer({ repos: database.repos, port: 0 });
    const progressUrl = new URL('api/analyses/progress', server.url);
    const read = async () => {
      const response = await fetch(progressUrl);
      expect(response.status).toBe(200);
      return ZAnalysisProgress.parse(await response.json());
    };
    const first = await read();
    expect(first.warmUp?.total).toBe(FIRST_ASKED_ANALYSES.length);
    let now = first;
    const deadline = Date.now() + 60_000;
    const seen = new Set<string>();
    while (now.warmUp?.finishedAt === null && Date.now() < deadline) {
      for (const name of now.computing) seen.add(name);
      await new Promise((done) => setTimeout(done, 20));
      now = await read();
    }
    expect(now.warmUp?.finishedAt).not.toBeNull();
    expect(now.warmUp?.done).toBe(FIRST_ASKED_ANALYSES.length);
    expect(now.computed + now.restored).toBeGreaterThanOrEqual(
      new Set(FIRST_ASKED_ANALYSES.map((r) => `${r.name} ${JSON.stringify(r.params)}`)).size,
    );
    // Names of analyses, never the parameters someone asked with.
    const names = new Set(FIRST_ASKED_ANALYSES.map((r) => r.name as string));
    for (const name of seen) expect(names.has(name)).toBe(true);
  });
});
