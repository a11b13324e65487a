/**
 * Notifications end to end over HTTP, with a real SMTP server on loopback: each role's inbox gets
 * what it should from the consultation and disclosure workflow on a confidential need, mail
 * arrives as chosen, and no stored notification nor received mail carries the need's text.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Notification } from '#core/notifications.ts';
import { createTextPipeline, type TextPipeline } from '#services/matching/text-pipeline.ts';
import { buildNeed } from '#test/factories.ts';
import { startSmtpInbox, type SmtpInbox } from '#test/smtp-inbox.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import {
  createApiFixture,
  expectProblem,
  type ApiFixture,
  type Credentials,
} from '../api-test-fixture.ts';

const SECRET_TITLE = '秘匿ニーズ ゼータ触媒 廃液回収';
const SECRET_DESCRIPTION = 'オメガ精錬 ラインの 銅イオン濃度 を下げたい';
const SECRET_WORDS = [...SECRET_TITLE.split(' '), ...SECRET_DESCRIPTION.split(' ')].filter(
  (word) => word.length >= 3,
);

type Item = { id: string; version: number; stage: string };
type InboxItem = Omit<Notification, 'accountId'>;

describe.each(TEST_DATABASES)('notifications on $name', (kind) => {
  let text: TextPipeline;
  let smtp: SmtpInbox;
  let f: ApiFixture;
  const as: Record<string, Credentials> = {};
  beforeAll(async () => {
    text = await createTextPipeline();
  }, 60_000);
  afterAll(async () => text.close());
  beforeEach(async () => {
    smtp = await startSmtpInbox();
    f = await createApiFixture(
      kind,
      { smtpUrl: smtp.url, publicUrl: 'https://musubi.example.org' },
      { text },
    );
    await f.database.repos.entity('needs').upsertMany([
      buildNeed({
        id: 'need-a-nda',
        ownerId: 'co-a',
        title: SECRET_TITLE,
        description: SECRET_DESCRIPTION,
        confidentiality: 'confidential',
      }),
    ]);
    for (const [key, email] of [
      ['coordinator', 'coord@test.example'],
      ['otherCoordinator', 'coord2@test.example'],
      ['memberA', 'a@test.example'],
      ['memberB', 'b@test.example'],
      ['memberU', 'u@test.example'],
      ['admin', 'admin@test.example'],
    ] as const)
      as[key] = await f.signIn(email);
  });
  afterEach(async () => {
    await smtp.close();
    await f.close();
  });

  const ok = async (response: Response, status = 200) => {
    expect(response.status, await response.clone().text()).toBe(status);
    return response;
  };
  const inbox = async (who: string, query = ''): Promise<InboxItem[]> =>
    (
      (await (await ok(await f.call(`/api/notifications${query}`, { as: as[who] }))).json()) as {
        items: InboxItem[];
      }
    ).items;
  const kinds = async (who: string) => (await inbox(who)).map((n) => n.kind).sort();

  /** The company's confidential case, run by its coordinators through disclosure. */
  const runWorkflow = async () => {
    const opened = (await (
      await ok(
        await f.call('/api/consultations', { as: as['memberA'], body: { needId: 'need-a-nda' } }),
        201,
      )
    ).json()) as Item;
    for (const who of ['coordinator', 'otherCoordinator'] as const)
      await ok(
        await f.call(`/api/needs/need-a-nda/assignments/${f.accounts[who].id}`, {
          method: 'PUT',
          as: as['memberA'],
        }),
      );
    const path = `/api/consultations/${opened.id}`;
    await ok(
      await f.call(`${path}/coordinators/${f.accounts.coordinator.id}`, {
        method: 'PUT',
        as: as['coordinator'],
      }),
    );
    await ok(
      await f.call(`${path}/coordinators/${f.accounts.otherCoordinator.id}`, {
        method: 'PUT',
        as: as['coordinator'],
      }),
    );
    await ok(
      await f.call(`${path}/moves`, {
        as: as['coordinator'],
        body: { to: 'triage' },
        headers: { 'if-match': '"3"' },
      }),
    );
    await ok(
      await f.call(`${path}/candidates`, { as: as['coordinator'], body: { seedIds: ['seed-u1'] } }),
      201,
    );
    await ok(
      await f.call(`${path}/judgements`, {
        as: as['memberA'],
        body: { seedId: 'seed-u1', decision: 'rejected', reason: 'too_early_stage' },
      }),
      204,
    );
    const digest = (await (
      await ok(
        await f.call('/api/needs/need-a-nda/digest', { method: 'POST', as: as['memberA'] }),
        201,
      )
    ).json()) as { digestId: string };
    const interest = (await (
      await ok(
        await f.call(`/api/digests/${digest.digestId}/interests`, { as: as['memberU'], body: {} }),
        201,
      )
    ).json()) as { requestId: string };
    await ok(
      await f.call(`/api/disclosure-requests/${interest.requestId}/decision`, {
        as: as['memberA'],
        body: { accept: true, agreementRef: 'NDA-1' },
      }),
    );
    return opened;
  };

  it('tells each role what happened, in the inbox and by mail, without the confidential text', async () => {
    await runWorkflow();
    // Given the need by its owner, then added to the case: two assignments.
    expect(await kinds('otherCoordinator')).toEqual([
      'case_assigned',
      'case_assigned',
      'case_moved',
      'case_moved',
    ]);
    expect(await kinds('memberA')).toEqual(['case_moved', 'case_moved', 'digest_interest']);
    expect(await kinds('memberU')).toEqual(['disclosure_accepted', 'seed_judged', 'seed_proposed']);
    expect(await kinds('memberB')).toEqual([]);
    const judged = (await inbox('memberU')).find((n) => n.kind === 'seed_judged');
    expect(judged?.titleJa).toContain('研究段階が早すぎる');
    expect(judged?.titleEn).toContain('too early stage');
    expect(judged?.link).toBe('/seeds/seed-u1/proposals');

    // Every notification queued a mail (all kinds by default); all of them arrive.
    const outbox = await f.database.repos.notifications.listMail();
    expect(outbox.length).toBe(11);
    const mails = await smtp.waitFor(outbox.length);
    expect(mails.map((m) => m.to[0]).sort()).toEqual(outbox.map((m) => m.to).sort());
    const toU = mails.filter((m) => m.to[0] === 'u@test.example').map((m) => m.subject);
    expect(toU.some((s) => s.includes('キレート樹脂') && s.includes('候補に提案'))).toBe(true);
    // Each link opens from a mail program: it starts with the public address.
    for (const mail of mails)
      expect(mail.text).toMatch(
        /Details: https:\/\/musubi\.example\.org\/(consultations|seeds|needs|actors)\//,
      );

    // No stored notification and no received mail carries the need's title or description words.
    const stored: InboxItem[] = [];
    for (const who of Object.keys(as)) stored.push(...(await inbox(who)));
    const texts = [
      ...stored.map((n) => JSON.stringify(n)),
      ...outbox.map((m) => `${m.subject}\n${m.text}`),
      ...mails.map((m) => `${m.subject}\n${m.text}\n${m.raw}`),
    ];
    expect(texts.length).toBeGreaterThan(20);
    for (const word of SECRET_WORDS)
      for (const t of texts) expect(t, `"${word}" leaked`).not.toContain(word);
    expect(stored.some((n) => n.titleJa.includes('非公開のニーズ'))).toBe(true);
  }, 30_000);

  it('keeps the unread count, marks one or all read, and never touches another account', async () => {
    await runWorkflow();
    const count = async (who: string) =>
      (
        (await (await f.call('/api/notifications/unread-count', { as: as[who] })).json()) as {
          unread: number;
        }
      ).unread;
    expect(await count('memberU')).toBe(3);
    const [first] = await inbox('memberU');
    if (first === undefined) throw new Error('no notification');
    // Another account cannot read or mark it: 404 as if absent.
    await expectProblem(
      await f.call(`/api/notifications/${first.id}/read`, { method: 'POST', as: as['memberA'] }),
      404,
    );
    expect(await count('memberU')).toBe(3);
    await ok(
      await f.call(`/api/notifications/${first.id}/read`, { method: 'POST', as: as['memberU'] }),
      204,
    );
    expect(await count('memberU')).toBe(2);
    expect((await inbox('memberU', '?unread=true')).map((n) => n.id)).not.toContain(first.id);
    // Paging: one at a time, newest first, following nextCursor.
    const page1 = (await (
      await f.call('/api/notifications?limit=2', { as: as['memberU'] })
    ).json()) as {
      items: InboxItem[];
      nextCursor: string | null;
      unread: number;
    };
    expect(page1.items).toHaveLength(2);
    expect(page1.unread).toBe(2);
    const page2 = (await (
      await f.call(`/api/notifications?limit=2&cursor=${page1.nextCursor ?? ''}`, {
        as: as['memberU'],
      })
    ).json()) as { items: InboxItem[]; nextCursor: string | null };
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    const all = await ok(
      await f.call('/api/notifications/read-all', { method: 'POST', as: as['memberU'] }),
    );
    expect(await all.json()).toEqual({ marked: 2 });
    expect(await count('memberU')).toBe(0);
    expect(await count('memberA')).toBe(3);
    await expectProblem(await f.call('/api/notifications'), 401);
    await expectProblem(await f.call('/api/notifications?page=2', { as: as['memberU'] }), 400);
    await smtp.waitFor(11);
  }, 30_000);

  it('sends by e-mail only the kinds each account chose', async () => {
    const before = (await (
      await ok(await f.call('/api/notification-preferences', { as: as['memberU'] }))
    ).json()) as { email: Record<string, boolean> };
    expect(before.email['seed_proposed']).toBe(true);
    const saved = await ok(
      await f.call('/api/notification-preferences', {
        method: 'PUT',
        as: as['memberU'],
        body: { email: { seed_proposed: false, seed_judged: false } },
      }),
    );
    expect(((await saved.json()) as { email: Record<string, boolean> }).email).toMatchObject({
      seed_proposed: false,
      seed_judged: false,
      disclosure_accepted: true,
    });
    await expectProblem(
      await f.call('/api/notification-preferences', {
        method: 'PUT',
        as: as['memberU'],
        body: { email: { everything: false } },
      }),
      422,
    );
    await runWorkflow();
    expect(await kinds('memberU')).toEqual(['disclosure_accepted', 'seed_judged', 'seed_proposed']);
    const outbox = await f.database.repos.notifications.listMail();
    expect(outbox.length).toBe(9);
    const mails = await smtp.waitFor(9);
    const toU = mails.filter((m) => m.to[0] === 'u@test.example');
    expect(toU).toHaveLength(1);
    expect(toU[0]?.subject).toContain('開示が承諾');
  }, 30_000);

  it('does not make a request wait for a slow mail server', async () => {
    smtp.hold(true);
    const started = Date.now();
    await runWorkflow();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(smtp.received).toHaveLength(0);
    expect(await kinds('memberU')).toHaveLength(3);
    smtp.hold(false);
    await smtp.waitFor(11);
  }, 30_000);
});
