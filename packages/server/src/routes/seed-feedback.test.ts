/**
 * Feedback to seed owners (where a seed was proposed, the judgement and the reason), profile
 * confirmation (flagged after 12 months, members remind), and moves that only go forward unless
 * a person chooses to go back.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTextPipeline, type TextPipeline } from '#services/matching/text-pipeline.ts';
import { createNotifier } from '#services/notifications/notifier.ts';
import { remindUnconfirmedProfiles } from '#services/notifications/profile-confirmation.ts';
import { buildNeed } from '#test/factories.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import {
  createApiFixture,
  expectProblem,
  type ApiFixture,
  type Credentials,
} from '../api-test-fixture.ts';

const SECRET_TITLE = '秘匿ニーズ ゼータ触媒 廃液回収';
const SECRET_DESCRIPTION = 'オメガ精錬 ラインの 銅イオン濃度 を下げたい';

type Item = { id: string; version: number; stage: string };
type Proposal = {
  consultationId: string;
  stage: string;
  judgement: { decision: string; reason?: string; reasonJa?: string; note?: string } | null;
  need: { visible: boolean; title?: string; digest?: { digestId: string } };
};

describe.each(TEST_DATABASES)('seed feedback and profile confirmation on $name', (kind) => {
  let text: TextPipeline;
  let f: ApiFixture;
  const as: Record<string, Credentials> = {};
  beforeAll(async () => {
    text = await createTextPipeline();
  }, 60_000);
  afterAll(async () => text.close());
  beforeEach(async () => {
    f = await createApiFixture(kind, {}, { text });
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
      ['viewer', 'viewer@test.example'],
      ['admin', 'admin@test.example'],
    ] as const)
      as[key] = await f.signIn(email);
  });
  afterEach(async () => {
    await f.close();
  });

  const ok = async (response: Response, status = 200) => {
    expect(response.status, await response.clone().text()).toBe(status);
    return response;
  };

  /** A confidential case run by the coordinator the owner assigned, with seed-u1 judged. */
  const judgedCase = async (): Promise<Item> => {
    const opened = (await (
      await ok(
        await f.call('/api/consultations', { as: as['memberA'], body: { needId: 'need-a-nda' } }),
        201,
      )
    ).json()) as Item;
    await ok(
      await f.call(`/api/needs/need-a-nda/assignments/${f.accounts.coordinator.id}`, {
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
      await f.call(`${path}/moves`, {
        as: as['coordinator'],
        body: { to: 'triage' },
        headers: { 'if-match': '"2"' },
      }),
    );
    await ok(
      await f.call(`${path}/candidates`, { as: as['coordinator'], body: { seedIds: ['seed-u1'] } }),
      201,
    );
    await ok(
      await f.call(`${path}/judgements`, {
        as: as['memberA'],
        body: {
          seedId: 'seed-u1',
          decision: 'rejected',
          reason: 'too_early_stage',
          note: 'オメガ精錬 には早い',
        },
      }),
      204,
    );
    return opened;
  };

  const proposals = async (who: string) => {
    const response = await f.call('/api/seeds/seed-u1/proposals', { as: as[who] });
    return { response, body: (await response.clone().json()) as { items: Proposal[] } };
  };

  it("shows a seed's owner the judgement and the reason, but a confidential need only by its digest", async () => {
    const c = await judgedCase();
    const { response, body } = await proposals('memberU');
    expect(response.status).toBe(200);
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({
      consultationId: c.id,
      stage: 'candidates_proposed',
      judgement: {
        decision: 'rejected',
        reason: 'too_early_stage',
        reasonJa: '研究段階が早すぎる',
      },
      need: { visible: false, confidentiality: 'confidential' },
    });
    const raw = await response.text();
    for (const word of [...SECRET_TITLE.split(' '), ...SECRET_DESCRIPTION.split(' ')])
      expect(raw, word).not.toContain(word);
    expect(raw).not.toContain('need-a-nda');

    // Once a digest is published, the owner of the seed sees the digest (not the need).
    await ok(
      await f.call('/api/needs/need-a-nda/digest', { method: 'POST', as: as['memberA'] }),
      201,
    );
    const withDigest = await proposals('memberU');
    expect(withDigest.body.items[0]?.need.digest?.digestId).toMatch(/^d-/);
    expect(withDigest.body.items[0]?.need.visible).toBe(false);

    // The coordinator assigned to the need sees the need and the note; that read is audited.
    const coordinator = await proposals('coordinator');
    expect(coordinator.body.items[0]?.need).toMatchObject({ visible: true, title: SECRET_TITLE });
    expect(coordinator.body.items[0]?.judgement?.note).toBe('オメガ精錬 には早い');
    const audit = (await (
      await f.call('/api/audit?entity=needs&action=read', { as: as['admin'] })
    ).json()) as { items: { accountId: string; entityId: string }[] };
    expect(audit.items.map((e) => [e.accountId, e.entityId])).toContainEqual([
      f.accounts.coordinator.id,
      'need-a-nda',
    ]);

    // Another organisation, a viewer and the anonymous public are refused.
    await expectProblem((await proposals('memberB')).response, 403);
    await expectProblem((await proposals('viewer')).response, 403);
    await expectProblem(await f.call('/api/seeds/seed-u1/proposals'), 401);
    await expectProblem(
      await f.call('/api/seeds/no-such-seed/proposals', { as: as['memberU'] }),
      404,
    );
  }, 30_000);

  it('moves only forward unless a person chooses to go back with a reason', async () => {
    const c = await judgedCase();
    const path = `/api/consultations/${c.id}`;
    const stages = async () =>
      (await (await ok(await f.call(`${path}/next-stages`, { as: as['coordinator'] }))).json()) as {
        stage: string;
        next: string[];
        back: string | null;
      };
    const version = async () =>
      ((await (await f.call(path, { as: as['coordinator'] })).json()) as { version: number })
        .version;
    const move = async (body: unknown) =>
      f.call(`${path}/moves`, {
        as: as['coordinator'],
        body,
        headers: { 'if-match': `"${await version()}"` },
      });
    await ok(await move({ to: 'meeting' }));
    await ok(await move({ to: 'agreement', agreementType: 'joint_research' }));
    expect(await stages()).toEqual({ stage: 'agreement', next: ['closed'], back: 'meeting' });
    // 合意 → 面談 is a move backwards: refused unless chosen, and then only with a reason.
    const refused = await expectProblem(await move({ to: 'meeting' }), 412);
    expect(String(refused['detail'])).toContain('back: true');
    await expectProblem(await move({ to: 'meeting', back: true }), 422);
    const back = await ok(
      await move({ to: 'meeting', back: true, reason: '条件の再交渉 / terms reopened' }),
    );
    expect(((await back.json()) as Item).stage).toBe('meeting');
    const history = (await (await f.call(`${path}/history`, { as: as['coordinator'] })).json()) as {
      items: { kind: string; toStage?: string; data: Record<string, unknown> }[];
    };
    expect(history.items.at(-1)).toMatchObject({
      kind: 'moved',
      toStage: 'meeting',
      data: { back: true, reason: '条件の再交渉 / terms reopened' },
    });
    await expectProblem(await f.call(`${path}/next-stages`, { as: as['memberB'] }), 404);
  }, 30_000);

  it('offers as coordinators of a confidential case only the accounts the server would accept', async () => {
    const c = await judgedCase();
    const path = `/api/consultations/${c.id}/coordinator-candidates`;
    const offered = async () =>
      (
        (await (await ok(await f.call(path, { as: as['coordinator'] }))).json()) as {
          items: { id: string; displayName: string; role: string; onCase: boolean }[];
        }
      ).items
        .filter((a) => !a.onCase)
        .map((a) => a.id);
    // The administrator may see every need; the other coordinator is not assigned to this one,
    // and the case's own coordinator is on it already.
    expect(await offered()).toEqual([f.accounts.admin.id]);
    await expectProblem(await f.call(path, { as: as['otherCoordinator'] }), 404);
    await expectProblem(
      await f.call(`/api/consultations/${c.id}/coordinators/${f.accounts.otherCoordinator.id}`, {
        method: 'PUT',
        as: as['coordinator'],
      }),
      403,
    );
    // Once the owner assigns the other coordinator to the need, the server offers and accepts it.
    await ok(
      await f.call(`/api/needs/need-a-nda/assignments/${f.accounts.otherCoordinator.id}`, {
        method: 'PUT',
        as: as['memberA'],
      }),
    );
    expect((await offered()).sort()).toEqual(
      [f.accounts.admin.id, f.accounts.otherCoordinator.id].sort(),
    );
    const answer = (await (await f.call(path, { as: as['coordinator'] })).json()) as {
      items: Record<string, unknown>[];
    };
    expect(Object.keys(answer.items[0] ?? {}).sort()).toEqual([
      'displayName',
      'id',
      'onCase',
      'role',
    ]);
    expect(answer.items.filter((a) => a['onCase'] === true).map((a) => a['id'])).toEqual([
      f.accounts.coordinator.id,
    ]);
    // Not a coordinator: refused; outside the case: as if absent.
    await expectProblem(await f.call(path, { as: as['memberA'] }), 403);
    await expectProblem(await f.call(path, { as: as['memberB'] }), 404);
  }, 30_000);

  it('flags a profile not confirmed for 12 months; its members confirm it and are reminded', async () => {
    const confirmation = async () =>
      (await (
        await ok(await f.call('/api/actors/uni-u/confirmation', { as: as['memberU'] }))
      ).json()) as {
        confirmedAt: string | null;
        needsConfirmation: boolean;
      };
    expect(await confirmation()).toMatchObject({ confirmedAt: null, needsConfirmation: true });
    // Another organisation, a coordinator and a viewer cannot confirm it for them.
    for (const who of ['memberA', 'coordinator', 'viewer'])
      await expectProblem(
        await f.call('/api/actors/uni-u/confirm', { method: 'POST', as: as[who] }),
        403,
      );
    await expectProblem(await f.call('/api/actors/uni-u/confirm', { method: 'POST' }), 401);

    const sink = createNotifier({ repos: f.database.repos, clock: f.clock });
    expect(await remindUnconfirmedProfiles(f.database.repos, f.clock, sink)).toEqual(
      expect.arrayContaining(['uni-u', 'co-a', 'co-b']),
    );
    // Not reminded again within 30 days.
    expect(await remindUnconfirmedProfiles(f.database.repos, f.clock, sink)).toEqual([]);
    const inbox = (await (await f.call('/api/notifications', { as: as['memberU'] })).json()) as {
      items: { kind: string; link: string; titleEn: string }[];
    };
    expect(inbox.items).toEqual([
      expect.objectContaining({
        kind: 'profile_unconfirmed',
        link: '/actors/uni-u',
        titleEn: expect.stringContaining('never confirmed'),
      }),
    ]);

    await ok(await f.call('/api/actors/uni-u/confirm', { method: 'POST', as: as['memberU'] }));
    expect(await confirmation()).toEqual({
      actorId: 'uni-u',
      confirmedAt: '2025-06-01',
      needsConfirmation: false,
    });
    // A year later it needs confirming again, and its members are reminded once more.
    f.clock.advance(365 * 86_400_000);
    as['memberU'] = await f.signIn('u@test.example');
    expect((await confirmation()).needsConfirmation).toBe(true);
    expect(await remindUnconfirmedProfiles(f.database.repos, f.clock, sink)).toContain('uni-u');
  }, 30_000);
});
